#include "Calibration.h"

#include "NonNegativeRidge.h"
#include "PerformanceModel.h"
#include "Trainer.h"

#include <algorithm>
#include <cmath>

namespace calibra::predictor {

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
    out.measured = {sample.target.latencySeconds / kLatencyUnit, sample.target.energyJoules / kEnergyUnit,
                    sample.target.dramBytes / kDramUnit};
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
    const auto normalEquations = [&](const std::vector<bool> &leftOut, Matrix &g, std::vector<double> &h) {
        g.assign(p, std::vector<double>(p, 0.0));
        h.assign(p, 0.0);
        for (size_t i = 0; i < n; ++i) {
            if (leftOut[i])
                continue;
            for (size_t j = 0; j < p; ++j) {
                h[j] += a[i][j];
                for (size_t q = 0; q < p; ++q)
                    g[j][q] += a[i][j] * a[i][q];
            }
        }
    };
    // Ridge strength by cross-validation: leave-one-out up to 20 samples, else 5 folds;
    // the error is the squared log ratio, as the model is judged.
    const size_t folds = n <= 20 ? n : 5;
    const double grid[] = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0};
    double bestError = 1e300;
    Matrix g;
    std::vector<double> h;
    for (double lambda : grid) {
        double error = 0;
        for (size_t f = 0; f < folds; ++f) {
            std::vector<bool> leftOut(n);
            for (size_t i = 0; i < n; ++i)
                leftOut[i] = i % folds == f;
            normalEquations(leftOut, g, h);
            const std::vector<double> theta = solveNonNegativeRidge(g, h, lambda, prior);
            for (size_t i = 0; i < n; ++i) {
                if (!leftOut[i])
                    continue;
                double ratio = 0;
                for (size_t j = 0; j < p; ++j)
                    ratio += theta[j] * a[i][j];
                const double e = std::log(std::max(ratio, 1e-9));
                error += e * e;
            }
        }
        if (error < bestError * (1 - 1e-9)) {
            bestError = error;
            fit.ridge = lambda;
        }
    }
    normalEquations(std::vector<bool>(n, false), g, h);
    const std::vector<double> theta = solveNonNegativeRidge(g, h, fit.ridge, prior);
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

} // namespace calibra::predictor
