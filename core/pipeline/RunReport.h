// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The report of a run, written from its run store into the run directory:
// report.json (summary), generations.csv (statistics per generation), population.csv
// (every member of every generation), checks.csv (every accuracy-check sample) and
// report.html (the tables, with the charts' data embedded as JSON).
#include "pipeline/Pipeline.h"
#include "pipeline/RunStore.h"

namespace calibra::report {

void writeRunReport(const pipeline::RunStore &store, const pipeline::RunResult &result);

} // namespace calibra::report
