// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs tab's validator panel: a real calibra-board on loopback answers "Test
// Connection" (off the GUI thread), a wrong address or a client the service does not
// authorize is reported with the reason, and a run started from the panel validates on
// the board the panel names.
#include "ConnectionPanel.h"
#include "RunPanel.h"

#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace calibra;
using namespace calibra::widgets;

class TestConnectionPanel : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QProcess m_service;
    std::string m_address;

    validate::BoardConnection connection(const char *client) const
    {
        validate::BoardConnection c;
        c.services = {m_address};
        c.caFile = m_dir.filePath("ca.pem").toStdString();
        c.certFile = m_dir.filePath(QString("%1.pem").arg(client)).toStdString();
        c.keyFile = m_dir.filePath(QString("%1.key").arg(client)).toStdString();
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        chmod(m_dir.path().toLocal8Bit().constData(), 0755);
        QCOMPARE(QProcess::execute(
                     "bash", {CALIBRA_SOURCE_DIR "/scripts/make-dev-certs.sh", m_dir.path(), "calibra", "stranger"}),
                 0);
        QFile config(m_dir.filePath("board.yaml"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QString("format: calibra-board-config\nversion: 1\nlisten: 127.0.0.1:0\n%1"
                             "tls: {ca: ca.pem, cert: server.pem, key: server.key}\nclients: [{name: calibra}]\n"
                             "backend: {kind: simulator, platform: builtin:edge-npu-s}\n")
                         .arg(geteuid() == 0 ? "user: nobody\n" : "")
                         .toUtf8());
        config.close();
        m_service.start(CALIBRA_BOARD, {"--config", config.fileName()});
        QByteArray out;
        while (!out.contains("listening on") && m_service.waitForReadyRead(20000))
            out += m_service.readAllStandardOutput();
        m_address = QRegularExpression("listening on (\\S+)").match(QString::fromUtf8(out)).captured(1).toStdString();
        QVERIFY2(!m_address.empty(), out.constData());
    }

    void cleanupTestCase()
    {
        m_service.kill();
        m_service.waitForFinished();
    }

    void testConnectionShowsEachService()
    {
        ConnectionPanel panel;
        panel.setValidator(pipeline::ValidatorKind::Board, connection("calibra"));
        QSignalSpy tested(&panel, &ConnectionPanel::tested);
        panel.testConnection();
        QVERIFY(tested.wait(15000));
        QCOMPARE(tested.first().first().toBool(), true);
        QVERIFY2(panel.status().contains("connected (simulator on edge-npu-s)"), qPrintable(panel.status()));

        // A second, wrong address: reported with the reason, the good one still listed.
        panel.servicesEdit()->setText(QString::fromStdString(m_address) + ", 127.0.0.1:1");
        panel.testConnection();
        QVERIFY(tested.wait(15000));
        QVERIFY(panel.status().contains("connected"));
        QVERIFY2(panel.status().contains("127.0.0.1:1: FAILED"), qPrintable(panel.status()));
        QCOMPARE(panel.connection().services.size(), size_t(2));
    }

    void unauthorizedClientIsExplained()
    {
        ConnectionPanel panel;
        panel.setValidator(pipeline::ValidatorKind::Board, connection("stranger"));
        QSignalSpy tested(&panel, &ConnectionPanel::tested);
        panel.testConnection();
        QVERIFY(tested.wait(15000));
        QCOMPARE(tested.first().first().toBool(), false);
        QVERIFY2(panel.status().contains("'stranger' is not authorized"), qPrintable(panel.status()));
    }

    void runFromThePanelValidatesOnTheBoard()
    {
        pipeline::Project p = pipeline::demoProject();
        p.estimator = supernet::EstimatorKind::Params;
        p.search.population = 6;
        p.search.generations = 1;
        p.checkSamples = 4;
        p.aggPredefined = p.aggOperations = p.aggStructural = 1;
        p.finalTraining.epochs = 0;
        RunPanel panel;
        panel.setProject(p);
        QCOMPARE(panel.connectionPanel()->validator(), pipeline::ValidatorKind::Simulator);
        panel.connectionPanel()->setValidator(pipeline::ValidatorKind::Board, connection("calibra"));
        QCOMPARE(panel.projectToRun().validator, pipeline::ValidatorKind::Board);
        QSignalSpy finished(&panel, &RunPanel::runFinished);
        QVERIFY(panel.start(m_dir.filePath("run")));
        QVERIFY(finished.wait(300000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(panel.status() + "\n" + panel.log()));
        QVERIFY(panel.lastResult().validations > 0);
        QVERIFY(panel.log().contains("final model"));
    }

    // A project that works through a finetuning service: the panel says so, its own
    // validator choice is off, and the run keeps the service.
    void aFinetuningServiceProjectSaysWhoValidates()
    {
        pipeline::Project p = pipeline::demoProject();
        p.finetuner.address = "finetuner.example:50061";
        p.finetuner.platformId = "npu-a";
        RunPanel panel;
        panel.setProject(p);
        QVERIFY(!panel.connectionPanel()->servicesEdit()->isEnabled());
        QVERIFY2(panel.connectionPanel()->status().contains("finetuner.example:50061")
                     && panel.connectionPanel()->status().contains("npu-a"),
                 qPrintable(panel.connectionPanel()->status()));
        QCOMPARE(panel.projectToRun().finetuner.address, p.finetuner.address);
        panel.setProject(pipeline::demoProject());
        QVERIFY(!panel.connectionPanel()->status().contains("finetuner.example"));
    }
};

QTEST_MAIN(TestConnectionPanel)
#include "tst_connectionpanel.moc"
