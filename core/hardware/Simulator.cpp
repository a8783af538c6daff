// SPDX-License-Identifier: GPL-3.0-or-later
#include "Simulator.h"

#include "HardwareError.h"

#include <cmath>
#include <cstdio>

namespace calibra::hardware {

namespace {

// The layer can hand its output straight to its only consumer.
bool feedsOnly(const LayerWork &w)
{
    return w.consumers == 1 && !w.isNetworkOutput;
}

double totalBytes(const GroupCost &c)
{
    return c.dramReadBytes + c.dramWriteBytes;
}

std::string describe(const GroupCost &c, size_t layers)
{
    char buf[160];
    switch (c.note) {
    case GroupNote::Tiled:
        std::snprintf(buf, sizeof buf, "tiled m=%lld n=%lld k=%lld", static_cast<long long>(c.tile.m),
                      static_cast<long long>(c.tile.n), static_cast<long long>(c.tile.k));
        return buf;
    case GroupNote::Fused:
        std::snprintf(buf, sizeof buf, "%zu layers fused, intermediates on chip", layers);
        return buf;
    case GroupNote::DepthFirst:
        std::snprintf(buf, sizeof buf, "depth-first %zu layers, %d-row tiles, halos recomputed (+%.1f%% MACs)", layers,
                      c.tileRows, (c.recomputeFactor - 1) * 100);
        return buf;
    default: return {};
    }
}

} // namespace

std::vector<PlannedGroup> fusedGroups(const LoweredNetwork &net, const MachineView &m, Fusion fusion)
{
    std::vector<Group> groups;
    std::vector<int> groupOf(net.layers.size(), -1);
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const LayerWork &w = net.layers[i];
        if (w.kind == WorkKind::Free)
            continue;
        // Conservative: an element-wise layer joins its producer's group when the
        // producer is that group's last layer and feeds only this layer.
        if (fusion != Fusion::None && w.epilogue && w.mainProducer >= 0 && groupOf[size_t(w.mainProducer)] >= 0) {
            Group &g = groups[size_t(groupOf[size_t(w.mainProducer)])];
            if (g.layers.back() == w.mainProducer && feedsOnly(net.layers[size_t(w.mainProducer)])) {
                g.layers.push_back(int(i));
                groupOf[i] = groupOf[size_t(w.mainProducer)];
                continue;
            }
        }
        groups.push_back(Group{{int(i)}});
        groupOf[i] = int(groups.size() - 1);
    }
    std::vector<PlannedGroup> planned;
    planned.reserve(groups.size());
    for (Group &g : groups) {
        GroupCost c = costOfGroup(net, g, m);
        planned.push_back({std::move(g), c});
    }
    return planned;
}

std::vector<PlannedGroup> chainDepthFirst(const LoweredNetwork &net, const MachineView &m,
                                          const std::vector<PlannedGroup> &groups)
{
    // Chain a group onto the previous one when it consumes that group's only output,
    // both heads are spatial, the chain fits the SRAM budget, and it neither moves more
    // DRAM bytes nor takes longer than the two apart (halo recomputation can cost more
    // than the traffic it saves; a compiler would not fuse).
    std::vector<PlannedGroup> planned;
    planned.reserve(groups.size());
    for (const PlannedGroup &next : groups) {
        const Group &g = next.group;
        const GroupCost &alone = next.cost;
        if (!planned.empty()) {
            PlannedGroup &prev = planned.back();
            const LayerWork &head = net.layers[size_t(g.layers[0])];
            const LayerWork &prevTail = net.layers[size_t(prev.group.layers.back())];
            const LayerWork &prevHead = net.layers[size_t(prev.group.layers[prev.group.stageStarts.back()])];
            if (head.spatial && prevHead.spatial && net.layers[size_t(prev.group.layers[0])].spatial
                && head.mainProducer == prev.group.layers.back() && feedsOnly(prevTail)) {
                Group merged = prev.group;
                merged.stageStarts.push_back(merged.layers.size());
                merged.layers.insert(merged.layers.end(), g.layers.begin(), g.layers.end());
                const GroupCost together = costOfGroup(net, merged, m);
                if (std::isfinite(together.latencySeconds)
                    && totalBytes(together) <= totalBytes(prev.cost) + totalBytes(alone)
                    && together.latencySeconds <= prev.cost.latencySeconds + alone.latencySeconds) {
                    prev = {std::move(merged), together};
                    continue;
                }
            }
        }
        planned.push_back(next);
    }
    return planned;
}

