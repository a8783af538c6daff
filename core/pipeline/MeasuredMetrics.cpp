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
        unmeasured.push_back({search::CostMetric::Power, QT_TRANSLATE_NOOP("calibra::TranslatableText", "power"),
                              &s.constraints.maxPowerMw, &s.minimizePower, number(s.constraints.maxPowerMw) + " mW"});
    if (!backend.memoryAccess)
        unmeasured.push_back(
            {search::CostMetric::MemoryAccess, QT_TRANSLATE_NOOP("calibra::TranslatableText", "memory access"),
             &s.constraints.maxDramBytes, &s.minimizeMemoryAccess, number(s.constraints.maxDramBytes / 1e6) + " MB"});
    for (const Unmeasured &u : unmeasured) {
        const bool limited = *u.limit > 0, minimized = weighsObjectives && *u.minimized;
        if (!limited && !minimized)
            continue;
        TranslatableText uses;
        if (limited)
            uses.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "its limit of %1"),
                     {TranslatableText::value(u.limitText)});
        if (minimized)
            uses.add(limited ? QT_TRANSLATE_NOOP("calibra::TranslatableText", " and minimizing it")
                             : QT_TRANSLATE_NOOP("calibra::TranslatableText", "minimizing it"));
        const TextArg name = TranslatableText::value(search::costMetricName(u.metric));
        const std::vector<TextArg> what{TranslatableText::word(u.label), TranslatableText::value(backendId)};
        if (std::find(trusted.begin(), trusted.end(), u.metric) != trusted.end()) {
            out.onPredictionsOnly.push_back(u.metric);
            out.warnings.push_back(
                TranslatableText()
                    .add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 is not measured by %2: the search keeps "),
                         what)
                    .append(uses)
                    .add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                           " on the predictor's figures, which no check validates "
                                           "(search.trust_unvalidated lists %1)"),
                         {name}));
            continue;
        }
        out.leftOut.push_back(u.metric);
        TranslatableText w;
        w.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 is not measured by %2: the search leaves out "), what)
            .append(uses);
        if (limited)
            w.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", ", and the final model is not judged on it"));
        w.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                " (list %1 under search.trust_unvalidated to use the predictor's figures)"),
              {name});
        out.warnings.push_back(std::move(w));
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

std::vector<TranslatableText> ignoredSettingWarnings(const hardware::TargetSetting &setting,
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
    return {TranslatableText().add(
        count == 1 ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                       "the target setting sets %1, which %2 does not apply: the predictor is given "
                                       "it, the validated figures do not reflect it, and a finetune learns the "
                                       "difference")
                   : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                       "the target setting sets %1, which %2 does not apply: the predictor is given "
                                       "them, the validated figures do not reflect them, and a finetune learns the "
                                       "difference"),
        {TranslatableText::value(fields), TranslatableText::value(backendId)})};
}

} // namespace calibra::pipeline
