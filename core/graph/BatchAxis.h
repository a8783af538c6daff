// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Whether a network read from an ONNX file with a symbolic batch can be written back with
// one: the batch must stay on axis 0 of every tensor computed from the inputs, never
// concatenated, split, sliced, reduced, normalised or transposed along, nor folded into
// another axis by a reshape.
#include "Network.h"

#include <optional>
#include <set>
#include <string>

namespace calibra::graph {

// The tensors that carry the batch on axis 0 (the inputs and everything computed from
// them); nullopt where the network has no symbolic batch (batchSymbol) or an op mixes it.
std::optional<std::set<std::string>> tensorsCarryingBatch(const Network &net);

} // namespace calibra::graph
