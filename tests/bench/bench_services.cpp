// SPDX-License-Identifier: GPL-3.0-or-later
// The cost of the service path (issue 29): the same run in process and through a local
// calibra-finetuner (mutual TLS on 127.0.0.1, the simulator behind it), at two search
// budgets. Each run is mode both with checks that always fail (a pre and a post finetune),
// the parameter-count estimator and no final training, so the table measures the
// predictor's, the checks' and the validations' path, not training. Reports wall time
// (median of --repeats runs), the overhead, and whether the two runs agree (decisions,
// validations, final genotype).
// Usage: bench_services [--repeats N]
#include "BenchArgs.h"
#include "BoardTestService.h"
#include "SmallRuns.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace calibra;
using namespace calibra::pipeline;

namespace {

struct Timed
{
    double seconds = 0;
    RunResult result;
    std::vector<std::string> decisions;
};

Timed timedRun(const Project &p, const QString &directory)
{
    Timed t;
    const auto start = std::chrono::steady_clock::now();
    Pipeline pipe(p, directory.toStdString());
    t.result = pipe.run(nullptr, [&](const Event &e) {
        if (e.kind == EventKind::AccuracyCheck)
            t.decisions.push_back(checkDecisionName(e.check.decision));
        else if (e.kind == EventKind::FinetuneFinished)
            t.decisions.push_back(e.finetune.adopted ? "adopted" : "kept");
    });
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!t.result.ok)
        throw std::runtime_error("run failed: " + t.result.error);
    return t;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return bench::reportingErrors("bench_services", [&] {
        const int repeats = std::max(1, bench::intOption(app.arguments(), "--repeats", 3));
        QTemporaryDir dir;
        const QString certs = dir.filePath("certs");
        if (QProcess::execute("bash", {QStringLiteral(CALIBRA_SOURCE_DIR "/scripts/make-dev-certs.sh"), certs}) != 0)
            throw std::runtime_error("scripts/make-dev-certs.sh failed");
        // A service of its own for each run: a service starts a run from the predictor the
        // last run on the same reference and setting finetuned, and the run in process
        // from the offline one.
        const auto startService = [&](int run) {
            const QString config = dir.filePath(QString("finetuner-%1.yaml").arg(run));
            QFile f(config);
            if (!f.open(QIODevice::WriteOnly))
                throw std::runtime_error("cannot write " + config.toStdString());
            f.write(QStringLiteral("format: calibra-finetuner-config\nversion: 1\nlisten: 127.0.0.1:0\n"
                                   "tls: {ca: %1/ca.pem, cert: %1/server.pem, key: %1/server.key}\n"
                                   "clients: [calibra]\nstore: %2\n"
                                   "platforms:\n  - {id: npu-a, platform: builtin:edge-npu-s}\n")
                        .arg(certs, dir.filePath(QString("store-%1").arg(run)))
                        .toUtf8());
            f.close();
            auto service = std::make_unique<BoardTestService>(config, QStringLiteral(CALIBRA_FINETUNER));
            if (service->address().empty())
                throw std::runtime_error("calibra-finetuner did not start: " + service->output().toStdString());
            return service;
        };

        std::printf("| population x generations | in process (s) | via calibra-finetuner (s) | overhead | "
                    "added per generation (ms) | validations | same decisions, validations, final model |\n"
                    "|---|---|---|---|---|---|---|\n");
        int run = 0;
        for (const auto &[population, generations] : {std::pair{20, 5}, std::pair{50, 10}}) {
            Project p = withChecks(smallResNetProject(dir.path(), "bench"), Mode::Both, false);
            p.estimator = supernet::EstimatorKind::Params;
            p.search.population = population;
            p.search.generations = generations;
            Project remote = p;
            remote.platform.clear();
            remote.predictor.clear();
            remote.finetuner.platformId = "npu-a";
            remote.finetuner.caFile = (certs + "/ca.pem").toStdString();
            remote.finetuner.certFile = (certs + "/calibra.pem").toStdString();
            remote.finetuner.keyFile = (certs + "/calibra.key").toStdString();
            std::vector<double> local, viaService;
            bool same = true;
            int validations = 0, evaluated = 0; // generations evaluated by one run, every search's
            for (int r = 0; r < repeats; ++r) {
                p.search.seed = remote.search.seed = uint64_t(11 + r);
                const auto service = startService(++run);
                remote.finetuner.address = service->address();
                const Timed a = timedRun(p, dir.filePath(QString("local-%1").arg(run)));
                const Timed b = timedRun(remote, dir.filePath(QString("remote-%1").arg(run)));
                local.push_back(a.seconds);
                viaService.push_back(b.seconds);
                validations = a.result.validations;
                evaluated = a.result.searches * (generations + 1);
                same = same && a.decisions == b.decisions && a.result.validations == b.result.validations
                       && a.result.final.genotype == b.result.final.genotype;
            }
            const double l = median(local), v = median(viaService);
            std::printf("| %d x %d | %.2f | %.2f | %+.0f%% | %.0f | %d | %s |\n", population, generations, l, v,
                        (v / l - 1) * 100, (v - l) * 1000 / evaluated, validations, same ? "yes" : "NO");
            std::fflush(stdout);
        }
        return 0;
    });
}
