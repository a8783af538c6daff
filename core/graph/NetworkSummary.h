// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Human- and machine-readable summaries of an analyzed network: the per-layer table of
// `calibra-cli inspect` and its --json form.
#include "Cost.h"

#include <QJsonObject>

#include <string>

namespace calibra::graph {

// {"name", "inputs", "outputs", "layers": [...], "totals": {"params", "macs", ...}}
QJsonObject networkSummaryJson(const Network &network, const NetworkCost &cost);

// A fixed-width text table, one row per node, and a totals line.
std::string networkSummaryTable(const Network &network, const NetworkCost &cost);

// 3504872 -> "3.50 M"; used by tables and the GUI's status bar.
std::string humanCount(int64_t value);

} // namespace calibra::graph
