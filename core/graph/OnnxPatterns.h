// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The ONNX exporter writes some layers as chains of primitive ops: torch's LayerNorm
// before opset 17 as ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div followed by the scale
// and the bias, GELU as x * 0.5 * (1 + erf(x / sqrt(2))), HardSwish before opset 14 as
// x * HardSigmoid(x), and SiLU (torch, and Calibra's own export) as x * Sigmoid(x).
// Recognising them keeps the IR's one op per layer, with its cost, its predictor
// features and its supernet role, where adding the primitives would cost each element
// up to five passes.
#include "Network.h"
#include "OnnxConstants.h"

#include <map>
#include <string>
#include <vector>

namespace onnx {
class GraphProto;
class NodeProto;
} // namespace onnx

namespace calibra::graph {

// The domain of the fused nodes that have no ONNX operator (SiLU); the importer accepts
// it for those only.
inline constexpr const char *kFusedOpDomain = "calibra.fused";

// The graph's nodes with each recognised chain replaced by one LayerNormalization, Gelu,
// HardSwish or SiLU node (placed where the chain's last node was). A chain whose
// intermediate results are used elsewhere is left alone. `initializers`: the stored
// tensors.
std::vector<onnx::NodeProto> fuseExporterPatterns(const onnx::GraphProto &graph,
                                                  const std::map<std::string, ConstTensor> &initializers);

// Torchvision's channel_shuffle, exported as Reshape [N, g, C/g, H, W], Transpose
// (0, 2, 1, 3, 4) and Reshape back to [N, C, H, W], becomes one ChannelShuffle (the op the
// supernet's ShuffleNet units and the simulator know). `shapes`: the imported tensors'.
void fuseChannelShuffles(Network &network, const std::map<std::string, Shape> &shapes);

} // namespace calibra::graph
