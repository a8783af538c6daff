// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The shortest decimal text that reads back to exactly the same double: 0.9 as "0.9"
// (stream output with 17 digits writes 0.90000000000000002), a computed value with every
// digit it needs. What the project and network files write.
#include <charconv>
#include <string>

namespace calibra::base {

inline std::string shortestText(double v)
{
    char text[32];
    const auto [end, error] = std::to_chars(text, text + sizeof text, v);
    return error == std::errc() ? std::string(text, end) : std::to_string(v);
}

} // namespace calibra::base
