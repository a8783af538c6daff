// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Constant tensors of an ONNX graph and the evaluation of the ops that compute only
// shapes or constants. Exporters build a reshape's target, a resize's size or a class
// token's expansion from Shape, Gather, Concat, Slice, arithmetic on scalars and so on;
// with the graph's input shapes fixed, the importer evaluates those subgraphs here and
// keeps only their results (docs/formats.md, "ONNX import").
#include "Shape.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace onnx {
class NodeProto;
class TensorProto;
} // namespace onnx

namespace calibra::graph {

class OnnxExternalData;

struct ConstTensor
{
    Shape shape;                // empty: a scalar
    std::vector<double> values; // numeric payload (floats, integers and booleans alike)
    bool isFloat = true;
    bool hasData = true;    // false: a weight stored without data (shape only)
    bool trainable = false; // a network parameter, or computed from one (ViT's class token)
    // A large stored tensor whose values are decoded only when needed (weights go
    // straight to float, shape computations never touch them): values is empty until then.
    const onnx::TensorProto *stored = nullptr;
    // Its little-endian payload (the proto's raw_data or a range of an external data
    // file); empty when the proto lists its values instead.
    std::string_view storedRaw;
};

// Why an op could not be evaluated; the importer adds the node's name.
struct FoldError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

// Reads an initializer or a Constant node's tensor, checking its size against its
// shape; tensors of more than `decodeUpTo` elements are left to decodeStored (the proto,
// and `external`, must then outlive the result). Throws GraphError naming `source`.
// `kind` names it in errors ("initializer", "tensor"). `external` resolves tensors
// stored as external data; without it they are refused.
ConstTensor readConstTensor(const onnx::TensorProto &t, const std::string &source, const char *kind = "tensor",
                            int64_t decodeUpTo = int64_t(1) << 62, OnnxExternalData *external = nullptr);
// Decodes a tensor readConstTensor left stored; a no-op otherwise.
void decodeStored(ConstTensor &c, const std::string &source);
// The values as floats (a weight's data), without a detour through double where the
// tensor is stored as float32; `transposeMatrix`: a 2-D tensor's transpose.
std::vector<float> floatValues(const ConstTensor &c, bool transposeMatrix = false);

// True for the op types evaluate() knows. Shape is the importer's own: it needs the
// shapes of computed tensors.
bool isFoldableOp(const std::string &opType);

// The outputs of node `n` given its inputs' values (nullptr for an omitted optional
// input). Throws FoldError on inputs the op does not accept, and when a result would
// exceed kMaxFoldedElements.
std::vector<ConstTensor> evaluateConstantNode(const onnx::NodeProto &n, const std::vector<const ConstTensor *> &inputs,
                                              int opset);

// One axis of an ONNX Slice, resolved against the input's extent as the ONNX
// specification does (negative positions count from the end, then clamped).
struct SliceRange
{
    int64_t axis = 0, start = 0, step = 1, count = 0;
};
// `axes` empty: the first starts.size() axes; `steps` empty: all 1. Throws FoldError.
std::vector<SliceRange> resolveSlice(const Shape &input, const std::vector<int64_t> &starts,
                                     const std::vector<int64_t> &ends, std::vector<int64_t> axes,
                                     std::vector<int64_t> steps);

// Shape subgraphs stay small; a larger result means a weight-sized computation that
// the file should store instead.
inline constexpr int64_t kMaxFoldedElements = int64_t(1) << 24;

} // namespace calibra::graph
