// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a network: what `calibra-cli inspect` does (graph::loadNetwork), and the GUI's
// File > Open (MainWindow::openNetwork) from the request until the graph is laid out and
// the window idle, with the longest GUI-thread stall meanwhile (a 1 ms ticker) and the
// slowest events. Target: the GUI costs no more than the import plus the layout; no
// stall over 50 ms.
// Run: QT_QPA_PLATFORM=offscreen build/tests/bench/bench_openmodel [NETWORK-FILE...]
#include "DagView.h"
#include "MainWindow.h"
#include "graph/Cost.h"
#include "graph/NetworkFile.h"
#include "supernet/Supernet.h"

#include "BenchArgs.h"
#include "GuiTiming.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>
#include <stdexcept>

using namespace calibra;

namespace {

double importMs(const std::string &path)
{
    QElapsedTimer t;
    t.start();
    const graph::Network net = graph::loadNetwork(path);
    return double(t.nsecsElapsed()) / 1e6;
}

// What the GUI's loader does besides the import (on its worker thread): the cost summary
// and the supernet the Supernet tab shows.
double costAndSupernetMs(const std::string &path)
{
    const graph::Network net = graph::loadNetwork(path);
    QElapsedTimer t;
    t.start();
    const auto cost = graph::networkCost(net);
    const supernet::Supernet supernet(net);
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

static int benchMain(int argc, char *argv[])
{
    bench::TimingApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QStringList files;
    for (int i = 1; i < argc; ++i)
        if (argv[i][0] != '-')
            files << QString::fromLocal8Bit(argv[i]);
    if (files.isEmpty())
        for (const char *name : {"resnet18.onnx.gz", "mobilenet_v2.onnx.gz", "squeezenet1_1.onnx.gz"})
            files << QStringLiteral(CALIBRA_TEST_DATA "/onnx/") + QLatin1String(name);

    widgets::MainWindow window;
    window.resize(1366, 768);
    window.show();
    QSignalSpy loaded(&window, &widgets::MainWindow::networkLoaded);
    QSignalSpy laidOut(window.dagView(), &widgets::DagView::layoutFinished);
    const auto waitFor = [](QSignalSpy &spy) {
        for (int i = 0; i < 1200 && spy.isEmpty(); ++i)
            spy.wait(100);
        if (spy.isEmpty())
            throw std::runtime_error("timed out after 120 s");
    };
    window.openDemo(); // as the application starts
    waitFor(loaded);
    waitFor(laidOut);
    QTest::qWait(500);

    std::printf("%-24s %7s %12s %16s %14s %14s %14s\n", "network", "nodes", "CLI import", "cost, supernet",
                "GUI: loaded", "laid out", "max stall");
    for (const QString &file : files) {
        const std::string path = file.toStdString();
        const size_t nodes = graph::loadNetwork(path).nodes.size();
        double import = importMs(path);
        import = std::min(import, importMs(path)); // the better of two: a warm cache, as the GUI's second open
        const double extra = costAndSupernetMs(path);
        bench::GapTicker ticker;
        loaded.clear();
        laidOut.clear();
        app.slowest.clear();
        app.recording = true;
        ticker.start();
        QElapsedTimer t;
        t.start();
        window.openNetwork(file);
        waitFor(loaded);
        const double loadedMs = double(t.nsecsElapsed()) / 1e6;
        waitFor(laidOut);
        const double shownMs = double(t.nsecsElapsed()) / 1e6;
        QTest::qWait(300); // queued repaints
        ticker.stop();
        app.recording = false;
        std::printf("%-24s %7zu %9.0f ms %13.0f ms %11.0f ms %11.0f ms %11lld ms\n",
                    qPrintable(QFileInfo(file).fileName()), nodes, import, extra, loadedMs, shownMs,
                    static_cast<long long>(ticker.longest()));
        app.printSlowest();
    }
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_openmodel", [&] { return benchMain(argc, argv); });
}
