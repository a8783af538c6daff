// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one place a project's validator choice becomes a backend: the simulator, a
// measurement table, boards over gRPC (with the probe when one board measures) or the
// Slurm farm. The pipeline records every validation on top of it.
#include "graph/Network.h"
#include "hardware/Platform.h"
#include "project/Project.h"
#include "validate/ProbedValidator.h"

#include <memory>

class QThreadPool;

namespace calibra::pipeline {

struct ProjectValidator
{
    std::shared_ptr<validate::Validator> backend;
    std::shared_ptr<validate::ProbedValidator> probe; // the board's probe, when on (also inside backend)
};

// `platform` is the project's, loaded; `reference` the probe's network; `workers` runs the
// simulator's batches (null: Qt's global thread pool). Throws what the backend's files throw
// (a measurement table that cannot be read, a certificate that is missing), naming them.
ProjectValidator makeValidator(const Project &project, const hardware::Platform &platform,
                               std::shared_ptr<const graph::Network> reference, QThreadPool *workers = nullptr);

} // namespace calibra::pipeline
