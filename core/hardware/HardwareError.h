// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Errors about platforms and target settings beyond a file's syntax and ranges (an unknown
// built-in, a DVFS point the platform lacks, a tile that does not fit) and in what is
// simulated on them; the message names the file and the field where there is one. An
// InputError, so a caller that reports wrong input catches these with the YAML readers'.
#include "base/InputError.h"

namespace calibra::hardware {

class HardwareError : public base::InputError
{
public:
    explicit HardwareError(const std::string &message) : base::InputError(message) {}
};

} // namespace calibra::hardware
