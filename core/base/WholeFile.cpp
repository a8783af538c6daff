// SPDX-License-Identifier: GPL-3.0-or-later
#include "WholeFile.h"

#include <fstream>
#include <iterator>
#include <system_error>

namespace calibra::base {

std::optional<std::string> readWholeFile(const std::filesystem::path &path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    if (in.bad())
        return std::nullopt;
    return bytes;
}

} // namespace calibra::base
