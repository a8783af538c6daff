// SPDX-License-Identifier: GPL-3.0-or-later
// The NAS Service tab against a real calibra-nas on loopback (mutual TLS): a project
// submitted from the tab runs there, its state shows in the table, the running search is
// mirrored into a folder that reads as a live run (growing, "running") and, once it ends,
// as the finished run with its report and final model; the last progress line is in the
// interface's language; the connection and the request are remembered.
#include "BoardTestService.h"
#include "NasPanel.h"
#include "SmallRuns.h"
#include "TranslatedText.h"
#include "Translations.h"
#include "pipeline/RunLock.h"
#include "pipeline/RunSnapshot.h"

#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTranslator>
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

    void aSubmittedProjectIsFollowedWhileItRunsAndToItsEnd()
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
        p.search.generations = 600; // long enough to be seen running (about 10 s)
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

        // Followed while it runs: the mirror reads as a live run, and grows.
        QSignalSpy followed(&panel, &NasPanel::followRun);
        panel.follow(id, m_dir.filePath("runs"));
        QVERIFY(followed.wait(30000));
        const QString dir = followed.first().first().toString();
        QCOMPARE(panel.followedRequest(), id);
        const auto mirrored = [&]() -> std::optional<pipeline::RunSnapshot> {
            try {
                return pipeline::readRunSnapshot(dir.toStdString());
            } catch (const std::exception &) {
                return std::nullopt; // no store copied yet
            }
        };
        size_t firstEvents = 0;
        QTRY_VERIFY_WITH_TIMEOUT(mirrored() && !mirrored()->searches.empty(), 60000);
        {
            const auto live = mirrored();
            QCOMPARE(live->status, pipeline::RunStatus::Running); // the panel holds the mirror's lock
            firstEvents = live->events.size();
        }
        QTRY_VERIFY_WITH_TIMEOUT(mirrored() && mirrored()->events.size() > firstEvents, 60000);

        // Followed to its end: the finished run, whole, and the lock let go.
        QTRY_VERIFY_WITH_TIMEOUT(panel.followedRequest().isEmpty(), 300000);
        const pipeline::RunSnapshot run = pipeline::readRunSnapshot(dir.toStdString());
        QCOMPARE(run.status, pipeline::RunStatus::Finished);
        QVERIFY(run.events.size() > firstEvents);
        QVERIFY(QFile::exists(dir + "/final_model.onnx"));
        QVERIFY(QFile::exists(dir + "/report.html"));
        QVERIFY(!pipeline::RunLock::isHeld(dir.toStdString()));
        QCOMPARE(followed.size(), 1);

        panel.refresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(state(), QString("finished"));
        QCOMPARE(panel.table()->item(0, 1)->text(), QString("finished")); // the English word in English
        QCOMPARE(QSettings().value("nas/requests").toStringList(), QStringList{id});
        QCOMPARE(QSettings().value("nas/service").toString(), QString::fromStdString(service.address()));

        // The last progress line in the interface's language, as the Runs tab shows events.
        QCOMPARE(installTranslations(*qApp, QStringLiteral("zh_TW")), QStringLiteral("zh_TW"));
        panel.refresh();
        QVERIFY(refreshed.wait(10000));
        const QString last = panel.table()->item(0, 3)->text();
        QCOMPARE(last, eventText(run.events.back()));
        QVERIFY2(last != QString::fromStdString(run.events.back().message), qPrintable(last));
        for (QTranslator *t : qApp->findChildren<QTranslator *>()) { // back to English
            qApp->removeTranslator(t);
            delete t;
        }

        // A second request, from memory as the Runs tab submits it, is followed at once;
        // cancelled while it runs, then resumed from the tab, it ends finished.
        panel.submitAndFollow(p, m_dir.filePath("runs"));
        QTRY_COMPARE_WITH_TIMEOUT(panel.requestIds().size(), 2, 30000);
        const QString second = panel.requestIds().last();
        QTRY_COMPARE_WITH_TIMEOUT(followed.size(), 2, 30000);
        QCOMPARE(followed.last().first().toString(), m_dir.filePath("runs/nas-" + second));
        const auto stateOf = [&](const QString &request) {
            for (int row = 0; row < panel.table()->rowCount(); ++row)
                if (panel.table()->item(row, 0)->text() == request)
                    return panel.table()->item(row, 1)->data(Qt::UserRole).toString();
            return QString();
        };
        const auto refreshUntil = [&](const QString &request, const QString &wanted) {
            for (int i = 0; i < 600 && stateOf(request) != wanted; ++i) {
                panel.refresh();
                refreshed.wait(1000);
            }
            return stateOf(request);
        };
        QCOMPARE(refreshUntil(second, "running"), QString("running"));
        panel.cancelRequest(second);
        QCOMPARE(refreshUntil(second, "cancelled"), QString("cancelled"));
        panel.table()->selectRow(panel.requestIds().indexOf(second));
        const auto button = [&](const QString &text) -> QPushButton * {
            for (QPushButton *b : panel.findChildren<QPushButton *>())
                if (b->text() == text)
                    return b;
            return nullptr;
        };
        QVERIFY(button("Resume Request") && button("Resume Request")->isEnabled());
        QVERIFY(button("Cancel Request") && !button("Cancel Request")->isEnabled());
        button("Resume Request")->click();
        QCOMPARE(refreshUntil(second, "finished"), QString("finished"));
    }

    // Nothing to submit to: said at once, for the Runs tab to show.
    void submittingWithoutAServiceSaysSo()
    {
        NasPanel panel;
        panel.setConnection({});
        QSignalSpy failed(&panel, &NasPanel::followFailed);
        panel.submitAndFollow(smallResNetProject(m_dir.path(), "nowhere"), m_dir.filePath("runs"));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains("Name the NAS service"),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(panel.followedRequest().isEmpty());
    }
};

QTEST_MAIN(TestNasPanel)
#include "tst_naspanel.moc"
