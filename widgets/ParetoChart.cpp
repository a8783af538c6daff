// SPDX-License-Identifier: GPL-3.0-or-later
#include "ParetoChart.h"

#include "pipeline/RunSnapshot.h"
#include "pipeline/RunStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include "ChartAxes.h"
#include "EstimateLabels.h"

#include <algorithm>
#include <numeric>

namespace calibra::widgets {

ParetoChart::ParetoChart(QWidget *parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(200);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), 8));
    placeLegendBelow(m_plot);
    m_plot->yAxis->setLabel(estimateAxisLabel(m_estimator));
    // Created first so that they lie under the members: a click on a member reaches the
    // member's graph, not the front line or the selection ring drawn over it.
    m_front = m_plot->addGraph();
    m_front->setName(tr("Pareto front so far"));
    m_front->setLineStyle(QCPGraph::lsStepLeft);
    m_front->setPen(QPen(QColor(0x20, 0x90, 0x40), 1.5));
    m_selected = m_plot->addGraph();
    m_selected->setLineStyle(QCPGraph::lsNone);
    m_selected->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::NoBrush, 13));
    m_selected->removeFromLegend();
    m_feasible = m_plot->addGraph();
    m_feasible->setName(tr("meets the constraints"));
    m_feasible->setLineStyle(QCPGraph::lsNone);
    m_feasible->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x30, 0x60, 0xc0), 6));
    m_infeasible = m_plot->addGraph();
    m_infeasible->setName(tr("breaks a constraint"));
    m_infeasible->setLineStyle(QCPGraph::lsNone);
    m_infeasible->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QColor(0xc0, 0x30, 0x30), 7));

    m_hvPlot = new QCustomPlot(this);
    m_hvPlot->setMinimumHeight(110);
    m_hvPlot->setMaximumHeight(160);
    m_hvPlot->xAxis->setLabel(tr("generation (all searches)"));
    m_hvPlot->yAxis->setLabel(tr("hypervolume"));
    auto *hv = m_hvPlot->addGraph();
    hv->setPen(QPen(QColor(0x20, 0x90, 0x40), 2));
    hv->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    auto *mark = m_hvPlot->addGraph();
    mark->setLineStyle(QCPGraph::lsNone);
    mark->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0xd0, 0x50, 0x10), 9));

    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, 0);
    m_slider->setEnabled(false);
    m_generationLabel = new QLabel(tr("No generation yet"), this);
    m_axis = new QComboBox(this);
    m_axis->addItem(tr("latency (ms)"));
    m_axis->addItem(tr("power (mW)"));
    m_axis->addItem(tr("memory access (MB)"));
    // Narrow minimum widths: the chart must not widen the main window.
    m_generationLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_axis->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_axis->setMinimumContentsLength(8);
    m_selection = new QLabel(tr("Click a sub-network to select it."), this);
    m_selection->setWordWrap(true);
    m_selection->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Two rows: one row of all controls would set the main window's minimum width.
    auto *sliderRow = new QHBoxLayout;
    sliderRow->addWidget(new QLabel(tr("Generation"), this));
    sliderRow->addWidget(m_slider, 1);
    auto *axisRow = new QHBoxLayout;
    axisRow->addWidget(m_generationLabel);
    axisRow->addStretch(1);
    axisRow->addWidget(new QLabel(tr("against"), this));
    axisRow->addWidget(m_axis);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(sliderRow);
    layout->addLayout(axisRow);
    layout->addWidget(m_plot, 3);
    layout->addWidget(m_selection);
    layout->addWidget(m_hvPlot, 1);

    connect(m_slider, &QSlider::valueChanged, this, [this] { redraw(); });
    connect(m_axis, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    connect(m_plot, &QCustomPlot::plottableClick, this, [this](QCPAbstractPlottable *p, int index, QMouseEvent *) {
        const std::vector<int> *members = p == m_feasible     ? &m_feasibleMembers
                                          : p == m_infeasible ? &m_infeasibleMembers
                                                              : nullptr;
        if (members && index >= 0 && size_t(index) < members->size())
            selectMember((*members)[size_t(index)]);
    });
}

double ParetoChart::xValue(const search::Evaluation &e) const
{
    switch (m_axis->currentIndex()) {
    case 1: return e.powerMw;
    case 2: return e.dramBytes / 1e6;
    default: return e.latencyMs;
    }
}

void ParetoChart::setRun(const std::vector<std::vector<search::Generation>> &searches,
                         const search::Constraints &constraints)
{
    const bool follow = m_flat.empty() || m_slider->value() == int(m_flat.size()) - 1;
    m_searches = searches;
    m_constraints = constraints;
    m_flat.clear();
    m_hypervolume.clear();
    for (size_t s = 0; s < m_searches.size(); ++s) {
        const std::vector<double> hv = pipeline::hypervolumeHistory(m_searches[s], constraints);
        for (size_t g = 0; g < m_searches[s].size(); ++g) {
            m_flat.push_back({int(s), &m_searches[s][g]});
            m_hypervolume.push_back(hv[g]);
        }
    }
    QVector<double> x, y;
    for (size_t i = 0; i < m_hypervolume.size(); ++i) {
        x << double(i);
        y << m_hypervolume[i];
    }
    m_hvPlot->graph(0)->setData(x, y);
    m_hvPlot->rescaleAxes();
    padAxisRange(m_hvPlot->yAxis, 0.15);
    m_hvPlot->xAxis->setRange(-0.5, std::max<double>(1, double(x.size())) - 0.5);
    const QSignalBlocker block(m_slider);
    const int keep = m_slider->value();
    m_slider->setRange(0, std::max(0, int(m_flat.size()) - 1));
    m_slider->setEnabled(!m_flat.empty());
    m_slider->setValue(follow ? m_slider->maximum() : std::min(keep, m_slider->maximum()));
    redraw();
}

