// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Adapting the predictor to a new device from what other devices taught us, in the
// spirit of HELP (Lee et al., NeurIPS 2021), which meta-learns across devices.
//
// A *reference device* is a model fitted to a device that was measured at length (a
// few thousand networks): its calibration plus a device table of per-layer costs
// (fitDeviceTable; finetune method `profile`). For a new device with a handful of
// measured networks, the transfer (finetune method `transfer`) fits how much each
// reference device's cost explains the new device's:
//     contribution(row) = sum_k w_k * reference_k(row),    w_k >= 0,
// by non-negative ridge regression on relative errors, the ridge strength chosen by
// cross-validation on the samples. The result is again one model: a merged device table
// (every row some reference holds) and a merged calibration for every other row, so
// the search keeps its per-row contribution table. With 20 measured networks it ranks
// the FBNet space on 27 real devices better than the per-category calibration
// (docs/benchmarks.md), because a GPU measured before already knows which layers a GPU
// finds slow.
//
// Torch-free; the models do the LibTorch work.
#include "PerformanceModel.h"
#include "Trainer.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace calibra::model {

// The device's own cost of each distinct layer row the samples contain, per measured
// metric: ridge regression of the measured totals on relative errors, each row pulled
// towards `model`'s calibrated contribution (the ridge strength chosen by 5-fold
// cross-validation), so rows seen in few networks stay near the model. Throws
// PredictorError when the samples hold more distinct rows than a dense solve can take
// (kMaxDeviceTableRows) or fewer than 4 samples measure any metric.
inline constexpr size_t kMaxDeviceTableRows = 1500; // a profile of 318 rows fits in 2 s, cost grows as rows^3
DeviceTable fitDeviceTable(const PerformanceModel &model, const std::vector<Sample> &samples);

struct TransferFit
{
    // Per metric, the weight of each reference (all zero for a metric the samples do
    // not measure: that metric keeps the model's own calibration).
    std::array<std::vector<double>, predictor::kMetricCount> weights;
    std::array<double, predictor::kMetricCount> ridge{};
};

// Fits the weights and makes `model` predict with them: a merged device table and a
// merged calibration. `references` must share `model`'s layer MLP for the merged
// calibration to be exact on rows no reference holds (it is, when all were profiled
// from the same offline model). Throws PredictorError without references or when a
// reference does not share the MLP (naming which).
TransferFit fitTransfer(PerformanceModel &model, const std::vector<const PerformanceModel *> &references,
                        const std::vector<Sample> &samples);

// How well a transfer from `references` predicts samples it was not fitted on: the mean
// absolute log ratio of prediction to measurement over every measured metric, by
// leave-one-out (heldOutFolds). Finetune method `auto` compares it with the
// calibration's (Calibration.h) to choose between them. NaN with fewer than 2 samples.
double transferHeldOutError(const std::vector<const PerformanceModel *> &references,
                            const std::vector<Sample> &samples);

// Loads a reference device model for a transfer to `model`, refusing, with the file
// named, one profiled from another offline model.
std::shared_ptr<const PerformanceModel> loadReferenceModel(const std::string &file, const PerformanceModel &model);

} // namespace calibra::model
