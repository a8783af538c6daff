// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading a whole file into memory, the one way the core's stores and configuration
// readers do it.
#include <filesystem>
#include <optional>
#include <string>

namespace calibra::base {

// The file's bytes; nullopt when it cannot be opened, is a directory, or a read fails.
std::optional<std::string> readWholeFile(const std::filesystem::path &path);

} // namespace calibra::base
