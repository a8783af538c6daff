// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The runs kept under a folder (each a run directory holding run.sqlite), for a run
// browser: what each run was, how it ended and when, newest first. Reads each store
// without waiting on a run that is still writing (RunStore uses WAL).
#include "RunStore.h"

#include <cstdint>
#include <string>
#include <vector>

namespace calibra::pipeline {

struct RunEntry
{
    std::string directory;     // absolute
    std::string project, mode; // as recorded ("" when the run recorded no project)
    RunStatus status = RunStatus::Unknown;
    std::string error;         // why unreadable or failed
    int64_t modifiedMsecs = 0; // last write to the store, ms since the epoch (UTC)
    int generations = 0;       // evolved generations over all searches (the initial population not counted)
    int validations = 0;
    int warnings = 0;
    std::string finalModel; // the final-model line, "" before one is chosen
};

// The folder's direct subdirectories that hold a run store, newest first; a damaged
// store is listed as unreadable with the reason, never skipped. A missing folder lists
// nothing.
std::vector<RunEntry> listRuns(const std::string &folder);

// A new run directory under `folder`, NAME-YYYYMMDD-HHMMSS, created here (the folder too):
// two windows or commands starting a run in the same second get one each (-2, -3, ...),
// never the same store. Throws std::runtime_error when the folder cannot be written.
std::string newRunDirectory(const std::string &folder, const std::string &projectName);

} // namespace calibra::pipeline
