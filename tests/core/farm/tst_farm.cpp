// SPDX-License-Identifier: GPL-3.0-or-later
// The Slurm board farm. Without Slurm: the job-command helpers, the spool's files and
// the project's farm section. With a real cluster on 127.0.0.1 (munged, slurmctld, two
// slurmd each holding one stand-in board served by calibra-board): validations through
// Slurm jobs, a board nobody can reach, searches submitted, listed and cancelled with
// calibra-cli, and a search whose board host dies mid-run (slurmd, its job and its
// board killed) and still completes with every validation present exactly once.
#include "farm/FarmSpool.h"
#include "farm/Slurm.h"
#include "graph/NetworkFile.h"
#include "base/InputError.h"
#include "hardware/Platform.h"
#include "pipeline/Pipeline.h"
#include "project/Project.h"
#include "pipeline/RunStore.h"
#include "farm/FarmValidator.h"
#include "validate/SimulatorValidator.h"

#include "BoardTestService.h"
#include "CancelAfter.h"
#include "SmallRuns.h"
#include "RequireSlurm.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <csignal>
#include <thread>

using namespace calibra;

namespace {

int fileCount(const QString &dir)
{
    return int(QDir(dir).entryList(QDir::Files).size());
}

} // namespace

class TestFarm : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    hardware::Platform m_platform = hardware::loadPlatform("builtin:edge-npu-s");
    std::unique_ptr<SlurmTestCluster> m_cluster;
    std::vector<std::unique_ptr<BoardTestService>> m_boards;
    QString m_certs;
    int m_spools = 0;

    // Skips, or fails where Slurm is required (CI sets CALIBRA_REQUIRE_SLURM).
    bool clusterUp()
    {
        if (m_cluster)
            return true;
        if (!slurmCanRun(__FILE__, __LINE__))
            return false;
        m_certs = m_dir.filePath("certs");
        QProcess certs;
        certs.start(QStringLiteral(CALIBRA_SOURCE_DIR "/scripts/make-dev-certs.sh"), {m_certs});
        if (!certs.waitForFinished(60000) || certs.exitCode() != 0) {
            QTest::qFail("make-dev-certs.sh failed", __FILE__, __LINE__);
            return false;
        }
        auto cluster = std::make_unique<SlurmTestCluster>(m_dir.filePath("slurm"), 2);
        if (!cluster->start()) {
            QTest::qFail(qPrintable(cluster->error()), __FILE__, __LINE__);
            return false;
        }
        // One stand-in board per node: the simulator, holding the board 50 ms per network
        // (150 ms on b1, so that the test that kills b1 mid-job finds one running there).
        for (const QString &node : cluster->nodes()) {
            const QString hold = QLatin1String(node == QLatin1String("b1") ? "0.15" : "0.05");
            const QString config =
                writeBoardTestConfig(m_dir.filePath("board-" + node + ".yaml"), m_certs,
                                     "{kind: simulator, platform: builtin:edge-npu-s, hold_s: " + hold + "}");
            m_boards.push_back(std::make_unique<BoardTestService>(config));
            if (m_boards.back()->address().empty()) {
                QTest::qFail(qPrintable("calibra-board did not start: " + m_boards.back()->output()), __FILE__,
                             __LINE__);
                return false;
            }
        }
        m_cluster = std::move(cluster);
        return true;
    }

    validate::FarmConnection farm()
    {
        validate::FarmConnection c;
        c.spool = m_dir.filePath(QStringLiteral("spool%1").arg(++m_spools)).toStdString();
        c.gres = "board:sim";
        c.batchSize = 4;
        c.timeLimitSeconds = 120;
        c.pollSeconds = 0.2;
        c.slurmConf = m_cluster->slurmConf().toStdString();
        c.worker = CALIBRA_FARM_WORKER;
        for (size_t i = 0; i < m_boards.size(); ++i)
            c.services[m_cluster->nodes()[int(i)].toStdString()] = m_boards[i]->address();
        c.board.caFile = (m_certs + "/ca.pem").toStdString();
        c.board.certFile = (m_certs + "/calibra.pem").toStdString();
        c.board.keyFile = (m_certs + "/calibra.key").toStdString();
        c.board.deadlineSeconds = 60;
        c.board.chunkSize = 2;
        return c;
    }

    void writeText(const QString &path, const QString &text)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
    }

    // A small search whose checks fail (so it finetunes and re-runs): many validations.
    pipeline::Project smallProject()
    {
        graph::saveNetwork(*smallCnn(16), m_dir.filePath("ref.yaml").toStdString());
        return failingChecksProject("farm-run", m_dir.filePath("ref.yaml").toStdString());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariableIsSet("CALIBRA_KEEP_TEST_DIR")) {
            m_dir.setAutoRemove(false);
            qInfo("test directory kept: %s", qPrintable(m_dir.path()));
        }
    }
    void cleanupTestCase()
    {
        m_boards.clear();
        m_cluster.reset();
    }

    void jobCommandHelpers()
    {
        QCOMPARE(farm::Slurm::timeLimitText(90), std::string("1:30"));
        QCOMPARE(farm::Slurm::timeLimitText(0.2), std::string("0:01"));
        QCOMPARE(farm::Slurm::timeLimitText(600), std::string("10:00"));
        QCOMPARE(farm::Slurm::shellQuote("a b"), std::string("'a b'"));
        QCOMPARE(farm::Slurm::shellQuote("it's"), std::string("'it'\\''s'"));
        QVERIFY(farm::Slurm::terminalState("COMPLETED"));
        QVERIFY(farm::Slurm::terminalState("NODE_FAIL"));
        QVERIFY(farm::Slurm::terminalState("REQUEUE_HOLD")); // nobody releases it
        QVERIFY(!farm::Slurm::terminalState("PENDING"));
        QVERIFY(!farm::Slurm::terminalState("REQUEUED"));
        QVERIFY(!farm::Slurm::terminalState(""));
    }

    void spoolKeepsBatchesAndResults()
    {
        const farm::FarmSpool spool(m_dir.filePath("spool-unit").toStdString());
        farm::FarmBatch b;
        b.platform = "builtin:edge-npu-s";
        b.settings = {"a: 1\n", "b: 2\n"};
        b.entries = {{"k1", 0, "net1"}, {"k2", 1, "net2"}};
        b.services = {{"b1", "127.0.0.1:1"}, {"*", "localhost:2"}};
        b.board.caFile = "/ca.pem";
        b.board.deadlineSeconds = 7;
        b.board.chunkSize = 3;
        const farm::FarmBatch r = farm::FarmSpool::readBatch(spool.batchPath(spool.writeBatch(b)));
        QCOMPARE(r.platform, b.platform);
        QCOMPARE(r.settings, b.settings);
        QCOMPARE(r.entries.size(), size_t(2));
        QCOMPARE(r.entries[1].key, std::string("k2"));
        QCOMPARE(r.entries[1].setting, 1);
        QCOMPARE(r.entries[1].networkYaml, std::string("net2"));
        QCOMPARE(r.services, b.services);
        QCOMPARE(r.board.caFile, b.board.caFile);
        QCOMPARE(r.board.deadlineSeconds, 7.0);
        QCOMPARE(r.board.chunkSize, 3);

        validate::Metrics m;
        m.ok = true;
        m.latencyMs = 1.5;
        m.energyMj = std::nan("");
        m.dramBytes = 1e6;
        QVERIFY(!spool.hasResult("k1"));
        spool.writeResult("k1", m, "unit test");
        QVERIFY(spool.hasResult("k1"));
        const auto back = spool.readResult("k1");
        QVERIFY(back.has_value());
        QCOMPARE(back->latencyMs, 1.5);
        QVERIFY(std::isnan(back->energyMj)); // unavailable stays unavailable
        QCOMPARE(back->dramBytes, 1e6);

        // A result file that is not the key's is not trusted.
        QFile::copy(QString::fromStdString(spool.directory() + "/results/k1.json"),
                    QString::fromStdString(spool.directory() + "/results/k3.json"));
        QVERIFY(!spool.readResult("k3").has_value());
        // A broken batch names the file.
        writeText(QString::fromStdString(spool.directory() + "/batches/broken.json"), "{not json");
        try {
            farm::FarmSpool::readBatch(spool.directory() + "/batches/broken.json");
            QFAIL("a broken batch was read");
        } catch (const farm::FarmError &e) {
            QVERIFY2(QString(e.what()).contains("broken.json"), e.what());
        }
    }

    void projectFarmSection()
    {
        const QString base = QStringLiteral("format: calibra-project\nversion: 1\nreference: builtin:resnet18\n"
                                            "platform: builtin:edge-npu-s\n");
        const pipeline::Project p = pipeline::parseProject(
            (base
             + "validator:\n  kind: farm\n  spool: spool\n  gres: board:npu\n  time_limit_s: 30\n"
               "  batch_size: 8\n  services: {b1: 'h1:1', '*': 'localhost:2'}\n  ca: ca.pem\n  cert: c.pem\n"
               "  key: c.key\n")
                .toStdString(),
            "farm.yaml");
        QCOMPARE(p.validator, pipeline::ValidatorKind::Farm);
        QCOMPARE(p.farm.gres, std::string("board:npu"));
        QCOMPARE(p.farm.batchSize, 8);
        QCOMPARE(p.farm.timeLimitSeconds, 30.0);
        QCOMPARE(p.farm.services.at("*"), std::string("localhost:2"));
        QVERIFY(QDir::isAbsolutePath(QString::fromStdString(p.farm.spool)));
        // Written and read again: the same section.
        const pipeline::Project again = pipeline::parseProject(pipeline::projectToYaml(p), "again.yaml");
        QCOMPARE(again.farm.services, p.farm.services);
        QCOMPARE(again.farm.spool, p.farm.spool);
        QCOMPARE(again.farm.gres, p.farm.gres);

        const auto rejects = [&](const QString &section, const char *expected) {
            try {
                pipeline::parseProject((base + section).toStdString(), "bad.yaml");
                QTest::qFail(qPrintable("accepted: " + section), __FILE__, __LINE__);
            } catch (const base::InputError &e) {
                QVERIFY2(QString(e.what()).contains("bad.yaml:") && QString(e.what()).contains(expected), e.what());
            }
        };
        rejects("validator: {kind: farm, spool: s, gres: gpu, services: {a: 'h:1'}, ca: a, cert: b, key: c}\n",
                "validator.gres");
        rejects("validator: {kind: farm, spool: s, services: [h:1], ca: a, cert: b, key: c}\n", "validator.services");
        rejects("validator: {kind: farm, spool: s, services: {a: nohost}, ca: a, cert: b, key: c}\n", "nohost");
        rejects("validator: {kind: farm, spool: s, services: {a: 'h:1'}, ca: a, cert: b, key: c, batch: 3}\n", "batch");
    }

    void validatesThroughSlurmJobs()
    {
        if (!clusterUp())
            return;
        validate::FarmConnection c = farm();
        validate::FarmValidator validator(c, "builtin:edge-npu-s");
        std::vector<validate::ValidationRequest> batch;
        for (int w = 4; w < 14; ++w)
            batch.push_back({smallCnn(w), hardware::defaultSetting(m_platform)});
        batch.push_back(batch[3]); // a duplicate: validated once
        hardware::TargetSetting slow = hardware::defaultSetting(m_platform);
        slow.dvfsMhz = 600;
        batch.push_back({smallCnn(4), slow}); // same network, another setting: a result of its own
        const std::vector<validate::Metrics> results = validator.validate(batch, nullptr);
        const std::vector<validate::Metrics> expected =
            validate::SimulatorValidator(m_platform).validate(batch, nullptr);
        QCOMPARE(results.size(), batch.size());
        for (size_t i = 0; i < batch.size(); ++i) {
            QVERIFY2(results[i].ok, results[i].error.c_str());
            QCOMPARE(results[i].latencyMs, expected[i].latencyMs);
            QCOMPARE(results[i].averagePowerMw, expected[i].averagePowerMw);
            QCOMPARE(results[i].dramBytes, expected[i].dramBytes);
        }
        QVERIFY(results[0].latencyMs < results.back().latencyMs);
        QCOMPARE(fileCount(QString::fromStdString(c.spool + "/results")), 11);
        QCOMPARE(validator.stats().jobsSubmitted, 3); // 11 distinct in jobs of 4
        QCOMPARE(validator.stats().jobsResubmitted, 0);
        QCOMPARE(fileCount(QString::fromStdString(c.spool + "/logs")), 3);

        // Asked again: every result comes from the spool, no job.
        validate::FarmValidator again(c, "builtin:edge-npu-s");
        const auto cached = again.validate(batch, nullptr);
        QCOMPARE(again.stats().jobsSubmitted, 0);
        QCOMPARE(again.stats().resultsFromSpool, 11);
        QCOMPARE(cached[5].latencyMs, results[5].latencyMs);
    }

    void aBoardNobodyReachesIsReportedNotLost()
    {
        if (!clusterUp())
            return;
        validate::FarmConnection c = farm();
        c.services = {{"*", "127.0.0.1:1"}}; // no service there
        c.maxAttempts = 2;
        validate::FarmValidator validator(c, "builtin:edge-npu-s");
        const std::vector<validate::ValidationRequest> batch = {{smallCnn(5), hardware::defaultSetting(m_platform)},
                                                                {smallCnn(6), hardware::defaultSetting(m_platform)}};
        const auto results = validator.validate(batch, nullptr);
        for (const validate::Metrics &m : results) {
            QVERIFY(!m.ok);
            QVERIFY(m.transient); // the farm's failure, not the network's: asked again on resume
            QVERIFY2(QString::fromStdString(m.error).contains("not validated after 2 jobs"), m.error.c_str());
            QVERIFY2(QString::fromStdString(m.error).contains("FAILED"), m.error.c_str());
            QVERIFY2(QString::fromStdString(m.error).contains("127.0.0.1:1"), m.error.c_str()); // from the job's log
        }
        QCOMPARE(validator.stats().jobsSubmitted, 2);
        QCOMPARE(fileCount(QString::fromStdString(c.spool + "/results")), 0);
    }

    void cancellingStopsTheJobs()
    {
        if (!clusterUp())
            return;
        validate::FarmConnection c = farm();
        c.batchSize = 40; // one long job: 40 networks x 50 ms
        validate::FarmValidator validator(c, "builtin:edge-npu-s");
        std::vector<validate::ValidationRequest> batch;
        for (int w = 30; w < 70; ++w)
            batch.push_back({smallCnn(w), hardware::defaultSetting(m_platform)});
        test::CancelAfter cancel(std::chrono::milliseconds(1500));
        QElapsedTimer clock;
        clock.start();
        const auto results = validator.validate(batch, cancel.flag());
        cancel.join();
        QVERIFY(clock.elapsed() < 1500 + 2000);
        QVERIFY(std::any_of(results.begin(), results.end(), [](const auto &m) { return m.error == "cancelled"; }));
        for (const auto &m : results)
            QVERIFY(m.ok || m.transient);
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_cluster->client("squeue", {"-h", "-o", "%j"}).contains(QStringLiteral("calibra-validate")), 15000);
    }

    void searchesAreSubmittedListedAndCancelled()
    {
        if (!clusterUp())
            return;
        pipeline::Project p = smallProject();
        p.name = "tiny";
        p.mode = pipeline::Mode::Offline; // no checks: a short search
        const QString projectFile = m_dir.filePath("tiny.yaml");
        writeText(projectFile, QString::fromStdString(pipeline::projectToYaml(p)));
        writeText(m_dir.filePath("fast.yaml"),
                  "format: calibra-target-setting\nversion: 1\nhardware:\n  dvfs_mhz: 1000\n");
        writeText(m_dir.filePath("slow.yaml"),
                  "format: calibra-target-setting\nversion: 1\nhardware:\n  dvfs_mhz: 600\n");
        const QString runs = m_dir.filePath("runs");
        const auto cli = [&](const QStringList &args, QString *out = nullptr) {
            QProcess proc;
            proc.setProcessEnvironment(m_cluster->environment());
            proc.start(QStringLiteral(CALIBRA_CLI), QStringList{"farm"} + args);
            proc.waitForFinished(180000);
            if (out)
                *out = QString::fromUtf8(proc.readAllStandardOutput() + proc.readAllStandardError());
            return proc.exitCode();
        };
        QString out;
        QCOMPARE(cli({"submit", projectFile, "--setting", m_dir.filePath("fast.yaml"), "--setting",
                      m_dir.filePath("slow.yaml"), "--runs", runs, "--time", "300"},
                     &out),
                 0);
        QVERIFY2(out.contains("task 1: " + runs + "/tiny-slow"), qPrintable(out));
        QVERIFY(!out.section(' ', 2, 2).section('\n', 0, 0).isEmpty());
        // Followed until the queue is empty: status --watch returns by itself.
        QCOMPARE(cli({"status", "--watch", "0.5"}, &out), 0);
        QVERIFY2(out.endsWith("no Calibra jobs in the queue\n"), qPrintable(out));
        for (const char *name : {"tiny-fast", "tiny-slow"})
            QVERIFY2(QFile::exists(runs + "/" + name + "/report.json"), name);
        // A task whose run directory already holds its run (Slurm requeued it) resumes
        // that run instead of starting again.
        const QStringList tasks = QDir(runs + "/.farm").entryList({"*.tasks"});
        QCOMPARE(tasks.size(), 1);
        QProcess task;
        task.setProcessEnvironment(m_cluster->environment());
        task.start(QStringLiteral(CALIBRA_CLI), {"farm", "task", runs + "/.farm/" + tasks[0], "--index", "1"});
        QVERIFY(task.waitForFinished(120000));
        const QString taskOut = QString::fromUtf8(task.readAllStandardOutput() + task.readAllStandardError());
        QVERIFY2(task.exitCode() == 0 && taskOut.contains("resuming " + runs + "/tiny-slow"), qPrintable(taskOut));
        // The two settings really differ: the slower clock gives a slower final model.
        const auto finalLatency = [&](const char *name) {
            QFile f(runs + "/" + name + "/report.json");
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        };
        QVERIFY(finalLatency("tiny-fast") != finalLatency("tiny-slow"));

        // Status lists a running search with its run directory and progress; cancel takes
        // only Calibra's jobs, named; a stranger's id is refused.
        p.name = "long";
        p.search.generations = 5000; // still running when listed and cancelled
        writeText(m_dir.filePath("long.yaml"), QString::fromStdString(pipeline::projectToYaml(p)));
        QCOMPARE(cli({"submit", m_dir.filePath("long.yaml"), "--runs", runs}, &out), 0);
        const QString second = out.section(' ', 2, 2).section('\n', 0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(cli({"status"}, &out) == 0 && out.contains("validations;"), 30000);
        QVERIFY2(out.contains(second) && out.contains("search") && out.contains("RUNNING")
                     && out.contains(runs + "/long"),
                 qPrintable(out));
        QCOMPARE(cli({"status", "--watch", "x"}, &out), 2);
        QCOMPARE(cli({"cancel", "999999"}, &out), 1);
        QVERIFY2(out.contains("999999 is not a Calibra job"), qPrintable(out));
        QVERIFY2(cli({"cancel", second}, &out) == 0, qPrintable(out));
        QTRY_VERIFY_WITH_TIMEOUT(!m_cluster->client("squeue", {"-h", "-o", "%i"}).contains(second), 15000);
        QCOMPARE(cli({"cancel"}, &out), 2); // neither ids nor --all
    }

    // Last: it leaves node b1 dead.
    void aSearchSurvivesItsBoardHostDying()
    {
        if (!clusterUp())
            return;
        pipeline::Project p = smallProject();
        const pipeline::RunResult local = pipeline::Pipeline(p, m_dir.filePath("local").toStdString()).run();
        QVERIFY2(local.ok, local.error.c_str());

        p.validator = pipeline::ValidatorKind::Farm;
        p.farm = farm();
        // Watch the queue; the moment a validation job runs on b1, b1's host dies.
        std::atomic<bool> stop{false}, killed{false};
        const qint64 boardPid = m_boards[0]->pid();
        std::thread watcher([&] {
            while (!stop && !killed) {
                const QString q = m_cluster->client("squeue", {"-h", "-o", "%j %T %N"});
                if (q.contains(QStringLiteral("calibra-validate RUNNING b1"))) {
                    m_cluster->killNode(QStringLiteral("b1"));
                    ::kill(pid_t(boardPid), SIGKILL);
                    killed = true;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        });
        const std::string dir = m_dir.filePath("farm-run").toStdString();
        pipeline::RunResult r;
        {
            pipeline::Pipeline pipe(p, dir);
            r = pipe.run();
        }
        stop = true;
        watcher.join();
        QVERIFY(killed);
        QVERIFY2(r.ok, r.error.c_str());
        // Every validation present exactly once: the same distinct networks as the local
        // run, one result file each in the spool, the same figures and final model.
        QCOMPARE(r.validations, local.validations);
        QCOMPARE(pipeline::RunStore(dir, false).validationCount(), local.validations);
        QCOMPARE(fileCount(QString::fromStdString(p.farm.spool + "/results")), local.validations);
        QCOMPARE(r.final.genotype, local.final.genotype);
        QCOMPARE(r.final.validated.latencyMs, local.final.validated.latencyMs);
        // Slurm saw the node die.
        QTRY_VERIFY_WITH_TIMEOUT(m_cluster->client("scontrol", {"show", "node", "b1"}).contains("State=DOWN"), 60000);
    }
};

QTEST_GUILESS_MAIN(TestFarm)
#include "tst_farm.moc"
