// SPDX-License-Identifier: GPL-3.0-or-later
// MaxPool, AveragePool, GlobalAveragePool on NCHW tensors.
#include "OpHelpers.h"

namespace calibra::graph {
using namespace ops;

namespace {

OpSchema pool(OpType type)
{
    OpSchema s{type, OpCategory::Pooling};
    s.attrs = {
        {"kernel", AttrType::Ints, std::nullopt, 2},
        {"stride", AttrType::Ints, std::vector<int64_t>{1, 1}, 2},
        {"pads", AttrType::Ints, std::vector<int64_t>{0, 0, 0, 0}, 4},
        {"ceil_mode", AttrType::Bool, false},
    };
    if (type == OpType::MaxPool)
        s.attrs.push_back({"dilation", AttrType::Ints, std::vector<int64_t>{1, 1}, 2});
    else
        s.attrs.push_back({"count_include_pad", AttrType::Bool, false});
    s.inferShapes = [type](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireRank(in[0], 4, "an NCHW input");
        const auto &k = n.attrs.getInts("kernel");
        const auto &st = n.attrs.getInts("stride");
        const auto &p = n.attrs.getInts("pads");
        const std::vector<int64_t> d =
            type == OpType::MaxPool ? n.attrs.getInts("dilation") : std::vector<int64_t>{1, 1};
        requireEach(k, "kernel", 1);
        requireEach(st, "stride", 1);
        requireEach(p, "pads", 0);
        requireEach(d, "dilation", 1);
        for (int a = 0; a < 2; ++a)
            if (p[a] > k[a] / 2 || p[a + 2] > k[a] / 2)
                throw GraphError("pads must be at most half the kernel");
        const bool ceil = n.attrs.getBool("ceil_mode");
        return {{in[0][0], in[0][1], windowOutput(in[0][2], k[0], st[0], p[0], p[2], d[0], ceil, "height"),
                 windowOutput(in[0][3], k[1], st[1], p[1], p[3], d[1], ceil, "width")}};
    };
    return s;
}

OpSchema globalAveragePool()
{
    OpSchema s{OpType::GlobalAveragePool, OpCategory::Pooling};
    s.inferShapes = [](const Node &, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireMinRank(in[0], 3, "an NC... input");
        Shape out = in[0];
        for (size_t i = 2; i < out.size(); ++i)
            out[i] = 1;
        return {out};
    };
    return s;
}

} // namespace

void registerPoolingOps(std::vector<OpSchema> &table)
{
    table.push_back(pool(OpType::MaxPool));
    table.push_back(pool(OpType::AveragePool));
    table.push_back(globalAveragePool());
}

} // namespace calibra::graph
