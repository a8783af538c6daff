// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The validator a calibra-board service runs its batches on, chosen by its config:
// the local simulator with the service's own platform, host measurement (LibTorch on
// this machine) or an external command.
#include "board/BoardConfig.h"
#include "hardware/Platform.h"
#include "validate/Validator.h"

#include <memory>

namespace calibra::board {

struct Backend
{
    std::shared_ptr<validate::Validator> validator;
    hardware::Platform platform;      // target settings are checked against it
    std::vector<std::string> metrics; // what the backend can report (capabilities)
};

Backend makeBackend(const BoardConfig &config); // throws with the config's file named

} // namespace calibra::board
