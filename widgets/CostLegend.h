// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The DAG's cost overlay scale: a perceptually ordered colour scale (viridis), the text
// colour that stays readable on each of its colours, and the legend strip drawn under
// the graph (in the view's margin, so it never covers a node).
#include <QColor>
#include <QWidget>

namespace calibra::widgets {

QColor costScaleColour(double t); // t in [0, 1]: dark purple through teal to yellow
// Black or white, whichever contrasts more with `background` (WCAG relative luminance).
QColor readableTextColour(const QColor &background);
double contrastRatio(const QColor &a, const QColor &b); // 1 .. 21

class CostLegend : public QWidget
{
    Q_OBJECT
public:
    explicit CostLegend(QWidget *parent = nullptr);
    void setScale(const QString &label, double min, double max);
    QString label() const { return m_label; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_label;
    double m_min = 0, m_max = 0;
};

} // namespace calibra::widgets
