// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the performance predictor sees. A network is a set of per-layer feature rows
// (its non-free layers after lowering); each row holds the layer's own features
// (op category, shapes, work and bytes), its graph context (what produces and consumes
// it, whether it can fuse), and the platform and target-setting features, including
// roofline estimates of the layer's compute and memory time on that target. The model
// predicts one contribution per row and sums them (docs/predictor.md).
//
// Physics-informed features: the layer's array cycles come from the same SCALE-Sim
// formulas the simulator uses (hardware/SystolicArray), its vector cycles and DRAM time
// from roofline estimates. Compiler-plan features (schemas 3 and 4) add what the compiler
// decides for the target setting and tells anyone who asks (nn-Meter's "kernel
// detection"): which layers execute as one group, the tiled DRAM traffic of each group,
// and whether a group joins a depth-first chain with its neighbours. The network learns
// what these leave out: the max() of compute and memory time, halo recomputation, energy
// per access, and, after finetuning on a board, whatever the real chip does differently.
//
// Torch-free on purpose: the search, the accuracy check and the tests compute features
// without including LibTorch.
#include "hardware/Lowering.h"
#include "hardware/TargetSetting.h"

#include <cstdint>
#include <string>
#include <cmath>
#include <limits>
#include <vector>

namespace calibra::predictor {

// Bumped whenever the meaning or order of any feature changes; model files record it.
inline constexpr const char *kFeatureSchema = "calibra-features/4";

inline constexpr int kCategoryCount = 13;
// The compiler-plan features close the layer features, in this order: group head (0/1);
// for a head, its group's latency, DRAM time, log(DRAM bytes / bytes touched once) and
// compute time; then, under depth-first fusion, chained with the previous group, with
// the next, the chain compute-bound, the chain's row tiles, and the group's compute
// time as a stage of its chain (at the chain's tile height, halos recomputed); schema 4
// adds, for a chain's stages, that compute time with the chain's array and vector work
// overlapped (the stages sum to the chain's compute time, within the rounding that
// keeps rows shared), the chain's DRAM time over its compute time (log), and for a
// head its group's DRAM bytes (in kDramUnit).
inline constexpr int kPlanFeatureCount = 13;
inline constexpr int kLayerFeatureCount = kCategoryCount + 24 + 2 * kCategoryCount + 4 + 6 + kPlanFeatureCount;
inline constexpr int kPlanFeatureOffset = kLayerFeatureCount - kPlanFeatureCount;
inline constexpr int kTargetFeatureCount = 24;
inline constexpr int kFeatureCount = kLayerFeatureCount + kTargetFeatureCount;

// The op category of a feature row (its one-hot first kCategoryCount values): conv,
// depthwise, transposed conv, linear, matmul, attention, pool, global pool, activation,
// binary, norm, softmax, data movement.
inline int rowCategory(const float *row)
{
    for (int c = 0; c < kCategoryCount; ++c)
        if (row[c] > 0.5f)
            return c;
    return kCategoryCount - 1;
}

// The metrics predicted, in this order.
enum Metric { Latency = 0, Energy = 1, Dram = 2, kMetricCount = 3 };
const char *metricName(int metric); // latency, energy, dram

// Units the model works in, chosen so that typical layer values are 1 .. 1e4.
inline constexpr double kLatencyUnit = 1e-6; // microseconds
inline constexpr double kEnergyUnit = 1e-6;  // microjoules
inline constexpr double kDramUnit = 1e3;     // kilobytes

struct NetworkFeatures
{
    std::vector<float> rows; // layers x kFeatureCount, row-major
    int layers = 0;
};

// Platform and setting features, shared by every row of one target.
std::vector<float> targetFeatures(const hardware::Platform &platform, const hardware::TargetSetting &setting);

NetworkFeatures networkFeatures(const hardware::LoweredNetwork &network, const hardware::Platform &platform,
                                const hardware::TargetSetting &setting);

// Figures in the model's units, for training targets and comparisons.
struct Figures
{
    double latencySeconds = 0, energyJoules = 0, dramBytes = 0;
    // Energy over latency; NaN unless both are known (a table may measure power without
    // latency: that power cannot be compared as energy over latency, so it is not).
    double powerWatts() const
    {
        if (!std::isfinite(latencySeconds) || !std::isfinite(energyJoules))
            return std::numeric_limits<double>::quiet_NaN();
        return latencySeconds > 0 ? energyJoules / latencySeconds : 0;
    }
    // One metric in the model's units (microseconds, microjoules, kilobytes).
    double inModelUnits(int metric) const
    {
        return metric == Latency  ? latencySeconds / kLatencyUnit
               : metric == Energy ? energyJoules / kEnergyUnit
                                  : dramBytes / kDramUnit;
    }
};

} // namespace calibra::predictor
