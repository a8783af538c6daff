// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput of the network IR: YAML parsing, analysis (shape inference + checks),
// cost counting and ONNX import, on the built-in networks, the ONNX test models and
// any ONNX files given as arguments.
// Prints a table; results are recorded in docs/benchmarks.md.
#include "graph/Cost.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "graph/OnnxFormat.h"
#include "graph/YamlFormat.h"
#include "BenchArgs.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

using namespace calibra::graph;

namespace {

// Runs `f` repeatedly for at least `seconds`; returns calls per second.
double rate(const std::function<void()> &f, double seconds = 1.0)
{
    using Clock = std::chrono::steady_clock;
    f(); // warm-up
    long calls = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    do {
        f();
        ++calls;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    } while (elapsed < seconds);
    return double(calls) / elapsed;
}

} // namespace

static int benchMain(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::printf("%-22s %6s %14s %14s %16s %14s\n", "network", "nodes", "parse YAML/s", "analyze/s", "analyzed nodes/s",
                "cost/s");
    for (const auto &[name, net] : referenceNetworks()) {
        const std::string yaml = networkToYaml(net);
        Network unanalyzed = net;
        const double parse = rate([&] { parseNetworkYaml(yaml, name); });
        const double analyze = rate([&] {
            Network copy = unanalyzed;
            analyzeNetwork(copy);
        });
        const double cost = rate([&] { networkCost(net); });
        std::printf("%-22s %6zu %14.0f %14.0f %16.0f %14.0f\n", name.c_str(), net.nodes.size(), parse, analyze,
                    analyze * double(net.nodes.size()), cost);
    }
    std::printf("\n%-22s %10s %18s\n", "ONNX file", "MB", "import ms (weights)");
    for (const char *model : {"mobilenet_v2", "resnet18", "squeezenet1_1"}) {
        const std::string path = std::string(CALIBRA_TEST_DATA "/onnx/") + model + ".onnx.gz";
        const std::string bytes = readFileBytes(path);
        const double perSecond = rate([&] { parseOnnx(bytes, path); }, 2.0);
        std::printf("%-22s %10.1f %18.1f\n", model, double(bytes.size()) / 1e6, 1000.0 / perSecond);
    }
    // ONNX files given on the command line (large exports, say): loaded from disk as the
    // application does (memory map, weights kept), best of three.
    for (int i = 1; i < argc; ++i) {
        double best = 1e300;
        for (int run = 0; run < 3; ++run) {
            const auto start = std::chrono::steady_clock::now();
            const Network net = loadNetwork(argv[i]);
            best = std::min(
                best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        const QFileInfo file(QString::fromLocal8Bit(argv[i]));
        std::printf("%-22s %10.1f %18.1f\n", qPrintable(file.fileName()), double(file.size()) / 1e6, best);
    }
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_graph", [&] { return benchMain(argc, argv); });
}
