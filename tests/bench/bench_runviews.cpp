// SPDX-License-Identifier: GPL-3.0-or-later
// Run views: replot time of the charts with 100,000 points (a Pareto generation of
// 100,000 members, a check with 100,000 samples), and the longest GUI-thread stall
// while a run goes from start to finish in the Runs tab (a 1 ms timer on the GUI
// thread measures the gaps). Target: stalls under 50 ms.
// Run: QT_QPA_PLATFORM=offscreen build/tests/bench/bench_runviews [--population N] [--generations N]
#include "ParetoChart.h"
#include "QCustomPlotInclude.h"
#include "RunCharts.h"
#include "RunPanel.h"

#include "BenchArgs.h"
#include "GuiTiming.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <random>

using namespace calibra;

namespace {

double replotMs(QCustomPlot *plot, int repeats = 5)
{
    plot->replot(); // the first lays out the axes
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < repeats; ++i)
        plot->replot(QCustomPlot::rpImmediateRefresh);
    return double(t.nsecsElapsed()) / 1e6 / repeats;
}

void replots(int points)
{
    std::printf("\n1. Replot with %d points (offscreen, 1000 x 700 widgets)\n", points);
    std::printf("%-44s %12s %12s\n", "chart", "update ms", "replot ms");
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> u(0, 1);

    search::Generation g;
    for (int i = 0; i < points; ++i) {
        g.population.push_back({i % 3, i % 5});
        const double lat = 0.05 + u(rng);
        g.evaluations.push_back({0.5 + 0.4 * lat + 0.05 * u(rng), lat, 300 + 100 * u(rng), 0.1, 1e5 + 1e6 * u(rng)});
    }
    widgets::ParetoChart pareto;
    pareto.resize(1000, 700);
    pareto.show();
    search::Constraints c;
    c.maxLatencyMs = 0.6;
    QElapsedTimer t;
    t.start();
    pareto.setRun({{g}}, c);
    const double update = double(t.nsecsElapsed()) / 1e6;
    std::printf("%-44s %12.1f %12.1f\n", "Pareto chart (members, front, hypervolume)", update, replotMs(pareto.plot()));

    pipeline::CheckSummary check;
    check.stage = pipeline::CheckStage::Pre;
    for (int i = 0; i < points; ++i) {
        const double v = 1e-4 + 1e-3 * u(rng);
        check.validated.push_back({v, v * 0.3, 1e6});
        check.predicted.push_back({v * (0.9 + 0.2 * u(rng)), v * 0.3, 1e6});
    }
    widgets::CheckChart chart;
    chart.resize(1000, 700);
    chart.show();
    t.restart();
    chart.showCheck(check, 0, &check);
    const double checkUpdate = double(t.nsecsElapsed()) / 1e6;
    std::printf("%-44s %12.1f %12.1f\n", "check chart (this check and the one before)", checkUpdate,
                replotMs(chart.plot()));
}

void stallDuringRun(bench::TimingApplication &app, int population, int generations)
{
    std::printf("\n2. Longest GUI-thread stall during a run from the Runs tab (demo project, params estimator, "
                "population %d, %d generations, mode both)\n",
                population, generations);
    pipeline::Project p = pipeline::demoProject();
    p.estimator = supernet::EstimatorKind::Params;
    p.search.population = population;
    p.search.generations = generations;
    p.finalTraining.epochs = 0;
    widgets::RunPanel panel;
    panel.resize(1400, 900);
    panel.show();
    panel.setProject(p);
    QTemporaryDir dir;
    QElapsedTimer clock;
    qint64 last = 0, maxGap = 0;
    std::vector<qint64> gaps;
    QTimer ticker;
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        maxGap = std::max(maxGap, now - last);
        gaps.push_back(now - last);
        last = now;
    });
    QSignalSpy finished(&panel, &widgets::RunPanel::runFinished);
    QSignalSpy refreshed(&panel, &widgets::RunPanel::refreshed);
    clock.start();
    ticker.start();
    app.recording = true;
    // An event loop as the application's: idle between events, not spinning.
    QEventLoop loop;
    QObject::connect(&panel, &widgets::RunPanel::runFinished, &loop, [&] {
        QTimer::singleShot(1500, &loop, &QEventLoop::quit); // the last store read and replots
    });
    panel.start(dir.filePath("run"));
    loop.exec();
    const qint64 runMs = clock.elapsed() - 1500;
    ticker.stop();
    app.recording = false;
    std::sort(gaps.begin(), gaps.end());
    std::printf("run %.1f s; the views were refreshed from the store %lld times; GUI-thread gaps: median %lld ms, 99th "
                "percentile %lld ms, longest %lld ms\n",
                double(runMs) / 1000, static_cast<long long>(refreshed.size()),
                static_cast<long long>(gaps[gaps.size() / 2]), static_cast<long long>(gaps[gaps.size() * 99 / 100]),
                static_cast<long long>(maxGap));
    app.printSlowest();
}

} // namespace

static int benchMain(int argc, char *argv[])
{
    bench::TimingApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = app.arguments();
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    replots(bench::intOption(args, "--points", 100000));
    stallDuringRun(app, bench::intOption(args, "--population", 100), bench::intOption(args, "--generations", 20));
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_runviews", [&] { return benchMain(argc, argv); });
}
