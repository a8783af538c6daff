// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The input resolution a supernet may vary: which sizes a reference network takes, and
// a decoded network set to one of them.
#include "graph/Network.h"

#include <vector>

namespace calibra::supernet {

// The square input sizes (the reference's among them, ascending) the reference decodes
// at, from its own size scaled by `scales` and rounded to a multiple of 16; empty when
// its input size cannot vary: several inputs, not a square NCHW image, an op fixing a
// spatial size, or no other size that decodes to outputs of the reference's kind.
std::vector<int64_t> resolutionOptions(const graph::Network &reference, const std::vector<double> &scales);

// `net` (the reference, or a network decoded from it that has not been analysed since)
// at input size `side`. A pool whose window covers its whole input at the reference's
// size (AvgPool2d(7) on a 7x7 map) pools globally: it stays global at any other size,
// not a window on a corner, and not a window larger than the map.
void setInputResolution(graph::Network &net, int64_t side);

} // namespace calibra::supernet
