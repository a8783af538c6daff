// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Errors in platform and target-setting files or values; the message names the file
// and the field ("setting.yaml: hardware.dvfs_mhz: ...").
#include <stdexcept>
#include <string>

namespace calibra::hardware {

class HardwareError : public std::runtime_error
{
public:
    explicit HardwareError(const std::string &message) : std::runtime_error(message) {}
};

} // namespace calibra::hardware
