// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpTraits.h"

#include <algorithm>

namespace calibra::graph {

bool isElementwiseUnary(OpType t)
{
    switch (t) {
    case OpType::BatchNorm:
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
    case OpType::Clip: return true;
    default: return false;
    }
}

bool isDepthwiseConv(const Node &n)
{
    return n.op == OpType::Conv2d && n.attrs.getInt("groups") > 1 && n.attrs.getInt("groups") == n.inputShapes[0][1]
           && n.attrs.getInt("out_channels") == n.inputShapes[0][1];
}

bool fixesSpatialSize(const Network &net)
{
    // A Flatten of a feature map wider than 1x1 feeds its pixels to what follows (a Linear
    // sized for them); after a global pool it flattens channels only.
    const auto flattensPixels = [](const Node &n) {
        if (n.op != OpType::Flatten || n.inputShapes.empty() || n.inputShapes[0].size() < 3)
            return false;
        const Shape &in = n.inputShapes[0];
        return std::any_of(in.begin() + 2, in.end(), [](int64_t d) { return d != 1; });
    };
    return std::any_of(net.nodes.begin(), net.nodes.end(), [&](const Node &n) {
        return n.op == OpType::Reshape || n.op == OpType::Constant || n.op == OpType::Attention
               || (n.op == OpType::Resize && !n.attrs.getInts("sizes").empty()) || flattensPixels(n);
    });
}

} // namespace calibra::graph
