#pragma once
// Loading and saving networks by file name: .yaml/.yml (Calibra YAML), .onnx, .onnx.gz,
// and "builtin:NAME" for the reference networks shipped as resources.
#include "Network.h"

#include <string>
#include <vector>

namespace calibra::graph {

inline constexpr const char *kBuiltinPrefix = "builtin:";

Network loadNetwork(const std::string &pathOrBuiltin);
void saveNetwork(const Network &network, const std::string &path); // .yaml/.yml or .onnx

std::vector<std::string> builtinNetworkNames();

// Whole-file read; transparently inflates gzip. Throws GraphError naming the path.
std::string readFileBytes(const std::string &path);

} // namespace calibra::graph
