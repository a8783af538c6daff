// SPDX-License-Identifier: GPL-3.0-or-later
#include "Calibration.h"

#include "NonNegativeRidge.h"
#include "PerformanceModel.h"
#include "Trainer.h"

#include <algorithm>
#include <cmath>

namespace calibra::model {

using namespace predictor; // the features, figures and checks the model learns from

Calibration Calibration::identity()
{
    Calibration c;
    for (auto &row : c.scale)
        row.fill(1.0);
    for (auto &row : c.perLayer)
        row.fill(0.0);
    return c;
}

bool Calibration::isIdentity() const
{
    for (int m = 0; m < kMetricCount; ++m)
        for (int c = 0; c < kCategoryCount; ++c)
            if (scale[size_t(m)][size_t(c)] != 1.0 || perLayer[size_t(m)][size_t(c)] != 0.0)
                return false;
    return true;
}

CalibrationSample calibrationSample(const PerformanceModel &model, const Sample &sample)
{
    CalibrationSample out;
    const std::vector<float> c = model.rowContributions(sample.features.rows.data(), sample.features.layers, false);
    for (int l = 0; l < sample.features.layers; ++l) {
        const int category = rowCategory(sample.features.rows.data() + size_t(l) * kFeatureCount);
        out.layers[size_t(category)] += 1;
        for (int m = 0; m < kMetricCount; ++m)
            out.sums[size_t(m)][size_t(category)] += double(c[size_t(l) * kMetricCount + size_t(m)]);
    }
    for (int m = 0; m < kMetricCount; ++m)
        out.measured[size_t(m)] = sample.target.inModelUnits(m);
    return out;
}

namespace {

using Matrix = std::vector<std::vector<double>>;

struct MetricFit
{
    std::array<double, kCategoryCount> scale{}, perLayer{};
    double ridge = 0;
};

MetricFit fitMetric(const std::vector<CalibrationSample> &samples, int m, int *used)
{
    MetricFit fit;
    fit.scale.fill(1.0);
    std::vector<const CalibrationSample *> rows;
    for (const CalibrationSample &s : samples)
        if (std::isfinite(s.measured[size_t(m)]) && s.measured[size_t(m)] > 0)
            rows.push_back(&s);
    *used = int(rows.size());
    if (rows.empty())
        return fit;
    const auto sumOf = [m](const CalibrationSample &s) {
        double t = 0;
        for (double v : s.sums[size_t(m)])
            t += v;
        return t;
    };
    // The overall scale: least squares on relative errors of the plain total.
    double num = 0, den = 0;
    for (const CalibrationSample *s : rows) {
        const double r = sumOf(*s) / s->measured[size_t(m)];
        num += r;
        den += r * r;
    }
    const double overall = den > 0 ? num / den : 1.0;
    fit.scale.fill(overall);
    if (int(rows.size()) < kMinCalibrationSamples)
        return fit;

    // Columns: per-category contribution sums (prior: the overall scale) and per-category
    // layer counts (prior: no fixed cost); rows divided by the measured value (relative
    // errors), each column scaled so that alone, with coefficient 1, it would explain
    // the measured values on average: one ridge strength then suits every column.
    struct Column
    {
        bool isSum;
        int category;
        double unit; // coefficient on the raw column = theta * unit
    };
    const auto rawValue = [m](const CalibrationSample &s, bool isSum, int c) {
        return isSum ? s.sums[size_t(m)][size_t(c)] : s.layers[size_t(c)];
    };
    std::vector<Column> columns;
    for (int isSum = 1; isSum >= 0; --isSum)
        for (int c = 0; c < kCategoryCount; ++c) {
            double meanRatio = 0;
            for (const CalibrationSample *s : rows)
                meanRatio += rawValue(*s, bool(isSum), c) / s->measured[size_t(m)];
            meanRatio /= double(rows.size());
            if (meanRatio > 0)
                columns.push_back({bool(isSum), c, 1.0 / meanRatio});
        }
    const size_t p = columns.size(), n = rows.size();
    Matrix a(n, std::vector<double>(p));
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < p; ++j)
            a[i][j] = rawValue(*rows[i], columns[j].isSum, columns[j].category) * columns[j].unit
                      / rows[i]->measured[size_t(m)];
    std::vector<double> prior(p, 0.0);
    for (size_t j = 0; j < p; ++j)
        if (columns[j].isSum)
            prior[j] = overall / columns[j].unit;
    // Ridge strength by cross-validation (leave-one-out up to 20 samples, else 5 folds).
    const RelativeFit solved = fitRelativeNonNegative(a, prior, {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0}, 0.0);
    fit.ridge = solved.ridge;
    const std::vector<double> &theta = solved.theta;
    for (size_t j = 0; j < p; ++j)
        (columns[j].isSum ? fit.scale : fit.perLayer)[size_t(columns[j].category)] = theta[j] * columns[j].unit;
    return fit;
}

} // namespace

CalibrationFit fitCalibration(const std::vector<CalibrationSample> &samples)
{
    CalibrationFit out;
    for (int m = 0; m < kMetricCount; ++m) {
        const MetricFit f = fitMetric(samples, m, &out.samples[size_t(m)]);
        out.calibration.scale[size_t(m)] = f.scale;
        out.calibration.perLayer[size_t(m)] = f.perLayer;
        out.ridge[size_t(m)] = f.ridge;
    }
    return out;
}

CalibrationFit fitCalibration(const PerformanceModel &model, const std::vector<Sample> &samples)
{
    std::vector<CalibrationSample> rows;
    for (const Sample &x : samples)
        rows.push_back(calibrationSample(model, x));
    return fitCalibration(rows);
}

double calibrationHeldOutError(const std::vector<CalibrationSample> &samples)
{
    const size_t folds = heldOutFolds(samples.size());
    if (folds < 2)
        return std::nan("");
    double error = 0;
    size_t count = 0;
    for (size_t f = 0; f < folds; ++f) {
        std::vector<CalibrationSample> fitOn;
        for (size_t q = 0; q < samples.size(); ++q)
            if (q % folds != f)
                fitOn.push_back(samples[q]);
        const Calibration c = fitCalibration(fitOn).calibration;
        for (size_t q = f; q < samples.size(); q += folds)
            for (int m = 0; m < kMetricCount; ++m) {
                const double measured = samples[q].measured[size_t(m)];
                if (!std::isfinite(measured) || measured <= 0)
                    continue;
                double predicted = 0;
                for (int k = 0; k < kCategoryCount; ++k)
                    predicted += c.scale[size_t(m)][size_t(k)] * samples[q].sums[size_t(m)][size_t(k)]
                                 + c.perLayer[size_t(m)][size_t(k)] * samples[q].layers[size_t(k)];
                error += std::fabs(std::log(std::max(predicted, 1e-12) / measured));
                ++count;
            }
    }
    return count ? error / double(count) : std::nan("");
}

} // namespace calibra::model
