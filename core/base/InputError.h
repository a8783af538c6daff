// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A file or value the user gave is wrong. The message names the file and, where known,
// the line and the field ("setting.yaml:3: hardware.dvfs_mhz: ..."), so it can be shown
// as it is.
#include <stdexcept>
#include <string>

namespace calibra::base {

class InputError : public std::runtime_error
{
public:
    explicit InputError(const std::string &message) : std::runtime_error(message) {}
};

} // namespace calibra::base
