// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunCharts.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "CheckInspector.h"
#include "EstimateLabels.h"
#include "pipeline/GenerationValidation.h"
#include "MetricNames.h"
#include "ChartAxes.h"
#include "QCustomPlotInclude.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace calibra::widgets {

namespace {

QCustomPlot *makePlot(QWidget *parent)
{
    auto *plot = new QCustomPlot(parent);
    plot->setMinimumHeight(180);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    placeLegendBelow(plot, 2); // at a laptop's width four a row were cut off (zh_TW)
    auto *layout = new QVBoxLayout(parent);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot);
    return plot;
}

} // namespace

namespace {

// A check's figure for `metric` in display units, as the per-generation chart shows it.
double displayValue(const predictor::Figures &f, int metric)
{
    return pipeline::figuresInDisplayUnits(f)[size_t(metric)];
}

// The check history's decision marks, after its metric lines.
constexpr int kFinetuneGraph = predictor::kCheckMetricCount, kBypassGraph = kFinetuneGraph + 1,
              kWouldFinetuneGraph = kFinetuneGraph + 2;

} // namespace

CheckChart::CheckChart(QWidget *parent) : QWidget(parent), m_plot(makePlot(this))
{
    m_metricChoice = new QComboBox(this);
    for (int m = 0; m < predictor::kCheckMetricCount; ++m)
        m_metricChoice->addItem(checkMetricAxisLabel(m), m);
    auto *choice = new QHBoxLayout;
    choice->addWidget(new QLabel(tr("Metric"), this));
    choice->addWidget(m_metricChoice);
    choice->addStretch(1);
    static_cast<QVBoxLayout *>(layout())->insertLayout(0, choice);
    connect(m_metricChoice, &QComboBox::currentIndexChanged, this,
            [this] { setMetric(m_metricChoice->currentData().toInt()); });
    // Graph 0: the +-10% band around the validated value (x), as the check counts it (upper
    // line filled down to graph 1, the lower line); 2: y = x;
    // 3: the sub-networks; 4: the previous check's. QCPGraph sorts by x, so the points
    // are a scatter without lines.
    auto *upper = m_plot->addGraph();
    auto *lower = m_plot->addGraph();
    upper->setName(tr("within 10%"));
    upper->setPen(QPen(QColor(120, 170, 220)));
    upper->setBrush(QColor(120, 170, 220, 50));
    upper->setChannelFillGraph(lower);
    lower->setPen(QPen(QColor(120, 170, 220)));
    lower->removeFromLegend();
    auto *diagonal = m_plot->addGraph();
    diagonal->setName(tr("y = x"));
    diagonal->setPen(QPen(Qt::darkGray, 1, Qt::DashLine));
    auto *points = m_plot->addGraph();
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0xd0, 0x50, 0x10), 6));
    points->setName(tr("this check"));
    auto *before = m_plot->addGraph();
    before->setLineStyle(QCPGraph::lsNone);
    before->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(150, 150, 150), 6));
    before->setName(tr("the check before"));
    before->removeFromLegend();
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(
        0, 0, new QCPTextElement(m_plot, tr("No accuracy check yet"), QFont(font().family(), 9)));
    setMetric(predictor::CheckLatency);
}

void CheckChart::setMetric(int metric)
{
    m_metric = metric;
    const QSignalBlocker block(m_metricChoice);
    m_metricChoice->setCurrentIndex(m_metricChoice->findData(metric));
    m_plot->xAxis->setLabel(tr("validated %1").arg(checkMetricAxisLabel(metric)));
    m_plot->yAxis->setLabel(tr("predicted %1").arg(checkMetricAxisLabel(metric)));
    redraw();
}

void CheckChart::showCheck(const pipeline::CheckSummary &check, int search, const pipeline::CheckSummary *previous)
{
    m_check = check;
    m_search = search;
    m_hasCheck = true;
    m_previous = previous ? std::optional<pipeline::CheckSummary>(*previous) : std::nullopt;
    redraw();
}

