// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Axis ranges and legends for the run charts: ranges padded so that points on the edges
// are drawn whole, legends in a row under the plot so that they hide no point.
#include "QCustomPlotInclude.h"

#include <algorithm>
#include <cmath>

namespace calibra::widgets {

// Widens the axis's range by `fraction` of its size at both ends; a range of a single
// value gets a tenth of the value (at least `minimumPad`) instead.
inline void padAxisRange(QCPAxis *axis, double fraction, double minimumPad = 1e-9)
{
    const QCPRange r = axis->range();
    const double pad = r.size() > 0 ? r.size() * fraction : std::max(minimumPad, std::abs(r.upper) * 0.1);
    axis->setRange(r.lower - pad, r.upper + pad);
}

// The legend's entries in as many columns (up to `columns`) as the plot's viewport holds
// whole: squeezed into more, QCustomPlot clips their text ("meets the const"). The
// viewport is the widget on screen, or the image's size while chartImage() draws one.
inline void fitLegendColumns(QCustomPlot *plot, int columns)
{
    QCPLegend *legend = plot->legend;
    const int available = plot->viewport().width() - 15; // the legend row's margins and its gap to the spacer
    for (int c = std::max(1, columns);; --c) {
        if (legend->wrap() != c) {
            legend->setWrap(c);
            legend->setFillOrder(QCPLegend::foColumnsFirst, true); // re-flows the entries
        }
        if (c == 1 || legend->minimumOuterSizeHint().width() <= available)
            return;
    }
}

// The most legend columns placeLegendBelow() allows a plot, for chartImage().
inline constexpr char kLegendColumnsProperty[] = "calibraLegendColumns";

// Moves the plot's legend out of the axis rect into a row of its own at the bottom,
// its entries side by side, in as many columns as fit (re-fitted before each replot, so
// after a resize or a new entry).
inline void placeLegendBelow(QCustomPlot *plot, int columns = 4)
{
    auto *row = new QCPLayoutGrid;
    const int at = plot->plotLayout()->rowCount();
    plot->plotLayout()->addElement(at, 0, row);
    row->setMargins(QMargins(5, 0, 5, 5));
    row->addElement(0, 0, plot->legend); // takes it out of the axis rect's inset layout
    // An empty legend's largest width would cap the whole column, the axis rect's too (a
    // chart with no runs yet drew a plot 50 px wide): a spacer beside it takes the rest.
    row->addElement(0, 1, new QCPLayoutElement(plot));
    row->setColumnStretchFactor(1, 0.001);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(columns);
    plot->setProperty(kLegendColumnsProperty, columns);
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot, columns] { fitLegendColumns(plot, columns); });
    plot->plotLayout()->setRowStretchFactor(at, 0.001);
    // The legend's row would otherwise make the whole legend's width the plot's minimum,
    // and the window wider than a laptop's screen; squeezed further, the legend clips.
    plot->setMinimumWidth(180);
}

// The plot drawn as an image of its own size (for a report or a PDF), its legend
// re-fitted to that width: fitted to the screen instead, a wide window's four columns
// were cut off in a narrower image. The on-screen plot is left as it was.
inline QImage chartImage(QCustomPlot *plot, int width, int height)
{
    const QVariant columns = plot->property(kLegendColumnsProperty);
    if (!columns.isValid())
        return plot->toPixmap(width, height).toImage();
    const QRect shown = plot->viewport();
    plot->setViewport(QRect(0, 0, width, height));
    fitLegendColumns(plot, columns.toInt());
    QImage image = plot->toPixmap(width, height).toImage();
    plot->setViewport(shown);
    fitLegendColumns(plot, columns.toInt());
    return image;
}

} // namespace calibra::widgets
