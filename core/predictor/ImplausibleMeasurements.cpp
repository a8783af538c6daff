// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImplausibleMeasurements.h"

#include <algorithm>
#include <cmath>

namespace calibra::predictor {

namespace {

double median(std::vector<double> v)
{
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(mid), v.end());
    const double upper = v[mid];
    if (v.size() % 2)
        return upper;
    return (*std::max_element(v.begin(), v.begin() + std::ptrdiff_t(mid)) + upper) / 2;
}

} // namespace

std::vector<ImplausibleMeasurement> implausibleMeasurements(const std::vector<double> &measured,
                                                            const std::vector<double> &predicted)
{
    std::vector<ImplausibleMeasurement> out;
    std::vector<size_t> rows;
    std::vector<double> logRatio;
    for (size_t i = 0; i < measured.size() && i < predicted.size(); ++i) {
        if (std::isnan(measured[i]))
            continue;
        if (measured[i] <= 0) {
            out.push_back({i, 0.0});
            continue;
        }
        if (!(predicted[i] > 0) || !std::isfinite(predicted[i]))
            continue; // nothing to compare with
        rows.push_back(i);
        logRatio.push_back(std::log(measured[i] / predicted[i]));
    }
    if (rows.size() >= kMinRowsToScreen) {
        const double centre = median(logRatio);
        std::vector<double> deviation;
        for (double r : logRatio)
            deviation.push_back(std::fabs(r - centre));
        const double spread = 1.4826 * median(deviation); // a normal distribution's sigma
        const double limit = std::max(std::log(kImplausibleFactor), kImplausibleSpreads * spread);
        for (size_t k = 0; k < rows.size(); ++k)
            if (std::fabs(logRatio[k] - centre) > limit)
                out.push_back({rows[k], std::exp(logRatio[k] - centre)});
    }
    std::sort(out.begin(), out.end(),
              [](const ImplausibleMeasurement &a, const ImplausibleMeasurement &b) { return a.index < b.index; });
    return out;
}

} // namespace calibra::predictor