void ParetoChart::showGeneration(int flatIndex)
{
    m_slider->setValue(flatIndex);
}

int ParetoChart::shownGeneration() const
{
    return m_flat.empty() ? -1 : m_slider->value();
}

void ParetoChart::redraw()
{
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->clear();
    m_feasibleMembers.clear();
    m_infeasibleMembers.clear();
    m_plot->xAxis->setLabel(tr("predicted %1").arg(m_axis->currentText()));
    const int shown = shownGeneration();
    if (shown < 0) {
        m_selectedMember = {};
        m_selection->setText(tr("Click a sub-network to select it."));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const Flat &f = m_flat[size_t(shown)];
    const search::Generation &g = *f.generation;
    m_generationLabel->setText(tr("search %1, generation %2").arg(f.search).arg(g.index));

    // Data go in sorted by x so that a clicked data index maps back to its member.
    std::vector<int> order(g.evaluations.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return xValue(g.evaluations[size_t(a)]) < xValue(g.evaluations[size_t(b)]); });
    for (int m : order) {
        const search::Evaluation &e = g.evaluations[size_t(m)];
        const bool ok = m_constraints.violation(e) <= 0;
        (ok ? m_feasibleMembers : m_infeasibleMembers).push_back(m);
        (ok ? m_feasible : m_infeasible)->addData(xValue(e), e.accuracy);
    }
    // The front of this search's generations up to the shown one.
    const std::vector<search::Generation> &all = m_searches[size_t(f.search)];
    const std::vector<search::Generation> soFar(all.begin(), all.begin() + (f.generation - all.data()) + 1);
    std::vector<std::pair<double, double>> front;
    for (const auto &[gi, m] : search::paretoFront(soFar, m_constraints))
        front.push_back(
            {xValue(soFar[size_t(gi)].evaluations[size_t(m)]), soFar[size_t(gi)].evaluations[size_t(m)].accuracy});
    std::sort(front.begin(), front.end());
    for (const auto &[x, a] : front)
        m_front->addData(x, a);
    m_plot->rescaleAxes();
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis})
        padAxisRange(axis, 0.06, 1e-6);
    m_hvPlot->graph(1)->setData({double(shown)}, {m_hypervolume[size_t(shown)]});
    // The selection's ring and text stay only on the generation they describe.
    const auto kept = std::find(g.population.begin(), g.population.end(), m_selectedMember.genotype);
    if (m_selectedMember.search == f.search && m_selectedMember.generation == g.index && kept != g.population.end()) {
        const search::Evaluation &e = g.evaluations[size_t(kept - g.population.begin())];
        m_selected->setData({xValue(e)}, {e.accuracy});
    } else {
        m_selectedMember = {};
        m_selection->setText(tr("Click a sub-network to select it."));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    m_hvPlot->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoChart::setEstimator(supernet::EstimatorKind kind)
{
    m_estimator = kind;
    m_plot->yAxis->setLabel(estimateAxisLabel(kind));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoChart::selectMember(int member)
{
    const int shown = shownGeneration();
    if (shown < 0)
        return;
    const search::Generation &g = *m_flat[size_t(shown)].generation;
    if (member < 0 || size_t(member) >= g.population.size())
        return;
    const search::Evaluation &e = g.evaluations[size_t(member)];
    m_selectedMember = {m_flat[size_t(shown)].search, g.index, g.population[size_t(member)]};
    m_selected->setData({xValue(e)}, {e.accuracy});
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    const double violation = m_constraints.violation(e);
    m_selection->setText(tr("Member %1 [%2]: %3 %4, predicted latency %5 ms, power %6 mW, memory access %7 MB%8")
                             .arg(member)
                             .arg(QString::fromStdString(pipeline::genotypeText(g.population[size_t(member)])))
                             .arg(estimateName(m_estimator))
                             .arg(e.accuracy, 0, 'g', 4)
                             .arg(e.latencyMs, 0, 'g', 4)
                             .arg(e.powerMw, 0, 'g', 4)
                             .arg(e.dramBytes / 1e6, 0, 'g', 4)
                             .arg(violation > 0 ? tr(", breaks a constraint by %1%").arg(violation * 100, 0, 'f', 1)
                                                : tr(", meets the constraints")));
    Q_EMIT candidateSelected(g.population[size_t(member)], e);
}

int ParetoChart::feasiblePointCount() const
{
    return m_feasible->dataCount();
}
int ParetoChart::infeasiblePointCount() const
{
    return m_infeasible->dataCount();
}
int ParetoChart::frontPointCount() const
{
    return m_front->dataCount();
}
QString ParetoChart::selectionText() const
{
    return m_selection->text();
}

} // namespace calibra::widgets
