// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A small chart drawn as SVG text, for report.html (a browser shows it without scripts
// or files beside the page): lines and markers over two linear axes, bands around
// points, labelled vertical marks, and an optional y = x diagonal with its +-10% lines.
// Points that are not numbers are skipped.
#include <string>
#include <utility>
#include <vector>

namespace calibra::report {

struct SvgSeries
{
    enum class Style { Line, Circles, Discs };
    std::string name;  // the legend's text
    std::string color; // any SVG colour ("#3060c0")
    Style style = Style::Line;
    std::vector<std::pair<double, double>> points;
    // Per point, a vertical bar from .first to .second drawn behind it (empty: none).
    std::vector<std::pair<double, double>> bands;
};

struct SvgMark
{
    double x = 0;
    std::string label;
};

struct SvgChart
{
    std::string title, xLabel, yLabel;
    std::vector<SvgSeries> series;
    std::vector<SvgMark> marks; // dashed vertical lines, labelled at the top
    bool diagonal = false;      // y = x, and y = 0.9x and 1.1x dotted
    bool integerX = false;      // ticks on whole numbers only (generations)
};

// An <svg> element `width` pixels wide and `height` high (more when the legend needs
// it); a chart with no point says so inside it. Numbers are written locale-independently.
std::string renderSvg(const SvgChart &chart, int width = 640, int height = 320);

} // namespace calibra::report
