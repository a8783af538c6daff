// SPDX-License-Identifier: GPL-3.0-or-later
#include "CostLegend.h"

#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace calibra::widgets {

namespace {

double relativeLuminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

} // namespace

QColor costScaleColour(double t)
{
    const QColor stops[] = {QColor(0x44, 0x01, 0x54), QColor(0x21, 0x91, 0x8c), QColor(0xfd, 0xe7, 0x25)};
    t = std::clamp(t, 0.0, 1.0) * 2;
    const int i = std::min(1, int(t));
    const double f = t - i;
    const QColor &a = stops[i], &b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + f * (b.redF() - a.redF())),
                            float(a.greenF() + f * (b.greenF() - a.greenF())),
                            float(a.blueF() + f * (b.blueF() - a.blueF())));
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableTextColour(const QColor &background)
{
    return contrastRatio(background, Qt::black) >= contrastRatio(background, Qt::white) ? QColor(Qt::black)
                                                                                        : QColor(Qt::white);
}

CostLegend::CostLegend(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void CostLegend::setScale(const QString &label, double min, double max)
{
    m_label = label;
    m_min = min;
    m_max = max;
    update();
}

QSize CostLegend::sizeHint() const
{
    return {260, fontMetrics().height() * 2 + 18};
}

void CostLegend::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const int text = fontMetrics().height();
    const QRect bar(12, text + 4, std::min(240, width() - 24), 10);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (double t : {0.0, 0.5, 1.0})
        gradient.setColorAt(t, costScaleColour(t));
    p.fillRect(bar, gradient);
    p.setPen(palette().windowText().color());
    p.drawText(QRect(12, 2, width() - 24, text), Qt::AlignLeft | Qt::AlignVCenter,
               fontMetrics().elidedText(m_label, Qt::ElideRight, width() - 24));
    const QString minText = QString::number(m_min, 'g', 3), maxText = QString::number(m_max, 'g', 3);
    p.drawText(QPoint(bar.left(), bar.bottom() + text), minText);
    p.drawText(QPoint(bar.right() - fontMetrics().horizontalAdvance(maxText), bar.bottom() + text), maxText);
}

} // namespace calibra::widgets
