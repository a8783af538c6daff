// SPDX-License-Identifier: GPL-3.0-or-later
#include "Variations.h"

#include "graph/GraphError.h"
#include "graph/OpTraits.h"

#include <algorithm>
#include <map>

namespace calibra::augment {

using graph::Network;
using graph::Node;
using graph::OpType;

namespace {

} // namespace

Network randomVariant(const Network &reference, std::mt19937_64 &rng, const VariantOptions &o)
{
    std::uniform_real_distribution<double> u(0, 1);
    Network net = reference;
    std::map<std::string, std::vector<int>> consumers;
    for (size_t i = 0; i < net.nodes.size(); ++i)
        for (const std::string &t : net.nodes[i].inputs)
            consumers[t].push_back(int(i));
    auto onlyConsumer = [&](const std::string &tensor) -> int {
        const auto it = consumers.find(tensor);
        const bool isOutput = std::find(net.outputs.begin(), net.outputs.end(), tensor) != net.outputs.end();
        return it != consumers.end() && it->second.size() == 1 && !isOutput ? it->second[0] : -1;
    };

    for (size_t i = 0; i < net.nodes.size(); ++i) {
        Node &n = net.nodes[i];
        if (n.op != OpType::Conv2d)
            continue;
        // Kernel: only "same" padding keeps the output shape.
        const auto k = n.attrs.getInts("kernel"), pads = n.attrs.getInts("pads"), dil = n.attrs.getInts("dilation");
        if (u(rng) < o.kernelChangeProbability && k[0] == k[1] && k[0] > 1 && dil[0] == 1 && dil[1] == 1
            && pads == std::vector<int64_t>(4, k[0] / 2)) {
            const int64_t nk = std::vector<int64_t>{3, 5, 7}[size_t(rng() % 3)];
            n.attrs.set("kernel", std::vector<int64_t>{nk, nk});
            n.attrs.set("pads", std::vector<int64_t>(4, nk / 2));
        }
        if (graph::isDepthwiseConv(n) || u(rng) >= o.widthChangeProbability)
            continue;
        // Width: follow the element-wise chain to the next conv.
        int next = onlyConsumer(n.outputs[0]);
        while (next >= 0 && graph::isElementwiseUnary(net.nodes[size_t(next)].op))
            next = onlyConsumer(net.nodes[size_t(next)].outputs[0]);
        if (next < 0 || net.nodes[size_t(next)].op != OpType::Conv2d)
            continue;
        Node &target = net.nodes[size_t(next)];
        const int64_t width = n.attrs.getInt("out_channels");
        const int64_t newWidth = std::max<int64_t>(
            8, int64_t(double(width) * (o.minWidthRatio + u(rng) * (o.maxWidthRatio - o.minWidthRatio)) / 8) * 8);
        if (n.attrs.getInt("groups") != 1 || newWidth % n.attrs.getInt("groups") != 0)
            continue;
        if (graph::isDepthwiseConv(target)) { // expansion conv feeding a depthwise conv: both follow
            target.attrs.set("out_channels", newWidth);
            target.attrs.set("groups", newWidth);
        } else if (target.attrs.getInt("groups") != 1) {
            continue;
        }
        n.attrs.set("out_channels", newWidth);
        n.weights.clear();
        target.weights.clear();
    }
    // Resolution, where no op fixes a shape.
    if (!graph::fixesSpatialSize(net) && u(rng) < o.resolutionChangeProbability && net.inputs[0].shape.size() == 4) {
        const double scale = std::vector<double>{0.75, 0.875, 1.125, 1.25}[size_t(rng() % 4)];
        for (int a : {2, 3})
            net.inputs[0].shape[size_t(a)] =
                std::max<int64_t>(16, int64_t(double(net.inputs[0].shape[size_t(a)]) * scale) / 16 * 16);
    }
    for (Node &n : net.nodes)
        n.weights.clear(); // weights no longer match; performance does not need them
    try {
        graph::analyzeNetwork(net);
        return net;
    } catch (const graph::GraphError &) {
        Network copy = reference;
        for (Node &n : copy.nodes)
            n.weights.clear();
        return copy;
    }
}

std::vector<std::shared_ptr<const Network>> sampleVariants(const Network &reference, int count, uint64_t seed,
                                                           bool includeReference)
{
    std::mt19937_64 rng(seed);
    std::vector<std::shared_ptr<const Network>> out;
    if (includeReference)
        out.push_back(std::make_shared<const Network>(reference));
    for (int i = 0; i < count; ++i)
        out.push_back(std::make_shared<const Network>(randomVariant(reference, rng)));
    return out;
}

} // namespace calibra::augment
