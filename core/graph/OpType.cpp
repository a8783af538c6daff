// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpType.h"

#include <array>

namespace calibra::graph {

static constexpr std::array<std::string_view, kOpTypeCount> kNames = {
    "Constant",
    "Conv2d",
    "ConvTranspose2d",
    "DepthToSpace",
    "SpaceToDepth",
    "Linear",
    "MatMul",
    "BatchNorm",
    "ReLU",
    "ReLU6",
    "HardSwish",
    "HardSigmoid",
    "Sigmoid",
    "SiLU",
    "GELU",
    "Tanh",
    "Clip",
    "Add",
    "Mul",
    "Concat",
    "Split",
    "ChannelShuffle",
    "MaxPool",
    "AveragePool",
    "GlobalAveragePool",
    "Reshape",
    "Flatten",
    "Transpose",
    "Softmax",
    "LayerNorm",
    "Resize",
    "Pad",
    "ReduceMean",
    "Attention",
    "Slice",
    "LeakyReLU",
    "PReLU",
};

std::string_view opTypeName(OpType type)
{
    return kNames[static_cast<size_t>(type)];
}

std::optional<OpType> opTypeFromName(std::string_view name)
{
    for (size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name)
            return static_cast<OpType>(i);
    if (name == "PixelShuffle")
        return OpType::DepthToSpace;
    if (name == "PixelUnshuffle")
        return OpType::SpaceToDepth;
    if (name == "Gemm")
        return OpType::Linear;
    if (name == "MultiHeadAttention")
        return OpType::Attention;
    return std::nullopt;
}

} // namespace calibra::graph
