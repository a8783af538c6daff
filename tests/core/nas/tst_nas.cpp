// SPDX-License-Identifier: GPL-3.0-or-later
// The three services on loopback, each with its own CA and certificates: calibra-nas runs
// a submitted project in a container of its own (a calibra-cli worker), which checks and
// finetunes through calibra-finetuner, which validates on calibra-board. A search made
// this way validates, decides and ends as the same run in process; two requests at once
// get two containers; a request is cancelled; the service refuses what it must.
#include "BoardTestService.h"
#include "SmallRuns.h"
#include "nasclient/NasClient.h"
#include "pipeline/RunSnapshot.h"
#include "pipeline/RunStore.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <unistd.h>

using namespace calibra;
using namespace calibra::pipeline;

// `signal` to every process whose command line names `text` (pkill -f, without procps).
int signalProcessesNaming(const QString &text, int signal)
{
    int sent = 0;
    for (const QString &pid : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool number = false;
        const int id = pid.toInt(&number);
        QFile cmdline("/proc/" + pid + "/cmdline");
        if (!number || id == getpid() || !cmdline.open(QIODevice::ReadOnly))
            continue;
        if (QString::fromLocal8Bit(cmdline.readAll().replace('\0', ' ')).contains(text) && ::kill(id, signal) == 0)
            ++sent;
    }
    return sent;
}

