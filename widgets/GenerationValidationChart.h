// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Predicted against validated for each generation (pipeline/GenerationValidation.h): the
// mean prediction over a generation's members as a line; for its members that were
// validated, their mean prediction (hollow circles) beside their validated mean (discs),
// for latency, power, energy or memory access. A generation none of whose members was
// validated shows its prediction only; an unmeasured metric shows no validated point.
#include "pipeline/GenerationValidation.h"

#include <QWidget>

class QComboBox;
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
    QCustomPlot *plot() const { return m_plot; }

private:
    void redraw();

    QComboBox *m_metricChoice;
    QCustomPlot *m_plot;
    std::vector<pipeline::GenerationValidation> m_generations;
    int m_metric = 0;
};

} // namespace calibra::widgets
