// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The analytical accelerator simulator: latency, energy, power and DRAM traffic of a
// network on a platform under a target setting. Deterministic; per layer and in total.
// How it models the chip: docs/simulator.md.
#include "GroupCost.h"

#include <string>
#include <vector>

namespace calibra::hardware {

struct LayerReport
{
    std::string layers;     // node names of the group, "+"-joined (for display)
    std::vector<int> nodes; // their indices in Network::nodes
    double latencySeconds = 0;
    double energyJoules = 0;
    double dramBytes = 0; // read + written
    double macs = 0;
    bool computeBound = false;
    std::string note; // tiling, fusion, depth-first tile and recompute, spills
};

struct SimulationResult
{
    double latencySeconds = 0;
    double energyJoules = 0;
    double averagePowerWatts = 0;
    double dramReadBytes = 0, dramWriteBytes = 0;
    double macs = 0; // executed, including halo recomputation
    int groups = 0;  // execution groups after fusion
    // Energy breakdown.
    double macEnergy = 0, vectorEnergy = 0, sramEnergy = 0, dramEnergy = 0, leakageEnergy = 0;
    std::vector<LayerReport> layers; // filled when asked for

    double dramBytes() const { return dramReadBytes + dramWriteBytes; }
};

struct SimulationOptions
{
    bool perLayer = false;
};

// Throws HardwareError for a setting the platform cannot run, or an explicit tile that
// does not fit a layer (the layer is named).
SimulationResult simulate(const LoweredNetwork &network, const Platform &platform, const TargetSetting &setting,
                          const SimulationOptions &options = {});

struct PlannedGroup
{
    Group group;
    GroupCost cost;
};

// The execution groups the fusion mode forms, with their costs (exposed for tests,
// reports and the predictor's features): fusedGroups, then, under depth-first fusion,
// chainDepthFirst.
std::vector<PlannedGroup> planGroups(const LoweredNetwork &network, const MachineView &machine, Fusion fusion);

// Each GEMM with the element-wise layers its output stage absorbs (every layer alone
// under Fusion::None), costed.
std::vector<PlannedGroup> fusedGroups(const LoweredNetwork &network, const MachineView &machine, Fusion fusion);

// Depth-first: chains of consecutive fused groups whose intermediates stay on chip.
std::vector<PlannedGroup> chainDepthFirst(const LoweredNetwork &network, const MachineView &machine,
                                          const std::vector<PlannedGroup> &fused);

} // namespace calibra::hardware
