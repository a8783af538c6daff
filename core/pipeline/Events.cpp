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
    for (CheckDecision d : {CheckDecision::Bypass, CheckDecision::Finetune, CheckDecision::WouldFinetune, CheckDecision::Retrain})
        if (name == checkDecisionName(d)) {
            *out = d;
            return true;
        }
    return false;
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
