// SPDX-License-Identifier: GPL-3.0-or-later
#include "AggModels.h"

#include "NetworkFamilies.h"
#include "Variations.h"
#include "graph/GraphError.h"
#include "graph/NetworkBuilder.h"

#include <random>

namespace calibra::augment {

using graph::NetworkBuilder;
using graph::OpType;

namespace {

struct ConvSite
{
    int64_t cin, h, w, cout, k, s;
};

std::vector<ConvSite> convSites(const graph::Network &ref)
{
    std::vector<ConvSite> sites;
    for (const graph::Node &n : ref.nodes)
        if (n.op == OpType::Conv2d && n.inputShapes[0].size() == 4)
            sites.push_back({n.inputShapes[0][1], n.inputShapes[0][2], n.inputShapes[0][3],
                             n.attrs.getInt("out_channels"), n.attrs.getInts("kernel")[0],
                             n.attrs.getInts("stride")[0]});
    return sites;
}

int64_t perturb(int64_t v, std::mt19937_64 &rng, int64_t multiple, int64_t lo)
{
    const double f = std::vector<double>{0.5, 0.75, 1.0, 1.0, 1.5, 2.0}[size_t(rng() % 6)];
    return std::max(lo, int64_t(double(v) * f) / multiple * multiple);
}

graph::Network operationVariant(const ConvSite &site, std::mt19937_64 &rng, int index)
{
    NetworkBuilder b(aggNamePrefix(AggKind::Operation) + std::to_string(index));
    const int64_t cin = perturb(site.cin, rng, 8, 8), cout = perturb(site.cout, rng, 8, 8);
    const int64_t h = std::max<int64_t>(4, perturb(site.h, rng, 2, 4)),
                  w = std::max<int64_t>(4, perturb(site.w, rng, 2, 4));
    const int64_t k = std::vector<int64_t>{1, 3, 5, 7}[size_t(rng() % 4)], s = rng() % 3 == 0 ? 2 : site.s;
    std::string x = b.input("input", {1, cin, h, w});
    switch (rng() % 4) {
    case 0: // plain conv
        x = b.activation(OpType::ReLU, b.batchNorm(b.conv(x, "conv", cout, k, s), "bn"), "act");
        break;
    case 1: // depthwise-separable
        x = b.activation(OpType::ReLU6, b.batchNorm(b.conv(x, "dw", cin, std::max<int64_t>(3, k), s, cin), "bn1"),
                         "act1");
        x = b.batchNorm(b.conv(x, "pw", cout, 1), "bn2");
        break;
    case 2: // transposed conv (upsampling x2)
        x = b.op(OpType::ConvTranspose2d, "deconv", {x},
                 {{"out_channels", cout}, {"kernel", int64_t(4)}, {"stride", int64_t(2)}, {"pads", int64_t(1)}});
        break;
    default: // conv + depth-to-space (sub-pixel upsampling x2)
        x = b.conv(x, "conv", cout * 4, k, 1);
        x = b.op(OpType::DepthToSpace, "d2s", {x}, {{"block_size", int64_t(2)}});
        break;
    }
    return b.build({x});
}

} // namespace

const char *aggNamePrefix(AggKind kind)
{
    switch (kind) {
    case AggKind::Predefined: return "agg_arch_";
    case AggKind::Operation: return "agg_op_";
    case AggKind::Structural: return "agg_variant_";
    }
    return "agg_";
}

bool isAggKind(const graph::Network &model, AggKind kind)
{
    return model.name.rfind(aggNamePrefix(kind), 0) == 0;
}

std::vector<graph::Network> generateAggModels(const graph::Network &reference, const AggOptions &o)
{
    std::mt19937_64 rng(o.seed);
    std::vector<graph::Network> out;
    const Family predefined[] = {Family::SuperResolution, Family::VisionTransformer, Family::PlainCnn, Family::ResNet};
    for (int i = 0; i < o.predefined; ++i)
        out.push_back(randomNetwork(predefined[i % 4], rng, aggNamePrefix(AggKind::Predefined) + std::to_string(i)));
    const std::vector<ConvSite> sites = convSites(reference);
    for (int i = 0, attempts = 0; i < o.operationVariations && !sites.empty() && attempts < 10 * o.operationVariations;
         ++attempts) {
        try {
            out.push_back(operationVariant(sites[rng() % sites.size()], rng, i));
            ++i;
        } catch (const graph::GraphError &) {
            // A perturbation that does not fit (a kernel larger than the input): draw again.
        }
    }
    for (int i = 0; i < o.structuralVariants; ++i) {
        graph::Network v = randomVariant(reference, rng);
        v.name = aggNamePrefix(AggKind::Structural) + std::to_string(i);
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace calibra::augment
