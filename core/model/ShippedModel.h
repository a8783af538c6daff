// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The offline-trained predictor shipped in resources/predictor/offline.pt.
#include "PerformanceModel.h"

namespace calibra::model {

inline constexpr const char *kShippedModel = "builtin:offline";

// A path, or kShippedModel for the shipped model.
PerformanceModel loadModel(const std::string &pathOrBuiltin);

} // namespace calibra::model
