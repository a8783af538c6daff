// SPDX-License-Identifier: GPL-3.0-or-later
#include "Events.h"

#include <algorithm>

namespace calibra::pipeline {

const char *eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Started: return "started";
    case EventKind::SupernetTraining: return "supernet-training";
    case EventKind::GenerationFinished: return "generation";
    case EventKind::AccuracyCheck: return "check";
    case EventKind::FinetuneStarted: return "finetune-started";
    case EventKind::FinetuneFinished: return "finetune-finished";
    case EventKind::SearchRerun: return "search-rerun";
    case EventKind::FinalTraining: return "final-training";
    case EventKind::FinalModel: return "final-model";
    case EventKind::Warning: return "warning";
    case EventKind::Failed: return "failed";
    case EventKind::Cancelled: return "cancelled";
    case EventKind::Finished: return "finished";
    }
    return "?";
}

const char *checkDecisionName(CheckDecision d)
{
    switch (d) {
    case CheckDecision::Bypass: return "bypass";
    case CheckDecision::Finetune: return "finetune";
    case CheckDecision::WouldFinetune: return "would finetune";
    case CheckDecision::Retrain: return "retrain";
    }
    return "?";
}

bool parseCheckDecision(const std::string &name, CheckDecision *out)
{
    for (CheckDecision d :
         {CheckDecision::Bypass, CheckDecision::Finetune, CheckDecision::WouldFinetune, CheckDecision::Retrain})
        if (name == checkDecisionName(d)) {
            *out = d;
            return true;
        }
    return false;
}

const char *validationPurposeName(ValidationPurpose p)
{
    switch (p) {
    case ValidationPurpose::Check: return "check";
    case ValidationPurpose::Finetune: return "finetune";
    case ValidationPurpose::Generation: return "generation";
    case ValidationPurpose::Final: return "final";
    }
    return "?";
}

bool parseValidationPurpose(const std::string &name, ValidationPurpose *out)
{
    for (int k = 0; k < kValidationPurposeCount; ++k)
        if (name == validationPurposeName(ValidationPurpose(k))) {
            *out = ValidationPurpose(k);
            return true;
        }
    return false;
}

int ValidationCounts::total() const
{
    int n = unrecorded;
    for (int c : byPurpose)
        n += c;
    return n;
}

std::string validationBreakdown(const ValidationCounts &counts)
{
    EventText text;
    addValidationBreakdown(text, counts);
    return text.english();
}

void addValidationBreakdown(EventText &text, const ValidationCounts &counts)
{
    static const char *const kWhat[kValidationPurposeCount + 1] = {
        QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "checks"),
        QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "finetunes"),
        QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "per generation"),
        QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "final model"),
        QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "purpose not recorded")};
    bool first = true;
    for (int k = 0; k <= kValidationPurposeCount; ++k) {
        const int n = k < kValidationPurposeCount ? counts.byPurpose[size_t(k)] : counts.unrecorded;
        if (n == 0)
            continue;
        text.add(first ? QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "%1 %2")
                       : QT_TRANSLATE_NOOP("calibra::pipeline::EventText", ", %1 %2"),
                 {EventText::word(kWhat[k]), EventText::number(n)});
        first = false;
    }
    if (first)
        text.add(QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "none"));
}

PopulationStats populationStats(const search::Generation &g, const search::Constraints &constraints)
{
    PopulationStats st;
    st.size = int(g.population.size());
    if (g.evaluations.empty())
        return st;
    st.minLatencyMs = g.evaluations.front().latencyMs;
    for (const search::Evaluation &e : g.evaluations) {
        if (constraints.violation(e) == 0)
            st.bestAccuracy = st.feasible++ == 0 ? e.accuracy : std::max(st.bestAccuracy, e.accuracy);
        st.minLatencyMs = std::min(st.minLatencyMs, e.latencyMs);
        st.meanLatencyMs += e.latencyMs;
        st.meanPowerMw += e.powerMw;
        st.meanDramBytes += e.dramBytes;
    }
    const double n = double(g.evaluations.size());
    st.meanLatencyMs /= n;
    st.meanPowerMw /= n;
    st.meanDramBytes /= n;
    return st;
}

} // namespace calibra::pipeline
