// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchAxis.h"

#include <algorithm>

namespace calibra::graph {

namespace {

bool isBatchAxis(int64_t axis, size_t rank)
{
    return axis == 0 || axis + int64_t(rank) == 0;
}

// Whether `n`, reading at least one batched tensor, leaves the batch alone. The IR holds
// the sizes read at one batch, so a size-1 axis beside the batch is ambiguous: a reshape
// that inserts one ([1, C] -> [1, 1, C]: ONNX's Unsqueeze(0) moves the batch to axis 1) or
// a broadcast that lines the batch up against another axis is refused.
bool keepsBatchApart(const Node &n, const std::vector<bool> &inputBatched, int64_t batch)
{
    const bool allInputsBatched = std::all_of(inputBatched.begin(), inputBatched.end(), [](bool b) { return b; });
    const size_t rank = n.inputShapes.empty() ? 0 : n.inputShapes[0].size();
    const auto anyBatchAxis = [&](const std::vector<int64_t> &axes) {
        return std::any_of(axes.begin(), axes.end(), [&](int64_t a) { return isBatchAxis(a, rank); });
    };
    switch (n.op) {
    case OpType::Concat: return allInputsBatched && !isBatchAxis(n.attrs.getInt("axis"), rank);
    case OpType::Split:
    case OpType::Softmax:
    case OpType::Flatten:
    case OpType::LayerNorm: return !isBatchAxis(n.attrs.getInt("axis"), rank);
    case OpType::Slice:
    case OpType::ReduceMean: return !anyBatchAxis(n.attrs.getInts("axes"));
    case OpType::Transpose: {
        const std::vector<int64_t> perm = n.attrs.getInts("perm");
        return !perm.empty() && perm[0] == 0;
    }
    case OpType::Reshape: {
        const Shape &in = n.inputShapes[0], &out = n.outputShapes[0];
        const bool insertsUnitAxis = out.size() > 1 && out[1] == 1 && (in.size() < 2 || in[1] != 1);
        return !in.empty() && !out.empty() && in[0] == batch && out[0] == batch && !insertsUnitAxis;
    }
    case OpType::Add:
    case OpType::Mul:
    case OpType::MatMul: // a batched operand of lower rank would broadcast its batch onto another axis
        for (size_t i = 0; i < inputBatched.size(); ++i)
            if (inputBatched[i] && n.inputShapes[i].size() != n.outputShapes[0].size())
                return false;
        return true;
    case OpType::Resize: return n.attrs.getInts("sizes").empty(); // sizes name the batch's extent
    case OpType::Pad: {
        const std::vector<int64_t> pads = n.attrs.getInts("pads");
        return pads.size() == 2 * rank && pads[0] == 0 && pads[rank] == 0;
    }
    default: return true;
    }
}

} // namespace

std::optional<std::set<std::string>> tensorsCarryingBatch(const Network &net)
{
    if (net.batchSymbol.empty() || net.inputs.empty() || net.inputs[0].shape.empty())
        return std::nullopt;
    const int64_t batch = net.inputs[0].shape[0];
    std::set<std::string> batched;
    for (const TensorDecl &in : net.inputs) {
        if (in.shape.empty() || in.shape[0] != batch)
            return std::nullopt;
        batched.insert(in.name);
    }
    for (const Node &n : net.nodes) {
        std::vector<bool> inputBatched;
        for (const std::string &t : n.inputs)
            inputBatched.push_back(batched.count(t) > 0);
        if (std::none_of(inputBatched.begin(), inputBatched.end(), [](bool b) { return b; }))
            continue; // weights and constants only
        if (!keepsBatchApart(n, inputBatched, batch))
            return std::nullopt;
        for (size_t o = 0; o < n.outputs.size(); ++o) {
            if (n.outputShapes[o].empty() || n.outputShapes[o][0] != batch)
                return std::nullopt;
            batched.insert(n.outputs[o]);
        }
    }
    for (const std::string &out : net.outputs)
        if (!batched.count(out))
            return std::nullopt;
    return batched;
}

} // namespace calibra::graph