std::vector<PlannedGroup> planGroups(const LoweredNetwork &net, const MachineView &m, Fusion fusion)
{
    std::vector<PlannedGroup> groups = fusedGroups(net, m, fusion);
    return fusion == Fusion::DepthFirst ? chainDepthFirst(net, m, groups) : groups;
}

SimulationResult simulate(const LoweredNetwork &net, const Platform &p, const TargetSetting &s,
                          const SimulationOptions &options)
{
    validateTargetSetting(s, p);
    const MachineView m = MachineView::of(p, s);
    const std::vector<PlannedGroup> groups = planGroups(net, m, s.fusion);

    // Dynamic on-chip energy scales with V^2, leakage with V (relative to nominal).
    const double v = p.findDvfs(s.dvfsMhz)->volts / p.nominalVolts;
    const double macPj = (s.precision == Precision::Int8 ? p.macInt8Pj : p.macFp16Pj) * v * v;
    const double sramPjPerByte = p.sramPjPerBit * 8 * v * v;
    const double dramPjPerByte = p.dramPjPerBit * 8;
    // Idle cores are power-gated; a fifth of the leakage is the shared uncore.
    const double leakageW = p.leakageMw * 1e-3 * v * (0.2 + 0.8 * double(s.activeCores) / double(p.cores));

    SimulationResult r;
    r.groups = int(groups.size());
    if (options.perLayer)
        r.layers.reserve(groups.size());
    for (const PlannedGroup &planned : groups) {
        const Group &g = planned.group;
        const GroupCost &c = planned.cost;
        if (c.note == GroupNote::TileRejected) {
            char buf[256];
            std::snprintf(buf, sizeof buf,
                          "compile.tiling: the explicit tile needs %.1f KiB of SRAM for layer '%s', but half the SRAM "
                          "budget (double-buffered) is %.1f KiB",
                          c.tileBytesNeeded / 1024, net.layerNames[size_t(g.layers[0])].c_str(),
                          m.sramBudgetBytes / 2048);
            throw HardwareError(buf);
        }
        const double macE = c.macs * macPj * 1e-12;
        const double vecE = c.vectorOps * macPj * 1e-12;
        const double sramE = c.sramBytes * sramPjPerByte * 1e-12;
        const double dramE = totalBytes(c) * dramPjPerByte * 1e-12;
        const double leakE = leakageW * c.latencySeconds;
        r.latencySeconds += c.latencySeconds;
        r.dramReadBytes += c.dramReadBytes;
        r.dramWriteBytes += c.dramWriteBytes;
        r.macs += c.macs;
        r.macEnergy += macE;
        r.vectorEnergy += vecE;
        r.sramEnergy += sramE;
        r.dramEnergy += dramE;
        r.leakageEnergy += leakE;
        if (options.perLayer) {
            LayerReport l;
            for (int i : g.layers) {
                l.layers += (l.layers.empty() ? "" : "+") + net.layerNames[size_t(i)];
                l.nodes.push_back(net.layers[size_t(i)].node);
            }
            l.latencySeconds = c.latencySeconds;
            l.energyJoules = macE + vecE + sramE + dramE + leakE;
            l.dramBytes = totalBytes(c);
            l.macs = c.macs;
            l.computeBound = c.computeBound;
            l.note = describe(c, g.layers.size());
            r.layers.push_back(std::move(l));
        }
    }
    r.energyJoules = r.macEnergy + r.vectorEnergy + r.sramEnergy + r.dramEnergy + r.leakageEnergy;
    r.averagePowerWatts = r.latencySeconds > 0 ? r.energyJoules / r.latencySeconds : 0;
    return r;
}

} // namespace calibra::hardware
