// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectValidator.h"

#include "boardclient/BoardValidator.h"
#include "farm/FarmValidator.h"
#include "validate/MeasurementTableValidator.h"
#include "validate/SimulatorValidator.h"

#include <filesystem>

namespace calibra::pipeline {

namespace {

// The farm's hosts load the platform themselves: a builtin name, or an absolute path (they
// share the file system).
std::string farmPlatform(const Project &project)
{
    if (project.platform.rfind("builtin:", 0) == 0)
        return project.platform;
    return std::filesystem::absolute(project.platform).string();
}

} // namespace

ProjectValidator makeValidator(const Project &project, const hardware::Platform &platform,
                               std::shared_ptr<const graph::Network> reference, QThreadPool *workers)
{
    ProjectValidator v;
    switch (project.validator) {
    case ValidatorKind::Board:
        v.backend = std::make_shared<validate::BoardValidator>(project.board);
        if (project.probeEvery > 0 && project.board.services.size() == 1) {
            validate::ProbeOptions o;
            o.every = project.probeEvery;
            v.probe = std::make_shared<validate::ProbedValidator>(std::move(v.backend), std::move(reference), o);
            v.backend = v.probe;
        }
        break;
    case ValidatorKind::Farm:
        v.backend = std::make_shared<validate::FarmValidator>(project.farm, farmPlatform(project));
        break;
    case ValidatorKind::Table: {
        const validate::MeasurementTable table = validate::loadMeasurementTable(project.measurementTable);
        v.backend =
            std::make_shared<validate::MeasurementTableValidator>(table, table.device(project.measurementDevice));
        break;
    }
    case ValidatorKind::Simulator: v.backend = std::make_shared<validate::SimulatorValidator>(platform, workers); break;
    }
    return v;
}

} // namespace calibra::pipeline
