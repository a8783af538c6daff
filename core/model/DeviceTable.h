// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A device's own cost for layers it has been measured running: one contribution per
// distinct feature row (a layer configuration in its graph context on one target),
// fitted from measured network totals (DeviceTransfer.h). The model uses the table's
// value for rows it holds and its calibrated layer MLP for every other row, so a table
// fitted on one search space still lets the model predict any network.
//
// Torch-free: the fitting code and the tests build tables without LibTorch.
#include "predictor/Features.h"

#include <array>
#include <string>
#include <unordered_map>

namespace calibra::model {

// Key: the row's kFeatureCount floats as raw bytes (rows are computed, never parsed, so
// equal layers give equal bytes). Value: contribution per metric in model units, NaN
// where the table does not hold that metric (the calibrated MLP answers instead).
using DeviceTable = std::unordered_map<std::string, std::array<float, predictor::kMetricCount>>;

inline std::string deviceTableKey(const float *row)
{
    return std::string(reinterpret_cast<const char *>(row), sizeof(float) * predictor::kFeatureCount);
}

} // namespace calibra::model
