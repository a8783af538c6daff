// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupCost.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace calibra::hardware {

namespace {

constexpr double kAccumulatorBytes = 4; // int32 / fp32 partial sums

inline int64_t ceilDiv(int64_t a, int64_t b)
{
    return (a + b - 1) / b;
}

struct Traffic
{
    double read = 0, write = 0;
    TileSize tile;
};

// Input rows read per output-row band, over the input height: > 1 when bands overlap.
double haloFactor(const LayerWork &w, int64_t rowsPerTile)
{
    if (!w.spatial || rowsPerTile >= w.outH)
        return 1.0;
    const int64_t tiles = ceilDiv(w.outH, rowsPerTile);
    const int64_t rowsIn = std::min(w.inH, (rowsPerTile - 1) * w.strideH + w.kernelH);
    return std::max(1.0, double(tiles * rowsIn) / double(w.inH));
}

// DRAM traffic of a GEMM layer with tile (tm, tn, tk): the better of the two loop orders
// (keep the input tile while cycling weights, or the reverse), partial sums spilled
// when the reduction is tiled.
Traffic tiledTraffic(const LayerWork &w, const Gemm &g, int64_t tm, int64_t tn, int64_t tk, double a, double b,
                     double c)
{
    const int64_t nM = ceilDiv(g.m, tm), nN = ceilDiv(g.n, tn), nK = ceilDiv(g.k, tk);
    const double halo = w.outW > 0 ? haloFactor(w, std::max<int64_t>(1, tm / w.outW)) : 1.0;
    Traffic t;
    t.tile = {tm, tn, tk};
    if (nK == 1) {
        t.read = std::min(a * halo + b * double(nM), a * halo * double(nN) + b);
        t.write = c;
    } else {
        const double spill = double(nK - 1) * double(g.m) * double(g.n) * double(g.repeat) * kAccumulatorBytes;
        t.read = a * halo * double(nN) + b * double(nM) + spill;
        t.write = c + spill;
    }
    return t;
}

double footprint(int64_t tm, int64_t tn, int64_t tk, int bpe)
{
    return double(bpe) * (double(tm) * double(tk) + double(tk) * double(tn))
           + kAccumulatorBytes * double(tm) * double(tn);
}

// Auto tiling: closed-form candidates (no allocation) that fit half the SRAM budget
// (double buffering): reduction whole or halved, output channels whole or halved down
// to the array width, and for each the largest pixel tile that fits.
Traffic autoTiling(const LayerWork &w, const Gemm &g, const MachineView &m, double a, double b, double c)
{
    const double budget = m.sramBudgetBytes / 2;
    if (footprint(g.m, g.n, g.k, m.bytesPerElement) <= budget)
        return tiledTraffic(w, g, g.m, g.n, g.k, a, b, c);
    Traffic best;
    double bestBytes = std::numeric_limits<double>::infinity();
    for (int64_t tk = g.k, kStep = 0; kStep < 6 && tk >= 1; ++kStep, tk = ceilDiv(tk, 2)) {
        for (int64_t tn = g.n;; tn = ceilDiv(tn, 2)) {
            const double fixed = double(m.bytesPerElement) * double(tk) * double(tn);
            const double perRow = double(m.bytesPerElement) * double(tk) + kAccumulatorBytes * double(tn);
            const int64_t tm = std::min<int64_t>(g.m, int64_t((budget - fixed) / perRow));
            if (tm >= 1) {
                const Traffic t = tiledTraffic(w, g, tm, tn, tk, a, b, c);
                if (t.read + t.write < bestBytes) {
                    bestBytes = t.read + t.write;
                    best = t;
                }
            }
            if (tn <= m.cols || tn == 1)
                break;
        }
        if (bestBytes < std::numeric_limits<double>::infinity() && tk < g.k)
            break; // halving the reduction further only adds partial-sum traffic
    }
    if (!std::isfinite(bestBytes)) // not even a 1 x 1 x 1 tile fits: stream everything
        best = tiledTraffic(w, g, 1, 1, 1, a, b, c);
    return best;
}

const Gemm &mainGemm(const LayerWork &w)
{
    const Gemm *best = &w.gemms[0];
    for (int i = 1; i < w.gemmCount; ++i)
        if (w.gemms[size_t(i)].m * w.gemms[size_t(i)].n * w.gemms[size_t(i)].k * w.gemms[size_t(i)].repeat
            > best->m * best->n * best->k * best->repeat)
            best = &w.gemms[size_t(i)];
    return *best;
}

double vectorCycles(double ops, const MachineView &m)
{
    return ops / double(m.lanes * m.cores) * m.cyclesPerMac;
}

// Array and vector work of one layer, optionally on tiles of `rows` output rows
// repeated `tiles` times (depth-first), which is where small tiles lose utilization.
void addCompute(const LayerWork &w, const MachineView &m, GroupCost &cost, double &arrayCycles, double &vecCycles,
                int64_t rows = 0, int64_t tiles = 1)
{
    const double scale = rows > 0 && w.outH > 0 ? double(rows * tiles) / double(w.outH) : 1.0;
    for (int i = 0; i < w.gemmCount; ++i) {
        Gemm g = w.gemms[size_t(i)];
        if (rows > 0 && w.outH > 0) {
            g.m = std::max<int64_t>(1, rows * w.outW * (g.m / (w.outH * w.outW)));
            g.repeat *= tiles;
        }
        const ArrayWork a = gemmOnArrays(g, m.rows, m.cols, m.cores, m.dataflow);
        arrayCycles += a.cycles * m.cyclesPerMac;
        cost.sramBytes += a.sramElements * m.bytesPerElement;
    }
    vecCycles += vectorCycles(double(w.vectorOps) * scale, m);
    cost.macs += double(w.macs) * scale;
    cost.vectorOps += double(w.vectorOps) * scale;
}

void finish(GroupCost &c, double arrayCycles, double vecCycles, const MachineView &m)
{
    // The array and the vector unit work concurrently on a fused group's stream.
    c.computeCycles = std::max(arrayCycles, vecCycles);
    const double computeTime = (c.computeCycles + m.overheadCycles) / m.hz;
    const double dramTime = (c.dramReadBytes + c.dramWriteBytes) / m.bytesPerSecond;
    c.latencySeconds = std::max(computeTime, dramTime);
    c.computeBound = computeTime >= dramTime;
    c.sramBytes += c.dramReadBytes + c.dramWriteBytes; // every DRAM byte passes through SRAM
}

GroupCost costOfStage(const LoweredNetwork &net, const int *layers, size_t count, const MachineView &m)
{
    GroupCost c;
    const LayerWork &head = net.layers[size_t(layers[0])];
    const LayerWork &tail = net.layers[size_t(layers[count - 1])];
    const double bpe = m.bytesPerElement;
    double arrayCycles = 0, vecCycles = 0, extraRead = 0;
    for (size_t i = 0; i < count; ++i) {
        const LayerWork &w = net.layers[size_t(layers[i])];
        addCompute(w, m, c, arrayCycles, vecCycles);
        if (i > 0) { // absorbed layers read only their residual operands and weights
            extraRead += (double(w.extraInputElements) + double(w.weightElements)) * bpe;
            c.sramBytes += 2 * double(w.inputElements) * bpe; // on-chip hand-over
        }
    }
    const double a = double(head.inputElements) * bpe, b = double(head.weightElements) * bpe;
    const double out = double(tail.outputElements) * bpe;
    if (head.kind == WorkKind::Gemm && head.gemmCount == 1) {
        Traffic t;
        const Gemm &g = mainGemm(head);
        if (m.autoTiling) {
            t = autoTiling(head, g, m, a, b, out);
        } else {
            const int64_t tm = std::min(m.tile.m, g.m), tn = std::min(m.tile.n, g.n), tk = std::min(m.tile.k, g.k);
            if (footprint(tm, tn, tk, m.bytesPerElement) > m.sramBudgetBytes / 2) {
                c.note = GroupNote::TileRejected;
                c.tileBytesNeeded = footprint(tm, tn, tk, m.bytesPerElement);
            }
            t = tiledTraffic(head, g, tm, tn, tk, a, b, out);
        }
        c.dramReadBytes = t.read;
        c.dramWriteBytes = t.write;
        c.tile = t.tile;
        if (c.note == GroupNote::None && !(t.tile == TileSize{g.m, g.n, g.k}))
            c.note = GroupNote::Tiled;
    } else {
        // Vector work and multi-GEMM blocks stream operands once; an attention block
        // spills its Q/K/V and score tensors when they do not fit on chip.
        c.dramReadBytes = a + b;
        c.dramWriteBytes = out;
        if (head.gemmCount > 1) {
            double inner = 0;
            for (int i = 0; i < head.gemmCount; ++i)
                inner += double(head.gemms[size_t(i)].m * head.gemms[size_t(i)].n * head.gemms[size_t(i)].repeat) * bpe;
            if (inner > m.sramBudgetBytes / 2) {
                c.dramReadBytes += inner;
                c.dramWriteBytes += inner;
            }
        }
    }
    c.dramReadBytes += extraRead;
    if (count > 1 && c.note != GroupNote::TileRejected)
        c.note = GroupNote::Fused;
    finish(c, arrayCycles, vecCycles, m);
    return c;
}

// Depth-first: every stage head is spatial. Tiles of `rows` output rows of the last
// stage; each earlier stage computes the rows the next one needs (with halos, which
// neighbouring tiles recompute). Weights of all stages stay resident.
GroupCost costOfDepthFirst(const LoweredNetwork &net, const Group &g, const MachineView &m, int64_t rows,
                           std::vector<double> *stageCycles = nullptr)
{
    GroupCost c;
    const size_t stages = g.stageStarts.size();
    const double bpe = m.bytesPerElement;
    std::vector<int64_t> rowsOut(stages);
    double weights = 0, buffers = 0, extraRead = 0;
    int64_t need = rows;
    for (size_t s = stages; s-- > 0;) {
        const LayerWork &head = net.layers[size_t(g.layers[g.stageStarts[s]])];
        rowsOut[s] = std::min(need, head.outH);
        const int64_t rowsIn = std::min(head.inH, (rowsOut[s] - 1) * head.strideH + head.kernelH);
        buffers += double(rowsIn * head.inRowElements) * bpe;
        need = rowsIn;
    }
    const LayerWork &first = net.layers[size_t(g.layers[0])];
    const LayerWork &lastHead = net.layers[size_t(g.layers[g.stageStarts.back()])];
    const LayerWork &tail = net.layers[size_t(g.layers.back())];
    buffers += double(rowsOut.back() * lastHead.outRowElements) * bpe;
    const int64_t tiles = ceilDiv(lastHead.outH, rowsOut.back());
    double arrayCycles = 0, vecCycles = 0, baseMacs = 0;
    for (size_t s = 0; s < stages; ++s) {
        const double arrayBefore = arrayCycles, vecBefore = vecCycles;
        const size_t end = s + 1 < stages ? g.stageStarts[s + 1] : g.layers.size();
        for (size_t i = g.stageStarts[s]; i < end; ++i) {
            const LayerWork &w = net.layers[size_t(g.layers[i])];
            addCompute(w, m, c, arrayCycles, vecCycles, rowsOut[s], tiles);
            baseMacs += double(w.macs);
            weights += double(w.weightElements) * bpe;
            if (i > g.stageStarts[s])
                extraRead += double(w.extraInputElements) * bpe;
            if (i > 0)
                c.sramBytes += 2 * double(w.inputElements) * bpe;
        }
        if (stageCycles)
            stageCycles->push_back(std::max(arrayCycles - arrayBefore, vecCycles - vecBefore));
    }
    c.tileRows = int(rowsOut.back());
    c.tileBytesNeeded = weights + buffers;
    c.recomputeFactor = baseMacs > 0 ? c.macs / baseMacs : 1.0;
    // The group input is read band by band (bands overlap by the halo).
    const int64_t rowsIn0 = std::min(first.inH, (rowsOut[0] - 1) * first.strideH + first.kernelH);
    const double inputFactor = std::max(1.0, double(tiles * rowsIn0) / double(first.inH));
    c.dramReadBytes = double(first.inputElements) * bpe * inputFactor + weights + extraRead;
    c.dramWriteBytes = double(tail.outputElements) * bpe;
    c.note = GroupNote::DepthFirst;
    finish(c, arrayCycles, vecCycles, m);
    return c;
}

} // namespace

