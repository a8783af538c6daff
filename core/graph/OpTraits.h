// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Structural questions several components ask of ops and networks (variants, the
// supernet, lowering), answered in one place so that they always agree.
#include "Network.h"

namespace calibra::graph {

// One input, one output of the same shape, element by element: activations, BatchNorm,
// Clip. The layers a conv's output stage can absorb and a width change can pass through.
bool isElementwiseUnary(OpType type);

// A convolution with one input channel per filter (groups == Cin == Cout).
bool isDepthwiseConv(const Node &node);

// True when some op fixes a spatial size (Reshape, Constant, Attention, Resize to fixed
// sizes, a Flatten of more than 1x1 pixels), so the input resolution cannot change.
bool fixesSpatialSize(const Network &network);

} // namespace calibra::graph
