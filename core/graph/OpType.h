// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The operators of the network IR. Names match the YAML format (docs/formats.md).
#include <optional>
#include <string>
#include <string_view>

namespace calibra::graph {

enum class OpType {
    Constant,
    Conv2d,
    ConvTranspose2d,
    DepthToSpace,
    SpaceToDepth,
    Linear,
    MatMul,
    BatchNorm,
    ReLU,
    ReLU6,
    HardSwish,
    HardSigmoid,
    Sigmoid,
    SiLU,
    GELU,
    Tanh,
    Clip,
    Add,
    Mul,
    Concat,
    Split,
    ChannelShuffle,
    MaxPool,
    AveragePool,
    GlobalAveragePool,
    Reshape,
    Flatten,
    Transpose,
    Softmax,
    LayerNorm,
    Resize,
    Pad,
    ReduceMean,
    Attention,
    Slice,
    LeakyReLU,
    PReLU, // last: the ops before it keep their numbers
};

inline constexpr int kOpTypeCount = static_cast<int>(OpType::PReLU) + 1;

// Coarse kinds, used by the simulator (GEMM vs vector work) and by views (colours).
enum class OpCategory {
    Constant,
    Convolution,
    Linear,
    Normalization,
    Activation,
    Elementwise,
    Pooling,
    Tensor,
    Attention
};

std::string_view opTypeName(OpType type);
// Accepts canonical names and the aliases listed in docs/formats.md (for example
// "PixelShuffle" for DepthToSpace). Case-sensitive, like the file format.
std::optional<OpType> opTypeFromName(std::string_view name);

} // namespace calibra::graph
