// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Who produces and who consumes each tensor of a network: the walks the supernet's
// choice finder and the block finder make. Internal to core/supernet.
#include "graph/Network.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace calibra::supernet {

struct GraphIndex
{
    std::map<std::string, std::vector<int>> consumers;
    std::map<std::string, int> producer;
    std::set<std::string> outputs;

    explicit GraphIndex(const graph::Network &net) : outputs(net.outputs.begin(), net.outputs.end())
    {
        for (size_t i = 0; i < net.nodes.size(); ++i) {
            for (const std::string &t : net.nodes[i].inputs)
                consumers[t].push_back(int(i));
            for (const std::string &t : net.nodes[i].outputs)
                producer[t] = int(i);
        }
    }
    // The one node reading `t`, or -1 (none, several, or `t` is a network output).
    int onlyConsumer(const std::string &t) const
    {
        auto it = consumers.find(t);
        return it != consumers.end() && it->second.size() == 1 && !outputs.count(t) ? it->second[0] : -1;
    }
    // The node writing `t`, or -1 for a network input.
    int producerOf(const std::string &t) const
    {
        auto it = producer.find(t);
        return it == producer.end() ? -1 : it->second;
    }
};

// A plain 1x1 conv: stride 1, no padding, all input channels.
bool isPointwiseConv(const graph::Node &n);

// The 1x1 conv that a depthwise conv `dw` forms a depthwise-separable pair with: the
// only consumer of its output through norms and activations only (those go into
// `between`), or -1.
int separablePartner(const graph::Network &net, const GraphIndex &g, int dw, std::vector<int> *between);

} // namespace calibra::supernet
