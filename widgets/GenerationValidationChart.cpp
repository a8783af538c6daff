// SPDX-License-Identifier: GPL-3.0-or-later
#include "GenerationValidationChart.h"

#include "ChartAxes.h"
#include "CheckInspector.h"
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
    placeLegendBelow(m_plot, 1); // long names: one a row, so that none is cut off at a laptop's width
    m_plot->xAxis->setLabel(tr("generation (all searches)"));
    QSharedPointer<QCPAxisTickerFixed> whole(new QCPAxisTickerFixed); // generations are whole numbers
    whole->setTickStep(1);
    whole->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(whole);
    auto *all = m_plot->addGraph();
    all->setName(tr("predicted, all members (mean)"));
    all->setPen(QPen(QColor(0x80, 0x80, 0x80), 1.5));
    auto *ofValidated = m_plot->addGraph();
    ofValidated->setName(tr("predicted, validated members (mean)"));
    ofValidated->setLineStyle(QCPGraph::lsNone);
    ofValidated->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0x30, 0x60, 0xc0), 1.5), Qt::white, 8));
    auto *validated = m_plot->addGraph();
    validated->setName(tr("validated, the same members (mean; bar: +-10%)"));
    validated->setLineStyle(QCPGraph::lsNone);
    validated->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0xd0, 0x50, 0x10), 7));
    m_band = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
    m_band->setDataPlottable(validated);
    m_band->setPen(QPen(QColor(0xd0, 0x50, 0x10, 0x90), 6));
    m_band->setWhiskerWidth(0);
    m_band->removeFromLegend();
    connect(m_plot, &QCustomPlot::afterLayout, this, &GenerationValidationChart::placeMarkLabels);
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
    m_marks.clear();
    for (const pipeline::CheckMark &mark : pipeline::checkMarks(run)) {
        const pipeline::StoredCheck &check = run.checks[mark.check];
        m_marks.push_back(
            {mark.x,
             tr("%1 check: %2").arg(checkStageText(check.summary.stage), checkDecisionText(check.summary.decision))});
    }
    redraw();
}

void GenerationValidationChart::clear()
{
    m_generations.clear();
    m_marks.clear();
    redraw();
}

std::vector<QImage> GenerationValidationChart::imagesOfMeasuredMetrics(int width, int height)
{
    const int shown = m_metric;
    std::vector<QImage> out;
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        setMetric(m);
        if (m == predictor::CheckLatency || validatedPointCount() > 0)
            out.push_back(chartImage(m_plot, width, height));
    }
    setMetric(shown);
    return out;
}

QStringList GenerationValidationChart::checkMarkLabels() const
{
    QStringList out;
    for (const Mark &m : m_marks)
        out << m.label;
    return out;
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
    m_band->data()->clear();
    m_plot->clearItems();
    m_markLabels.clear();
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
            m_band->addData(0.1 * g.validatedOfValidated[m]);
        }
    }
    m_plot->yAxis->setLabel(checkMetricAxisLabel(m_metric));
    m_plot->rescaleAxes(); // the bars' ends included
    for (const Mark &mark : m_marks)
        m_plot->xAxis->setRange(std::min(m_plot->xAxis->range().lower, mark.x),
                                std::max(m_plot->xAxis->range().upper, mark.x));
    padAxisRange(m_plot->xAxis, 0.05, 0.5);
    padAxisRange(m_plot->yAxis, 0.1);
    for (size_t i = 0; i < m_marks.size(); ++i) {
        const Mark &mark = m_marks[i];
        auto *line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(mark.x, 0);
        line->point2->setCoords(mark.x, 1);
        line->setPen(QPen(QColor(0xa0, 0x30, 0x30), 1, Qt::DashLine));
        // A label only where it differs from the mark before (forty online checks: one).
        if (i > 0 && mark.label == m_marks[i - 1].label)
            continue;
        auto *label = new QCPItemText(m_plot);
        label->position->setType(QCPItemPosition::ptAbsolute); // placed in pixels by placeMarkLabels
        label->setText(mark.label);
        label->setColor(QColor(0xa0, 0x30, 0x30));
        label->setFont(QFont(font().family(), 8));
        m_markLabels.push_back({label, mark.x, mark.label});
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// Each label beside its line, right of it where it fits the plot and left of it where it
// does not (on the roomier side, shortened, where it fits neither), in the highest row
// where it overlaps no label placed before.
void GenerationValidationChart::placeMarkLabels()
{
    const QRect area = m_plot->axisRect()->rect();
    std::vector<std::vector<std::pair<double, double>>> rows; // pixel spans taken, per row
    for (const MarkLabel &m : m_markLabels) {
        QCPItemText *label = m.item;
        const QFontMetrics metrics(label->font());
        const double line = m_plot->xAxis->coordToPixel(m.x);
        const double roomRight = area.right() - line - 2 * 3, roomLeft = line - area.left() - 2 * 3;
        const double full = metrics.horizontalAdvance(m.text);
        const bool leftOfLine = full > roomRight && roomLeft > roomRight;
        label->setText(metrics.elidedText(m.text, Qt::ElideRight, int(std::max(roomLeft, roomRight))));
        const double width = metrics.horizontalAdvance(label->text()) + 2 * 3;
        const std::pair<double, double> span =
            leftOfLine ? std::pair(line - width, line) : std::pair(line, line + width);
        // At most a third of the plot's height of labels: the rest are left to the lines
        // (the check history names every check).
        const size_t maxRows = size_t(std::max(1, area.height() / 3 / (metrics.height() + 2)));
        size_t row = 0;
        for (; row < rows.size(); ++row) {
            bool free = true;
            for (const auto &[a, b] : rows[row])
                free &= span.second <= a || span.first >= b;
            if (free)
                break;
        }
        label->setVisible(row < maxRows);
        if (row >= maxRows)
            continue;
        if (row == rows.size())
            rows.emplace_back();
        rows[row].push_back(span);
        label->position->setCoords(leftOfLine ? line - 3 : line + 3, area.top() + 2 + row * (metrics.height() + 2));
        label->setPositionAlignment((leftOfLine ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
    }
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
