// SPDX-License-Identifier: GPL-3.0-or-later
// The conditional-finetuning service (calibra-finetuner) on loopback with mutual TLS: a
// run that checks and finetunes through it validates the same networks, decides the same
// and ends on the same final model as the same run in process, without reading the
// platform; predictor versions are kept per session; the service refuses what it must.
#include "BoardTestService.h"
#include "SmallRuns.h"
#include "finetuner/FinetunerConfig.h"
#include "finetunerclient/FinetunerClient.h"
#include "finetunerclient/FinetunerError.h"
#include "pipeline/RunStore.h"

#include "boardclient/board.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QDirIterator>
#include <QtConcurrent>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace calibra;
using namespace calibra::pipeline;

namespace {

calibra::board::v1::HealthReply boardHealth(const std::string &address, const QString &certs)
{
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = graph::readFileBytes((certs + "/ca.pem").toStdString());
    tls.pem_cert_chain = graph::readFileBytes((certs + "/calibra.pem").toStdString());
    tls.pem_private_key = graph::readFileBytes((certs + "/calibra.key").toStdString());
    auto stub = calibra::board::v1::Board::NewStub(grpc::CreateChannel(address, grpc::SslCredentials(tls)));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    calibra::board::v1::HealthReply reply;
    stub->Health(&ctx, calibra::board::v1::HealthRequest(), &reply);
    return reply;
}

int count(const std::vector<Event> &events, EventKind kind)
{
    return int(std::count_if(events.begin(), events.end(), [&](const Event &e) { return e.kind == kind; }));
}

// The checks' decisions and the finetunes' adoption, in order: what must agree.
QStringList decisions(const std::vector<Event> &events)
{
    QStringList out;
    for (const Event &e : events)
        if (e.kind == EventKind::AccuracyCheck)
            out << QStringLiteral("%1 %2").arg(checkStageName(e.check.stage), checkDecisionName(e.check.decision));
        else if (e.kind == EventKind::FinetuneFinished)
            out << QStringLiteral("finetune %1 %2 %3")
                       .arg(e.finetune.adopted ? "adopted" : "kept")
                       .arg(e.finetune.trainSamples)
                       .arg(e.finetune.heldOutLossAfter, 0, 'g', 17);
    return out;
}

} // namespace

