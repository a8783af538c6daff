// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading a certificate or key file for the service and its clients alike: the error
// names the file and what it was for ("the client certificate"), not a bare I/O failure.
#include "graph/NetworkFile.h"
#include "hardware/HardwareError.h"

#include <string>

namespace calibra::board {

inline std::string readPemFile(const std::string &path, const char *what)
{
    try {
        return graph::readFileBytes(path);
    } catch (const std::exception &) {
        throw hardware::HardwareError(path + ": cannot read the " + std::string(what));
    }
}

} // namespace calibra::board
