// SPDX-License-Identifier: GPL-3.0-or-later
#include "Lowering.h"

#include "graph/Cost.h"
#include "graph/OpTraits.h"

#include <map>

namespace calibra::hardware {

using graph::Network;
using graph::Node;
using graph::OpType;

namespace {

int64_t elements(const graph::Shape &s)
{
    return graph::elementCount(s);
}

// Vector-unit operations per output element of the element-wise ops (activations are
// evaluated with a few multiply/compare/lookup steps, normalizations need several passes).
int64_t opsPerElement(OpType t)
{
    switch (t) {
    case OpType::ReLU:
    case OpType::ReLU6:
    case OpType::LeakyReLU:
    case OpType::PReLU:
    case OpType::Clip:
    case OpType::Add:
    case OpType::Mul: return 1;
    case OpType::HardSigmoid:
    case OpType::BatchNorm: return 2;
    case OpType::HardSwish: return 3;
    case OpType::Sigmoid:
    case OpType::Tanh: return 4;
    case OpType::SiLU:
    case OpType::Softmax: return 5;
    case OpType::LayerNorm: return 6;
    case OpType::GELU: return 8;
    default: return 1;
    }
}

// What a GEMM's output stage can absorb: element-wise unary ops and binary adds/muls.
bool isEpilogueOp(OpType t)
{
    return graph::isElementwiseUnary(t) || t == OpType::Add || t == OpType::Mul;
}

void setSpatial(LayerWork &w, const Node &n, int64_t kernelH, int64_t strideH)
{
    if (n.inputShapes[0].size() != 4 || n.outputShapes[0].size() != 4)
        return;
    const graph::Shape &in = n.inputShapes[0], &out = n.outputShapes[0];
    w.spatial = true;
    w.inH = in[2];
    w.outH = out[2];
    w.outW = out[3];
    w.kernelH = kernelH;
    w.strideH = strideH;
    w.inRowElements = in[0] * in[1] * in[3];
    w.outRowElements = out[0] * out[1] * out[3];
}

LayerWork lowerNode(const Node &n)
{
    LayerWork w;
    const graph::Cost cost = graph::nodeCost(n, 1);
    w.macs = cost.macs;
    w.weightElements = cost.params + cost.buffers;
    for (const graph::Shape &s : n.inputShapes)
        w.inputElements += elements(s);
    for (const graph::Shape &s : n.outputShapes)
        w.outputElements += elements(s);
    const int64_t out = w.outputElements;
    switch (n.op) {
    case OpType::Constant:
    case OpType::Reshape:
    case OpType::Flatten:
        w.kind = WorkKind::Free; // metadata only; a constant is read by its consumer
        w.weightElements = 0;
        w.inputElements = w.outputElements = 0;
        return w;
    case OpType::Conv2d: {
        const graph::Shape &in = n.inputShapes[0], &o = n.outputShapes[0];
        const int64_t g = n.attrs.getInt("groups"), cinG = in[1] / g, coutG = o[1] / g;
        const auto &k = n.attrs.getInts("kernel");
        if (cinG == 1) { // depthwise: one input channel per filter, no reduction to fill an array
            w.kind = WorkKind::Vector;
            w.vectorOps = w.macs;
        } else {
            w.kind = WorkKind::Gemm;
            w.gemms[0] = {o[0] * o[2] * o[3], coutG, k[0] * k[1] * cinG, g};
            w.gemmCount = 1;
        }
        setSpatial(w, n, k[0], n.attrs.getInts("stride")[0]);
        return w;
    }
    case OpType::ConvTranspose2d: {
        // Input pixels x (Cout/g * kh * kw) products, then a scatter-add (col2im).
        const graph::Shape &in = n.inputShapes[0], &o = n.outputShapes[0];
        const int64_t g = n.attrs.getInt("groups");
        const auto &k = n.attrs.getInts("kernel");
        w.kind = WorkKind::Gemm;
        w.gemms[0] = {in[0] * in[2] * in[3], o[1] / g * k[0] * k[1], in[1] / g, g};
        w.gemmCount = 1;
        w.vectorOps = w.macs / std::max<int64_t>(1, in[1] / g);
        return w;
    }
    case OpType::Linear: {
        const graph::Shape &in = n.inputShapes[0];
        w.kind = WorkKind::Gemm;
        w.gemms[0] = {elements(in) / in.back(), n.attrs.getInt("out_features"), in.back(), 1};
        w.gemmCount = 1;
        return w;
    }
    case OpType::MatMul: {
        const graph::Shape &a = n.inputShapes[0], &o = n.outputShapes[0];
        const int64_t m = a[a.size() - 2], nn = o.back(), batch = elements(o) / (m * nn);
        w.kind = WorkKind::Gemm;
        w.gemms[0] = {m, nn, a.back(), batch};
        w.gemmCount = 1;
        return w;
    }
    case OpType::Attention: {
        const graph::Shape &in = n.inputShapes[0];
        const int64_t N = in[0], L = in[1], D = in[2], H = n.attrs.getInt("num_heads"), dh = D / H;
        w.kind = WorkKind::Gemm;
        w.gemms = {Gemm{N * L, 3 * D, D, 1}, Gemm{L, L, dh, N * H}, Gemm{L, dh, L, N * H}, Gemm{N * L, D, D, 1}};
        w.gemmCount = 4;
        w.vectorOps = opsPerElement(OpType::Softmax) * N * H * L * L;
        return w;
    }
    case OpType::MaxPool:
    case OpType::AveragePool: {
        const auto &k = n.attrs.getInts("kernel");
        w.kind = WorkKind::Vector;
        w.vectorOps = out * k[0] * k[1];
        setSpatial(w, n, k[0], n.attrs.getInts("stride")[0]);
        return w;
    }
    case OpType::GlobalAveragePool:
    case OpType::ReduceMean:
        w.kind = WorkKind::Vector;
        w.vectorOps = w.inputElements;
        return w;
    case OpType::Resize: {
        const std::string &mode = n.attrs.getString("mode");
        w.kind = WorkKind::Vector;
        w.vectorOps = out * (mode == "nearest" ? 1 : mode == "linear" ? 4 : 16);
        return w;
    }
    default: break;
    }
    w.kind = WorkKind::Vector;
    w.vectorOps = out * opsPerElement(n.op); // element-wise ops and data movement (copies)
    w.epilogue = isEpilogueOp(n.op);
    if (n.op == OpType::BatchNorm)
        w.weightElements = 2 * n.inputShapes[0][1]; // statistics folded into scale and shift
    if (n.op == OpType::PReLU)
        w.weightElements = n.attrs.getBool("shared") ? 1 : n.inputShapes[0][1]; // the slopes
    return w;
}

} // namespace

LoweredNetwork lowerNetwork(const Network &net)
{
    LoweredNetwork lowered;
    lowered.name = net.name;
    const size_t count = net.nodes.size();
    lowered.layers.reserve(count);
    lowered.layerNames.reserve(count);
    std::map<std::string, int> producer;
    for (size_t i = 0; i < count; ++i) {
        lowered.layers.push_back(lowerNode(net.nodes[i]));
        lowered.layers.back().node = int(i);
        lowered.layerNames.push_back(net.nodes[i].name);
        lowered.layerOps.push_back(net.nodes[i].op);
        for (const std::string &t : net.nodes[i].outputs)
            producer[t] = int(i);
    }
    // Free layers are transparent: a reshape's consumers read its producer's output.
    auto effective = [&](const std::string &tensor) {
        auto it = producer.find(tensor);
        int p = it == producer.end() ? -1 : it->second;
        while (p >= 0 && lowered.layers[size_t(p)].kind == WorkKind::Free && !net.nodes[size_t(p)].inputs.empty()) {
            it = producer.find(net.nodes[size_t(p)].inputs[0]);
            p = it == producer.end() ? -1 : it->second;
        }
        return p >= 0 && lowered.layers[size_t(p)].kind == WorkKind::Free ? -1 : p;
    };
    auto countConsumers = [&] {
        for (LayerWork &w : lowered.layers)
            w.consumers = 0;
        for (size_t i = 0; i < count; ++i) {
            if (lowered.layers[i].kind == WorkKind::Free)
                continue;
            for (const std::string &t : net.nodes[i].inputs) {
                const int p = effective(t);
                if (p >= 0)
                    ++lowered.layers[size_t(p)].consumers;
            }
        }
    };
    // BatchNorm right after a conv or linear layer is folded into its weights at
    // compile time (every inference compiler does this): the layer gains a bias.
    countConsumers();
    for (size_t i = 0; i < count; ++i) {
        const Node &n = net.nodes[i];
        const int producerIndex = n.op == OpType::BatchNorm ? effective(n.inputs[0]) : -1;
        if (producerIndex < 0)
            continue;
        LayerWork &p = lowered.layers[size_t(producerIndex)];
        const OpType pop = net.nodes[size_t(producerIndex)].op;
        if ((pop == OpType::Conv2d || pop == OpType::ConvTranspose2d || pop == OpType::Linear) && p.consumers == 1) {
            if (!net.nodes[size_t(producerIndex)].attrs.getBool("bias"))
                p.weightElements += n.inputShapes[0][1];
            lowered.layers[i] = LayerWork{int(i), WorkKind::Free};
        }
    }
    // Producer links, now that folded layers are transparent.
    for (size_t i = 0; i < count; ++i) {
        LayerWork &w = lowered.layers[i];
        const Node &n = net.nodes[i];
        if (n.inputs.empty() || w.kind == WorkKind::Free)
            continue;
        w.mainProducer = effective(n.inputs[0]);
        // For a binary op the operand computed last is the main one; the other is a
        // residual read back from memory.
        for (size_t k = 1; k < n.inputs.size(); ++k) {
            const int p = effective(n.inputs[k]);
            if (w.epilogue && p > w.mainProducer) {
                w.extraInputElements += elements(n.inputShapes[0]);
                w.mainProducer = p;
            } else {
                w.extraInputElements += elements(n.inputShapes[k]);
            }
        }
    }
    countConsumers();
    for (const std::string &t : net.outputs) {
        const int p = effective(t);
        if (p >= 0)
            lowered.layers[size_t(p)].isNetworkOutput = true;
    }
    return lowered;
}

} // namespace calibra::hardware
