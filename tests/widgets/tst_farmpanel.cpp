// SPDX-License-Identifier: GPL-3.0-or-later
// The Farm tab against a real Slurm cluster on 127.0.0.1 (one node): an unreachable
// Slurm is explained; a project submitted from the panel is listed as a search with
// its run directory, Follow Run hands that directory on and the Runs tab follows the
// run to its end; a job cancelled from the panel leaves the queue. Without the cluster
// (not root, or Slurm not installed) only the first part runs.
#include "ConnectionPanel.h"
#include "FarmPanel.h"
#include "RunPanel.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "project/Project.h"

#include "RequireSlurm.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace calibra;
using widgets::FarmPanel;

class TestFarmPanel : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString writeProject(const QString &name, int generations)
    {
        graph::NetworkBuilder b("ref");
        auto x = b.input("image", {1, 1, 28, 28});
        x = b.activation(graph::OpType::ReLU, b.conv(x, "c1", 16, 3, 2), "a1");
        x = b.op(graph::OpType::GlobalAveragePool, "gap", {x});
        x = b.op(graph::OpType::Flatten, "flat", {x});
        graph::saveNetwork(b.build({b.linear(x, "fc", 10)}), m_dir.filePath("ref.yaml").toStdString());
        pipeline::Project p;
        p.name = name.toStdString();
        p.reference = m_dir.filePath("ref.yaml").toStdString();
        p.platform = "builtin:edge-npu-s";
        p.estimator = supernet::EstimatorKind::Params;
        p.mode = pipeline::Mode::Offline;
        p.search.population = 8;
        p.search.generations = generations;
        p.finalTraining.epochs = 0;
        QFile f(m_dir.filePath(name + ".yaml"));
        f.open(QIODevice::WriteOnly);
        f.write(QByteArray::fromStdString(pipeline::projectToYaml(p)));
        return f.fileName();
    }

    QPushButton *button(FarmPanel &panel, const QString &text)
    {
        for (QPushButton *b : panel.findChildren<QPushButton *>())
            if (b->text() == text)
                return b;
        return nullptr;
    }

private Q_SLOTS:
    void anUnreachableSlurmIsExplained()
    {
        FarmPanel panel;
        QSignalSpy refreshed(&panel, &FarmPanel::refreshed);
        panel.setSlurmConf(m_dir.filePath("no-such-slurm.conf"));
        QVERIFY(refreshed.wait(30000));
        QVERIFY2(panel.status().startsWith("Slurm: "), qPrintable(panel.status()));
        QVERIFY2(panel.status().contains("no-such-slurm.conf"), qPrintable(panel.status())); // what is missing
        QCOMPARE(panel.table()->rowCount(), 0);
    }

    void aFarmProjectCanOnlyBeChosenWithItsSettings()
    {
        widgets::ConnectionPanel connection;
        auto *kind = connection.findChild<QComboBox *>();
        connection.setValidator(pipeline::ValidatorKind::Farm, {}, false); // no farm section: not offered
        QCOMPARE(connection.validator(), pipeline::ValidatorKind::Simulator);
        connection.setValidator(pipeline::ValidatorKind::Farm, {}, true);
        QCOMPARE(connection.validator(), pipeline::ValidatorKind::Farm);
        QVERIFY(kind->findData(int(pipeline::ValidatorKind::Farm)) >= 0);
    }

    void submitFollowAndCancel()
    {
        if (!slurmCanRun(__FILE__, __LINE__))
            return;
        SlurmTestCluster cluster(m_dir.filePath("slurm"), 1);
        QVERIFY2(cluster.start(), qPrintable(cluster.error()));
        // Jobs inherit the submitter's environment: they find calibra-cli (built beside
        // the GUI, not beside this test) on the PATH, and Slurm's configuration.
        qputenv("PATH", QFileInfo(QStringLiteral(CALIBRA_CLI)).absolutePath().toUtf8() + ':' + qgetenv("PATH"));
        qputenv("SLURM_CONF", cluster.slurmConf().toUtf8());
        FarmPanel panel;
        panel.resize(1000, 400);
        panel.show();
        QSignalSpy refreshed(&panel, &FarmPanel::refreshed);
        QSignalSpy submitted(&panel, &FarmPanel::submitted);
        panel.setSlurmConf(cluster.slurmConf());
        QVERIFY(refreshed.wait(30000));
        QVERIFY2(panel.status().contains("No Calibra jobs"), qPrintable(panel.status()));

        const QString runs = m_dir.filePath("runs");
        panel.submit({writeProject("quick", 3)}, runs);
        QTRY_COMPARE_WITH_TIMEOUT(submitted.size(), 1, 30000);
        QVERIFY2(submitted.first().at(0).toBool(), qPrintable(submitted.first().at(1).toString()));
        QVERIFY(panel.status().contains("Submitted job"));
        QCOMPARE(panel.table()->rowCount(), 1);
        QCOMPARE(panel.table()->item(0, 1)->text(), QStringLiteral("search"));
        QCOMPARE(panel.table()->item(0, 5)->text(), runs + "/quick");

        // Follow: the panel hands the run directory on; the Runs tab follows it to its end.
        panel.table()->selectRow(0);
        QSignalSpy follow(&panel, &FarmPanel::followRun);
        QPushButton *followButton = button(panel, "Follow Run");
        QVERIFY(followButton && followButton->isEnabled());
        QTest::mouseClick(followButton, Qt::LeftButton);
        QCOMPARE(follow.size(), 1);
        QCOMPARE(follow.first().at(0).toString(), runs + "/quick");
        widgets::RunPanel runPanel;
        QVERIFY(runPanel.followRun(runs + "/quick"));
        QVERIFY(runPanel.isFollowing());
        QTRY_VERIFY_WITH_TIMEOUT(!runPanel.isFollowing(), 60000); // stops when the run ends
        QVERIFY2(runPanel.status().contains("finished"), qPrintable(runPanel.status()));
        QVERIFY(runPanel.snapshot() && !runPanel.snapshot()->searches.empty());

        // Cancel from the panel: the job leaves the queue, its run directory stays.
        panel.submit({writeProject("long", 5000)}, runs);
        QTRY_COMPARE_WITH_TIMEOUT(submitted.size(), 2, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.table()->rowCount() == 1, 30000);
        const QString id = panel.table()->item(0, 0)->text();
        QStringList ids{id};
        const QByteArray shots = qgetenv("CALIBRA_SCREENSHOT_DIR"); // the README's screenshot, when asked
        if (!shots.isEmpty()) {
            panel.submit({writeProject("long-b", 5000)}, runs);
            QTRY_COMPARE_WITH_TIMEOUT(submitted.size(), 3, 30000);
            const auto bothRunning = [&] {
                panel.refresh();
                return refreshed.wait(10000) && panel.table()->rowCount() == 2
                       && panel.table()->item(1, 6)->text().contains("validations");
            };
            QTRY_VERIFY_WITH_TIMEOUT(bothRunning(), 60000);
            panel.table()->selectRow(0);
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(shots) + "/farm-panel.png"));
            ids << panel.table()->item(1, 0)->text();
        }
        panel.cancelJobs(ids);
        QTRY_VERIFY_WITH_TIMEOUT(panel.status().contains(QStringLiteral("Cancelled %1 job").arg(ids.size())), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!cluster.client("squeue", {"-h", "-o", "%i"}).contains(id), 30000);
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(panel.table()->rowCount(), 0, 30000);
    }
};

QTEST_MAIN(TestFarmPanel)
#include "tst_farmpanel.moc"
