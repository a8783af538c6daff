// SPDX-License-Identifier: GPL-3.0-or-later
// Board-farm throughput (issue: Slurm farm). For 1, 2 and 4 stand-in boards, each a
// Slurm node on a local cluster (munged, slurmctld, one slurmd per board) with its own
// calibra-board (simulator holding the board --hold-ms per network, as a real board's
// measurement would), validate --networks distinct networks through the farm validator
// in jobs of --batch networks. Prints wall time, networks/s, speedup and the ideal
// (board time alone), and the same networks on one board without Slurm.
// Needs root and Debian's slurmctld, slurmd, slurm-client and munge.
// Usage: bench_farm [--networks N] [--hold-ms MS] [--batch B]
#include "hardware/Platform.h"
#include "boardclient/BoardValidator.h"
#include "farm/FarmValidator.h"

#include "../BoardTestService.h"
#include "../SmallRuns.h"
#include "../SlurmTestCluster.h"
#include "BenchArgs.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>

using namespace calibra;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

QString boardConfig(const QString &dir, const QString &name, const QString &certs, double holdSeconds)
{
    return writeBoardTestConfig(
        dir + "/" + name + ".yaml", certs,
        QStringLiteral("{kind: simulator, platform: builtin:edge-npu-s, hold_s: %1}").arg(holdSeconds),
        "clients:\n  - {name: calibra, max_requests_per_second: 10000, burst: 10000}\n"
        "limits: {max_networks_per_batch: 1000}\n");
}

} // namespace

static int benchMain(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int networks = bench::intOption(args, "--networks", 96);
    const double hold = bench::intOption(args, "--hold-ms", 100) / 1000.0;
    const int batchSize = bench::intOption(args, "--batch", 8);
    if (const QString why = SlurmTestCluster::unavailableReason(); !why.isEmpty()) {
        std::fprintf(stderr, "bench_farm: %s\n", qPrintable(why));
        return 1;
    }
    QTemporaryDir tmp;
    const QString certs = tmp.filePath("certs");
    if (QProcess::execute(QStringLiteral(CALIBRA_SOURCE_DIR "/scripts/make-dev-certs.sh"), {certs}) != 0)
        return 1;
    const hardware::Platform platform = hardware::loadPlatform("builtin:edge-npu-s");
    std::vector<validate::ValidationRequest> batch;
    for (int i = 0; i < networks; ++i)
        batch.push_back({smallCnn(8 + i, 32, 3), hardware::defaultSetting(platform)});

    std::printf("Board farm throughput: %d distinct networks, stand-in boards holding %.0f ms per network, "
                "jobs of %d networks\n\n",
                networks, hold * 1000, batchSize);
    // One board without Slurm: the service alone.
    double direct = 0;
    {
        BoardTestService service(boardConfig(tmp.path(), "direct", certs, hold));
        validate::BoardConnection c;
        c.services = {service.address()};
        c.caFile = (certs + "/ca.pem").toStdString();
        c.certFile = (certs + "/calibra.pem").toStdString();
        c.keyFile = (certs + "/calibra.key").toStdString();
        c.chunkSize = batchSize;
        validate::BoardValidator board(c);
        const auto t = Clock::now();
        const auto results = board.validate(batch, nullptr);
        direct = since(t);
        for (const auto &m : results)
            if (!m.ok)
                return std::fprintf(stderr, "bench_farm: direct validation failed: %s\n", m.error.c_str()), 1;
    }
    std::printf("| boards | jobs | wall s | networks/s | speedup | board time alone s | overhead per job s |\n");
    std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    std::printf("| 1 (no Slurm) | - | %.1f | %.1f | - | %.1f | - |\n", direct, networks / direct, networks * hold);
    double oneBoard = 0;
    for (int boards : {1, 2, 4}) {
        SlurmTestCluster cluster(tmp.filePath(QStringLiteral("slurm%1").arg(boards)), boards);
        if (!cluster.start())
            return std::fprintf(stderr, "bench_farm: %s\n", qPrintable(cluster.error())), 1;
        std::vector<std::unique_ptr<BoardTestService>> services;
        validate::FarmConnection c;
        for (const QString &node : cluster.nodes()) {
            services.push_back(std::make_unique<BoardTestService>(boardConfig(tmp.path(), node, certs, hold)));
            c.services[node.toStdString()] = services.back()->address();
        }
        c.spool = tmp.filePath(QStringLiteral("spool%1").arg(boards)).toStdString();
        c.batchSize = batchSize;
        c.pollSeconds = 0.1;
        c.slurmConf = cluster.slurmConf().toStdString();
        c.worker = CALIBRA_FARM_WORKER;
        c.board.caFile = (certs + "/ca.pem").toStdString();
        c.board.certFile = (certs + "/calibra.pem").toStdString();
        c.board.keyFile = (certs + "/calibra.key").toStdString();
        c.board.chunkSize = batchSize;
        validate::FarmValidator farm(c, "builtin:edge-npu-s");
        const auto t = Clock::now();
        const auto results = farm.validate(batch, nullptr);
        const double wall = since(t);
        for (const auto &m : results)
            if (!m.ok)
                return std::fprintf(stderr, "bench_farm: farm validation failed: %s\n", m.error.c_str()), 1;
        if (boards == 1)
            oneBoard = wall;
        const int jobs = farm.stats().jobsSubmitted;
        const double ideal = networks * hold / boards;
        std::printf("| %d | %d | %.1f | %.1f | %.2f | %.1f | %.2f |\n", boards, jobs, wall, networks / wall,
                    oneBoard / wall, ideal, (wall - ideal) * boards / jobs);
        std::fflush(stdout);
    }
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_farm", [&] { return benchMain(argc, argv); });
}
