// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The FBNet search space of HELP / HW-NAS-Bench (CIFAR-100 setting), whose networks
// tests/data/fbnet-latency measured on 27 devices. The exact architecture is
// described in that folder's README.
#include "graph/Network.h"

#include <string>
#include <vector>

namespace calibra::augment {

inline constexpr int kFbnetLayers = 22;

// `ops`: 22 block names (k3_e1, k5_e6_g2, skip, ...). Throws graph::GraphError naming a
// bad block.
graph::Network buildFbnetSpaceNetwork(const std::vector<std::string> &ops, const std::string &name = "fbnet");

} // namespace calibra::augment
