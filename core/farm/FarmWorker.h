// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The side of the farm that runs inside a Slurm job on a board host: validate one
// batch on this node's board service and write each result into the spool.
#include <string>

namespace calibra::farm {

inline constexpr int kWorkerTransientExit = 75; // EX_TEMPFAIL: some results are missing

struct WorkerOutcome
{
    int validated = 0;    // results written by this job
    int alreadyThere = 0; // written earlier (a requeued or resubmitted job)
    int transient = 0;    // left for another job
    std::string service;  // the board service this node used
};

// `node` "" = $SLURMD_NODENAME. Throws FarmError when the batch or the node's service
// cannot be used at all; per-network failures are results.
WorkerOutcome runWorker(const std::string &batchPath, std::string node = {});

} // namespace calibra::farm
