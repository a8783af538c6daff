// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A network as the simulator sees it, lowered once (on first use, on whichever thread
// asks first), and its figures under any platform and target setting: what the GUI's live
// figures and its cost overlay show. Shared read-only between threads.
#include "Lowering.h"
#include "Simulator.h"

#include <memory>
#include <mutex>
#include <vector>

namespace calibra::graph {
struct Network;
}

namespace calibra::hardware {

// One node's share of the simulation: the figures of the execution group it belongs to
// (every node of a fused group shows the group's); NaN for a node in no group.
struct NodeCost
{
    double latencyUs, energyUj, dramKB;
};

class NetworkOnTarget
{
public:
    explicit NetworkOnTarget(std::shared_ptr<const graph::Network> network);
    const graph::Network &network() const { return *m_network; }

    // Throws HardwareError for a setting the platform cannot run (Simulator.h).
    SimulationResult figures(const Platform &platform, const TargetSetting &setting) const;
    std::vector<NodeCost> nodeCosts(const Platform &platform, const TargetSetting &setting) const;

private:
    const LoweredNetwork &lowered() const;

    std::shared_ptr<const graph::Network> m_network;
    mutable std::once_flag m_lowering;
    mutable std::unique_ptr<const LoweredNetwork> m_lowered;
};

} // namespace calibra::hardware
