// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Cost of one execution group on the accelerator: a single layer, a GEMM with the
// element-wise layers its output stage absorbs (conservative fusion), or a depth-first
// chain of such groups whose intermediate tiles stay on chip (DeFiNES-style, halos
// recomputed). Also the tiling of a GEMM layer's DRAM traffic.
#include "Lowering.h"
#include "TargetSetting.h"

#include <string>
#include <vector>

namespace calibra::hardware {

// Everything about the platform and setting that the cost functions need, resolved once.
struct MachineView
{
    int rows = 0, cols = 0, cores = 1, lanes = 1;
    Dataflow dataflow = Dataflow::WeightStationary;
    int bytesPerElement = 1;
    double cyclesPerMac = 1; // 2 for fp16 on int8-native arrays
    double hz = 0;
    double bytesPerSecond = 0; // effective DRAM bandwidth
    double sramBudgetBytes = 0;
    double overheadCycles = 0;
    bool autoTiling = true;
    TileSize tile;

    static MachineView of(const Platform &platform, const TargetSetting &setting);
};

// A run of layers that execute together: layers[0] is the head, the rest are absorbed
// element-wise layers; `stageStarts` marks where each depth-first stage begins.
struct Group
{
    std::vector<int> layers; // indices into LoweredNetwork::layers
    std::vector<size_t> stageStarts{0};
};

enum class GroupNote { None, Tiled, Fused, DepthFirst, TileRejected };

struct GroupCost
{
    double computeCycles = 0;
    double dramReadBytes = 0, dramWriteBytes = 0;
    double macs = 0; // including halo recomputation
    double vectorOps = 0;
    double sramBytes = 0; // SRAM traffic (array streams, DRAM fills, on-chip intermediates)
    double latencySeconds = 0;
    bool computeBound = false;
    // For reports.
    GroupNote note = GroupNote::None;
    TileSize tile;
    int tileRows = 0;           // depth-first: output rows per tile
    double recomputeFactor = 1; // depth-first: MACs computed / MACs of the layers
    double tileBytesNeeded = 0; // TileRejected: SRAM the explicit tile needs
};

GroupCost costOfGroup(const LoweredNetwork &net, const Group &group, const MachineView &m);

// Depth-first: the compute cycles of each stage of a chain run in tiles of `rows` output
// rows (the chain's GroupCost::tileRows), halos included; empty for a single stage.
// The predictor's features use it; the cost itself is costOfGroup's.
std::vector<double> depthFirstStageCycles(const LoweredNetwork &net, const Group &group, const MachineView &m,
                                          int64_t rows);

} // namespace calibra::hardware
