// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The charts of report.html, from a run snapshot: predicted against validated for each
// generation (one chart per measured metric, the +-10% band around each validated mean,
// the checks marked with their decisions), every check's predicted against validated
// sample, and the hypervolume history. The GUI's Runs tab draws the same data.
#include "SvgChart.h"
#include "pipeline/RunSnapshot.h"

#include <vector>

namespace calibra::report {

std::vector<SvgChart> generationValidationCharts(const pipeline::RunSnapshot &run);
std::vector<SvgChart> checkSampleCharts(const pipeline::RunSnapshot &run);
SvgChart hypervolumeChart(const pipeline::RunSnapshot &run);

} // namespace calibra::report
