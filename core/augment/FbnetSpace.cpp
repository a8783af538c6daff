// SPDX-License-Identifier: GPL-3.0-or-later
#include "FbnetSpace.h"

#include "graph/GraphError.h"
#include "graph/NetworkBuilder.h"

namespace calibra::augment {

using graph::NetworkBuilder;
using graph::OpType;

graph::Network buildFbnetSpaceNetwork(const std::vector<std::string> &ops, const std::string &name)
{
    if (ops.size() != size_t(kFbnetLayers))
        throw graph::GraphError(name + ": an FBNet-space network has " + std::to_string(kFbnetLayers) + " layers, got "
                                + std::to_string(ops.size()));
    const int perStage[7] = {1, 4, 4, 4, 4, 4, 1};
    const int64_t widths[7] = {16, 24, 32, 64, 112, 184, 352};
    const int64_t strides[7] = {1, 1, 2, 2, 1, 2, 1};
    NetworkBuilder b(name);
    std::string x = b.input("input", {1, 3, 32, 32});
    auto convBn = [&](const std::string &in, const std::string &n, int64_t out, int64_t k, int64_t s, int64_t g,
                      bool relu) {
        std::string y = b.batchNorm(b.conv(in, n + ".conv", out, k, s, g), n + ".bn");
        return relu ? b.activation(OpType::ReLU, y, n + ".relu") : y;
    };
    x = convBn(x, "stem", 16, 3, 1, 1, true);
    int64_t in = 16;
    int layer = 0;
    for (int stage = 0; stage < 7; ++stage)
        for (int i = 0; i < perStage[stage]; ++i, ++layer) {
            const std::string &op = ops[size_t(layer)];
            const std::string n = "layer" + std::to_string(layer);
            const int64_t out = widths[stage], stride = i == 0 ? strides[stage] : 1;
            if (op == "skip") {
                if (in != out || stride != 1)
                    x = convBn(x, n, out, 1, stride, 1, true);
            } else {
                int k = 0, e = 0;
                char g[8] = {0};
                if (std::sscanf(op.c_str(), "k%d_e%d%7s", &k, &e, g) < 2 || (k != 3 && k != 5)
                    || (e != 1 && e != 3 && e != 6) || (g[0] && std::string(g) != "_g2"))
                    throw graph::GraphError(name + ": layer " + std::to_string(layer) + ": unknown block '" + op
                                            + "' (expected kK_eE[_g2] with K in 3,5 and E in 1,3,6, or skip)");
                const int64_t groups = g[0] ? 2 : 1, hidden = in * e;
                std::string y = convBn(x, n + ".expand", hidden, 1, 1, groups, true);
                if (groups == 2)
                    y = b.op(OpType::ChannelShuffle, n + ".shuffle", {y}, {{"groups", int64_t(2)}});
                y = convBn(y, n + ".dw", hidden, k, stride, hidden, true);
                y = convBn(y, n + ".project", out, 1, 1, groups, false);
                x = in == out && stride == 1 ? b.add(x, y, n + ".add") : y;
            }
            in = out;
        }
    x = convBn(x, "head", 1504, 1, 1, 1, true);
    x = b.op(OpType::GlobalAveragePool, "pool", {x});
    x = b.op(OpType::Flatten, "flatten", {x});
    return b.build({b.linear(x, "fc", 100)});
}

} // namespace calibra::augment
