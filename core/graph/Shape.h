// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Tensor shapes of the network IR. Dimensions are int64 so that size arithmetic on
// absurd inputs can be checked for overflow instead of silently wrapping.
#include <cstdint>
#include <string>
#include <vector>

namespace calibra::graph {

using Shape = std::vector<int64_t>;

// Upper bounds that reject absurd networks (a 10^9-channel conv) with a clear error
// before any arithmetic can overflow. Generous for every real edge network.
inline constexpr int64_t kMaxDimension = int64_t(1) << 24;      // 16,777,216
inline constexpr int64_t kMaxTensorElements = int64_t(1) << 32; // 4 Gi elements

std::string shapeToString(const Shape &shape);
// As a user writes a size on the command line or in a project: "1x3x224x224".
std::string shapeSpec(const Shape &shape);

// Element count; throws GraphError when the product exceeds kMaxTensorElements.
int64_t elementCount(const Shape &shape);

// Multiplies with an overflow check; throws GraphError naming `what` on overflow.
int64_t checkedMul(int64_t a, int64_t b, const char *what);
int64_t checkedAdd(int64_t a, int64_t b, const char *what);

} // namespace calibra::graph
