// SPDX-License-Identifier: GPL-3.0-or-later
// The NAS Service tab against a real calibra-nas on loopback (mutual TLS): a project
// submitted from the tab runs there, its state shows in the table, and the finished run
// is fetched into a folder and opened like a local run; the connection and the request
// are remembered.
#include "BoardTestService.h"
#include "NasPanel.h"
#include "SmallRuns.h"
#include "pipeline/RunSnapshot.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace calibra;
using namespace calibra::widgets;

class TestNasPanel : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("settings"));
    }

    void aSubmittedProjectIsFollowedFetchedAndOpened()
    {
        const QString certs = m_dir.filePath("certs");
        QCOMPARE(QProcess::execute("bash", {CALIBRA_SOURCE_DIR "/scripts/make-dev-certs.sh", certs, "calibra"}), 0);
        QFile config(m_dir.filePath("nas.yaml"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("format: calibra-nas-config\nversion: 1\nlisten: 127.0.0.1:0\n"
                                    "tls: {ca: %1/ca.pem, cert: %1/server.pem, key: %1/server.key}\n"
                                    "clients: [calibra]\nruns: %2\nworker: " CALIBRA_CLI "\n")
                         .arg(certs, m_dir.filePath("nas-runs"))
                         .toUtf8());
        config.close();
        BoardTestService service(config.fileName(), QStringLiteral(CALIBRA_NAS));
        QVERIFY2(!service.address().empty(), service.output().constData());

        pipeline::Project p = smallResNetProject(m_dir.path(), "small");
        p.estimator = supernet::EstimatorKind::Params;
        p.search.generations = 1;
        QFile project(QString::fromStdString(p.file));
        QVERIFY(project.open(QIODevice::WriteOnly));
        project.write(QByteArray::fromStdString(pipeline::projectToYaml(p)));
        project.close();

        NasPanel panel;
        panel.resize(1366, 768);
        panel.setConnection({service.address(), (certs + "/ca.pem").toStdString(),
                             (certs + "/calibra.pem").toStdString(), (certs + "/calibra.key").toStdString(), 30});
        QSignalSpy refreshed(&panel, &NasPanel::refreshed);
        panel.submit(project.fileName());
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(panel.requestIds().size(), 1);
        QVERIFY2(panel.status().contains("Submitted"), qPrintable(panel.status()));
        const QString id = panel.requestIds().first();
        const auto state = [&] {
            return panel.table()->rowCount() == 1 ? panel.table()->item(0, 1)->data(Qt::UserRole).toString()
                                                  : QString();
        };
        for (int i = 0; i < 120 && state() != QLatin1String("finished"); ++i) {
            QTest::qWait(250);
            panel.refresh();
            refreshed.wait(10000);
        }
        QCOMPARE(state(), QString("finished"));
        QCOMPARE(panel.table()->item(0, 1)->text(), QString("finished")); // the English word in English
        QCOMPARE(QSettings().value("nas/requests").toStringList(), QStringList{id});
        QCOMPARE(QSettings().value("nas/service").toString(), QString::fromStdString(service.address()));

        QSignalSpy opened(&panel, &NasPanel::openRun);
        panel.fetch(id, m_dir.filePath("runs"));
        QVERIFY(opened.wait(30000));
        const QString dir = opened.first().first().toString();
        const pipeline::RunSnapshot run = pipeline::readRunSnapshot(dir.toStdString());
        QCOMPARE(run.status, pipeline::RunStatus::Finished);
        QVERIFY(QFile::exists(dir + "/final_model.onnx"));
    }
};

QTEST_MAIN(TestNasPanel)
#include "tst_naspanel.moc"
