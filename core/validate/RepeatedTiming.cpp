// SPDX-License-Identifier: GPL-3.0-or-later
#include "RepeatedTiming.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace calibra::validate {

namespace {

double quantileOfSorted(const std::vector<double> &v, double p)
{
    const double pos = p * double(v.size() - 1);
    const size_t lo = size_t(std::floor(pos)), hi = size_t(std::ceil(pos));
    return v[lo] + (v[hi] - v[lo]) * (pos - double(lo));
}

double medianOfSorted(const std::vector<double> &v)
{
    return quantileOfSorted(v, 0.5);
}

} // namespace

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return medianOfSorted(values);
}

TimingSummary summarizeRuns(std::vector<double> runs)
{
    if (runs.empty())
        throw std::invalid_argument("no timed runs");
    std::sort(runs.begin(), runs.end());
    const double median = medianOfSorted(runs);
    std::vector<double> deviations;
    deviations.reserve(runs.size());
    for (double r : runs)
        deviations.push_back(std::abs(r - median));
    std::sort(deviations.begin(), deviations.end());
    const double sigma = 1.4826 * medianOfSorted(deviations);

    TimingSummary s;
    std::vector<double> kept;
    kept.reserve(runs.size());
    for (double r : runs)
        if (sigma <= 0 || std::abs(r - median) <= kOutlierSpreads * sigma)
            kept.push_back(r);
    s.outliers = int(runs.size() - kept.size());
    s.runs = int(kept.size());
    s.medianMs = medianOfSorted(kept);
    s.p90Ms = quantileOfSorted(kept, 0.9);
    s.spread = s.medianMs > 0 ? sigma / s.medianMs : 0;
    // The median's 95% interval from order statistics: ranks n/2 -+ 1.96 sqrt(n)/2
    // (1-based), clamped to the sample; with few runs it spans nearly all of them.
    const double n = double(kept.size());
    const double halfRanks = 1.96 * std::sqrt(n) / 2;
    const auto rank = [&](double r) { return size_t(std::clamp(r, 1.0, n)) - 1; };
    s.lowMs = kept[rank(std::floor(n / 2 - halfRanks))];
    s.highMs = kept[rank(std::ceil(n / 2 + halfRanks + 1))];
    return s;
}

} // namespace calibra::validate
