// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// bench_predictor's third table: finetuning on real devices' measured FBNet-space networks
// (tests/data/fbnet-latency), by each method including the transfer from other devices'
// profiles, and the lookup table's upper bound on that space.
#include "augment/FbnetTable.h"
#include "model/PerformanceModel.h"

#include <string>

namespace calibra::bench {

// The per-(layer, block) lookup table fitted on 4,000 measured networks of each device
// and judged on the rest: what few-shot adaptation on this space can reach at best.
void lookupTableBound(const augment::FbnetTable &table);

// Finetuning on 10 / 20 / 50 measured networks per device column, judged on the last half.
void fbnetTable(const model::PerformanceModel &offline, const std::string &csv, bool quick);

} // namespace calibra::bench
