// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Few-shot calibration of the predictor for a device it was not trained for.
//
// With a handful of measured networks (10-50), retraining the layer MLP fits them but
// scrambles the ranking of everything else (docs/benchmarks.md, FBNet table). A much
// smaller correction holds up better: per op category c and metric m,
//     contribution' = scale[m][c] * contribution + perLayer[m][c]
// that is, the device runs each kind of layer a constant factor slower or faster than
// the model thinks, plus a fixed cost per layer of that kind (a kernel launch on a GPU,
// a dispatch on a phone). At most 2 x 13 coefficients per metric, fitted by
// non-negative ridge regression on relative errors, the ridge strength chosen by
// cross-validation on the samples themselves; categories no sample contains keep the
// overall scale. Being per row, the correction keeps the search-time contribution table.
//
// Torch-free; PerformanceModel applies it.
#include "predictor/Features.h"

#include <array>
#include <vector>

namespace calibra::model {

class PerformanceModel;
struct Sample;

struct Calibration
{
    std::array<std::array<double, predictor::kCategoryCount>, predictor::kMetricCount> scale{}, perLayer{};
    static Calibration identity();
    bool isIdentity() const;
    // One row's contribution (model units) after calibration.
    double apply(int metric, int category, double contribution) const
    {
        return scale[size_t(metric)][size_t(category)] * contribution + perLayer[size_t(metric)][size_t(category)];
    }
};

// What the fit needs of one measured network: the model's uncalibrated contributions
// summed per category, the number of layers per category and the measured totals
// (model units; NaN where the backend does not measure the metric).
struct CalibrationSample
{
    std::array<std::array<double, predictor::kCategoryCount>, predictor::kMetricCount> sums{};
    std::array<double, predictor::kCategoryCount> layers{};
    std::array<double, predictor::kMetricCount> measured{};
};
CalibrationSample calibrationSample(const PerformanceModel &model, const Sample &sample);

struct CalibrationFit
{
    Calibration calibration = Calibration::identity();
    std::array<int, predictor::kMetricCount> samples{};  // measured samples per metric
    std::array<double, predictor::kMetricCount> ridge{}; // chosen ridge strength per metric
};

// Fewer than kMinCalibrationSamples measured values of a metric: only its overall scale.
inline constexpr int kMinCalibrationSamples = 4;
CalibrationFit fitCalibration(const std::vector<CalibrationSample> &samples);
// The same from measured networks, whose contributions `model`'s layer MLP computes.
CalibrationFit fitCalibration(const PerformanceModel &model, const std::vector<Sample> &samples);

// How well a calibration predicts samples it was not fitted on: the mean absolute log
// ratio of prediction to measurement over every measured metric, by leave-one-out
// (heldOutFolds). NaN with fewer than 2 samples.
double calibrationHeldOutError(const std::vector<CalibrationSample> &samples);

} // namespace calibra::model
