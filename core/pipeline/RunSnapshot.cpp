// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunSnapshot.h"

#include "MeasuredMetrics.h"
#include "RunLock.h"
#include "search/Search.h"

namespace calibra::pipeline {

Project recordedProject(const RunStore &store)
{
    const std::optional<std::string> text = store.meta("project");
    if (!text)
        throw RunStoreError(store.directory() + ": the run recorded no project");
    Project project = parseProject(*text, store.directory() + "/run.sqlite (project)");
    // Limits and objectives the validator could not measure were left out of the search:
    // the project as the search used it.
    if (const std::optional<std::string> leftOut = store.meta("search_left_out"))
        leaveOut(project.search, parseCostMetricList(*leftOut));
    return project;
}

RunSnapshot readRunSnapshot(const std::string &directory)
{
    const RunStore store(directory, RunStore::ReadOnly{});
    RunSnapshot r = snapshotOf(store);
    r.status = observedStatus(store);
    return r;
}

RunStatus observedStatus(const RunStore &store)
{
    const RunStatus recorded = store.status();
    return recorded == RunStatus::Running && !RunLock::isHeld(store.directory()) ? RunStatus::Interrupted : recorded;
}

RunSnapshot snapshotOf(const RunStore &store)
{
    RunSnapshot r;
    r.project = recordedProject(store);
    r.status = store.status();
    r.events = store.events();
    for (int s = 0;; ++s) {
        std::vector<search::Generation> gens = store.generations(s);
        if (gens.empty())
            break;
        r.searches.push_back(std::move(gens));
    }
    r.checks = store.checks();
    r.generationSamples = store.generationSamples();
    r.finetunes = store.finetunes();
    return r;
}

std::vector<double> hypervolumeHistory(const std::vector<search::Generation> &generations,
                                       const search::Constraints &constraints)
{
    std::vector<double> out;
    if (generations.empty())
        return out;
    // One reference for the whole history: the latency budget, or twice the first
    // generation's mean latency when there is none.
    double reference = constraints.maxLatencyMs;
    if (reference <= 0) {
        double sum = 0;
        for (const auto &e : generations.front().evaluations)
            sum += e.latencyMs;
        reference =
            generations.front().evaluations.empty() ? 1 : 2 * sum / double(generations.front().evaluations.size());
    }
    // The front so far, carried forward as a pseudo-generation: each step adds one
    // generation to it instead of re-sorting everything seen.
    search::Generation front;
    for (const search::Generation &g : generations) {
        const std::vector<search::Generation> both{front, g};
        search::Generation next;
        for (const auto &[gi, m] : search::paretoFront(both, constraints)) {
            next.population.push_back(both[size_t(gi)].population[size_t(m)]);
            next.evaluations.push_back(both[size_t(gi)].evaluations[size_t(m)]);
        }
        front = std::move(next);
        out.push_back(search::accuracyLatencyHypervolume(front.evaluations, 0, reference));
    }
    return out;
}

} // namespace calibra::pipeline
