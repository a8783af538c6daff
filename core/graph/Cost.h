// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Per-node and per-network size and work figures of an analyzed network. Bytes are
// counted at `bytesPerElement` (4: fp32 as stored); the simulator applies the target
// precision itself.
#include "Network.h"

#include <cstdint>
#include <vector>

namespace calibra::graph {

struct Cost
{
    int64_t params = 0;      // trainable parameters (torch's parameters())
    int64_t buffers = 0;     // stored non-trainable tensors (BatchNorm statistics, constants)
    int64_t macs = 0;        // multiply-accumulates of conv, linear, matmul, attention
    int64_t inputBytes = 0;  // activations read
    int64_t outputBytes = 0; // activations written
    int64_t weightBytes = 0; // parameters and buffers

    Cost &operator+=(const Cost &o);
};

Cost nodeCost(const Node &node, int bytesPerElement = 4);

struct NetworkCost
{
    Cost total;
    std::vector<Cost> perNode;      // same order as Network::nodes
    int64_t storedWeightValues = 0; // values actually carried in WeightTensor::data
};

NetworkCost networkCost(const Network &network, int bytesPerElement = 4);

} // namespace calibra::graph
