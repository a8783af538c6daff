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
    case EventKind::FinalModel: return "final-model";
    case EventKind::Failed: return "failed";
    case EventKind::Cancelled: return "cancelled";
    case EventKind::Finished: return "finished";
    }
    return "?";
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
