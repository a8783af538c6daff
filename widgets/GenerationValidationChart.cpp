// SPDX-License-Identifier: GPL-3.0-or-later
#include "GenerationValidationChart.h"

#include "ChartAxes.h"
#include "MetricNames.h"
#include "QCustomPlotInclude.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <cmath>

namespace calibra::widgets {

namespace {

enum Graph { AllMembers, PredictedOfValidated, Validated };

} // namespace

GenerationValidationChart::GenerationValidationChart(QWidget *parent) : QWidget(parent)
{
    m_metricChoice = new QComboBox(this);
    for (int m = 0; m < predictor::kCheckMetricCount; ++m)
        m_metricChoice->addItem(checkMetricAxisLabel(m), m);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(200);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), 8));
    placeLegendBelow(m_plot);
    m_plot->xAxis->setLabel(tr("generation (all searches)"));
    auto *all = m_plot->addGraph();
    all->setName(tr("predicted, all members (mean)"));
    all->setPen(QPen(QColor(0x80, 0x80, 0x80), 1.5));
    auto *ofValidated = m_plot->addGraph();
    ofValidated->setName(tr("predicted, validated members (mean)"));
    ofValidated->setLineStyle(QCPGraph::lsNone);
    ofValidated->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0x30, 0x60, 0xc0), 1.5), Qt::white, 8));
    auto *validated = m_plot->addGraph();
    validated->setName(tr("validated, the same members (mean)"));
    validated->setLineStyle(QCPGraph::lsNone);
    validated->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0xd0, 0x50, 0x10), 7));
    auto *choice = new QHBoxLayout;
    choice->addWidget(new QLabel(tr("Metric"), this));
    choice->addWidget(m_metricChoice);
    choice->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(choice);
    layout->addWidget(m_plot, 1);
    connect(m_metricChoice, &QComboBox::currentIndexChanged, this,
            [this] { setMetric(m_metricChoice->currentData().toInt()); });
    redraw();
}

void GenerationValidationChart::setRun(const pipeline::RunSnapshot &run)
{
    m_generations = pipeline::generationValidations(run);
    redraw();
}

void GenerationValidationChart::clear()
{
    m_generations.clear();
    redraw();
}

void GenerationValidationChart::setMetric(int metric)
{
    if (metric < 0 || metric >= predictor::kCheckMetricCount)
        return;
    m_metric = metric;
    const QSignalBlocker quiet(m_metricChoice); // one redraw, not two
    m_metricChoice->setCurrentIndex(m_metricChoice->findData(metric));
    redraw();
}

void GenerationValidationChart::redraw()
{
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->clear();
    const size_t m = size_t(m_metric);
    for (size_t i = 0; i < m_generations.size(); ++i) {
        const pipeline::GenerationValidation &g = m_generations[i];
        const double x = double(i);
        if (std::isfinite(g.predictedAll[m]))
            m_plot->graph(AllMembers)->addData(x, g.predictedAll[m]);
        // Side by side, a little apart, so that neither hides the other.
        if (g.validated > 0 && std::isfinite(g.validatedOfValidated[m])) {
            m_plot->graph(PredictedOfValidated)->addData(x - 0.08, g.predictedOfValidated[m]);
            m_plot->graph(Validated)->addData(x + 0.08, g.validatedOfValidated[m]);
        }
    }
    m_plot->yAxis->setLabel(checkMetricAxisLabel(m_metric));
    m_plot->rescaleAxes();
    padAxisRange(m_plot->xAxis, 0.05, 0.5);
    padAxisRange(m_plot->yAxis, 0.1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int GenerationValidationChart::predictedPointCount() const
{
    return m_plot->graph(AllMembers)->dataCount();
}

int GenerationValidationChart::validatedPointCount() const
{
    return m_plot->graph(Validated)->dataCount();
}

} // namespace calibra::widgets
