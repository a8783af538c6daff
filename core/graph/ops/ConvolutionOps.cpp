// SPDX-License-Identifier: GPL-3.0-or-later
// Conv2d, ConvTranspose2d, DepthToSpace, SpaceToDepth, Linear, MatMul: the ops that the
// simulator lowers to GEMMs (plus the two channel/space rearrangements that super-
// resolution nets put next to them).
#include "OpHelpers.h"

namespace calibra::graph {
using namespace ops;

namespace {

const std::vector<AttrSpec> kConvAttrs = {
    {"out_channels", AttrType::Int, std::nullopt},
    {"kernel", AttrType::Ints, std::nullopt, 2},
    {"stride", AttrType::Ints, std::vector<int64_t>{1, 1}, 2},
    {"pads", AttrType::Ints, std::vector<int64_t>{0, 0, 0, 0}, 4}, // top, left, bottom, right
    {"dilation", AttrType::Ints, std::vector<int64_t>{1, 1}, 2},
    {"groups", AttrType::Int, int64_t(1)},
    {"bias", AttrType::Bool, false},
};

struct ConvGeometry
{
    int64_t cin, cout, groups;
    std::vector<int64_t> k, s, p, d;
};

ConvGeometry convGeometry(const Node &n, const Shape &in)
{
    requireRank(in, 4, "an NCHW input");
    ConvGeometry g{in[1],
                   sizeAttr(n, "out_channels"),
                   sizeAttr(n, "groups"),
                   n.attrs.getInts("kernel"),
                   n.attrs.getInts("stride"),
                   n.attrs.getInts("pads"),
                   n.attrs.getInts("dilation")};
    requireEach(g.k, "kernel", 1);
    requireEach(g.s, "stride", 1);
    requireEach(g.p, "pads", 0);
    requireEach(g.d, "dilation", 1);
    if (g.cin % g.groups != 0)
        throw GraphError("input channels " + std::to_string(g.cin) + " are not divisible by groups "
                         + std::to_string(g.groups) + " (input " + shapeToString(in) + ")");
    if (g.cout % g.groups != 0)
        throw GraphError("out_channels " + std::to_string(g.cout) + " are not divisible by groups "
                         + std::to_string(g.groups));
    return g;
}

std::vector<ParamSpec> convParams(const Node &n, const Shape &weight, int64_t cout)
{
    std::vector<ParamSpec> p{{"weight", weight}};
    if (n.attrs.getBool("bias"))
        p.push_back({"bias", {cout}});
    return p;
}

OpSchema conv2d()
{
    OpSchema s{OpType::Conv2d, OpCategory::Convolution};
    s.attrs = kConvAttrs;
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        const ConvGeometry g = convGeometry(n, in[0]);
        return {{in[0][0], g.cout, windowOutput(in[0][2], g.k[0], g.s[0], g.p[0], g.p[2], g.d[0], false, "height"),
                 windowOutput(in[0][3], g.k[1], g.s[1], g.p[1], g.p[3], g.d[1], false, "width")}};
    };
    s.params = [](const Node &n, const std::vector<Shape> &in) {
        const ConvGeometry g = convGeometry(n, in[0]);
        return convParams(n, {g.cout, g.cin / g.groups, g.k[0], g.k[1]}, g.cout);
    };
    s.macs = [](const Node &n, const std::vector<Shape> &in, const std::vector<Shape> &out) {
        const ConvGeometry g = convGeometry(n, in[0]);
        return checkedMul(product(out[0], 0, 4), product({g.cin / g.groups, g.k[0], g.k[1]}, 0, 3), "MAC count");
    };
    return s;
}

OpSchema convTranspose2d()
{
    OpSchema s{OpType::ConvTranspose2d, OpCategory::Convolution};
    s.attrs = kConvAttrs;
    s.attrs.push_back({"output_padding", AttrType::Ints, std::vector<int64_t>{0, 0}, 2});
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        const ConvGeometry g = convGeometry(n, in[0]);
        const auto &op = n.attrs.getInts("output_padding");
        Shape out{in[0][0], g.cout, 0, 0};
        for (int a = 0; a < 2; ++a) {
            if (op[a] < 0 || op[a] >= std::max(g.s[a], g.d[a]))
                throw GraphError("output_padding must be smaller than stride or dilation");
            out[2 + a] = (in[0][2 + a] - 1) * g.s[a] - g.p[a] - g.p[a + 2] + g.d[a] * (g.k[a] - 1) + op[a] + 1;
            if (out[2 + a] < 1)
                throw GraphError("transposed convolution gives an empty output " + shapeToString(out));
        }
        return {out};
    };
    s.params = [](const Node &n, const std::vector<Shape> &in) {
        const ConvGeometry g = convGeometry(n, in[0]);
        return convParams(n, {g.cin, g.cout / g.groups, g.k[0], g.k[1]}, g.cout);
    };
    s.macs = [](const Node &n, const std::vector<Shape> &in, const std::vector<Shape> &) {
        const ConvGeometry g = convGeometry(n, in[0]);
        return checkedMul(product(in[0], 0, 4), product({g.cout / g.groups, g.k[0], g.k[1]}, 0, 3), "MAC count");
    };
    return s;
}

