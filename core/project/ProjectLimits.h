// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The ranges a project's numeric fields may take, declared once: the project reader
// refuses values outside them, and the GUI's fields accept exactly them, so a project
// opened in the GUI is never clamped on the way to a run or back to its file.
namespace calibra::pipeline::limits {

struct IntRange
{
    int min, max;
};
struct RealRange
{
    double min, max;
};

// search:
inline constexpr IntRange kPopulation{4, 100000};
inline constexpr IntRange kGenerations{1, 100000};
inline constexpr IntRange kSeed{0, 1 << 30};
// final training:
inline constexpr IntRange kFinalEpochs{0, 1000};
// constraints (0: no limit):
inline constexpr RealRange kMaxLatencyMs{0, 1e9};
inline constexpr RealRange kMaxPowerMw{0, 1e9};
inline constexpr RealRange kMaxDramMb{0, 1e9};
// check:
inline constexpr IntRange kCheckSamples{4, 10000};
inline constexpr IntRange kValidatedPerGeneration{0, 1000};
// thresholds (shares are 0-1, MAPE a ratio):
inline constexpr RealRange kMinWithin10{0, 1};
inline constexpr RealRange kMaxMape{0, 100};
inline constexpr RealRange kMinSpearman{-1, 1};
inline constexpr RealRange kMinDecisionAgreement{0, 1};
// A board connection's, alone or through the farm.
inline constexpr RealRange kDeadlineSeconds{0.1, 1e6};
inline constexpr IntRange kChunkSize{1, 100000};

} // namespace calibra::pipeline::limits
