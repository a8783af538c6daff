// SPDX-License-Identifier: GPL-3.0-or-later
#include "MeasuredMetrics.h"

#include <QString>

#include <algorithm>

namespace calibra::pipeline {

namespace {

std::string number(double v)
{
    return QString::number(v, 'g', 4).toStdString();
}

} // namespace

MeasuredSearch restrictToMeasured(const search::SearchOptions &search, const validate::BackendCapabilities &backend,
                                  const std::vector<search::CostMetric> &trusted, const std::string &backendId)
{
    MeasuredSearch out;
    out.search = search;
    const bool weighsObjectives = search.algorithm == search::Algorithm::Nsga2;
    struct Unmeasured
    {
        search::CostMetric metric;
        const char *label;
        double *limit;
        bool *minimized;
        std::string limitText;
    };
    std::vector<Unmeasured> unmeasured;
    search::SearchOptions &s = out.search;
    if (!backend.energy)
        unmeasured.push_back({search::CostMetric::Power, "power", &s.constraints.maxPowerMw, &s.minimizePower,
                              number(s.constraints.maxPowerMw) + " mW"});
    if (!backend.memoryAccess)
        unmeasured.push_back({search::CostMetric::MemoryAccess, "memory access", &s.constraints.maxDramBytes,
                              &s.minimizeMemoryAccess, number(s.constraints.maxDramBytes / 1e6) + " MB"});
    for (const Unmeasured &u : unmeasured) {
        const bool limited = *u.limit > 0, minimized = weighsObjectives && *u.minimized;
        if (!limited && !minimized)
            continue;
        std::string uses;
        if (limited)
            uses = "its limit of " + u.limitText;
        if (minimized)
            uses += std::string(limited ? " and " : "") + "minimizing it";
        const std::string name = search::costMetricName(u.metric);
        if (std::find(trusted.begin(), trusted.end(), u.metric) != trusted.end()) {
            out.onPredictionsOnly.push_back(u.metric);
            out.warnings.push_back(std::string(u.label) + " is not measured by " + backendId + ": the search keeps "
                                   + uses + " on the predictor's figures, which no check validates ("
                                   + "search.trust_unvalidated lists " + name + ")");
            continue;
        }
        out.leftOut.push_back(u.metric);
        out.warnings.push_back(std::string(u.label) + " is not measured by " + backendId + ": the search leaves out "
                               + uses + (limited ? ", and the final model is not judged on it" : "") + " (list " + name
                               + " under search.trust_unvalidated to use the predictor's figures)");
    }
    leaveOut(out.search, out.leftOut);
    return out;
}

void leaveOut(search::SearchOptions &search, const std::vector<search::CostMetric> &metrics)
{
    for (const search::CostMetric m : metrics)
        if (m == search::CostMetric::Power) {
            search.constraints.maxPowerMw = 0;
            search.minimizePower = false;
        } else if (m == search::CostMetric::MemoryAccess) {
            search.constraints.maxDramBytes = 0;
            search.minimizeMemoryAccess = false;
        }
}

std::string costMetricList(const std::vector<search::CostMetric> &metrics)
{
    std::string out;
    for (const search::CostMetric m : metrics)
        out += (out.empty() ? "" : ",") + std::string(search::costMetricName(m));
    return out;
}

std::vector<search::CostMetric> parseCostMetricList(const std::string &text)
{
    std::vector<search::CostMetric> out;
    size_t from = 0;
    while (from <= text.size()) {
        const size_t comma = std::min(text.find(',', from), text.size());
        search::CostMetric m;
        if (search::parseCostMetric(text.substr(from, comma - from), &m))
            out.push_back(m);
        from = comma + 1;
    }
    return out;
}

std::vector<std::string> ignoredSettingWarnings(const hardware::TargetSetting &setting,
                                                const hardware::TargetSetting &platformDefault,
                                                const validate::BackendCapabilities &backend,
                                                const std::string &backendId)
{
    std::string fields;
    int count = 0;
    for (const hardware::SettingField f : hardware::differingFields(setting, platformDefault))
        if (std::find(backend.ignoredSettingFields.begin(), backend.ignoredSettingFields.end(), f)
            != backend.ignoredSettingFields.end()) {
            fields += (fields.empty() ? "" : ", ") + std::string(hardware::settingFieldName(f));
            ++count;
        }
    if (count == 0)
        return {};
    const std::string them = count == 1 ? "it" : "them";
    return {"the target setting sets " + fields + ", which " + backendId + " does not apply: the predictor is given "
            + them + ", the validated figures do not reflect " + them + ", and a finetune learns the difference"};
}

} // namespace calibra::pipeline