OpSchema depthToSpace()
{
    OpSchema s{OpType::DepthToSpace, OpCategory::Tensor};
    s.attrs = {{"block_size", AttrType::Int, std::nullopt}, {"mode", AttrType::String, std::string("CRD")}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireRank(in[0], 4, "an NCHW input");
        const int64_t b = sizeAttr(n, "block_size");
        const std::string &mode = n.attrs.getString("mode");
        if (mode != "CRD" && mode != "DCR")
            throw GraphError("attribute 'mode' must be CRD or DCR, got '" + mode + "'");
        if (in[0][1] % (b * b) != 0)
            throw GraphError("channels " + std::to_string(in[0][1])
                             + " are not divisible by block_size^2 = " + std::to_string(b * b));
        return {{in[0][0], in[0][1] / (b * b), checkedMul(in[0][2], b, "height"), checkedMul(in[0][3], b, "width")}};
    };
    return s;
}

OpSchema spaceToDepth()
{
    OpSchema s{OpType::SpaceToDepth, OpCategory::Tensor};
    s.attrs = {{"block_size", AttrType::Int, std::nullopt}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireRank(in[0], 4, "an NCHW input");
        const int64_t b = sizeAttr(n, "block_size");
        if (in[0][2] % b != 0 || in[0][3] % b != 0)
            throw GraphError("spatial size " + shapeToString(in[0]) + " is not divisible by block_size "
                             + std::to_string(b));
        return {{in[0][0], checkedMul(in[0][1], b * b, "channels"), in[0][2] / b, in[0][3] / b}};
    };
    return s;
}

OpSchema linear()
{
    OpSchema s{OpType::Linear, OpCategory::Linear};
    s.attrs = {{"out_features", AttrType::Int, std::nullopt}, {"bias", AttrType::Bool, true}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireMinRank(in[0], 1);
        Shape out = in[0];
        out.back() = sizeAttr(n, "out_features");
        return {out};
    };
    s.params = [](const Node &n, const std::vector<Shape> &in) {
        const int64_t outF = n.attrs.getInt("out_features");
        std::vector<ParamSpec> p{{"weight", {outF, in[0].back()}}};
        if (n.attrs.getBool("bias"))
            p.push_back({"bias", {outF}});
        return p;
    };
    s.macs = [](const Node &n, const std::vector<Shape> &in, const std::vector<Shape> &) {
        return checkedMul(product(in[0], 0, in[0].size()), n.attrs.getInt("out_features"), "MAC count");
    };
    return s;
}

OpSchema matMul()
{
    OpSchema s{OpType::MatMul, OpCategory::Linear, 2, 2};
    s.inferShapes = [](const Node &, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireMinRank(in[0], 2, "first input");
        requireMinRank(in[1], 2, "second input");
        const Shape &a = in[0], &b = in[1];
        if (a.back() != b[b.size() - 2])
            throw GraphError("inner dimensions differ: " + shapeToString(a) + " x " + shapeToString(b));
        Shape batch = broadcast(Shape(a.begin(), a.end() - 2), Shape(b.begin(), b.end() - 2));
        batch.push_back(a[a.size() - 2]);
        batch.push_back(b.back());
        return {batch};
    };
    s.macs = [](const Node &, const std::vector<Shape> &in, const std::vector<Shape> &out) {
        return checkedMul(product(out[0], 0, out[0].size()), in[0].back(), "MAC count");
    };
    return s;
}

} // namespace

void registerConvolutionOps(std::vector<OpSchema> &table)
{
    table.push_back(conv2d());
    table.push_back(convTranspose2d());
    table.push_back(depthToSpace());
    table.push_back(spaceToDepth());
    table.push_back(linear());
    table.push_back(matMul());
}

} // namespace calibra::graph
