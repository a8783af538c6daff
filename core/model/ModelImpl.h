// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The LibTorch side of PerformanceModel, shared by the model and the trainer only.
#include "Calibration.h"
#include "PerformanceModel.h"

#include <torch/torch.h>

namespace calibra::model {

struct LayerMlpImpl : torch::nn::Module
{
    explicit LayerMlpImpl(int hidden);
    torch::Tensor forward(const torch::Tensor &x);
    torch::nn::Linear l1{nullptr}, l2{nullptr}, l3{nullptr}, skip{nullptr};
};
TORCH_MODULE(LayerMlp);

struct PerformanceModel::Impl
{
    int hidden = 128;
    LayerMlp mlp{nullptr};
    torch::Tensor mean, invStd; // feature normalization
    std::string description;
    Calibration calibration = Calibration::identity();
    // The calibration as [kCategoryCount x kMetricCount] tensors; undefined when identity.
    torch::Tensor calibrationScale, calibrationPerLayer;
    void setCalibration(const Calibration &c);
    DeviceTable deviceTable;
    // Replaces, where the device table holds a row's metric, the computed contribution.
    torch::Tensor applyDeviceTable(const torch::Tensor &rows, const torch::Tensor &contributions) const;

    // Contributions (model units) of raw feature rows, calibrated or not.
    torch::Tensor contributions(const torch::Tensor &rows, bool calibrated);

    // Inference only: contributions of `count` raw rows into `out` (count x kMetricCount),
    // in chunks small enough that the hidden activations stay in cache (one pass over
    // 158,000 rows was 2.5x slower per row than over 17,000: memory-bound, not GEMM-bound).
    void inferContributions(const float *rows, int64_t count, bool calibrated, float *out);

    // Log contributions of normalized rows -> per-network log totals (in model units).
    // `networkIndex` maps each row to its network; `count` networks.
    torch::Tensor logTotals(const torch::Tensor &rows, const torch::Tensor &networkIndex, int64_t count);
};

// Rows of several networks in one tensor, with the row -> network index.
struct PackedBatch
{
    torch::Tensor rows;
    torch::Tensor networkIndex;
    int64_t networks = 0;
};
PackedBatch pack(const std::vector<const predictor::NetworkFeatures *> &networks);

// Targets in model units, log space: [networks x kMetricCount].
torch::Tensor logTargets(const std::vector<predictor::Figures> &figures);

} // namespace calibra::model