class TestFinetuner : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_certs;
    Project m_base;

    // A service for platform id "npu-a" (the built-in edge-npu-s, simulated, or validated by
    // `validator`) keeping its store in `store`; `clients` may call it.
    QString writeConfig(const QString &name, const QString &store, const QString &clients = "[calibra]",
                        const QString &validator = "simulator")
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QStringLiteral("format: calibra-finetuner-config\nversion: 1\nlisten: 127.0.0.1:0\n"
                               "tls: {ca: %1/ca.pem, cert: %1/server.pem, key: %1/server.key}\n"
                               "clients: %2\nstore: %3\n"
                               "platforms:\n  - {id: npu-a, platform: builtin:edge-npu-s, validator: %4}\n")
                    .arg(m_certs, clients, store, validator)
                    .toUtf8());
        return path;
    }

    FinetunerConnection connection(const std::string &address, const QString &client = "calibra") const
    {
        FinetunerConnection c;
        c.address = address;
        c.platformId = "npu-a";
        c.caFile = (m_certs + "/ca.pem").toStdString();
        c.certFile = (m_certs + "/" + client + ".pem").toStdString();
        c.keyFile = (m_certs + "/" + client + ".key").toStdString();
        c.reconnectSeconds = 2;
        return c;
    }

    Project throughService(Project p, const std::string &address) const
    {
        p.platform.clear();
        p.predictor.clear();
        p.finetuner = connection(address);
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed (scripts/setup.sh installs it)");
        // Runs in process and through the services are compared bit for bit (finetunes'
        // held-out losses): one LibTorch thread in this process and in the services it
        // starts, or each would follow the cores free at that moment and sum differently.
        qputenv("OMP_NUM_THREADS", "1");
        m_certs = m_dir.filePath("certs");
        const QString script = QStringLiteral(CALIBRA_SOURCE_DIR "/scripts/make-dev-certs.sh");
        QCOMPARE(QProcess::execute("bash", {script, m_certs, "calibra", "intruder"}), 0);
        // Mode both with checks that always fail: a pre finetune, a post finetune and a re-run.
        m_base = withChecks(smallResNetProject(m_dir.path(), "small"), Mode::Both, false);
        m_base.estimator = supernet::EstimatorKind::Params;
        m_base.search.seed = 3;
    }

    void theConfigurationNamesItsMistakes()
    {
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 finetuner::parseFinetunerConfig("format: calibra-finetuner-config\nversion: 1\n"
                                                                 "tls: {ca: a, cert: b, key: c}\nstore: s\n"
                                                                 "platforms:\n  - {id: x, platform: p, colour: 3}\n",
                                                                 "f.yaml"));
        try {
            finetuner::parseFinetunerConfig("format: calibra-finetuner-config\nversion: 1\n"
                                            "tls: {ca: a, cert: b, key: c}\nstore: s\nplatforms:\n"
                                            "  - {id: x, platform: p}\n  - {id: x, platform: q}\n",
                                            "f.yaml");
            QFAIL("a platform id served twice was accepted");
        } catch (const std::exception &e) {
            QVERIFY2(QString(e.what()).contains("platforms[1].id") && QString(e.what()).contains("served twice"),
                     e.what());
        }
    }

    // The same run, in process and through the service: the same checks, decisions,
    // finetunes, validations (by purpose) and final model; the remote run's directory
    // holds no platform description; a second run on the same key starts from the
    // predictor version the first left.
    void aRunThroughTheServiceMatchesTheRunInProcess()
    {
        std::vector<Event> local, viaService;
        const RunResult a = runCollecting(m_base, m_dir.filePath("in-process"), &local);
        QVERIFY2(a.ok, a.error.c_str());
        QVERIFY(count(local, EventKind::FinetuneFinished) >= 2);

        BoardTestService service(writeConfig("service.yaml", m_dir.filePath("store")),
                                 QStringLiteral(CALIBRA_FINETUNER));
        QVERIFY2(!service.address().empty(), service.output().constData());
        const RunResult b =
            runCollecting(throughService(m_base, service.address()), m_dir.filePath("via-service"), &viaService);
        QVERIFY2(b.ok, b.error.c_str());

        QCOMPARE(decisions(viaService), decisions(local));
        qInfo() << "decisions:" << decisions(local) << "validations:" << a.validations;
        // Every check was answered by the service (its recorded answers).
        QDirIterator answers(m_dir.filePath("store"), {"*"}, QDir::Files, QDirIterator::Subdirectories);
        int answered = 0;
        while (answers.hasNext())
            answered += answers.next().contains("/answers/") ? 1 : 0;
        QCOMPARE(answered, count(local, EventKind::AccuracyCheck));
        QCOMPARE(b.searches, a.searches);
        QCOMPARE(b.validations, a.validations);
        QVERIFY(b.validationsByPurpose.byPurpose == a.validationsByPurpose.byPurpose);
        QVERIFY(b.final.found);
        QVERIFY(b.final.genotype == a.final.genotype);
        QVERIFY(b.final.validated == a.final.validated);

        // Nothing of the platform's description in the run's files (its format line and
        // the figures only a description holds).
        QDirIterator files(m_dir.filePath("via-service"), QDir::Files, QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            ++read;
            for (const char *marker : {"calibra-platform", "nominal_volts", "energy_pj", "layer_overhead_cycles"})
                QVERIFY2(!bytes.contains(marker), qPrintable(f.fileName() + " holds " + marker));
        }
        QVERIFY(read > 0);

        // Versions are kept per (platform, reference, setting): a new client on the same
        // key starts from the last finetuned predictor.
        const bool adopted = std::any_of(viaService.begin(), viaService.end(), [](const Event &e) {
            return e.kind == EventKind::FinetuneFinished && e.finetune.adopted;
        });
        finetuner::FinetunerClient client(connection(service.address()));
        const finetuner::Session session = client.open(graph::loadNetwork(resolvePath(m_base, m_base.reference)), "");
        QCOMPARE(session.latestPredictorVersion > 0, adopted);
    }

    // A sequential check through the service stops where the run's own would: the first
    // part fails for certain and no finetune follows (a post check with no re-run left),
    // the service validates no more, and the run records the same part and note.
    void aSequentialCheckThroughTheServiceStopsWhereTheRunWould()
    {
        Project p = m_base;
        p.mode = Mode::Post;
        p.maxReruns = 0;
        p.search.population = 16;
        p.checkSamples = 12;
        const RunResult a = runCollecting(p, m_dir.filePath("sequential-in-process"));
        QVERIFY2(a.ok, a.error.c_str());
        BoardTestService service(writeConfig("sequential.yaml", m_dir.filePath("sequential-store")),
                                 QStringLiteral(CALIBRA_FINETUNER));
        QVERIFY2(!service.address().empty(), service.output().constData());
        const RunResult b = runCollecting(throughService(p, service.address()), m_dir.filePath("sequential-service"));
        QVERIFY2(b.ok, b.error.c_str());
        const RunStore local(m_dir.filePath("sequential-in-process").toStdString(), false);
        const RunStore remote(m_dir.filePath("sequential-service").toStdString(), false);
        const int first = int(local.checks().at(0).samples.size()); // half of each stratum, rounded up
        QVERIFY2(first == 6 || first == 7, qPrintable(QString::number(first)));
        QCOMPARE(int(remote.checks().at(0).samples.size()), first);
        QCOMPARE(remote.checks().at(0).summary.decision, pipeline::CheckDecision::WouldFinetune);
        QCOMPARE(remote.checks().at(0).summary.report.notes.back().english(),
                 local.checks().at(0).summary.report.notes.back().english());
        QCOMPARE(b.validations, a.validations);
    }

    // The three services: the run asks the finetuning service, which validates on a board
    // (calibra-board, holding each network 0.1 s as a device would). The finetuning
    // service is killed in the middle of the pre-search check and started again on the
    // same address: the run waits for it and ends as the run in process does, and the
    // board validates no network twice but those it had in flight when the service died.
    void aKilledServiceIsWaitedForAndNothingIsValidatedTwice()
    {
        std::vector<Event> local, viaServices;
        const RunResult a = runCollecting(m_base, m_dir.filePath("kill-in-process"), &local);
        QVERIFY2(a.ok, a.error.c_str());

        BoardTestService board(writeBoardTestConfig(m_dir.filePath("board.yaml"), m_certs,
                                                    "{kind: simulator, platform: builtin:edge-npu-s, hold_s: 0.1}"));
        QVERIFY2(!board.address().empty(), board.output().constData());
        const QString store = m_dir.filePath("store-kill");
        const QString config = writeConfig(
            "kill.yaml", store, "[calibra]",
            QStringLiteral("{kind: board, services: ['%1'], tls: {ca: %2/ca.pem, cert: %2/calibra.pem, key: "
                           "%2/calibra.key}}")
                .arg(QString::fromStdString(board.address()), m_certs));
        auto service = std::make_unique<BoardTestService>(config, QStringLiteral(CALIBRA_FINETUNER));
        const std::string address = service->address();
        QVERIFY2(!address.empty(), service->output().constData());

        Project p = throughService(m_base, address);
        p.finetuner.reconnectSeconds = 60;
        QFuture<RunResult> run =
            QtConcurrent::run([&] { return runCollecting(p, m_dir.filePath("kill-via-services"), &viaServices); });
        const auto journaled = [&] { return QDir(store + "/validations").entryList(QDir::Files).size(); };
        QTRY_VERIFY_WITH_TIMEOUT(journaled() >= 3, 60000);
        const qsizetype beforeKill = journaled();
        service->kill();
        QTest::qWait(500);
        service = std::make_unique<BoardTestService>(config, QStringLiteral(CALIBRA_FINETUNER),
                                                     QStringList{"--listen", QString::fromStdString(address)});
        QVERIFY2(service->address() == address, service->output().constData());
        QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 180000);
        const RunResult b = run.result();
        QVERIFY2(b.ok, qPrintable(QString::fromStdString(b.error) + "\nservice: " + service->output()
                                  + "\nboard: " + board.output()));
        QVERIFY2(beforeKill < qsizetype(b.validations), "the service was killed after the check, not during it");

        QCOMPARE(decisions(viaServices), decisions(local));
        QCOMPARE(b.validations, a.validations);
        QVERIFY(b.final.genotype == a.final.genotype);
        const qsizetype distinct = journaled();
        QCOMPARE(int(distinct), a.validations);
        const uint64_t boardValidated = boardHealth(board.address(), m_certs).validated_networks();
        qInfo() << "journaled before the kill" << beforeKill << "distinct" << distinct << "board validated"
                << boardValidated;
        QVERIFY(boardValidated >= uint64_t(distinct));
        QVERIFY(boardValidated <= uint64_t(distinct) + 1); // the one in flight, at most
    }

    // A search's pool larger than the service takes in one call is predicted in parts,
    // in order (the service here takes at most 1,100 networks a call).
    void aPoolLargerThanOneCallIsPredictedInParts()
    {
        const QString config = writeConfig("small-calls.yaml", m_dir.filePath("store-calls"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::Append));
        f.write("limits: {max_networks_per_call: 1100}\n");
        f.close();
        BoardTestService service(config, QStringLiteral(CALIBRA_FINETUNER));
        QVERIFY2(!service.address().empty(), service.output().constData());
        finetuner::FinetunerClient client(connection(service.address()));
        const graph::Network reference = graph::loadNetwork(resolvePath(m_base, m_base.reference));
        const finetuner::Session session = client.open(reference, "");
        std::vector<std::shared_ptr<const graph::Network>> pool;
        for (int i = 0; i < 1500; ++i)
            pool.push_back(i % 2 ? smallCnn(8) : smallCnn(16));
        const std::vector<predictor::Figures> figures = client.predict(session, 0, pool, nullptr);
        QCOMPARE(int(figures.size()), 1500);
        QVERIFY(figures[1498].latencySeconds == figures[0].latencySeconds);
        QVERIFY(figures[1499].latencySeconds == figures[1].latencySeconds);
        QVERIFY(figures[0].latencySeconds != figures[1].latencySeconds);
    }

    // Mutual TLS and the allow-list: a certificate the service does not list is refused
    // with its name; an unknown platform id is named.
    void theServiceRefusesWhatItMust()
    {
        BoardTestService service(writeConfig("strict.yaml", m_dir.filePath("store-strict")),
                                 QStringLiteral(CALIBRA_FINETUNER));
        QVERIFY2(!service.address().empty(), service.output().constData());
        const graph::Network reference = graph::loadNetwork(resolvePath(m_base, m_base.reference));
        try {
            finetuner::FinetunerClient intruder(connection(service.address(), "intruder"));
            intruder.open(reference, "");
            QFAIL("a client the service does not list was served");
        } catch (const finetuner::FinetunerError &e) {
            QVERIFY2(QString(e.what()).contains("'intruder' is not authorized"), e.what());
        }
        FinetunerConnection unknown = connection(service.address());
        unknown.platformId = "npu-z";
        try {
            finetuner::FinetunerClient client(unknown);
            client.open(reference, "");
            QFAIL("an unknown platform id was accepted");
        } catch (const finetuner::FinetunerError &e) {
            QVERIFY2(QString(e.what()).contains("'npu-z' is not served here"), e.what());
        }
    }

    // A service that is not there: the run stops with the address and the reason, after
    // waiting its reconnect time, and no run is left half made.
    void anAbsentServiceIsNamed()
    {
        Project p = throughService(m_base, "127.0.0.1:1");
        try {
            Pipeline pipe(p, m_dir.filePath("absent").toStdString());
            QFAIL("a run opened without its service");
        } catch (const finetuner::FinetunerError &e) {
            QVERIFY2(QString(e.what()).contains("127.0.0.1:1") && QString(e.what()).contains("unreachable"), e.what());
        }
    }
};

QTEST_MAIN(TestFinetuner)
#include "tst_finetuner.moc"