class TestNas : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_certs; // the NAS service's CA, its certificate and its clients'
    std::unique_ptr<BoardTestService> m_board, m_finetuner, m_nas;
    Project m_base;

    QString write(const QString &name, const QString &text)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text.toUtf8());
        return f.fileName();
    }

    nas::NasConnection connection(const QString &client = "calibra") const
    {
        return {m_nas->address(), (m_certs + "/ca.pem").toStdString(), (m_certs + "/" + client + ".pem").toStdString(),
                (m_certs + "/" + client + ".key").toStdString(), 60};
    }

    // The project file a client submits: through the finetuning service, with the
    // client's own certificate paths (the NAS service uses its own).
    QString remoteProjectFile(const QString &name, uint64_t seed, int generations, Project p)
    {
        p.search.seed = seed;
        p.search.generations = generations;
        p.platform.clear();
        p.predictor.clear();
        p.finetuner.address = m_finetuner->address();
        p.finetuner.platformId = "npu-a";
        p.finetuner.caFile = "/client/only/ca.pem";
        p.finetuner.certFile = "/client/only/me.pem";
        p.finetuner.keyFile = "/client/only/me.key";
        p.file = m_dir.filePath(name).toStdString();
        return write(name, QString::fromStdString(projectToYaml(p)));
    }

    // A search that runs for a while (about 400 generations of the small supernet).
    std::string longProjectFile(const QString &name, int generations = 400)
    {
        Project p = m_base;
        p.search.generations = generations;
        return write(name, QString::fromStdString(projectToYaml(p))).toStdString();
    }

    static QString waitForEnd(nas::NasClient &client, const std::string &id)
    {
        QString state;
        for (int i = 0; i < 1200; ++i) {
            state = QString::fromStdString(client.status(id).state());
            if (state != "queued" && state != "running")
                return state;
            QTest::qWait(100);
        }
        return state;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed (scripts/setup.sh installs it)");
        m_certs = m_dir.filePath("certs");
        QCOMPARE(QProcess::execute("bash", {CALIBRA_SOURCE_DIR "/scripts/make-dev-certs.sh", m_certs, "calibra",
                                            "intruder", "nas-host"}),
                 0);
        const QString tls =
            QStringLiteral("tls: {ca: %1/ca.pem, cert: %1/server.pem, key: %1/server.key}\n").arg(m_certs);
        m_finetuner = std::make_unique<BoardTestService>(
            write("finetuner.yaml", "format: calibra-finetuner-config\nversion: 1\nlisten: 127.0.0.1:0\n" + tls
                                        + "clients: [nas-host]\nstore: " + m_dir.filePath("finetuner-store")
                                        + "\nplatforms:\n  - {id: npu-a, platform: builtin:edge-npu-s}\n"),
            QStringLiteral(CALIBRA_FINETUNER));
        QVERIFY2(!m_finetuner->address().empty(), m_finetuner->output().constData());
        m_nas = std::make_unique<BoardTestService>(
            write("nas.yaml", "format: calibra-nas-config\nversion: 1\nlisten: 127.0.0.1:0\n" + tls
                                  + "clients: [calibra]\nruns: " + m_dir.filePath("nas-runs")
                                  + "\nworker: " CALIBRA_CLI "\nmax_running: 2\n"
                                    "finetuner_tls: {ca: "
                                  + m_certs + "/ca.pem, cert: " + m_certs + "/nas-host.pem, key: " + m_certs
                                  + "/nas-host.key}\n"),
            QStringLiteral(CALIBRA_NAS));
        QVERIFY2(!m_nas->address().empty(), m_nas->output().constData());
        // Checks that pass: no finetune, so two runs at once on the same key cannot start
        // from each other's predictors, and each equals its run in process.
        m_base = withChecks(smallResNetProject(m_dir.path(), "small"), Mode::Both, true);
        m_base.estimator = supernet::EstimatorKind::Params;
    }

    // Two requests at once: two containers (request directories, run directories and run
    // ids of their own), each ending on the final model of the same run in process; the
    // NAS host's files hold no platform description; the result comes back whole.
    void twoRequestsRunInContainersOfTheirOwn()
    {
        nas::NasClient client(connection());
        const std::string a = client.submit(remoteProjectFile("a.yaml", 5, 2, m_base).toStdString());
        const std::string b = client.submit(remoteProjectFile("b.yaml", 6, 2, m_base).toStdString());
        QVERIFY(a != b);
        QCOMPARE(waitForEnd(client, a), QString("finished"));
        QCOMPARE(waitForEnd(client, b), QString("finished"));

        const QString runA = m_dir.filePath(QString::fromStdString("nas-runs/" + a + "/run"));
        const QString runB = m_dir.filePath(QString::fromStdString("nas-runs/" + b + "/run"));
        const RunStore storeA(runA.toStdString(), false), storeB(runB.toStdString(), false);
        QVERIFY(storeA.meta("run_id") && storeB.meta("run_id"));
        QVERIFY(*storeA.meta("run_id") != *storeB.meta("run_id"));

        for (const auto &[id, seed] : {std::pair{a, 5}, std::pair{b, 6}}) {
            Project local = m_base;
            local.search.seed = uint64_t(seed);
            local.search.generations = 2;
            const RunResult expected = runCollecting(local, m_dir.filePath(QString("local-%1").arg(seed)));
            QVERIFY2(expected.ok, expected.error.c_str());
            const nas::v1::ResultReply r = client.result(id);
            const QJsonObject report = QJsonDocument::fromJson(QByteArray::fromStdString(r.report_json())).object();
            const QJsonObject finalModel = report.value("final_model").toObject();
            QCOMPARE(finalModel.value("genotype").toString().toStdString(), genotypeText(expected.final.genotype));
            QCOMPARE(report.value("validations").toInt(), expected.validations);
            QVERIFY(r.final_model_onnx().size() > 1000);
            // A caller that mirrors the store through snapshots leaves it out of the result.
            const nas::v1::ResultReply withoutStore = client.result(id, nas::NasClient::StoreCopy::Omit);
            QVERIFY(withoutStore.run_store().empty());
            QCOMPARE(withoutStore.report_json(), r.report_json());
            QCOMPARE(withoutStore.final_model_onnx(), r.final_model_onnx());
            // The fetched store makes a run directory of its own, read like any other.
            const QString fetched = m_dir.filePath(QString::fromStdString("fetched-" + id));
            QVERIFY(QDir().mkpath(fetched));
            QFile store(fetched + "/run.sqlite");
            QVERIFY(store.open(QIODevice::WriteOnly));
            store.write(r.run_store().data(), qint64(r.run_store().size()));
            store.close();
            const RunSnapshot run = readRunSnapshot(fetched.toStdString());
            QCOMPARE(run.status, RunStatus::Finished);
            QCOMPARE(int(run.searches.front().size()), 3); // generations 0, 1 and 2
            QVERIFY(run.project.finetuner.enabled());
            QVERIFY(QString::fromStdString(r.report_html()).contains("npu-a"));
            // Its user reaches the report through the service, not at a path on its host.
            const QString last = QString::fromStdString(client.status(id).last_message());
            QVERIFY2(last.contains("report from the NAS service: calibra-cli nas fetch " + QString::fromStdString(id)),
                     qPrintable(last));
        }

        QDirIterator files(m_dir.filePath("nas-runs"), QDir::Files, QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            ++read;
            for (const char *marker : {"calibra-platform", "nominal_volts", "energy_pj", "/client/only/"})
                QVERIFY2(!bytes.contains(marker), qPrintable(f.fileName() + " holds " + marker));
        }
        QVERIFY(read >= 8);
    }

    // Mode both with checks that always fail, through the three services: the same checks
    // and decisions, the same finetunes (to the held-out loss), the same validations by
    // purpose and the same final model as the run in process.
    void aSearchThroughTheThreeServicesMatchesTheRunInProcess()
    {
        const QString file = remoteProjectFile("both.yaml", 3, 2, withChecks(m_base, Mode::Both, false));
        nas::NasClient client(connection());
        const std::string id = client.submit(file.toStdString());
        QCOMPARE(waitForEnd(client, id), QString("finished"));
        Project local = withChecks(m_base, Mode::Both, false);
        local.search.seed = 3;
        local.search.generations = 2;
        const RunResult expected = runCollecting(local, m_dir.filePath("local-both"));
        QVERIFY2(expected.ok, expected.error.c_str());

        const RunStore remote(m_dir.filePath(QString::fromStdString("nas-runs/" + id + "/run")).toStdString(), false);
        const RunStore inProcess(m_dir.filePath("local-both").toStdString(), false);
        const std::vector<StoredCheck> checks = remote.checks(), expectedChecks = inProcess.checks();
        QCOMPARE(checks.size(), expectedChecks.size());
        for (size_t i = 0; i < checks.size(); ++i) {
            QCOMPARE(checks[i].summary.decision, expectedChecks[i].summary.decision);
            QCOMPARE(checks[i].samples.size(), expectedChecks[i].samples.size());
        }
        const std::vector<FinetuneSummary> finetunes = remote.finetunes(), expectedFinetunes = inProcess.finetunes();
        QCOMPARE(finetunes.size(), expectedFinetunes.size());
        QVERIFY(!finetunes.empty());
        for (size_t i = 0; i < finetunes.size(); ++i) {
            QCOMPARE(finetunes[i].adopted, expectedFinetunes[i].adopted);
            QVERIFY(finetunes[i].heldOutLossAfter == expectedFinetunes[i].heldOutLossAfter);
            QVERIFY(finetunes[i].composition == expectedFinetunes[i].composition);
        }
        QVERIFY(remote.validationCounts().byPurpose == inProcess.validationCounts().byPurpose);
        const QJsonObject report =
            QJsonDocument::fromJson(QByteArray::fromStdString(client.result(id).report_json())).object();
        QCOMPARE(report.value("final_model").toObject().value("genotype").toString().toStdString(),
                 genotypeText(expected.final.genotype));
    }

    // A long search, cancelled while it runs: it stops as on Ctrl-C (resumable), its
    // events end with the cancellation, and it has no result.
    // Cancelled, a search says how to go on (through the service: its run directory is
    // not the client's); resumed, it finishes in the same run.
    void aRunningRequestIsCancelledAndResumed()
    {
        nas::NasClient client(connection());
        const std::string id = client.submit(remoteProjectFile("long.yaml", 7, 400, m_base).toStdString());
        QTRY_VERIFY_WITH_TIMEOUT(client.status(id).events() >= 3, 60000);
        QVERIFY(client.cancel(id));
        QCOMPARE(waitForEnd(client, id), QString("cancelled"));
        QString last;
        client.watch(id, 0, [&](const nas::v1::Event &e) {
            last = QString::fromStdString(e.message());
            return true;
        });
        QVERIFY2(last.contains("cancelled")
                     && last.endsWith("continue it with: calibra-cli nas resume " + QString::fromStdString(id)),
                 qPrintable(last));
        try {
            client.result(id);
            QFAIL("a cancelled request had a result");
        } catch (const nas::NasError &e) {
            QVERIFY2(QString(e.what()).contains("is cancelled"), e.what());
        }
        QVERIFY(!client.cancel("no-such-request"));

        const std::string runDir = m_dir.filePath("nas-runs/" + QString::fromStdString(id) + "/run").toStdString();
        const std::string runId = *RunStore(runDir, RunStore::ReadOnly{}).meta("run_id");
        client.resume(id);
        QCOMPARE(waitForEnd(client, id), QString("finished"));
        QCOMPARE(int(readRunSnapshot(runDir).searches.front().size()), 401);
        QCOMPARE(*RunStore(runDir, RunStore::ReadOnly{}).meta("run_id"), runId);
        try {
            client.resume(id);
            QFAIL("a finished request was resumed");
        } catch (const nas::NasError &e) {
            QVERIFY2(QString(e.what()).contains("is finished: only a cancelled, interrupted or failed one resumes"),
                     e.what());
        }
    }

    // A service killed with requests waiting: started again, it runs those that never
    // started, in order, and a request cancelled before the kill stays cancelled.
    void waitingRequestsOutliveARestart()
    {
        // A worker that holds its slot and starts nothing, so that the others wait.
        const QString stall = write("stall.sh", "#!/bin/sh\nsleep 20\n");
        QFile::setPermissions(stall, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QString runs = m_dir.filePath("restart-runs");
        const auto config = [&](const QString &name, const QString &worker) {
            return write(name, "format: calibra-nas-config\nversion: 1\nlisten: 127.0.0.1:0\ntls: {ca: " + m_certs
                                   + "/ca.pem, cert: " + m_certs + "/server.pem, key: " + m_certs
                                   + "/server.key}\nclients: [calibra]\nruns: " + runs + "\nworker: " + worker
                                   + "\nmax_running: 1\n");
        };
        std::vector<std::string> ids;
        {
            BoardTestService stalled(config("stalled.yaml", stall), QStringLiteral(CALIBRA_NAS));
            QVERIFY2(!stalled.address().empty(), stalled.output().constData());
            nas::NasConnection c = connection();
            c.address = stalled.address();
            nas::NasClient client(c);
            for (int i = 0; i < 3; ++i) {
                Project p = m_base;
                p.search.seed = uint64_t(20 + i);
                p.search.generations = 1;
                ids.push_back(client.submit(
                    write(QString("restart-%1.yaml").arg(i), QString::fromStdString(projectToYaml(p))).toStdString()));
            }
            QCOMPARE(QString::fromStdString(client.status(ids[0]).state()), QString("running"));
            QCOMPARE(QString::fromStdString(client.status(ids[2]).state()), QString("queued"));
            QVERIFY(client.cancel(ids[2]));
            stalled.kill(); // SIGKILL, and its worker with it: the host went down
            QVERIFY(signalProcessesNaming(stall, SIGKILL) >= 1);
        }
        BoardTestService again(config("again.yaml", CALIBRA_CLI), QStringLiteral(CALIBRA_NAS));
        QVERIFY2(!again.address().empty(), again.output().constData());
        nas::NasConnection c = connection();
        c.address = again.address();
        nas::NasClient client(c);
        const QString end0 = waitForEnd(client, ids[0]);
        QFile log0(runs + "/" + QString::fromStdString(ids[0]) + "/worker.log");
        log0.open(QIODevice::ReadOnly);
        QVERIFY2(end0 == "finished", qPrintable(end0 + ": " + client.status(ids[0]).error().c_str()
                                                + log0.readAll())); // it had not started a run either
        QCOMPARE(waitForEnd(client, ids[1]), QString("finished"));
        QCOMPARE(QString::fromStdString(client.status(ids[2]).state()), QString("cancelled"));
    }

    // A search still running when the service is killed: the restarted service adopts its
    // worker (shows it running, names it) and cancels it on request.
    void anOrphanedWorkerIsAdoptedAndCancelled()
    {
        const QString runs = m_dir.filePath("orphan-runs");
        const QString config = write(
            "orphan.yaml", "format: calibra-nas-config\nversion: 1\nlisten: 127.0.0.1:0\ntls: {ca: " + m_certs
                               + "/ca.pem, cert: " + m_certs + "/server.pem, key: " + m_certs
                               + "/server.key}\nclients: [calibra]\nruns: " + runs + "\nworker: " CALIBRA_CLI "\n");
        std::string id;
        {
            BoardTestService first(config, QStringLiteral(CALIBRA_NAS));
            QVERIFY2(!first.address().empty(), first.output().constData());
            nas::NasConnection c = connection();
            c.address = first.address();
            nas::NasClient client(c);
            id = client.submit(longProjectFile("orphan-project.yaml", 5000) /* still running when cancelled */);
            QTRY_VERIFY_WITH_TIMEOUT(client.status(id).events() >= 3, 60000);
            first.kill();
        }
        BoardTestService again(config, QStringLiteral(CALIBRA_NAS));
        QVERIFY2(!again.address().empty(), again.output().constData());
        nas::NasConnection c = connection();
        c.address = again.address();
        nas::NasClient client(c);
        const nas::v1::StatusReply s = client.status(id);
        QCOMPARE(QString::fromStdString(s.state()), QString("running"));
        QVERIFY2(QString::fromStdString(s.container()).contains("adopted"), s.container().c_str());
        // Checking the configuration leaves the searches alone; a second service on the
        // same runs folder is refused.
        QCOMPARE(QProcess::execute(QStringLiteral(CALIBRA_NAS), {"--config", config, "--check"}), 0);
        {
            BoardTestService second(config, QStringLiteral(CALIBRA_NAS));
            QVERIFY(second.address().empty());
            QVERIFY2(second.output().contains("another NAS service"), second.output().constData());
        }
        QCOMPARE(QString::fromStdString(client.status(id).state()), QString("running"));
        QVERIFY(!QFile::exists(runs + "/" + QString::fromStdString(id) + "/stopped-by-service"));
        QVERIFY(client.cancel(id));
        QCOMPARE(waitForEnd(client, id), QString("cancelled"));
        QCOMPARE(readRunSnapshot((runs + "/" + QString::fromStdString(id) + "/run").toStdString()).status,
                 RunStatus::Interrupted);
    }

    // A service stopped by its operator (SIGTERM) stops its searches resumably; started
    // again, it resumes them to the end, in the same run.
    void aSearchStoppedWithTheServiceResumesWhenItStartsAgain()
    {
        const QString runs = m_dir.filePath("stop-runs");
        const QString config =
            write("stop.yaml", "format: calibra-nas-config\nversion: 1\nlisten: 127.0.0.1:0\ntls: {ca: " + m_certs
                                   + "/ca.pem, cert: " + m_certs + "/server.pem, key: " + m_certs
                                   + "/server.key}\nclients: [calibra]\nruns: " + runs + "\nworker: " CALIBRA_CLI "\n");
        std::string id, runId;
        const auto runDir = [&] { return (runs + "/" + QString::fromStdString(id) + "/run").toStdString(); };
        {
            BoardTestService first(config, QStringLiteral(CALIBRA_NAS));
            QVERIFY2(!first.address().empty(), first.output().constData());
            nas::NasConnection c = connection();
            c.address = first.address();
            nas::NasClient client(c);
            id = client.submit(longProjectFile("stop-project.yaml", 1000));
            QTRY_VERIFY_WITH_TIMEOUT(client.status(id).events() >= 3, 60000);
            QVERIFY(first.stop());
            const RunSnapshot stopped = readRunSnapshot(runDir());
            QCOMPARE(stopped.status, RunStatus::Interrupted);
            QVERIFY(stopped.searches.front().size() < 1001);
            runId = *RunStore(runDir(), RunStore::ReadOnly{}).meta("run_id");
        }
        BoardTestService again(config, QStringLiteral(CALIBRA_NAS));
        QVERIFY2(!again.address().empty(), again.output().constData());
        nas::NasConnection c = connection();
        c.address = again.address();
        nas::NasClient client(c);
        QCOMPARE(waitForEnd(client, id), QString("finished"));
        const RunSnapshot run = readRunSnapshot(runDir());
        QCOMPARE(int(run.searches.front().size()), 1001); // generations 0 to 1000, none twice
        QCOMPARE(*RunStore(runDir(), RunStore::ReadOnly{}).meta("run_id"), runId);
    }

    void theServiceRefusesWhatItMust()
    {
        try {
            nas::NasClient intruder(connection("intruder"));
            intruder.status("x");
            QFAIL("a client the service does not list was served");
        } catch (const nas::NasError &e) {
            QVERIFY2(QString(e.what()).contains("'intruder' is not authorized"), e.what());
        }
        nas::NasClient client(connection());
        // A project that would make the NAS host read its own files for the client.
        Project local = m_base;
        local.platform = "/etc/calibra/secret-platform.yaml";
        const QString file = write("host-files.yaml", QString::fromStdString(projectToYaml(local)));
        try {
            client.submit(file.toStdString());
            QFAIL("a project naming a platform file on the NAS host was accepted");
        } catch (const nas::NasError &e) {
            QVERIFY2(QString(e.what()).contains("reads no platform or predictor file"), e.what());
        }
        try {
            client.status("no-such-request");
            QFAIL("an unknown request was answered");
        } catch (const nas::NasError &e) {
            QVERIFY2(QString(e.what()).contains("no request 'no-such-request'"), e.what());
        }
    }
};

QTEST_MAIN(TestNas)
#include "tst_nas.moc"
