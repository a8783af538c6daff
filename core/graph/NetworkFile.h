// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Loading and saving networks by file name: .yaml/.yml (Calibra YAML), .onnx, .onnx.gz,
// and "builtin:NAME" for the reference networks shipped as resources.
#include "Network.h"

#include <map>
#include <string>
#include <vector>

namespace calibra::graph {

inline constexpr const char *kBuiltinPrefix = "builtin:";

Network loadNetwork(const std::string &pathOrBuiltin);

// Sizes for an ONNX model's inputs exported with symbolic dimensions, by input name
// (kOnlyInput, "", for a model's one input).
using InputShapes = std::map<std::string, Shape>;
// As the model is loaded with `inputShapes`; sizes given for a YAML or built-in network
// (whose sizes are fixed) are refused.
Network loadNetwork(const std::string &pathOrBuiltin, const InputShapes &inputShapes);

void saveNetwork(const Network &network, const std::string &path); // .yaml/.yml or .onnx

std::vector<std::string> builtinNetworkNames();

// Whether `path` names an ONNX file by its name: .onnx or .onnx.gz, in any case.
bool isOnnxPath(const std::string &path);

// Whole-file read of a regular file (a FIFO, a device or a directory is refused before
// anything is read: reading /dev/zero or a pipe would never end), transparently inflating
// gzip; at most maxInputBytes() on disk and after inflating, so a small gzip bomb fails
// fast. Throws GraphError naming the path.
std::string readFileBytes(const std::string &path);

// The most bytes any input file may hold (or inflate to): CALIBRA_MAX_INPUT_MB
// megabytes from the environment, default 2048: protobuf's own limit, so every valid
// .onnx file (ViT-L/16 is 1.2 GB) loads; larger models keep their weights as external
// data, which this limit does not count.
size_t maxInputBytes();
// Throws GraphError naming the path unless it names a regular file (or a resource).
void requireRegularFile(const std::string &path);

} // namespace calibra::graph
