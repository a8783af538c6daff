// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Networks on the wire: the IR's structure as a protobuf message (about two orders of
// magnitude faster to write and read than YAML, which made the service slower than the
// simulator behind it). Weights stay behind.
#include "boardclient/board.pb.h"
#include "graph/Network.h"

namespace calibra::board {

void toWire(const graph::Network &network, v1::Network &out);
// Rebuilds and analyzes the network; throws graph::GraphError naming `source` and the node.
graph::Network fromWire(const v1::Network &message, const std::string &source);

} // namespace calibra::board
