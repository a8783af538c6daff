// SPDX-License-Identifier: GPL-3.0-or-later
// Validating-service benchmark (issue: board service). Tables:
//  1. repeatability of host latency measurement: each network measured R times under
//     the fixed protocol (the median of 30 timed runs and 1 s) and the precise one (on
//     until the median is known to +-1%, at most 10 s), the coefficient of variation of
//     those medians, per thread count (target: under 3%);
//  2. throughput of simulator validations through calibra-board (mutual TLS on
//     loopback) against in-process, for sub-networks of the MobileNetV2 supernet;
//  3. the predictor's accuracy check and finetuning against host measurement (real CPU
//     latency through a host-backend calibra-board): validations used, accuracy reached
//     on held-out measured sub-networks.
// Usage: bench_board [--only repeat|throughput|finetune] [--repeats R] [--networks N]
//        [--held-out N] [--reference BUILTIN]
#include "augment/AggModels.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "hardware/Lowering.h"
#include "predictor/AccuracyCheck.h"
#include "model/Finetune.h"
#include "model/ShippedModel.h"
#include "supernet/Supernet.h"
#include "boardclient/BoardValidator.h"
#include "board/HostMeasurementValidator.h"
#include "validate/ProbedValidator.h"
#include "validate/SimulatorValidator.h"

#include "BenchArgs.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include <unistd.h>

using namespace calibra;
using Clock = std::chrono::steady_clock;
using NetPtr = std::shared_ptr<const graph::Network>;

