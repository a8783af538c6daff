// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace calibra::hardware {

// Reads a whole platform or setting file; "builtin:NAME" maps to `builtinDir`/NAME.yaml
// (`builtins` lists the names for the error when NAME is unknown). Throws HardwareError.
std::string readHardwareFile(const std::string &pathOrBuiltin, const char *builtinDir,
                             const std::vector<std::string> &builtins, const char *what);

} // namespace calibra::hardware
