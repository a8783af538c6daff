// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Everything a run's views show, read from its run store in one go: the project, the
// events, every search's generations (populations with their predicted figures), every
// accuracy check with its samples, each generation's validated best members, and the
// finetunes. A live run and a reopened one are
// read the same way, so the GUI draws them the same way. Read on a worker thread: the
// store opens its own connection.
#include "project/Project.h"
#include "pipeline/RunStore.h"

#include <string>
#include <vector>

namespace calibra::pipeline {

struct RunSnapshot
{
    Project project;
    RunStatus status = RunStatus::Unknown;
    std::vector<Event> events;
    std::vector<std::vector<search::Generation>> searches;  // [search][generation]
    std::vector<StoredCheck> checks;                        // in the order they ran
    std::vector<StoredGenerationSamples> generationSamples; // each generation's validated best members
    std::vector<FinetuneSummary> finetunes;
};

// The project a run recorded when it started, with the limits and objectives its
// validator could not measure left out as the search left them. Throws RunStoreError
// when there is none, and the project file's errors naming the store.
Project recordedProject(const RunStore &store);

// The store's status, except that a run it says is running whose lock no live process
// holds was killed or crashed: Interrupted.
RunStatus observedStatus(const RunStore &store);

// Throws RunStoreError when the directory holds no run.
RunSnapshot readRunSnapshot(const std::string &directory);
// The same from a store already open (status as recorded: "running" stays "running").
RunSnapshot snapshotOf(const RunStore &store);

// Accuracy-latency hypervolume of each generation's members that meet the constraints
// (the same reference for all generations of the run, so the history is comparable).
std::vector<double> hypervolumeHistory(const std::vector<search::Generation> &generations,
                                       const search::Constraints &constraints);

} // namespace calibra::pipeline