void CheckChart::redraw()
{
    if (!m_hasCheck) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    double lo = 1e300, hi = 0;
    const auto points = [&](const pipeline::CheckSummary &c, QCPGraph *graph) {
        QVector<double> x, y;
        for (size_t i = 0; i < c.predicted.size() && i < c.validated.size(); ++i) {
            const double p = displayValue(c.predicted[i], m_metric), v = displayValue(c.validated[i], m_metric);
            if (!std::isfinite(p) || !std::isfinite(v))
                continue; // not measured by this validator
            x << v;       // validated across, as the check measures error against it (and report.html draws it)
            y << p;
            lo = std::min({lo, p, v});
            hi = std::max({hi, p, v});
        }
        graph->setData(x, y);
    };
    points(m_check, m_plot->graph(3));
    if (m_previous) {
        points(*m_previous, m_plot->graph(4));
        m_plot->graph(4)->addToLegend();
    } else {
        m_plot->graph(4)->data()->clear();
        m_plot->graph(4)->removeFromLegend();
    }
    if (hi > 0) {
        const double pad = (hi - lo) * 0.08 + hi * 0.02;
        lo = std::max(0.0, lo - pad);
        hi += pad;
        m_plot->graph(0)->setData({lo, hi}, {lo * 1.1, hi * 1.1});
        m_plot->graph(1)->setData({lo, hi}, {lo * 0.9, hi * 0.9});
        m_plot->graph(2)->setData({lo, hi}, {lo, hi});
        m_plot->xAxis->setRange(lo, hi);
        m_plot->yAxis->setRange(lo, hi);
    }
    const auto &m = m_check.report.metric[size_t(m_metric)];
    if (auto *title = qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(0, 0)))
        title->setText(m_check.samples == 0 ? tr("%1 check (search %2):\nnothing compared: not judged")
                                                  .arg(checkStageText(m_check.stage))
                                                  .arg(m_search)
                       : m.count == 0 ? tr("%1 check (search %2):\n%3 not measured by this validator")
                                            .arg(checkStageText(m_check.stage))
                                            .arg(m_search)
                                            .arg(checkMetricAxisLabel(m_metric))
                                      // Two lines: one would be cut off at a laptop's width.
                                      : tr("%1 check (search %2): %3 within 10%,\nMAPE %4%, Spearman %5 -> %6")
                                            .arg(checkStageText(m_check.stage))
                                            .arg(m_search)
                                            .arg(QString::number(m.within10 * 100, 'f', 0) + QLatin1Char('%'))
                                            .arg(m.mape * 100, 0, 'f', 1)
                                            .arg(m.spearman, 0, 'f', 2)
                                            .arg(checkDecisionText(m_check.decision)));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CheckChart::clear()
{
    m_hasCheck = false;
    m_previous.reset();
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->clear();
    if (auto *title = qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(0, 0)))
        title->setText(tr("No accuracy check yet"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int CheckChart::pointCount() const
{
    return m_plot->graph(3)->dataCount();
}
int CheckChart::previousPointCount() const
{
    return m_plot->graph(4)->dataCount();
}

GenerationChart::GenerationChart(QWidget *parent) : QWidget(parent), m_plot(makePlot(this))
{
    m_plot->xAxis->setLabel(tr("generation (all searches)"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("fastest predicted latency (ms)"));
    auto *accuracy = m_plot->addGraph();
    accuracy->setPen(QPen(QColor(0x20, 0x80, 0x40), 2));
    accuracy->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    auto *latency = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    latency->setName(tr("fastest latency"));
    latency->setPen(QPen(QColor(0x30, 0x50, 0xc0), 2));
    latency->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 5));
    setEstimator(supernet::EstimatorKind::OneShot);
}

void GenerationChart::setEstimator(supernet::EstimatorKind kind)
{
    m_plot->yAxis->setLabel(tr("best feasible %1").arg(estimateName(kind)));
    m_plot->graph(0)->setName(tr("best %1").arg(estimateName(kind)));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void GenerationChart::addGeneration(int search, int generation, const pipeline::PopulationStats &stats)
{
    Q_UNUSED(search);
    Q_UNUSED(generation);
    // A generation with no feasible member has no best: NaN leaves a gap in the line
    // (and out of the axis range) where a 0 would read as an estimate.
    m_plot->graph(0)->addData(m_index, stats.bestAccuracy.value_or(std::numeric_limits<double>::quiet_NaN()));
    m_plot->graph(1)->addData(m_index, stats.minLatencyMs);
    ++m_index;
    m_plot->xAxis->setRange(-0.5, std::max(1, m_index) - 0.5);
    // Each value axis spans its graph's data, padded so edge points stay visible and
    // clickable; a constant series gets +-10% around its value.
    for (int g = 0; g < 2; ++g) {
        bool found = false;
        const QCPRange r = m_plot->graph(g)->getValueRange(found);
        if (!found)
            continue;
        const double pad = r.size() > 1e-12 * std::max(1.0, std::abs(r.upper))
                               ? r.size() * 0.1
                               : std::max(1e-6, std::abs(r.upper) * 0.1);
        m_plot->graph(g)->valueAxis()->setRange(r.lower - pad, r.upper + pad);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void GenerationChart::clear()
{
    m_index = 0;
    m_plot->graph(0)->data()->clear();
    m_plot->graph(1)->data()->clear();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int GenerationChart::pointCount() const
{
    return m_plot->graph(0)->dataCount();
}

CheckHistoryChart::CheckHistoryChart(QWidget *parent) : QWidget(parent), m_plot(makePlot(this))
{
    m_plot->xAxis->setLabel(tr("accuracy check (in the order they ran)"));
    QSharedPointer<QCPAxisTickerFixed> whole(new QCPAxisTickerFixed);
    whole->setTickStep(1);
    whole->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(whole);
    m_plot->yAxis->setLabel(tr("prediction error, MAPE (%)"));
    // One line per checked metric, graph m for predictor::CheckMetric m; the decision
    // marks are the graphs after them.
    const QColor colours[predictor::kCheckMetricCount] = {QColor(0xd0, 0x50, 0x10), QColor(0x30, 0x60, 0xc0),
                                                          QColor(0x90, 0x40, 0xa0), QColor(0x60, 0x60, 0x60)};
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        auto *g = m_plot->addGraph();
        g->setName(checkMetricTitle(m));
        g->setPen(QPen(colours[m], 1.5));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    }
    auto *finetune = m_plot->addGraph();
    finetune->setName(tr("finetune"));
    finetune->setLineStyle(QCPGraph::lsNone);
    finetune->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(Qt::red, 2), Qt::red, 10));
    auto *bypass = m_plot->addGraph();
    bypass->setName(tr("bypass"));
    bypass->setLineStyle(QCPGraph::lsNone);
    bypass->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x20, 0x90, 0x40), 9));
    auto *would = m_plot->addGraph();
    would->setName(tr("would finetune (no re-run left)"));
    would->setLineStyle(QCPGraph::lsNone);
    would->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(Qt::red, 2), Qt::white, 10));
}

