// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkOnTarget.h"

#include "graph/Network.h"

#include <cmath>

namespace calibra::hardware {

NetworkOnTarget::NetworkOnTarget(std::shared_ptr<const graph::Network> network) : m_network(std::move(network)) {}

const LoweredNetwork &NetworkOnTarget::lowered() const
{
    std::call_once(m_lowering,
                   [this] { m_lowered = std::make_unique<const LoweredNetwork>(lowerNetwork(*m_network)); });
    return *m_lowered;
}

SimulationResult NetworkOnTarget::figures(const Platform &platform, const TargetSetting &setting) const
{
    return simulate(lowered(), platform, setting);
}

std::vector<NodeCost> NetworkOnTarget::nodeCosts(const Platform &platform, const TargetSetting &setting) const
{
    const SimulationResult r = simulate(lowered(), platform, setting, {true});
    const double nan = std::nan("");
    std::vector<NodeCost> out(m_network->nodes.size(), {nan, nan, nan});
    for (const LayerReport &l : r.layers)
        for (int node : l.nodes)
            out[size_t(node)] = {l.latencySeconds * 1e6, l.energyJoules * 1e6, l.dramBytes / 1e3};
    return out;
}

} // namespace calibra::hardware
