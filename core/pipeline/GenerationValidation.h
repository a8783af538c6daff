// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Predicted against validated, generation by generation: what the search predicted for a
// generation's members, and, for the members that were validated (its best members,
// validated with it; any accuracy check's sample; every candidate online), what
// validation found. Computed from a run
// snapshot for the Runs tab's per-generation chart.
#include "pipeline/RunSnapshot.h"
#include "predictor/AccuracyCheck.h"

#include <array>
#include <vector>

namespace calibra::pipeline {

struct GenerationValidation
{
    int search = 0, generation = 0;
    int members = 0, validated = 0; // distinct members, and how many of them were validated
    // Means per predictor::CheckMetric in display units (ms, mW, mJ, MB); NaN when there
    // is nothing to average (no validated member, or a metric the validator cannot measure).
    using PerMetric = std::array<double, predictor::kCheckMetricCount>;
    PerMetric predictedAll{}, predictedOfValidated{}, validatedOfValidated{};
};

// A check's figures per predictor::CheckMetric in display units (ms, mW, mJ, MB); power
// is NaN when energy is.
GenerationValidation::PerMetric figuresInDisplayUnits(const predictor::Figures &f);

// One entry per generation of every search, in order.
std::vector<GenerationValidation> generationValidations(const RunSnapshot &run);

// Where an accuracy check falls on the axis of generationValidations (every search's
// generations in order, from 0): a pre check before the first generation, an online check
// just after the generation whose candidates it validated, a post check just after its
// search's last generation.
struct CheckMark
{
    double x = 0;
    size_t check = 0; // index into run.checks
};
std::vector<CheckMark> checkMarks(const RunSnapshot &run);

} // namespace calibra::pipeline
