// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the user interface shows (translated) for the core's keys: the checked metrics
// (checkMetricName gives the file keys, memory_access) and a run's status.
#include <QString>

#include <string>

namespace calibra::widgets {

QString checkMetricTitle(int metric); // predictor::CheckMetric: "Latency", "Power", "Energy", "Memory access"
QString checkMetricAxisLabel(int metric); // "latency (ms)", "power (mW)", "energy (mJ)", "memory access (MB)"
QString runStatusText(const std::string &status); // running, interrupted, failed, finished, unreadable

} // namespace calibra::widgets
