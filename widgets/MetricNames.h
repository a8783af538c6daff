// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the user interface shows (translated) for the core's keys: the checked metrics
// (checkMetricName gives the file keys, memory_access), a run's status, a check's stage
// and a run's mode.
#include "pipeline/RunStore.h"

#include <QString>

#include <string>

namespace calibra::widgets {

QString checkMetricTitle(int metric);     // predictor::CheckMetric: "Latency", "Power", "Energy", "Memory access"
QString checkMetricAxisLabel(int metric); // "latency (ms)", "power (mW)", "energy (mJ)", "memory access (MB)"
QString runStatusText(pipeline::RunStatus status);
QString checkStageText(pipeline::CheckStage stage); // "pre-search", "post-search", "online"
QString modeText(const std::string &mode);          // pipeline::modeName's: pre, post, both, offline, online
// The mode with what it does: "both: before and after".
QString modeChoiceText(const std::string &mode);
QString validationPurposeText(const std::string &purpose); // pipeline::validationPurposeName's

} // namespace calibra::widgets
