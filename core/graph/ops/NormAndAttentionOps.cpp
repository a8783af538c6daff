// SPDX-License-Identifier: GPL-3.0-or-later
// BatchNorm, LayerNorm, Softmax and the multi-head self-attention block.
#include "OpHelpers.h"

namespace calibra::graph {
using namespace ops;

namespace {

OpSchema batchNorm()
{
    OpSchema s{OpType::BatchNorm, OpCategory::Normalization};
    s.attrs = {{"eps", AttrType::Float, 1e-5}};
    s.inferShapes = [](const Node &, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireMinRank(in[0], 2);
        return {in[0]};
    };
    // Like torch: weight and bias are parameters, running statistics are buffers.
    s.params = [](const Node &, const std::vector<Shape> &in) {
        const int64_t c = in[0][1];
        return std::vector<ParamSpec>{
            {"weight", {c}}, {"bias", {c}}, {"running_mean", {c}, false}, {"running_var", {c}, false}};
    };
    return s;
}

OpSchema layerNorm()
{
    OpSchema s{OpType::LayerNorm, OpCategory::Normalization};
    s.attrs = {{"axis", AttrType::Int, int64_t(-1)}, {"eps", AttrType::Float, 1e-5}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireMinRank(in[0], 1);
        normalizeAxis(n.attrs.getInt("axis"), in[0].size());
        return {in[0]};
    };
    s.params = [](const Node &n, const std::vector<Shape> &in) {
        const size_t axis = size_t(normalizeAxis(n.attrs.getInt("axis"), in[0].size()));
        const Shape normalized(in[0].begin() + long(axis), in[0].end());
        return std::vector<ParamSpec>{{"weight", normalized}, {"bias", normalized}};
    };
    return s;
}

OpSchema softmax()
{
    OpSchema s{OpType::Softmax, OpCategory::Normalization};
    s.attrs = {{"axis", AttrType::Int, int64_t(-1)}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        normalizeAxis(n.attrs.getInt("axis"), in[0].size());
        return {in[0]};
    };
    return s;
}

// torch.nn.MultiheadAttention with batch_first=True, used as self-attention:
// input [N, L, D], output [N, L, D].
OpSchema attention()
{
    OpSchema s{OpType::Attention, OpCategory::Attention};
    s.attrs = {{"num_heads", AttrType::Int, std::nullopt}, {"bias", AttrType::Bool, true}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireRank(in[0], 3, "an [N, L, D] input");
        const int64_t heads = sizeAttr(n, "num_heads");
        if (in[0][2] % heads != 0)
            throw GraphError("embedding size " + std::to_string(in[0][2]) + " is not divisible by num_heads "
                             + std::to_string(heads));
        return {in[0]};
    };
    s.params = [](const Node &n, const std::vector<Shape> &in) {
        const int64_t d = in[0][2];
        std::vector<ParamSpec> p{{"in_proj_weight", {3 * d, d}}, {"out_proj_weight", {d, d}}};
        if (n.attrs.getBool("bias")) {
            p.push_back({"in_proj_bias", {3 * d}});
            p.push_back({"out_proj_bias", {d}});
        }
        return p;
    };
    s.macs = [](const Node &, const std::vector<Shape> &in, const std::vector<Shape> &) {
        const int64_t n = in[0][0], l = in[0][1], d = in[0][2];
        // Q, K, V projections + Q K^T + softmax(..) V + output projection.
        const int64_t perSample = checkedAdd(checkedMul(4 * l, checkedMul(d, d, "MACs"), "MACs"),
                                             checkedMul(2 * l, checkedMul(l, d, "MACs"), "MACs"), "MACs");
        return checkedMul(n, perSample, "MAC count");
    };
    return s;
}

} // namespace

void registerNormAndAttentionOps(std::vector<OpSchema> &table)
{
    table.push_back(batchNorm());
    table.push_back(layerNorm());
    table.push_back(softmax());
    table.push_back(attention());
}

} // namespace calibra::graph
