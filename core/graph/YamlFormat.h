// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Calibra network YAML format, version 1 (docs/formats.md). Errors name the file
// and line.
#include "Network.h"

#include <string>

namespace calibra::graph {

inline constexpr int kNetworkFormatVersion = 1;

// Parses and analyzes. `sourceName` is used in messages (a path or "builtin:...").
Network parseNetworkYaml(const std::string &text, const std::string &sourceName);

// Writes an analyzed network. Attributes equal to their defaults are left out; weights
// that carry data are written as !!binary little-endian float32, so nothing is lost.
std::string networkToYaml(const Network &network);

} // namespace calibra::graph
