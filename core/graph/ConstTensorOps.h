// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Arithmetic and layout operations on constant tensors, for the ONNX importer's folding
// of shape subgraphs (OnnxConstants.cpp): broadcasting, element-wise maps, transpose,
// concatenation, gathering, slicing and reshape targets. Each throws FoldError when its
// operands do not fit.
#include "OnnxConstants.h"

#include <functional>
#include <string>
#include <vector>

namespace calibra::graph::constant {

using Values = std::vector<double>;
using Unary = std::function<double(double)>;
using Binary = std::function<double(double, double)>;

[[noreturn]] void fold(const std::string &what); // throws FoldError(what)

int64_t countOf(const Shape &s); // elements; FoldError beyond what folding evaluates
// Positions far outside any extent (exporters write INT64_MAX for "to the end") are
// clamped before the conversion, which would otherwise be undefined.
int64_t toInt(double v);
std::vector<int64_t> toInts(const ConstTensor &t);
int64_t normalizeAxis(int64_t axis, size_t rank); // a negative axis counts from the end
Shape broadcastShapes(const Shape &a, const Shape &b);
// The values of `t` laid out in the (broadcast) shape `out`.
Values expandTo(const ConstTensor &t, const Shape &out);
// A tensor computed from `from`: trainable when one of them is and it is a float.
ConstTensor result(Shape shape, Values values, bool isFloat, const std::vector<const ConstTensor *> &from);
ConstTensor intVector(const std::vector<int64_t> &v);

ConstTensor unary(const ConstTensor &x, const Unary &f, bool keepsType = true);
// `boolean`: the result is a comparison (not a float, not trainable).
ConstTensor binary(const ConstTensor &a, const ConstTensor &b, const Binary &f, bool boolean = false);
ConstTensor reshaped(const ConstTensor &x, Shape shape);
ConstTensor transpose(const ConstTensor &x, std::vector<int64_t> perm); // empty perm: reversed axes
ConstTensor concat(const std::vector<const ConstTensor *> &in, int64_t axisAttr);
ConstTensor gather(const ConstTensor &data, const ConstTensor &indices, int64_t axisAttr);
ConstTensor slice(const ConstTensor &x, const std::vector<SliceRange> &ranges);
// Reshape's target with 0 (copy the input's extent) and -1 (inferred) resolved.
Shape reshapeTarget(const Shape &in, std::vector<int64_t> target);
// A parameter gathered or expanded into more elements than it has (Swin's relative
// position bias, 169 x heads values spread over 49 x 49 x heads) is a buffer computed
// from it: counting it as a parameter would count most values several times.
ConstTensor derivedBuffer(ConstTensor t, const ConstTensor &source);

} // namespace calibra::graph::constant
