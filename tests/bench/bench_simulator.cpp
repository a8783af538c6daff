// SPDX-License-Identifier: GPL-3.0-or-later
// Simulator speed: layer evaluations per second on one core (the predictor's training
// set and every accuracy check are labelled by it), per built-in network, preset and
// fusion mode. Target: at least 1,000,000 layer evaluations per second.
// Run pinned to one core:  taskset -c 0 build/tests/bench/bench_simulator
#include "graph/NetworkBuilder.h"
#include "hardware/Simulator.h"
#include "BenchArgs.h"

#include <QCoreApplication>

#include <chrono>
#include <cstdio>

using namespace calibra;
using namespace calibra::hardware;

static int benchMain(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::printf("%-20s %-14s %6s | %14s %14s %14s\n", "network", "platform", "layers", "none", "conservative",
                "depth_first");
    std::printf("%-20s %-14s %6s | %14s %14s %14s\n", "", "", "", "layer evals/s", "layer evals/s", "layer evals/s");
    double worst = 1e300, total = 0;
    int columns = 0;
    for (const auto &[name, net] : graph::referenceNetworks()) {
        const LoweredNetwork lowered = lowerNetwork(net);
        int layers = 0;
        for (const LayerWork &w : lowered.layers)
            layers += w.kind != WorkKind::Free;
        for (const std::string &pname : builtinPlatformNames()) {
            const Platform p = loadPlatform("builtin:" + pname);
            std::printf("%-20s %-14s %6d |", name.c_str(), pname.c_str(), layers);
            for (Fusion f : {Fusion::None, Fusion::Conservative, Fusion::DepthFirst}) {
                TargetSetting s = defaultSetting(p);
                s.fusion = f;
                volatile double sink = simulate(lowered, p, s).latencySeconds; // warm-up
                long runs = 0;
                const auto start = std::chrono::steady_clock::now();
                double elapsed = 0;
                do {
                    sink = sink + simulate(lowered, p, s).latencySeconds;
                    ++runs;
                    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                } while (elapsed < 0.4);
                const double rate = double(runs) * layers / elapsed;
                std::printf(" %14.0f", rate);
                worst = std::min(worst, rate);
                total += rate;
                ++columns;
            }
            std::printf("\n");
        }
    }
    std::printf("\nlayer evaluations per second: mean %.0f, worst %.0f (target >= 1000000)\n", total / columns, worst);
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_simulator", [&] { return benchMain(argc, argv); });
}
