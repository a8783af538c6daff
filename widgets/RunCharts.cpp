#include "RunCharts.h"

#include <QVBoxLayout>

#include "QCustomPlotInclude.h"

#include <algorithm>

namespace calibra::widgets {

namespace {

QCustomPlot *makePlot(QWidget *parent)
{
    auto *plot = new QCustomPlot(parent);
    plot->setMinimumHeight(180);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    auto *layout = new QVBoxLayout(parent);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot);
    return plot;
}

} // namespace

CheckChart::CheckChart(QWidget *parent) : QWidget(parent), m_plot(makePlot(this))
{
    m_plot->xAxis->setLabel(tr("predicted latency (ms)"));
    m_plot->yAxis->setLabel(tr("validated latency (ms)"));
    // Graph 0: the +-10% band (upper line filled down to graph 1, the lower line); 2: y = x;
    // 3: the sub-networks. QCPGraph sorts by x, so the points are a scatter without lines.
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
    points->setName(tr("sampled sub-networks"));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("No accuracy check yet"), QFont(font().family(), 9)));
}

void CheckChart::showCheck(const pipeline::CheckSummary &check, int search)
{
    QVector<double> x, y;
    double lo = 1e300, hi = 0;
    for (size_t i = 0; i < check.predicted.size() && i < check.validated.size(); ++i) {
        x << check.predicted[i].latencySeconds * 1e3;
        y << check.validated[i].latencySeconds * 1e3;
        lo = std::min({lo, x.back(), y.back()});
        hi = std::max({hi, x.back(), y.back()});
    }
    if (x.isEmpty())
        return;
    const double pad = (hi - lo) * 0.08 + hi * 0.02;
    lo = std::max(0.0, lo - pad);
    hi += pad;
    m_plot->graph(0)->setData({lo, hi}, {lo * 1.1, hi * 1.1});
    m_plot->graph(1)->setData({lo, hi}, {lo * 0.9, hi * 0.9});
    m_plot->graph(2)->setData({lo, hi}, {lo, hi});
    m_plot->graph(3)->setData(x, y);
    m_plot->xAxis->setRange(lo, hi);
    m_plot->yAxis->setRange(lo, hi);
    const auto &m = check.report.metric[predictor::CheckLatency];
    if (auto *title = qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(0, 0)))
        title->setText(tr("%1 check (search %2): %3 within 10%, MAPE %4%, Spearman %5 -> %6")
                           .arg(QString::fromStdString(check.stage))
                           .arg(search)
                           .arg(QString::number(m.within10 * 100, 'f', 0) + QLatin1Char('%'))
                           .arg(m.mape * 100, 0, 'f', 1)
                           .arg(m.spearman, 0, 'f', 2)
                           .arg(check.report.finetune ? tr("finetune") : tr("bypass")));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CheckChart::clear()
{
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->clear();
    if (auto *title = qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(0, 0)))
        title->setText(tr("No accuracy check yet"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int CheckChart::pointCount() const { return m_plot->graph(3)->dataCount(); }

GenerationChart::GenerationChart(QWidget *parent) : QWidget(parent), m_plot(makePlot(this))
{
    m_plot->xAxis->setLabel(tr("generation (all searches)"));
    m_plot->yAxis->setLabel(tr("best feasible accuracy"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("fastest predicted latency (ms)"));
    auto *accuracy = m_plot->addGraph();
    accuracy->setName(tr("best accuracy"));
    accuracy->setPen(QPen(QColor(0x20, 0x80, 0x40), 2));
    accuracy->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    auto *latency = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    latency->setName(tr("fastest latency"));
    latency->setPen(QPen(QColor(0x30, 0x50, 0xc0), 2));
    latency->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 5));
}

void GenerationChart::addGeneration(int search, int generation, const pipeline::PopulationStats &stats)
{
    Q_UNUSED(search);
    Q_UNUSED(generation);
    m_plot->graph(0)->addData(m_index, stats.bestAccuracy);
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
        const double pad = r.size() > 1e-12 * std::max(1.0, std::abs(r.upper)) ? r.size() * 0.1
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

int GenerationChart::pointCount() const { return m_plot->graph(0)->dataCount(); }

} // namespace calibra::widgets
