// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Sizes for an ONNX model's symbolic inputs as a user writes them, on the command line
// (--input-shape) or in a project (reference_input_shape).
#include "NetworkFile.h"

#include <string>

namespace calibra::graph {

// "1x3x224x224" for the only input, "NAME=1x3x224x224" for a named one, several separated
// by spaces. Throws GraphError quoting `what` (the option or field; "" when the caller names
// it) and the bad entry.
InputShapes parseInputShapes(const std::string &spec, const std::string &what);
// The spec that parses back to `shapes`.
std::string inputShapesSpec(const InputShapes &shapes);

} // namespace calibra::graph