namespace {

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

double coefficientOfVariation(const std::vector<double> &v)
{
    double mean = 0, sq = 0;
    for (double x : v)
        mean += x;
    mean /= double(v.size());
    for (double x : v)
        sq += (x - mean) * (x - mean);
    return std::sqrt(sq / double(v.size() - 1)) / mean;
}

// Local services for the benchmark: a development CA, and calibra-board processes.
class LocalBoards
{
public:
    LocalBoards()
    {
        m_dir.setAutoRemove(true);
        QProcess::execute("bash",
                          {QStringLiteral(CALIBRA_SOURCE_DIR "/scripts/make-dev-certs.sh"), m_dir.path(), "bench"});
    }
    ~LocalBoards()
    {
        for (auto &p : m_processes) {
            p->kill();
            p->waitForFinished();
        }
    }
    std::string start(const QString &backend)
    {
        const QString config = m_dir.filePath(QString("board%1.yaml").arg(m_processes.size()));
        QFile f(config);
        f.open(QIODevice::WriteOnly);
        f.write(QString("format: calibra-board-config\nversion: 1\nlisten: 127.0.0.1:0\n%1"
                        "tls: {ca: ca.pem, cert: server.pem, key: server.key}\n"
                        "clients: [{name: bench, max_requests_per_second: 100000, burst: 100000}]\n"
                        "limits: {max_networks_per_batch: 1000, max_message_mb: 256}\nbackend: %2\n")
                    .arg(geteuid() == 0 ? "user: nobody\n" : "", backend)
                    .toUtf8());
        f.close();
        auto p = std::make_unique<QProcess>();
        p->start(QStringLiteral(CALIBRA_BOARD), {"--config", config});
        QByteArray out;
        while (!out.contains("listening on") && p->waitForReadyRead(20000))
            out += p->readAllStandardOutput();
        m_processes.push_back(std::move(p));
        const auto m = QRegularExpression("listening on (\\S+)").match(QString::fromUtf8(out));
        return m.captured(1).toStdString();
    }
    validate::BoardConnection connection(const std::vector<std::string> &services, int chunk) const
    {
        validate::BoardConnection c;
        c.services = services;
        c.caFile = m_dir.filePath("ca.pem").toStdString();
        c.certFile = m_dir.filePath("bench.pem").toStdString();
        c.keyFile = m_dir.filePath("bench.key").toStdString();
        c.chunkSize = chunk;
        return c;
    }

private:
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

// The machine's own noise floor under the same protocol: a scalar loop over 256 KiB
// (cache-resident), so that its variation is the machine's, not LibTorch's.
void noiseFloor(int repeats)
{
    std::vector<float> data(1 << 16, 1.0f);
    std::vector<double> medians;
    for (int r = 0; r < repeats; ++r) {
        std::vector<double> runs;
        const auto start = Clock::now();
        volatile double sink = 0;
        while (runs.size() < 30 || since(start) < 1.0) {
            const auto t = Clock::now();
            double s = 0;
            for (int k = 0; k < 40; ++k)
                for (float x : data)
                    s += std::sqrt(x + float(k));
            sink = sink + s;
            runs.push_back(since(t) * 1e3);
        }
        std::sort(runs.begin(), runs.end());
        medians.push_back(runs[runs.size() / 2]);
    }
    std::sort(medians.begin(), medians.end());
    std::printf("%-22s %7d %12.3f %10s %13.2f%% %16s\n", "(scalar loop, 256 KiB)", 1, medians[medians.size() / 2], "",
                coefficientOfVariation(medians) * 100, "");
}

void repeatability(int repeats)
{
    std::printf("\n1. Host latency repeatability: %d measurements per row after 5 warm-up runs; protocol 'fixed': "
                "the median of at least 30 timed runs and 1 s; 'precise': then on until the median's 95%% interval "
                "is within +-1%% (at most 10 s), outliers set aside\n",
                repeats);
    std::printf("%-22s %7s %-8s %10s %10s %8s %9s %14s %14s\n", "network", "threads", "protocol", "median ms",
                "p90/median", "runs", "+-95%", "CV of medians", "spread within");
    noiseFloor(repeats);
    const hardware::Platform p = hardware::loadPlatform("builtin:mobile-npu-m");
    for (const char *name : {"mobilenet_v2_fmnist", "mobilenet_v2_cifar", "resnet18", "mobilenet_v2"}) {
        const NetPtr net = std::make_shared<graph::Network>(graph::loadNetwork(std::string("builtin:") + name));
        for (int threads : {1, 2})
            for (const bool precise : {false, true}) {
                validate::HostMeasurementOptions o;
                if (!precise) {
                    o.precision = 1.0; // met at once: the minimum only
                    o.maxSeconds = o.minSeconds;
                }
                validate::HostMeasurementValidator host(o);
                hardware::TargetSetting s = hardware::defaultSetting(p);
                s.activeCores = threads;
                std::vector<double> medians;
                double p90 = 0, runs = 0, halfWidth = 0, spread = 0;
                for (int r = 0; r < repeats; ++r) {
                    const validate::Metrics m = host.validate({{net, s}}, nullptr).front();
                    medians.push_back(m.latencyMs);
                    p90 += m.latencyP90Ms / m.latencyMs / repeats;
                    runs += double(host.lastRunLatenciesMs().size()) / repeats;
                    halfWidth += (m.latencyHighMs / m.latencyMs - 1) / repeats;
                    spread += m.latencySpread / repeats;
                }
                std::sort(medians.begin(), medians.end());
                std::printf("%-22s %7d %-8s %10.3f %10.3f %8.0f %8.2f%% %13.2f%% %13.2f%%\n", name, threads,
                            precise ? "precise" : "fixed", medians[medians.size() / 2], p90, runs, halfWidth * 100,
                            coefficientOfVariation(medians) * 100, spread * 100);
            }
    }
}

std::vector<NetPtr> subnetworks(const std::string &reference, int count, uint64_t seed)
{
    const supernet::Supernet s(graph::loadNetwork(reference));
    std::mt19937_64 rng(seed);
    std::vector<NetPtr> out;
    for (int i = 0; i < count; ++i)
        out.push_back(std::make_shared<graph::Network>(s.decode(s.sample(rng))));
    return out;
}

void throughput(int networks)
{
    std::printf("\n2. Simulator validations: in-process against calibra-board on loopback (mutual TLS), %d "
                "sub-networks of MobileNetV2 (224x224) on edge-npu-s\n",
                networks);
    std::printf("%-40s %10s %14s\n", "path", "seconds", "networks / s");
    const hardware::Platform p = hardware::loadPlatform("builtin:edge-npu-s");
    std::vector<validate::ValidationRequest> batch;
    for (const NetPtr &n : subnetworks("builtin:mobilenet_v2", networks, 5))
        batch.push_back({n, hardware::defaultSetting(p)});
    const auto row = [&](const char *name, validate::Validator &v) {
        const auto t = Clock::now();
        const auto r = v.validate(batch, nullptr);
        const double s = since(t);
        int ok = 0;
        for (const auto &m : r)
            ok += m.ok ? 1 : 0;
        std::printf("%-40s %10.2f %14.1f%s\n", name, s, networks / s, ok == networks ? "" : "  (FAILURES)");
    };
    validate::SimulatorValidator local(p);
    row("in-process simulator", local);
    LocalBoards boards;
    const std::string a = boards.start("{kind: simulator, platform: builtin:edge-npu-s}");
    const std::string b = boards.start("{kind: simulator, platform: builtin:edge-npu-s}");
    for (int chunk : {1, 16, 64}) {
        validate::BoardValidator one(boards.connection({a}, chunk));
        row(("1 service, chunks of " + std::to_string(chunk)).c_str(), one);
    }
    validate::BoardValidator two(boards.connection({a, b}, 16));
    row("2 services, chunks of 16", two);
}

void finetuneOnHost(int heldOut, const std::string &referenceName)
{
    std::printf("\n3. Predictor check and finetuning against host measurement (this machine's CPU through a "
                "host-backend calibra-board), sub-networks of the %s supernet\n",
                referenceName.c_str());
    const hardware::Platform p = hardware::loadPlatform("builtin:mobile-npu-m"); // the features' nominal target
    const hardware::TargetSetting s = hardware::defaultSetting(p);
    LocalBoards boards;
    const std::string address =
        boards.start("{kind: host, platform: builtin:mobile-npu-m, warmup_runs: 5, timed_runs: 30}");
    const graph::Network reference = graph::loadNetwork("builtin:" + referenceName);
    // As a run measures on one board: the reference as the probe (probe_every 5).
    validate::ProbedValidator board(std::make_shared<validate::BoardValidator>(boards.connection({address}, 16)),
                                    std::make_shared<const graph::Network>(reference));

    auto t0 = Clock::now();
    const std::vector<NetPtr> checkNets = subnetworks("builtin:" + referenceName, 20, 21);
    const std::vector<NetPtr> heldNets = subnetworks("builtin:" + referenceName, heldOut, 99);
    // validatedSamples sets its count of failures: one counter a call, added up at the end.
    int failedCheck = 0, failedHeld = 0, failedAgg = 0, failedAgain = 0;
    const auto check = model::validatedSamples(checkNets, p, s, board, "check", &failedCheck);
    const auto held = model::validatedSamples(heldNets, p, s, board, "held-out", &failedHeld);
    const double measureSeconds = since(t0);

    model::PerformanceModel model = model::loadModel("builtin:offline");
    const auto latencyAccuracy = [&](const model::PerformanceModel &m, const std::vector<model::Sample> &set) {
        std::vector<const predictor::NetworkFeatures *> f;
        std::vector<double> truth, pred;
        for (const auto &x : set)
            f.push_back(&x.features);
        const auto out = m.predict(f);
        for (size_t i = 0; i < set.size(); ++i) {
            truth.push_back(set[i].target.latencySeconds);
            pred.push_back(out[i].latencySeconds);
        }
        return predictor::accuracyOf(pred, truth);
    };
    std::printf("%-40s %11s %9s %9s %9s %9s\n", "predictor (latency only)", "validations", "within10", "within5",
                "MAPE", "Spearman");
    const auto row = [&](const char *name, int validations, const predictor::MetricAccuracy &a) {
        std::printf("%-40s %11d %8.1f%% %8.1f%% %8.1f%% %9.3f\n", name, validations, a.within10 * 100, a.within5 * 100,
                    a.mape * 100, a.spearman);
    };
    const predictor::MetricAccuracy checkBefore = latencyAccuracy(model, check);
    row("offline, on the check sample", int(check.size()), checkBefore);
    row("offline, held out", 0, latencyAccuracy(model, held));

    t0 = Clock::now();
    std::vector<NetPtr> aggNets;
    for (auto &n : augment::generateAggModels(reference, {4, 8, 4, 1}))
        aggNets.push_back(std::make_shared<graph::Network>(std::move(n)));
    const auto refSample = model::validatedSamples({std::make_shared<graph::Network>(reference)}, p, s, board, "ref");
    const auto agg = model::validatedSamples(aggNets, p, s, board, "agg", &failedAgg);
    std::vector<model::Sample> data = check;
    data.insert(data.end(), refSample.begin(), refSample.end());
    const double aggSeconds = since(t0);
    // The same measurements adapt the offline model by each method (the pipeline's
    // default is auto); with and without the AGG models.
    const int used = int(check.size() + refSample.size() + agg.size());
    for (const bool withAgg : {true, false})
        for (predictor::FinetuneMethod method :
             {predictor::FinetuneMethod::Retrain, predictor::FinetuneMethod::Calibrate,
              predictor::FinetuneMethod::Auto}) {
            t0 = Clock::now();
            model::PerformanceModel adapted = model;
            model::FinetuneOptions fo;
            fo.method = method;
            const model::FinetuneReport fr = model::finetune(adapted, data, withAgg ? agg : decltype(agg){}, fo);
            const std::string name = std::string(predictor::finetuneMethodName(method)) + (withAgg ? "+AGG" : "") + ", "
                                     + (fr.adopted ? "adopted " + fr.adoptedMethod : "not adopted");
            row(name.c_str(), withAgg ? used : int(data.size()), latencyAccuracy(adapted, held));
            std::printf("  %d train + %d held-out samples, held-out loss %.4f -> %.4f, %.1f s\n", fr.trainSamples,
                        fr.heldOutSamples, fr.heldOutLossBefore, fr.heldOutLossAfter, since(t0));
        }
    // The device against itself: the check sample measured again, minutes after the first time
    // (the finetunes above learnt from the first measurements; the held-out ones came between).
    t0 = Clock::now();
    const auto again = model::validatedSamples(checkNets, p, s, board, "check again", &failedAgain);
    std::vector<double> first, second;
    // Failed networks are left out of a sample: pairs by position hold only when none failed.
    if (failedCheck == 0 && failedAgain == 0)
        for (size_t i = 0; i < check.size(); ++i) {
            first.push_back(check[i].target.latencySeconds);
            second.push_back(again[i].target.latencySeconds);
        }
    else
        std::printf("  (not compared: %d and %d check networks could not be measured)\n", failedCheck, failedAgain);
    row("the check sample measured again", int(again.size()), predictor::accuracyOf(second, first));
    double ratioSum = 0;
    for (size_t i = 0; i < first.size(); ++i)
        ratioSum += second[i] / first[i];
    std::printf("  second / first measurement: mean %.3f over %zu networks, %.1f s\n",
                first.empty() ? 0.0 : ratioSum / double(first.size()), first.size(), since(t0));
    const validate::ProbeReport probes = board.report();
    std::printf("probe (the reference, %.3f ms): %d probes, %d disturbed, %d networks re-measured, %d kept "
                "disturbed\n",
                probes.baselineMs, probes.probes, probes.disturbed, probes.remeasured, probes.unresolved);
    std::printf("measuring %zu networks took %.1f s, the reference and %zu AGG models %.1f s; %d networks could not be "
                "measured\n",
                check.size() + held.size(), measureSeconds, agg.size(), aggSeconds,
                failedCheck + failedHeld + failedAgg + failedAgain);
}

} // namespace

static int benchMain(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString only = bench::textOption(args, "--only");
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    if (only.isEmpty() || only == "repeat")
        repeatability(bench::intOption(args, "--repeats", 10));
    if (only.isEmpty() || only == "throughput")
        throughput(bench::intOption(args, "--networks", 500));
    if (only.isEmpty() || only == "finetune")
        finetuneOnHost(bench::intOption(args, "--held-out", 100),
                       bench::textOption(args, "--reference").isEmpty()
                           ? std::string("mobilenet_v2_cifar")
                           : bench::textOption(args, "--reference").toStdString());
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_board", [&] { return benchMain(argc, argv); });
}
