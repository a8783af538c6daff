// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The checked metrics' names as the user interface shows them (translated), where the
// core's checkMetricName gives the file keys (memory_access).
#include <QString>

namespace calibra::widgets {

QString checkMetricTitle(int metric); // predictor::CheckMetric: "Latency", "Power", "Energy", "Memory access"

} // namespace calibra::widgets
