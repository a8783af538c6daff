// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Errors in platforms, target settings and what is simulated on them; the message names
// the file and the field ("setting.yaml: hardware.dvfs_mhz: ..."). An InputError, so a
// caller that reports wrong input catches these with the YAML readers' own.
#include "base/InputError.h"

namespace calibra::hardware {

class HardwareError : public base::InputError
{
public:
    explicit HardwareError(const std::string &message) : base::InputError(message) {}
};

} // namespace calibra::hardware
