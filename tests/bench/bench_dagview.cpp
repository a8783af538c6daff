// SPDX-License-Identifier: GPL-3.0-or-later
// DAG view: Graphviz layout time (worker thread), scene build time (GUI thread), and the
// longest GUI-thread stall while a network is laid out and shown, measured by a 1 ms
// timer on the GUI thread. Target: stalls under 50 ms.
// Run: QT_QPA_PLATFORM=offscreen build/tests/bench/bench_dagview [NETWORK-FILE...]
#include "DagView.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "BenchArgs.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <map>

using namespace calibra;

namespace {

// No supernet exists yet: a deep synthetic network stands in for a large one.
graph::Network deepChain(int blocks)
{
    graph::NetworkBuilder b("synthetic_chain_" + std::to_string(blocks * 3));
    std::string x = b.input("input", {1, 16, 32, 32});
    for (int i = 0; i < blocks; ++i) {
        const std::string n = "b" + std::to_string(i);
        x = b.activation(graph::OpType::ReLU, b.batchNorm(b.conv(x, n + ".conv", 16, 3), n + ".bn"), n + ".relu");
    }
    return b.build({x});
}

} // namespace

static int benchMain(int argc, char *argv[])
{
    QApplication app(argc, argv);
    std::vector<std::shared_ptr<const graph::Network>> nets;
    for (const std::string &name : graph::builtinNetworkNames())
        nets.push_back(std::make_shared<const graph::Network>(graph::loadNetwork("builtin:" + name)));
    nets.push_back(std::make_shared<const graph::Network>(deepChain(400)));
    nets.push_back(std::make_shared<const graph::Network>(deepChain(800)));

    // Networks given on the command line (ONNX exports, say) are shown collapsed, as the
    // view opens them, and then expanded.
    std::vector<std::shared_ptr<const graph::Network>> expandedToo;
    std::map<const graph::Network *, std::string> labels; // exporters name every graph alike
    for (int i = 1; i < argc; ++i)
        if (argv[i][0] != '-') {
            expandedToo.push_back(std::make_shared<const graph::Network>(graph::loadNetwork(argv[i])));
            nets.push_back(expandedToo.back());
            labels[nets.back().get()] = QFileInfo(QString::fromLocal8Bit(argv[i])).fileName().toStdString();
        }

    std::printf("%-26s %-9s %7s %12s %12s %18s\n", "network", "blocks", "nodes", "layout ms", "scene ms",
                "max GUI stall ms");
    for (const auto &net : nets) {
        widgets::DagView view;
        view.resize(1000, 800);
        view.show();
        const bool expand = std::find(expandedToo.begin(), expandedToo.end(), net) != expandedToo.end();
        for (int pass = 0; pass < (expand ? 2 : 1); ++pass) {
            QElapsedTimer clock;
            qint64 lastTick = 0, maxGap = 0;
            QTimer ticker;
            ticker.setInterval(1);
            QObject::connect(&ticker, &QTimer::timeout, [&] {
                const qint64 now = clock.elapsed();
                maxGap = std::max(maxGap, now - lastTick);
                lastTick = now;
            });
            QSignalSpy done(&view, &widgets::DagView::layoutFinished);
            qint64 layoutEnd = 0;
            auto connection = QObject::connect(&view, &widgets::DagView::layoutFinished, [&] {
                if (!layoutEnd) // the first: the later cache hit emits it again
                    layoutEnd = clock.elapsed();
            });
            clock.start();
            ticker.start();
            if (pass == 0)
                view.setNetwork(net);
            else
                view.expandAll();
            QElapsedTimer wait;
            wait.start();
            while (!view.isLayingOut() && done.isEmpty() && wait.elapsed() < 100)
                QCoreApplication::processEvents();
            while (done.isEmpty() && wait.elapsed() < 120000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            // Let the view paint once at its starting zoom, inside the measured window.
            QTimer::singleShot(50, [&] { ticker.stop(); });
            while (ticker.isActive())
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            QObject::disconnect(connection);
            // Scene build alone: showing the same again hits the layout cache and builds
            // the scene synchronously on this (GUI) thread.
            QElapsedTimer scene;
            scene.start();
            if (pass == 0)
                view.setNetwork(net);
            else
                view.expandAll();
            const qint64 sceneMs = scene.elapsed();
            const int nodes = int(net->nodes.size() + net->inputs.size());
            const std::string label = labels.count(net.get()) ? labels[net.get()] : net->name;
            std::printf("%-26s %-9s %7d %12lld %12lld %18lld\n", label.substr(0, 26).c_str(),
                        pass == 0 ? (expand ? "collapsed" : "default") : "expanded", nodes,
                        static_cast<long long>(std::max<qint64>(0, layoutEnd - sceneMs)),
                        static_cast<long long>(sceneMs), static_cast<long long>(maxGap));
        }
    }
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_dagview", [&] { return benchMain(argc, argv); });
}
