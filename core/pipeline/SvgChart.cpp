// SPDX-License-Identifier: GPL-3.0-or-later
#include "SvgChart.h"

#include <QString>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>

namespace calibra::report {

namespace {

std::string escaped(const std::string &s)
{
    return QString::fromStdString(s).toHtmlEscaped().toStdString(); // as report.html escapes its text
}

// Numbers in SVG are always written with a decimal point: snprintf would follow the
// locale (a German one writes "161,4", which browsers misread).
std::string number(double v)
{
    char b[32];
    const auto r = std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, 1);
    return std::string(b, r.ptr);
}

std::string tickText(double v)
{
    char b[32];
    const auto r = std::to_chars(b, b + sizeof b, std::abs(v) < 1e-12 ? 0.0 : v, std::chars_format::general, 6);
    return std::string(b, r.ptr);
}

struct Range
{
    double low = std::numeric_limits<double>::infinity(), high = -std::numeric_limits<double>::infinity();
    void add(double v)
    {
        if (std::isfinite(v)) {
            low = std::min(low, v);
            high = std::max(high, v);
        }
    }
    bool empty() const { return !(low <= high); }
    // A little room around the data; a single value gets a range of its own.
    void pad(double share)
    {
        const double span = high - low;
        const double room = span > 0 ? span * share : low != 0 ? std::abs(low) * 0.1 : 1.0;
        low -= room;
        high += room;
    }
};

// About `count` ticks at 1, 2 or 5 times a power of ten (whole numbers only when
// `integers`: generations).
std::vector<double> ticks(const Range &r, int count, bool integers = false)
{
    const double raw = std::max((r.high - r.low) / count, integers ? 1.0 : 0.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    std::vector<double> out;
    for (double t = std::ceil(r.low / step) * step; t <= r.high + step * 1e-9; t += step)
        out.push_back(t);
    return out;
}

} // namespace

std::string renderSvg(const SvgChart &chart, int width, int height)
{
    const double left = 64, right = 12, top = 30;
    // The legend's items flow in rows under the plot (text about 6.2 px a character).
    std::vector<std::pair<double, double>> legend; // x, row
    double legendX = left, legendRow = 0;
    for (const SvgSeries &s : chart.series) {
        const double itemWidth = 30 + 6.2 * double(s.name.size());
        if (legendX > left && legendX + itemWidth > width - right) {
            legendX = left;
            ++legendRow;
        }
        legend.push_back({legendX, legendRow});
        legendX += itemWidth;
    }
    const double bottom = 52 + 16 * (legendRow + 1);
    height = std::max(height, int(top + bottom) + 160); // a long legend grows the chart, never the plot negative
    const double plotW = width - left - right, plotH = height - top - bottom;
    Range xr, yr;
    for (const SvgSeries &s : chart.series) {
        for (const auto &[x, y] : s.points)
            if (std::isfinite(x) && std::isfinite(y)) {
                xr.add(x);
                yr.add(y);
            }
        for (const auto &[low, high] : s.bands) {
            yr.add(low);
            yr.add(high);
        }
    }
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\""
                      + std::to_string(height) + "\" font-family=\"sans-serif\" font-size=\"11\">\n";
    svg += "<text x=\"" + number(width / 2.0)
           + "\" y=\"16\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">" + escaped(chart.title)
           + "</text>\n";
    if (xr.empty()) {
        svg += "<text x=\"" + number(width / 2.0) + "\" y=\"" + number(height / 2.0)
               + "\" text-anchor=\"middle\" fill=\"#666\">no data</text>\n</svg>\n";
        return svg;
    }
    for (const SvgMark &m : chart.marks)
        xr.add(m.x);
    if (chart.diagonal) { // the same range on both axes, so that y = x is the diagonal
        xr.add(yr.low);
        xr.add(yr.high);
        xr.pad(0.05);
        yr = xr;
    } else {
        xr.pad(0.05);
        yr.pad(0.08);
    }
    const auto px = [&](double x) { return left + (x - xr.low) / (xr.high - xr.low) * plotW; };
    const auto py = [&](double y) { return top + plotH - (y - yr.low) / (yr.high - yr.low) * plotH; };

    // Axes, grid and tick labels.
    svg += "<rect x=\"" + number(left) + "\" y=\"" + number(top) + "\" width=\"" + number(plotW) + "\" height=\""
           + number(plotH) + "\" fill=\"none\" stroke=\"#888\"/>\n";
    for (const double t : ticks(yr, 5))
        svg += "<line x1=\"" + number(left) + "\" x2=\"" + number(left + plotW) + "\" y1=\"" + number(py(t))
               + "\" y2=\"" + number(py(t)) + "\" stroke=\"#eee\"/><text x=\"" + number(left - 4) + "\" y=\""
               + number(py(t) + 4) + "\" text-anchor=\"end\">" + tickText(t) + "</text>\n";
    for (const double t : ticks(xr, 8, chart.integerX))
        svg += "<text x=\"" + number(px(t)) + "\" y=\"" + number(top + plotH + 14) + "\" text-anchor=\"middle\">"
               + tickText(t) + "</text>\n";
    svg += "<text x=\"" + number(left + plotW / 2) + "\" y=\"" + number(top + plotH + 30) + "\" text-anchor=\"middle\">"
           + escaped(chart.xLabel) + "</text>\n";
    svg += "<text transform=\"translate(14," + number(top + plotH / 2) + ") rotate(-90)\" text-anchor=\"middle\">"
           + escaped(chart.yLabel) + "</text>\n";
    if (chart.diagonal)
        for (const double k : {1.0, 0.9, 1.1})
            svg += "<line x1=\"" + number(px(xr.low)) + "\" y1=\"" + number(py(k * xr.low)) + "\" x2=\""
                   + number(px(xr.high)) + "\" y2=\"" + number(py(k * xr.high)) + "\" stroke=\"#999\""
                   + (k == 1.0 ? "" : " stroke-dasharray=\"2,3\"") + "/>\n";
    // Everything drawn in the plot is clipped to it (the diagonal runs past its corners).
    const std::string clip =
        "calibra-plot-" + std::to_string(std::hash<std::string>{}(chart.title + chart.yLabel) % 1000000007);
    svg += "<defs><clipPath id=\"" + clip + "\"><rect x=\"" + number(left) + "\" y=\"" + number(top) + "\" width=\""
           + number(plotW) + "\" height=\"" + number(plotH) + "\"/></clipPath></defs>\n<g clip-path=\"url(#" + clip
           + ")\">\n";
    for (size_t i = 0; i < chart.marks.size(); ++i) {
        const SvgMark &m = chart.marks[i];
        // A label only where it differs from the mark before (forty online checks: one
        // label), and every other one a line lower, so that neighbours rarely overlap.
        const bool labelled = i == 0 || m.label != chart.marks[i - 1].label;
        const double labelY = top + 11 + (i % 2 == 0 ? 0 : 13);
        // Labelled on the side with room: right of the line, left of it in the plot's last third.
        const bool leftOfLine = px(m.x) > left + plotW * 2 / 3;
        svg += "<line x1=\"" + number(px(m.x)) + "\" x2=\"" + number(px(m.x)) + "\" y1=\"" + number(top) + "\" y2=\""
               + number(top + plotH) + "\" stroke=\"#a33\" stroke-dasharray=\"4,3\"/>\n";
        if (labelled)
            svg += "<text x=\"" + number(px(m.x) + (leftOfLine ? -3 : 3)) + "\" y=\"" + number(labelY)
                   + "\" fill=\"#a33\" font-size=\"10\"" + (leftOfLine ? " text-anchor=\"end\"" : "") + ">"
                   + escaped(m.label) + "</text>\n";
    }
    for (const SvgSeries &s : chart.series) {
        for (size_t i = 0; i < s.bands.size() && i < s.points.size(); ++i) {
            const auto &[low, high] = s.bands[i];
            if (std::isfinite(low) && std::isfinite(high) && std::isfinite(s.points[i].first))
                svg += "<rect x=\"" + number(px(s.points[i].first) - 5) + "\" y=\"" + number(py(high))
                       + "\" width=\"10\" height=\"" + number(py(low) - py(high)) + "\" fill=\"" + s.color
                       + "\" fill-opacity=\"0.18\"/>\n";
        }
        if (s.style == SvgSeries::Style::Line) {
            std::string path;
            for (const auto &[x, y] : s.points)
                if (std::isfinite(x) && std::isfinite(y))
                    path += (path.empty() ? "M" : " L") + number(px(x)) + "," + number(py(y));
            if (!path.empty())
                svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + s.color + "\" stroke-width=\"1.5\"/>\n";
        } else {
            const bool disc = s.style == SvgSeries::Style::Discs;
            for (const auto &[x, y] : s.points)
                if (std::isfinite(x) && std::isfinite(y))
                    svg += "<circle cx=\"" + number(px(x)) + "\" cy=\"" + number(py(y)) + "\" r=\"3.5\" fill=\""
                           + (disc ? s.color : std::string("white")) + "\" stroke=\"" + s.color + "\"/>\n";
        }
    }
    svg += "</g>\n";
    // The legend, in rows under the plot, where it hides no point.
    for (size_t i = 0; i < chart.series.size(); ++i) {
        const SvgSeries &s = chart.series[i];
        const double x = legend[i].first, y = top + plotH + 46 + 16 * legend[i].second;
        svg += s.style == SvgSeries::Style::Line
                   ? "<line x1=\"" + number(x) + "\" x2=\"" + number(x + 16) + "\" y1=\"" + number(y - 4) + "\" y2=\""
                         + number(y - 4) + "\" stroke=\"" + s.color + "\" stroke-width=\"1.5\"/>"
                   : "<circle cx=\"" + number(x + 8) + "\" cy=\"" + number(y - 4) + "\" r=\"3.5\" fill=\""
                         + (s.style == SvgSeries::Style::Discs ? s.color : std::string("white")) + "\" stroke=\""
                         + s.color + "\"/>";
        svg += "<text x=\"" + number(x + 20) + "\" y=\"" + number(y) + "\">" + escaped(s.name) + "</text>\n";
    }
    svg += "</svg>\n";
    return svg;
}

} // namespace calibra::report