std::vector<double> depthFirstStageCycles(const LoweredNetwork &net, const Group &group, const MachineView &m,
                                          int64_t rows)
{
    std::vector<double> cycles;
    if (group.stageStarts.size() > 1 && rows > 0)
        costOfDepthFirst(net, group, m, rows, &cycles);
    return cycles;
}

MachineView MachineView::of(const Platform &p, const TargetSetting &s)
{
    MachineView m;
    m.rows = p.arrayRows;
    m.cols = p.arrayCols;
    m.cores = s.activeCores;
    m.lanes = p.vectorLanes;
    m.dataflow = s.dataflow;
    m.bytesPerElement = s.precision == Precision::Int8 ? 1 : 2;
    m.cyclesPerMac = s.precision == Precision::Int8 ? 1.0 : 2.0;
    m.hz = s.dvfsMhz * 1e6;
    m.bytesPerSecond = effectiveDramGBps(p, s) * 1e9;
    m.sramBudgetBytes = s.sramBudgetKiB * 1024;
    m.overheadCycles = p.layerOverheadCycles;
    m.autoTiling = s.autoTiling;
    m.tile = s.tile;
    return m;
}

GroupCost costOfGroup(const LoweredNetwork &net, const Group &group, const MachineView &m)
{
    if (group.stageStarts.size() <= 1)
        return costOfStage(net, group.layers.data(), group.layers.size(), m);
    // Depth-first: the tile height with the lowest latency among those that fit.
    const int64_t outH = net.layers[size_t(group.layers[group.stageStarts.back()])].outH;
    GroupCost best;
    best.latencySeconds = std::numeric_limits<double>::infinity();
    for (int64_t rows = 1;; rows = std::min(outH, rows * 2)) {
        const GroupCost c = costOfDepthFirst(net, group, m, rows);
        if (c.tileBytesNeeded > m.sramBudgetBytes)
            break; // taller tiles need even more SRAM
        if (c.latencySeconds < best.latencySeconds)
            best = c;
        if (rows >= outH)
            break;
    }
    return best; // latency infinite: nothing fits (the planner never builds such a group)
}

} // namespace calibra::hardware
