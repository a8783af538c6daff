// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Predicted against validated for each generation (pipeline/GenerationValidation.h): the
// mean prediction over a generation's members as a line; for its members that were
// validated, their mean prediction (hollow circles) beside their validated mean (discs),
// for latency, power, energy or memory access, each validated mean with a +-10% bar (a
// circle inside its bar was predicted within 10%). The accuracy checks are dashed lines
// labelled with their decisions. A generation none of whose members was validated shows
// its prediction only; an unmeasured metric shows no validated point.
#include "pipeline/GenerationValidation.h"

#include <QImage>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QCPErrorBars;
class QCPItemText;
class QCustomPlot;

namespace calibra::widgets {

class GenerationValidationChart : public QWidget
{
    Q_OBJECT
public:
    explicit GenerationValidationChart(QWidget *parent = nullptr);
    void setRun(const pipeline::RunSnapshot &run);
    void setMetric(int metric); // predictor::CheckMetric
    void clear();

    int predictedPointCount() const;
    int validatedPointCount() const;
    int checkMarkCount() const { return int(m_marks.size()); }
    QStringList checkMarkLabels() const;
    QCustomPlot *plot() const { return m_plot; }
    // The chart of latency and of every other metric with a validated point, as images
    // (for the PDF report); the metric shown is kept.
    std::vector<QImage> imagesOfMeasuredMetrics(int width, int height);

private:
    void redraw();
    void placeMarkLabels(); // after each layout: the labels' room depends on the plot's size

    QComboBox *m_metricChoice;
    QCustomPlot *m_plot;
    QCPErrorBars *m_band;
    std::vector<pipeline::GenerationValidation> m_generations;
    struct Mark
    {
        double x;
        QString label;
    };
    std::vector<Mark> m_marks;
    struct MarkLabel
    {
        QCPItemText *item;
        double x;     // its mark's
        QString text; // in full (the item's may be elided)
    };
    std::vector<MarkLabel> m_markLabels;
    int m_metric = 0;
};

} // namespace calibra::widgets
