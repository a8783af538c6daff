// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// ONNX import and export through libonnx's protobuf classes. Import accepts the opset
// 11-17 forms of the IR's ops; anything else is an error naming the op type and node.
#include "Network.h"

#include <map>
#include <string>

namespace calibra::graph {

// Model metadata entry listing the graph inputs that are weights exported without data
// (comma-separated), so that a re-import tells them from the network's real inputs.
inline constexpr const char *kWeightsWithoutDataKey = "calibra.weights_without_data";

// The name a size is given under when it is meant for a model's only input.
inline constexpr const char *kOnlyInput = "";

struct OnnxImportOptions
{
    bool keepWeights = true; // false: only shapes (saves memory for large models)
    // The folder external data files are read from (the .onnx file's); empty: the model
    // did not come from a file, and external data is refused.
    std::string externalDataFolder;
    // Sizes for inputs declared with symbolic dimensions (exported with dynamic axes),
    // by input name (kOnlyInput: the model's one input, whatever its name). A given size
    // must keep the input's rank and its fixed dimensions.
    std::map<std::string, Shape> inputShapes;
};

// Parses serialized ModelProto bytes and analyzes the result.
Network parseOnnx(const std::string &bytes, const std::string &sourceName, const OnnxImportOptions &options = {});
Network parseOnnx(const char *data, size_t size, const std::string &sourceName, const OnnxImportOptions &options = {});

// Serializes an analyzed network as an opset-17 ModelProto. Weights that carry data
// become initializers; weights without data become graph inputs with their shapes
// (listed under kWeightsWithoutDataKey), so the file stays a valid model that tools
// can inspect and Calibra can read back.
std::string networkToOnnx(const Network &network);

} // namespace calibra::graph