void CheckHistoryChart::setChecks(const std::vector<pipeline::StoredCheck> &checks)
{
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->clear();
    m_plot->clearItems();
    double top = 1;
    for (size_t i = 0; i < checks.size(); ++i)
        for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
            const auto &a = checks[i].summary.report.metric[size_t(m)];
            if (a.count > 0 && std::isfinite(a.mape)) {
                m_plot->graph(m)->addData(double(i), a.mape * 100);
                top = std::max(top, a.mape * 100);
            }
        }
    for (size_t i = 0; i < checks.size(); ++i) {
        const pipeline::CheckDecision d = checks[i].summary.decision;
        m_plot
            ->graph(d == pipeline::CheckDecision::Bypass          ? kBypassGraph
                    : d == pipeline::CheckDecision::WouldFinetune ? kWouldFinetuneGraph
                                                                  : kFinetuneGraph)
            ->addData(double(i), top * 1.12);
        if (i > 0 && checks[i].search != checks[i - 1].search) { // a re-run began a new search
            auto *line = new QCPItemStraightLine(m_plot);
            line->point1->setCoords(double(i) - 0.5, 0);
            line->point2->setCoords(double(i) - 0.5, 1);
            line->setPen(QPen(Qt::darkGray, 1, Qt::DashLine));
            auto *label = new QCPItemText(m_plot);
            label->position->setCoords(double(i) - 0.45, top * 1.22);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            label->setText(tr("re-run: search %1").arg(checks[i].search));
            label->setFont(QFont(font().family(), 8));
        }
    }
    m_plot->xAxis->setRange(-0.5, std::max<double>(1, double(checks.size())) - 0.5);
    m_plot->yAxis->setRange(0, top * 1.3);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int CheckHistoryChart::checkCount() const
{
    return m_plot->graph(kFinetuneGraph)->dataCount() + m_plot->graph(kBypassGraph)->dataCount()
           + m_plot->graph(kWouldFinetuneGraph)->dataCount();
}
int CheckHistoryChart::finetuneMarkCount() const
{
    return m_plot->graph(kFinetuneGraph)->dataCount();
}
int CheckHistoryChart::wouldFinetuneMarkCount() const
{
    return m_plot->graph(kWouldFinetuneGraph)->dataCount();
}

} // namespace calibra::widgets
