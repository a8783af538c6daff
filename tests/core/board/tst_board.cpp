// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-board on loopback: real services (separate processes) with mutual TLS, the
// board validator against them, refused clients, rejected networks and batches, the
// rate limit, the host-measurement and command backends, a service killed mid-batch
// (the batch completes on a second service, or its missing results are reported
// failed), and a pipeline run whose board dies, resumed when it is back.
#include "board/BoardConfig.h"
#include "boardclient/NetworkWire.h"
#include "board/RateLimiter.h"
#include "boardclient/board.grpc.pb.h"
#include "graph/ContentHash.h"
#include "graph/GraphError.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "graph/YamlFormat.h"
#include "base/InputError.h"
#include "hardware/TargetSetting.h"
#include "pipeline/Pipeline.h"
#include "pipeline/RunStore.h"
#include "boardclient/BoardError.h"
#include "boardclient/BoardValidator.h"
#include "validate/SimulatorValidator.h"

#include "BoardTestService.h"
#include "CancelAfter.h"
#include "SmallRuns.h"

#include <grpcpp/grpcpp.h>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <atomic>
#include <thread>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace calibra;

namespace {

using Service = BoardTestService;

} // namespace

class TestBoard : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_certs, m_otherCa;
    hardware::Platform m_platform;

    // A service configuration in the temporary directory; `extra` adds or overrides
    // top-level sections (YAML).
    QString writeConfig(const QString &name, const QString &backend, const QString &extra = {},
                        const QString &listen = QStringLiteral("127.0.0.1:0"))
    {
        return writeBoardTestConfig(m_dir.filePath(name), m_certs, backend, extra, listen);
    }

    validate::BoardConnection connection(const std::vector<std::string> &services, const QString &client = "calibra",
                                         const QString &certDir = {})
    {
        validate::BoardConnection c;
        c.services = services;
        const QString dir = certDir.isEmpty() ? m_certs : certDir;
        c.caFile = (m_certs + "/ca.pem").toStdString();
        c.certFile = (dir + "/" + client + ".pem").toStdString();
        c.keyFile = (dir + "/" + client + ".key").toStdString();
        c.deadlineSeconds = 60;
        return c;
    }

    std::unique_ptr<board::v1::Board::Stub> rawStub(const std::string &address)
    {
        grpc::SslCredentialsOptions tls;
        tls.pem_root_certs = graph::readFileBytes((m_certs + "/ca.pem").toStdString());
        tls.pem_cert_chain = graph::readFileBytes((m_certs + "/calibra.pem").toStdString());
        tls.pem_private_key = graph::readFileBytes((m_certs + "/calibra.key").toStdString());
        grpc::ChannelArguments args;
        args.SetMaxSendMessageSize(-1);
        return board::v1::Board::NewStub(grpc::CreateCustomChannel(address, grpc::SslCredentials(tls), args));
    }

    // Polls the service's health until it has validated `count` networks.
    bool waitUntilValidated(const std::string &address, uint64_t count)
    {
        auto stub = rawStub(address);
        for (int i = 0; i < 600; ++i) {
            grpc::ClientContext ctx;
            ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
            board::v1::HealthReply reply;
            if (stub->Health(&ctx, {}, &reply).ok() && reply.validated_networks() >= count)
                return true;
            QTest::qWait(20);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The service drops to 'nobody' when the tests run as root: it must reach the
        // files it runs (the command backend's tool).
        chmod(m_dir.path().toLocal8Bit().constData(), 0755);
        m_certs = m_dir.filePath("certs");
        m_otherCa = m_dir.filePath("other");
        const QString script = QStringLiteral(CALIBRA_SOURCE_DIR "/scripts/make-dev-certs.sh");
        QCOMPARE(QProcess::execute("bash", {script, m_certs, "calibra", "intruder", "slowpoke"}), 0);
        QCOMPARE(QProcess::execute("bash", {script, m_otherCa, "calibra"}), 0);
        m_platform = hardware::loadPlatform("builtin:edge-npu-s");
    }

    void configErrorsNameFileAndField()
    {
        const auto fails = [](const std::string &text, const char *expected) {
            try {
                board::parseBoardConfig(text, "board.yaml");
            } catch (const base::InputError &e) {
                if (!QString(e.what()).contains(expected)) {
                    qWarning() << e.what();
                    return false;
                }
                return QString(e.what()).contains("board.yaml:");
            }
            return false;
        };
        const std::string head = "format: calibra-board-config\nversion: 1\ntls: {ca: a, cert: b, key: c}\n";
        QVERIFY(fails(head + "backend: {kind: fpga}\n", "backend.kind"));
        QVERIFY(fails(head + "backend: {kind: command}\n", "backend.command"));
        QVERIFY(fails(head + "backend: {kind: simulator}\nlimits: {max_nodes: 0}\n", "limits.max_nodes"));
        QVERIFY(fails(head + "backend: {kind: simulator}\nclients: [{name: a, rate: 3}]\n", "rate"));
        QVERIFY(fails(head + "backend: {kind: simulator}\nexpose: {per_layer: often}\n", "expose.per_layer"));
        QVERIFY(board::parseBoardConfig(head + "backend: {kind: simulator}\nexpose: {per_layer: true}\n", "b.yaml")
                    .exposePerLayer);
        QVERIFY(!board::parseBoardConfig(head + "backend: {kind: simulator}\n", "b.yaml").exposePerLayer);
    }

    void worldReadableKeyIsRefused()
    {
        const QString config = writeConfig("check.yaml", "{kind: simulator}");
        const QString key = m_certs + "/server.key";
        const auto check = [&] {
            QProcess p;
            p.start(QStringLiteral(CALIBRA_BOARD), {QStringLiteral("--config"), config, QStringLiteral("--check")});
            p.waitForFinished(30000);
            return std::make_pair(p.exitCode(), p.readAllStandardError());
        };
        const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        QFile::setPermissions(key, ownerOnly | QFileDevice::ReadGroup); // group-readable: fine
        auto [code, err] = check();
        QCOMPARE(code, 0);
        QFile::setPermissions(key, ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        std::tie(code, err) = check();
        QFile::setPermissions(key, ownerOnly);
        QCOMPARE(code, 1);
        QVERIFY2(err.contains("server.key: the private key is readable by every user"), err.constData());
    }

    void networksSurviveTheWire()
    {
        for (const std::string &name : graph::builtinNetworkNames()) {
            graph::Network original = graph::loadNetwork("builtin:" + name);
            for (graph::Node &n : original.nodes)
                n.weights.clear(); // weights stay behind: the structure travels
            board::v1::Network message;
            board::toWire(original, message);
            board::v1::Network reread;
            QVERIFY(reread.ParseFromString(message.SerializeAsString()));
            const graph::Network back = board::fromWire(reread, "wire");
            std::string difference;
            QVERIFY2(graph::sameNetwork(original, back, &difference), (name + ": " + difference).c_str());
            QCOMPARE(graph::networkContentHash(back), graph::networkContentHash(original));
        }
        board::v1::Network broken;
        board::toWire(*smallCnn(8), broken);
        broken.mutable_nodes(1)->set_inputs(0, "nowhere");
        QVERIFY_EXCEPTION_THROWN(board::fromWire(broken, "network 3"), graph::GraphError);
        try {
            board::fromWire(broken, "network 3");
        } catch (const graph::GraphError &e) {
            QVERIFY2(QString(e.what()).startsWith("network 3: ") && QString(e.what()).contains("nowhere"), e.what());
        }
        broken.mutable_nodes(1)->set_op("Teleport");
        QVERIFY_EXCEPTION_THROWN(board::fromWire(broken, "network 3"), graph::GraphError);
    }

    void rateLimiterRefills()
    {
        board::RateLimiter r;
        r.configure("a", 2, 3); // 2 per second, bursts of 3
        const auto t0 = board::RateLimiter::Clock::now();
        QVERIFY(r.tryAcquire("a", t0));
        QVERIFY(r.tryAcquire("a", t0));
        QVERIFY(r.tryAcquire("a", t0));
        QVERIFY(!r.tryAcquire("a", t0));
        QVERIFY(r.tryAcquire("a", t0 + std::chrono::milliseconds(600))); // 1.2 tokens back
        QVERIFY(!r.tryAcquire("a", t0 + std::chrono::milliseconds(600)));
        QVERIFY(!r.tryAcquire("unknown", t0));
    }

    void validClientGetsTheSimulatorsFigures()
    {
        Service s(writeConfig("sim.yaml", "{kind: simulator, platform: builtin:edge-npu-s}"));
        QVERIFY2(!s.address().empty(), s.output().constData());
        validate::BoardValidator board(connection({s.address()}));
        QCOMPARE(board.backendId(), std::string("board/simulator/edge-npu-s"));

        hardware::TargetSetting slow = hardware::defaultSetting(m_platform);
        slow.dvfsMhz = m_platform.dvfs.front().mhz;
        std::vector<validate::ValidationRequest> batch;
        for (int w : {8, 16, 24})
            batch.push_back({smallCnn(w), hardware::defaultSetting(m_platform)});
        batch.push_back({batch[0].network, slow});                                                // another setting
        batch.push_back({std::make_shared<graph::Network>(*batch[1].network), batch[1].setting}); // a duplicate
        batch.push_back({std::make_shared<graph::Network>(graph::loadNetwork("builtin:mobilenet_v2")),
                         hardware::defaultSetting(m_platform)});
        const auto remote = board.validate(batch, nullptr);
        const auto local = validate::SimulatorValidator(m_platform).validate(batch, nullptr);
        QCOMPARE(remote.size(), batch.size());
        for (size_t i = 0; i < batch.size(); ++i) {
            QVERIFY2(remote[i].ok, remote[i].error.c_str());
            QCOMPARE(remote[i].latencyMs, local[i].latencyMs); // doubles travel exactly
            QCOMPARE(remote[i].energyMj, local[i].energyMj);
            QCOMPARE(remote[i].averagePowerMw, local[i].averagePowerMw);
            QCOMPARE(remote[i].dramBytes, local[i].dramBytes);
        }
        QVERIFY(remote[3].latencyMs > remote[0].latencyMs); // the slow DVFS point is slower
    }

    void clientsWithoutTheRightCertificateAreRefused()
    {
        Service s(writeConfig("auth.yaml", "{kind: simulator}"));
        QVERIFY2(!s.address().empty(), s.output().constData());

        // No client certificate at all: the TLS handshake fails.
        grpc::SslCredentialsOptions noCert;
        noCert.pem_root_certs = graph::readFileBytes((m_certs + "/ca.pem").toStdString());
        auto stub = board::v1::Board::NewStub(grpc::CreateChannel(s.address(), grpc::SslCredentials(noCert)));
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        board::v1::CapabilitiesReply reply;
        const grpc::Status st = stub->Capabilities(&ctx, {}, &reply);
        QVERIFY(!st.ok());
        QVERIFY(reply.backend().empty());

        // Plain text: refused.
        auto plain = board::v1::Board::NewStub(grpc::CreateChannel(s.address(), grpc::InsecureChannelCredentials()));
        grpc::ClientContext ctx2;
        ctx2.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        QVERIFY(!plain->Capabilities(&ctx2, {}, &reply).ok());

        // A certificate from another CA.
        const auto other = validate::BoardValidator::probe(connection({s.address()}, "calibra", m_otherCa));
        QVERIFY(!other.front().reachable);
        QVERIFY_EXCEPTION_THROWN(validate::BoardValidator(connection({s.address()}, "calibra", m_otherCa)),
                                 board::BoardError);

        // The right CA but a name the service does not authorize.
        const auto intruder = validate::BoardValidator::probe(connection({s.address()}, "intruder"));
        QVERIFY(!intruder.front().reachable);
        QVERIFY2(QString::fromStdString(intruder.front().error).contains("'intruder' is not authorized"),
                 intruder.front().error.c_str());

        // The authorized client still gets in.
        QVERIFY(validate::BoardValidator::probe(connection({s.address()})).front().reachable);
    }

    void invalidAndOversizedRequestsAreRejectedClearly()
    {
        Service s(writeConfig("limits.yaml", "{kind: simulator}",
                              "limits: {max_message_mb: 0.25, max_networks_per_batch: 4, max_nodes: 40}\n"));
        QVERIFY2(!s.address().empty(), s.output().constData());
        auto stub = rawStub(s.address());
        const std::string setting = hardware::targetSettingToYaml(hardware::defaultSetting(m_platform));
        const auto call = [&](const board::v1::ValidateRequest &request, board::v1::ValidateReply &reply) {
            grpc::ClientContext ctx;
            ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
            return stub->Validate(&ctx, request, &reply);
        };

        board::v1::ValidateRequest r;
        r.set_target_setting_yaml(setting);
        auto *bad = r.add_networks();
        bad->set_key("broken");
        bad->set_network_yaml("format: calibra-network\nversion: 1\nname: x\nnodes: [oops\n");
        auto *big = r.add_networks();
        big->set_key("big");
        big->set_network_yaml(graph::networkToYaml(graph::loadNetwork("builtin:mobilenet_v2")));
        auto *good = r.add_networks();
        good->set_key("good");
        good->set_network_yaml(graph::networkToYaml(*smallCnn(8)));
        board::v1::ValidateReply reply;
        const grpc::Status st = call(r, reply);
        QVERIFY2(st.ok(), st.error_message().c_str());
        QCOMPARE(reply.results_size(), 3);
        QCOMPARE(reply.results(0).key(), std::string("broken"));
        QVERIFY(!reply.results(0).ok());
        QVERIFY2(QString::fromStdString(reply.results(0).error()).contains("invalid network: network 0"),
                 reply.results(0).error().c_str());
        QVERIFY(!reply.results(1).ok());
        QVERIFY2(QString::fromStdString(reply.results(1).error()).contains("at most 40"),
                 reply.results(1).error().c_str());
        QVERIFY2(reply.results(2).ok(), reply.results(2).error().c_str()); // the valid one is still validated

        // Settings the service's platform cannot run: refused naming only the field. No
        // reply may carry a figure of the platform (DVFS points, cores, SRAM, dataflows,
        // its name): those stay in the board's log.
        std::vector<std::string> secrets{m_platform.name, " " + std::to_string(m_platform.cores) + " core",
                                         std::to_string(int(m_platform.sramKiB))};
        for (const auto &point : m_platform.dvfs)
            secrets.push_back(std::to_string(int(point.mhz)));
        const std::pair<const char *, const char *> badSettings[] = {
            {"hardware: {dvfs_mhz: 123}", "field 'hardware.dvfs_mhz'"},
            {"hardware: {active_cores: 64}", "field 'hardware.active_cores'"},
            {"hardware: {sram_budget_kib: 999999}", "field 'hardware.sram_budget_kib'"},
            {"compile: {dataflow: IS}", "field 'compile.dataflow'"},
            {"compile: {fusion: [", "not valid for this board: it ("},
            {"hardware: {turbo: 1}", "field 'hardware.turbo'"},
        };
        for (const auto &[yaml, expected] : badSettings) {
            board::v1::ValidateRequest wrongSetting = r;
            wrongSetting.set_target_setting_yaml(std::string("format: calibra-target-setting\nversion: 1\n") + yaml
                                                 + "\n");
            const grpc::Status refused = call(wrongSetting, reply);
            QCOMPARE(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            const std::string &message = refused.error_message();
            QVERIFY2(message.find(expected) != std::string::npos && message.find("incident E") != std::string::npos,
                     message.c_str());
            for (const std::string &secret : secrets)
                QVERIFY2(message.find(secret) == std::string::npos, (secret + " leaked: " + message).c_str());
        }
        QByteArray log; // the full reasons are in the board's own log
        QTRY_VERIFY_WITH_TIMEOUT((log += s.output(), log.contains("incident E1 (client 'calibra'): target setting")),
                                 5000);
        QVERIFY2(log.contains("is not a DVFS point"), log.constData());

        // Too many networks in one batch.
        board::v1::ValidateRequest many;
        many.set_target_setting_yaml(setting);
        for (int i = 0; i < 5; ++i)
            *many.add_networks() = *good;
        const grpc::Status tooMany = call(many, reply);
        QCOMPARE(tooMany.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(QString::fromStdString(tooMany.error_message()).contains("at most 4"));

        // Over the message cap (0.25 MB): refused before it is even parsed.
        board::v1::ValidateRequest huge;
        huge.set_target_setting_yaml(setting);
        huge.add_networks()->set_network_yaml(std::string(400000, '#'));
        QCOMPARE(call(huge, reply).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

        // The service is still up and serving.
        QVERIFY(call(r, reply).ok());
    }

    void rateLimitPerClient()
    {
        Service s(writeConfig(
            "rate.yaml", "{kind: simulator}",
            "clients:\n  - {name: calibra}\n  - {name: slowpoke, max_requests_per_second: 0.01, burst: 2}\n"));
        QVERIFY2(!s.address().empty(), s.output().constData());
        validate::BoardConnection c = connection({s.address()}, "slowpoke");
        c.chunkSize = 1;
        validate::BoardValidator board(c);
        std::vector<validate::ValidationRequest> batch;
        for (int w : {4, 5, 6})
            batch.push_back({smallCnn(w), hardware::defaultSetting(m_platform)});
        // Three requests, two tokens, and a rate (one request per 100 s) too slow to wait
        // for: the third is refused at once.
        const auto results = board.validate(batch, nullptr);
        const int ok = int(std::count_if(results.begin(), results.end(), [](const auto &m) { return m.ok; }));
        QCOMPARE(ok, 2);
        const auto refused = std::find_if(results.begin(), results.end(), [](const auto &m) { return !m.ok; });
        QVERIFY2(QString::fromStdString(refused->error).contains("rate limit"), refused->error.c_str());
        QVERIFY(refused->transient);
    }

    // A service that paces its client (five requests a second, no burst) is waited for:
    // every request of a batch larger than its bucket is answered, none refused.
    void pacingServiceIsWaitedFor()
    {
        Service s(writeConfig("pace.yaml", "{kind: simulator}",
                              "clients:\n  - {name: calibra, max_requests_per_second: 5, burst: 1}\n"));
        QVERIFY2(!s.address().empty(), s.output().constData());
        validate::BoardConnection c = connection({s.address()});
        c.chunkSize = 1;
        validate::BoardValidator board(c);
        QCOMPARE(board.statuses().front().maxRequestsPerSecond, 5.0);
        std::vector<validate::ValidationRequest> batch;
        for (int w : {4, 5, 6, 7})
            batch.push_back({smallCnn(w), hardware::defaultSetting(m_platform)});
        QElapsedTimer clock;
        clock.start();
        const auto results = board.validate(batch, nullptr);
        for (const auto &m : results)
            QVERIFY2(m.ok, m.error.c_str());
        // Four requests through a bucket of one at five a second: the client waited for
        // three refills (a lower bound, so a busy machine cannot make it fail).
        QVERIFY2(clock.elapsed() >= 550, qPrintable(QString::number(clock.elapsed())));

        // A cancel during the waits ends the batch: what was not answered is cancelled,
        // not refused, and the service stays in rotation for the next batch.
        std::vector<validate::ValidationRequest> many;
        for (int w = 8; w < 28; ++w)
            many.push_back({smallCnn(w), hardware::defaultSetting(m_platform)});
        test::CancelAfter cancel(std::chrono::milliseconds(300));
        const auto partial = board.validate(many, cancel.flag());
        cancel.join();
        const int answered = int(std::count_if(partial.begin(), partial.end(), [](const auto &m) { return m.ok; }));
        QVERIFY2(answered < int(many.size()), qPrintable(QString::number(answered)));
        for (const auto &m : partial)
            QVERIFY2(m.ok || m.error == "cancelled", m.error.c_str());
        QCOMPARE(board.servicesInRotation(), 1);
    }

    void hostMeasurementReportsWhatItCanMeasure()
    {
        Service s(
            writeConfig("host.yaml",
                        "{kind: host, platform: builtin:mobile-npu-m, warmup_runs: 2, timed_runs: 9, min_seconds: 0}"));
        QVERIFY2(!s.address().empty(), s.output().constData());
        validate::BoardValidator board(connection({s.address()}));
        const auto caps = board.statuses().front();
        QCOMPARE(caps.backend, std::string("host"));
        QVERIFY(std::find(caps.metrics.begin(), caps.metrics.end(), "memory_access") == caps.metrics.end());
        // Of the target setting, the host applies the active cores alone, and says so.
        QCOMPARE(int(caps.ignoredSettingFields.size()), 7);
        QVERIFY(std::find(caps.ignoredSettingFields.begin(), caps.ignoredSettingFields.end(), "hardware.active_cores")
                == caps.ignoredSettingFields.end());
        const validate::BackendCapabilities what = board.capabilities();
        QVERIFY(!what.memoryAccess);
        QCOMPARE(what.energy, std::find(caps.metrics.begin(), caps.metrics.end(), "energy") != caps.metrics.end());
        QCOMPARE(int(what.ignoredSettingFields.size()), 7);
        const hardware::Platform p = hardware::loadPlatform("builtin:mobile-npu-m");
        // One thread: ctest runs suites in parallel, and a two-thread team on a busy
        // two-core machine waits at every barrier (a tiny network then took 16 ms).
        hardware::TargetSetting oneCore = hardware::defaultSetting(p);
        oneCore.activeCores = 1;
        std::vector<validate::ValidationRequest> batch{{smallCnn(8), oneCore}, {smallCnn(64, 112), oneCore}};
        const auto r = board.validate(batch, nullptr);
        for (const auto &m : r) {
            QVERIFY2(m.ok, m.error.c_str());
            QVERIFY(m.latencyMs > 0);
            QVERIFY(m.latencyP90Ms >= m.latencyMs);
            QVERIFY(std::isnan(m.dramBytes)); // not measurable: unavailable, not zero
            QCOMPARE(std::isnan(m.energyMj),
                     std::find(caps.metrics.begin(), caps.metrics.end(), "energy") == caps.metrics.end());
        }
        QVERIFY(r[1].latencyMs > r[0].latencyMs); // about 1,000x the MACs of the first: beyond any noise
    }

    void commandBackendSpeaksJson()
    {
        const QString tool = m_dir.filePath("tool.sh");
        QFile f(tool);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // A vendor tool's stand-in: answers every key with a fixed latency and nothing else.
        f.write(
            "#!/bin/sh\nkeys=$(grep -o '\"key\":\"[0-9a-f]*\"' | cut -d'\"' -f4)\nprintf '{\"results\":['\n"
            "sep=''\nfor k in $keys; do printf '%s{\"key\":\"%s\",\"ok\":true,\"latency_ms\":1.5}' \"$sep\" \"$k\"; "
            "sep=','; done\nprintf ']}'\n");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
        Service s(writeConfig("command.yaml", QStringLiteral("{kind: command, command: [%1]}").arg(tool)));
        QVERIFY2(!s.address().empty(), s.output().constData());
        validate::BoardValidator board(connection({s.address()}));
        const auto r = board.validate({{smallCnn(8), hardware::defaultSetting(m_platform)}}, nullptr);
        QVERIFY2(r[0].ok, r[0].error.c_str());
        QCOMPARE(r[0].latencyMs, 1.5);
        QVERIFY(std::isnan(r[0].averagePowerMw)); // the tool did not report it
    }

    void killedServiceLosesNoResult()
    {
        // A stand-in board that holds each network 200 ms: a service is killed mid-batch
        // whatever else runs on the machine (host measurement of these small networks took
        // a few ms each, and under parallel ctest the whole batch could finish before the kill).
        const QString backend = "{kind: simulator, platform: builtin:mobile-npu-m, hold_s: 0.2}";
        Service a(writeConfig("a.yaml", backend)), b(writeConfig("b.yaml", backend));
        QVERIFY2(!a.address().empty() && !b.address().empty(), a.output().constData());
        validate::BoardConnection c = connection({a.address(), b.address()});
        c.chunkSize = 2;
        validate::BoardValidator board(c);
        const hardware::Platform p = hardware::loadPlatform("builtin:mobile-npu-m");
        std::vector<validate::ValidationRequest> batch;
        for (int w = 16; w < 32; ++w)
            batch.push_back({smallCnn(w, 112), hardware::defaultSetting(p)});
        std::vector<validate::Metrics> results;
        std::thread run([&] { results = board.validate(batch, nullptr); });
        const bool started = waitUntilValidated(a.address(), 1); // mid-batch: it has done some
        a.kill();
        run.join();
        QVERIFY(started);
        QCOMPARE(results.size(), batch.size());
        for (const auto &m : results)
            QVERIFY2(m.ok, m.error.c_str()); // every chunk of the dead service was redone on the other

        // With no second service, what could not be validated is reported, not lost.
        validate::BoardConnection single = connection({b.address()});
        single.chunkSize = 2;
        validate::BoardValidator alone(single);
        std::vector<validate::ValidationRequest> more;
        for (int w = 32; w < 40; ++w)
            more.push_back({smallCnn(w, 112), hardware::defaultSetting(p)});
        std::vector<validate::Metrics> partial;
        const uint64_t before = [&] {
            auto stub = rawStub(b.address());
            grpc::ClientContext ctx;
            board::v1::HealthReply reply;
            stub->Health(&ctx, {}, &reply);
            return reply.validated_networks();
        }();
        std::thread run2([&] { partial = alone.validate(more, nullptr); });
        const bool firstChunkDone = waitUntilValidated(b.address(), before + 2); // a chunk is two networks
        b.kill();
        run2.join();
        QVERIFY(firstChunkDone);
        QCOMPARE(partial.size(), more.size());
        const int failed = int(std::count_if(partial.begin(), partial.end(), [](const auto &m) { return !m.ok; }));
        QVERIFY(failed > 0);
        QVERIFY(failed < int(more.size())); // chunks finished before the kill are kept
        for (const auto &m : partial)
            QVERIFY(m.ok || (m.transient && !m.error.empty()));
    }

    void runResumesAfterTheBoardComesBack()
    {
        graph::saveNetwork(*smallCnn(16), m_dir.filePath("ref.yaml").toStdString());
        pipeline::Project p = failingChecksProject("board-run", m_dir.filePath("ref.yaml").toStdString());
        const pipeline::RunResult whole = pipeline::Pipeline(p, m_dir.filePath("local").toStdString()).run();
        QVERIFY2(whole.ok, whole.error.c_str());

        auto service = std::make_unique<Service>(writeConfig("run1.yaml", "{kind: simulator}"));
        const std::string address = service->address();
        QVERIFY(!address.empty());
        p.validator = pipeline::ValidatorKind::Board;
        p.board = connection({address});
        const std::string dir = m_dir.filePath("board-run").toStdString();
        pipeline::RunResult first;
        {
            pipeline::Pipeline pipe(p, dir);
            first = pipe.run(nullptr, [&](const pipeline::Event &e) {
                if (e.kind == pipeline::EventKind::AccuracyCheck)
                    service->kill(); // the board dies after the first check
            });
        }
        QVERIFY(!first.ok);
        QVERIFY2(QString::fromStdString(first.error).contains("validation unavailable"), first.error.c_str());
        QVERIFY(first.validations > 0); // what was validated is kept

        // Back on the same address; the resumed run validates only what is missing.
        Service back(writeConfig("run2.yaml", "{kind: simulator}", {}, QString::fromStdString(address)));
        QCOMPARE(back.address(), address);
        const auto resumed = pipeline::Pipeline::resume(dir);
        const pipeline::RunResult r = resumed->run();
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.validations, whole.validations); // each exactly once, none lost
        QCOMPARE(r.final.genotype, whole.final.genotype);
        QCOMPARE(r.final.validated.latencyMs, whole.final.validated.latencyMs);
    }
};

QTEST_GUILESS_MAIN(TestBoard)
#include "tst_board.moc"
