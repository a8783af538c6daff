// SPDX-License-Identifier: GPL-3.0-or-later
#include "Features.h"

#include "hardware/Simulator.h"

#include <algorithm>
#include <cmath>

namespace calibra::predictor {

using namespace hardware;

const char *metricName(int metric)
{
    switch (metric) {
    case Latency: return "latency";
    case Energy: return "energy";
    case Dram: return "dram";
    default: return "?";
    }
}

namespace {

// log1p scaled into roughly [0, 1] for counts up to ~1e9.
inline float lg(double v)
{
    return float(std::log1p(std::max(0.0, v)) / 20.0);
}

// Signed log for quantities that can be far below 1 (seconds).
inline float slg(double v)
{
    return float(std::log(std::max(v, 1e-12)) / 20.0);
}

enum Category {
    Conv,
    Depthwise,
    ConvTranspose,
    LinearCat,
    MatMulCat,
    AttentionCat,
    Pool,
    GlobalPool,
    Activation,
    Binary,
    Norm,
    SoftmaxCat,
    DataMove
};

int categoryOf(const LoweredNetwork &net, int layer)
{
    using graph::OpType;
    const LayerWork &w = net.layers[size_t(layer)];
    switch (net.layerOps[size_t(layer)]) {
    case OpType::Conv2d: return w.kind == WorkKind::Gemm ? Conv : Depthwise;
    case OpType::ConvTranspose2d: return ConvTranspose;
    case OpType::Linear: return LinearCat;
    case OpType::MatMul: return MatMulCat;
    case OpType::Attention: return AttentionCat;
    case OpType::MaxPool:
    case OpType::AveragePool: return Pool;
    case OpType::GlobalAveragePool:
    case OpType::ReduceMean: return GlobalPool;
    case OpType::Add:
    case OpType::Mul: return Binary;
    case OpType::BatchNorm:
    case OpType::LayerNorm: return Norm;
    case OpType::Softmax: return SoftmaxCat;
    case OpType::ReLU:
    case OpType::ReLU6:
    case OpType::LeakyReLU:
    case OpType::PReLU:
    case OpType::HardSwish:
    case OpType::HardSigmoid:
    case OpType::Sigmoid:
    case OpType::SiLU:
    case OpType::GELU:
    case OpType::Tanh:
    case OpType::Clip: return Activation;
    default: return DataMove;
    }
}

// What the compiler plans for one layer on this target: the execution group it belongs
// to (a GEMM with the element-wise layers its output stage absorbs), that group's tiled
// cost, and, under depth-first fusion, how the group sits in its chain. Only the group's
// head carries the group's figures, so a row depends on its own group and seven chain
// values, not on the chain's layers themselves: candidates of a supernet keep sharing
// rows (docs/predictor.md, "Compiler-plan features").
struct LayerPlan
{
    bool head = false;
    GroupCost cost;        // the layer's own group (heads only)
    double naiveBytes = 0; // the group's operands and result read/written once
    // Depth-first: chained with the group before / after, whether the chain is
    // compute-bound (its latency is then its stages' compute, else its DRAM time), and
    // how many row tiles it runs (0: not in a chain).
    bool chainedWithPrevious = false, chainedWithNext = false, chainComputeBound = false;
    int64_t chainTiles = 0;
    double stageCycles = 0; // its stage's compute at the chain's tile height
    // The same with the chain's array and vector work overlapped: a chain computes for
    // max(sum of array cycles, sum of vector cycles), not the sum of its stages' max()
    // (which over-counted MobileNetV2's first chain by half); scaled so the stages sum to
    // the chain's compute time. And the chain's DRAM time over that compute time.
    double overlappedSeconds = 0, chainMemoryOverCompute = 0;
};

std::vector<LayerPlan> planLayers(const LoweredNetwork &net, const MachineView &m, Fusion fusion)
{
    std::vector<LayerPlan> plan(net.layers.size());
    const double bpe = m.bytesPerElement;
    const std::vector<PlannedGroup> fused = fusedGroups(net, m, fusion);
    for (const PlannedGroup &g : fused) {
        const LayerWork &head = net.layers[size_t(g.group.layers.front())];
        const LayerWork &tail = net.layers[size_t(g.group.layers.back())];
        LayerPlan &p = plan[size_t(g.group.layers.front())];
        p.head = true;
        p.cost = g.cost;
        p.naiveBytes = double(head.inputElements + head.weightElements + tail.outputElements) * bpe;
        for (size_t i = 1; i < g.group.layers.size(); ++i) {
            const LayerWork &w = net.layers[size_t(g.group.layers[i])];
            p.naiveBytes += double(w.extraInputElements + w.weightElements) * bpe;
        }
    }
    if (fusion != Fusion::DepthFirst)
        return plan;
    for (const PlannedGroup &chain : chainDepthFirst(net, m, fused)) {
        const Group &g = chain.group;
        const size_t stages = g.stageStarts.size();
        if (stages < 2)
            continue;
        const int64_t outH = net.layers[size_t(g.layers[g.stageStarts.back()])].outH;
        const int64_t rows = std::max(1, chain.cost.tileRows);
        const std::vector<double> cycles = depthFirstStageCycles(net, g, m, rows);
        double summed = 0;
        for (double c : cycles)
            summed += c;
        const double computeSeconds = (chain.cost.computeCycles + m.overheadCycles) / m.hz;
        const double dramSeconds = (chain.cost.dramReadBytes + chain.cost.dramWriteBytes) / m.bytesPerSecond;
        // Chain values make a stage's row depend on the whole chain; rounded (to 2% and
        // 5% steps in log), chains of similar shape share rows again (373,734 distinct
        // rows for 50,000 depth-first MobileNetV2 variants unrounded).
        const auto rounded = [](double v, double step) { return std::exp(std::round(std::log(v) / step) * step); };
        const double overlap = summed > 0 ? rounded(computeSeconds / (summed / m.hz), 0.02) : 0;
        const double memoryOverCompute = rounded(std::max(dramSeconds / computeSeconds, 1e-6), 0.05);
        for (size_t s = 0; s < stages; ++s) {
            LayerPlan &p = plan[size_t(g.layers[g.stageStarts[s]])];
            p.chainedWithPrevious = s > 0;
            p.chainedWithNext = s + 1 < stages;
            p.chainComputeBound = chain.cost.computeBound;
            p.chainTiles = (outH + rows - 1) / rows;
            p.stageCycles = s < cycles.size() ? cycles[s] : 0;
            p.overlappedSeconds = p.stageCycles / m.hz * overlap;
            p.chainMemoryOverCompute = memoryOverCompute;
        }
    }
    return plan;
}

} // namespace

std::vector<float> targetFeatures(const Platform &p, const TargetSetting &s)
{
    const double bpe = s.precision == Precision::Int8 ? 1 : 2;
    const double bw = effectiveDramGBps(p, s);
    const DvfsPoint *point = p.findDvfs(s.dvfsMhz);
    const double v = point ? point->volts / p.nominalVolts : 1.0;
    const auto flag = [](bool b) { return b ? 1.0f : 0.0f; };
    std::vector<float> f = {flag(s.fusion == Fusion::None),
                            flag(s.fusion == Fusion::Conservative),
                            flag(s.fusion == Fusion::DepthFirst),
                            flag(s.dataflow == Dataflow::OutputStationary),
                            flag(s.dataflow == Dataflow::WeightStationary),
                            flag(s.dataflow == Dataflow::InputStationary),
                            float(bpe - 1),
                            lg(s.dvfsMhz),
                            float(v),
                            lg(bw),
                            float(s.activeCores) / 8,
                            lg(s.sramBudgetKiB),
                            flag(s.autoTiling),
                            s.autoTiling ? 0 : lg(double(s.tile.m)),
                            s.autoTiling ? 0 : lg(double(s.tile.n)),
                            s.autoTiling ? 0 : lg(double(s.tile.k)),
                            lg(p.arrayRows),
                            lg(p.arrayCols),
                            lg(p.vectorLanes),
                            float(p.cores) / 8,
                            slg((s.precision == Precision::Int8 ? p.macInt8Pj : p.macFp16Pj) * v * v) + 1,
                            slg(p.sramPjPerBit * v * v) + 1,
                            slg(p.dramPjPerBit),
                            lg(p.leakageMw)};
    return f; // kTargetFeatureCount values (checked in tst_features)
}

NetworkFeatures networkFeatures(const LoweredNetwork &net, const Platform &p, const TargetSetting &s)
{
    NetworkFeatures out;
    const std::vector<float> target = targetFeatures(p, s);
    const double bpe = s.precision == Precision::Int8 ? 1 : 2;
    const double bw = effectiveDramGBps(p, s);
    const double hz = s.dvfsMhz * 1e6;
    const double cyclesPerMac = s.precision == Precision::Int8 ? 1 : 2;
    const double arrayRate = double(p.arrayRows) * p.arrayCols * s.activeCores * hz / cyclesPerMac;
    const double vectorRate = double(p.vectorLanes) * s.activeCores * hz / cyclesPerMac;
    const double sram = s.sramBudgetKiB * 1024;

    std::vector<int> firstConsumer(net.layers.size(), -1);
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const int p0 = net.layers[i].mainProducer;
        if (net.layers[i].kind != WorkKind::Free && p0 >= 0 && firstConsumer[size_t(p0)] < 0)
            firstConsumer[size_t(p0)] = int(i);
    }
    const std::vector<LayerPlan> plan = planLayers(net, MachineView::of(p, s), s.fusion);
    out.rows.reserve(net.layers.size() * kFeatureCount);
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const LayerWork &w = net.layers[i];
        if (w.kind == WorkKind::Free)
            continue;
        const size_t base = out.rows.size();
        out.rows.resize(base + kFeatureCount, 0.0f);
        float *r = out.rows.data() + base;
        r[categoryOf(net, int(i))] = 1;
        float *x = r + kCategoryCount;
        Gemm g;
        for (int k = 0; k < w.gemmCount; ++k)
            if (w.gemms[size_t(k)].m * w.gemms[size_t(k)].n * w.gemms[size_t(k)].k > g.m * g.n * g.k)
                g = w.gemms[size_t(k)];
        const double bytes = double(w.inputElements + w.outputElements + w.weightElements) * bpe;
        const double computeSeconds =
            double(w.macs - (w.kind == WorkKind::Vector ? w.macs : 0)) / arrayRate + double(w.vectorOps) / vectorRate;
        const double memorySeconds = bytes / (bw * 1e9);
        const double values[24] = {lg(double(w.inH)),
                                   lg(double(w.outH)),
                                   lg(double(w.outW)),
                                   lg(double(w.kernelH)),
                                   lg(double(w.strideH)),
                                   lg(double(w.inRowElements)),
                                   lg(double(w.outRowElements)),
                                   lg(double(w.macs)),
                                   lg(double(w.vectorOps)),
                                   lg(double(w.inputElements)),
                                   lg(double(w.outputElements)),
                                   lg(double(w.weightElements)),
                                   lg(double(w.extraInputElements)),
                                   lg(double(g.m)),
                                   lg(double(g.n)),
                                   lg(double(g.k)),
                                   lg(double(g.repeat)),
                                   float(w.gemmCount) / 4,
                                   float(w.epilogue),
                                   float(w.spatial),
                                   float(std::min(w.consumers, 4)) / 4,
                                   float(w.isNetworkOutput),
                                   slg(computeSeconds),
                                   slg(memorySeconds)};
        for (int k = 0; k < 24; ++k)
            x[k] = float(values[k]);
        float *ctx = x + 24;
        if (w.mainProducer >= 0) {
            ctx[categoryOf(net, w.mainProducer)] = 1;
        }
        if (firstConsumer[i] >= 0)
            ctx[kCategoryCount + categoryOf(net, firstConsumer[i])] = 1;
        float *fit = ctx + 2 * kCategoryCount;
        const bool producerFeedsOnlyThis = w.mainProducer >= 0 && net.layers[size_t(w.mainProducer)].consumers == 1
                                           && !net.layers[size_t(w.mainProducer)].isNetworkOutput;
        fit[0] = producerFeedsOnlyThis;
        fit[1] = slg(double(w.weightElements) * bpe / sram) + 1;
        fit[2] = slg(double(w.inputElements + w.outputElements) * bpe / sram) + 1;
        fit[3] = slg(std::max(computeSeconds, memorySeconds));
        // Physics-informed: the array cycles of this layer's GEMMs on this target.
        double arrayCycles = 0;
        for (int k = 0; k < w.gemmCount; ++k)
            arrayCycles += gemmOnArrays(w.gemms[size_t(k)], p.arrayRows, p.arrayCols, s.activeCores, s.dataflow).cycles;
        const double arraySeconds = arrayCycles * cyclesPerMac / hz;
        const double vectorSeconds = double(w.vectorOps) / vectorRate;
        const bool absorbed = s.fusion != Fusion::None && w.epilogue && producerFeedsOnlyThis;
        const bool chainable = s.fusion == Fusion::DepthFirst && w.spatial && producerFeedsOnlyThis
                               && net.layers[size_t(w.mainProducer)].spatial;
        float *phys = fit + 4;
        phys[0] = slg(arraySeconds);
        phys[1] = slg(vectorSeconds);
        phys[2] = slg(double(p.layerOverheadCycles) / hz);
        phys[3] = absorbed;
        phys[4] = chainable;
        phys[5] =
            slg(std::max(std::max(arraySeconds, vectorSeconds) + double(p.layerOverheadCycles) / hz, memorySeconds));
        const LayerPlan &lp = plan[i];
        float *compiled = r + kPlanFeatureOffset;
        compiled[0] = lp.head;
        if (lp.head) {
            const GroupCost &c = lp.cost;
            const double groupBytes = c.dramReadBytes + c.dramWriteBytes;
            compiled[1] = slg(c.latencySeconds);
            compiled[2] = slg(groupBytes / (bw * 1e9));
            compiled[3] = float(std::log(std::max(groupBytes, 1.0) / std::max(lp.naiveBytes, 1.0)));
            compiled[4] = slg((c.computeCycles + double(p.layerOverheadCycles)) / hz);
            // The same traffic in the model's unit: its log is the log contribution a
            // memory-access output needs (the DRAM time needs the bandwidth, which the
            // target features hold only as log1p).
            compiled[12] = slg(groupBytes / kDramUnit);
        }
        compiled[5] = lp.chainedWithPrevious;
        compiled[6] = lp.chainedWithNext;
        compiled[7] = lp.chainComputeBound;
        compiled[8] = lg(double(lp.chainTiles));
        compiled[9] = lp.stageCycles > 0 ? slg(lp.stageCycles / hz) : 0;
        compiled[10] = lp.overlappedSeconds > 0 ? slg(lp.overlappedSeconds) : 0;
        compiled[11] = lp.chainTiles > 0 ? float(std::log(std::max(lp.chainMemoryOverCompute, 1e-6)) / 4) : 0;
        std::copy(target.begin(), target.end(), r + kLayerFeatureCount);
        ++out.layers;
    }
    return out;
}

} // namespace calibra::predictor
