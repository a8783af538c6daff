// SPDX-License-Identifier: GPL-3.0-or-later
// Activations (one input, same shape) and the binary element-wise ops with NumPy
// broadcasting. All are vector work: no MACs.
#include "OpHelpers.h"

#include <limits>

namespace calibra::graph {
using namespace ops;

namespace {

OpSchema unary(OpType type, std::vector<AttrSpec> attrs = {})
{
    OpSchema s{type, OpCategory::Activation};
    s.attrs = std::move(attrs);
    s.inferShapes = same;
    return s;
}

OpSchema binary(OpType type)
{
    OpSchema s{type, OpCategory::Elementwise, 2, 2};
    s.inferShapes = [](const Node &, const std::vector<Shape> &in) -> std::vector<Shape> {
        return {broadcast(in[0], in[1])};
    };
    return s;
}

} // namespace

void registerElementwiseOps(std::vector<OpSchema> &table)
{
    for (OpType t :
         {OpType::ReLU, OpType::ReLU6, OpType::HardSwish, OpType::Sigmoid, OpType::SiLU, OpType::GELU, OpType::Tanh})
        table.push_back(unary(t));
    // max(0, min(1, alpha x + beta)); the defaults are torch's, ONNX files state theirs.
    table.push_back(
        unary(OpType::HardSigmoid, {{"alpha", AttrType::Float, 1.0 / 6.0}, {"beta", AttrType::Float, 0.5}}));
    // x for x >= 0, alpha x below: torch's and ONNX's default slope.
    table.push_back(unary(OpType::LeakyReLU, {{"alpha", AttrType::Float, 0.01}}));
    // The same with learned slopes: one per channel (axis 1), or one for all (shared).
    OpSchema prelu = unary(OpType::PReLU, {{"shared", AttrType::Bool, false}});
    prelu.params = [](const Node &n, const std::vector<Shape> &in) {
        if (!n.attrs.getBool("shared"))
            requireMinRank(in[0], 2);
        return std::vector<ParamSpec>{{"weight", {n.attrs.getBool("shared") ? 1 : in[0][1]}}};
    };
    table.push_back(prelu);
    const double inf = std::numeric_limits<float>::max();
    table.push_back(unary(OpType::Clip, {{"min", AttrType::Float, -inf}, {"max", AttrType::Float, inf}}));
    table.push_back(binary(OpType::Add));
    table.push_back(binary(OpType::Mul));
}

} // namespace calibra::graph
