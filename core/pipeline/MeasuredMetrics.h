// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a run may trust from its validator. A limit or objective on a metric the validator
// cannot measure (a host CPU measures no memory traffic, and power only where RAPL is
// readable) is kept only when the project trusts the predictor's figure unvalidated
// (search.trust_unvalidated); otherwise the search leaves it out. Target-setting fields
// the validator does not apply, set away from the platform's default, make the predictor
// and the device see different targets. Each case is a warning the user sees.
#include "hardware/TargetSetting.h"
#include "text/TranslatableText.h"
#include "search/Search.h"
#include "validate/Validator.h"

#include <string>
#include <vector>

namespace calibra::pipeline {

struct MeasuredSearch
{
    search::SearchOptions search;                      // the unmeasured, untrusted limits and objectives left out
    std::vector<search::CostMetric> onPredictionsOnly; // unmeasured but trusted: kept
    std::vector<search::CostMetric> leftOut;           // unmeasured, untrusted: limit and objective dropped
    std::vector<TranslatableText> warnings;
};

// Drops the limit and the objective of each metric (what restrictToMeasured left out): a
// run records them, so its report and charts judge against what the search used.
void leaveOut(search::SearchOptions &search, const std::vector<search::CostMetric> &metrics);
std::string costMetricList(const std::vector<search::CostMetric> &metrics);   // "power,memory_access"
std::vector<search::CostMetric> parseCostMetricList(const std::string &text); // unknown names skipped

MeasuredSearch restrictToMeasured(const search::SearchOptions &search, const validate::BackendCapabilities &backend,
                                  const std::vector<search::CostMetric> &trusted, const std::string &backendId);

// One warning naming the fields of `setting` that differ from `platformDefault` and that
// the backend ignores; none when there are none.
std::vector<TranslatableText> ignoredSettingWarnings(const hardware::TargetSetting &setting,
                                                     const hardware::TargetSetting &platformDefault,
                                                     const validate::BackendCapabilities &backend,
                                                     const std::string &backendId);

} // namespace calibra::pipeline
