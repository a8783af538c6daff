// SPDX-License-Identifier: GPL-3.0-or-later
#include "InputResolution.h"

#include "graph/GraphError.h"
#include "graph/OpTraits.h"

#include <algorithm>
#include <cmath>

namespace calibra::supernet {

using graph::Network;
using graph::Node;
using graph::OpType;

namespace {

bool poolsWholeInput(const Node &n)
{
    if ((n.op != OpType::AveragePool && n.op != OpType::MaxPool) || n.inputShapes.empty()
        || n.inputShapes[0].size() != 4)
        return false;
    const std::vector<int64_t> pads = n.attrs.getInts("pads");
    return n.attrs.getInts("kernel") == std::vector<int64_t>{n.inputShapes[0][2], n.inputShapes[0][3]}
           && std::all_of(pads.begin(), pads.end(), [](int64_t p) { return p == 0; });
}

// Outputs of the reference's kind: as many, of the same rank, batch and channels (a
// class score vector stays one; a segmentation map may change its height and width).
bool sameKindOfOutputs(const Network &a, const Network &b)
{
    if (a.outputs.size() != b.outputs.size())
        return false;
    for (size_t i = 0; i < a.outputs.size(); ++i) {
        const graph::Shape *x = a.tensorShape(a.outputs[i]), *y = b.tensorShape(b.outputs[i]);
        if (!x || !y || x->size() != y->size()
            || !std::equal(x->begin(), x->begin() + std::min<size_t>(2, x->size()), y->begin()))
            return false;
    }
    return true;
}

} // namespace

void setInputResolution(Network &net, int64_t side)
{
    graph::Shape &in = net.inputs[0].shape;
    if (in[2] == side && in[3] == side)
        return;
    in[2] = in[3] = side;
    for (Node &n : net.nodes)
        if (n.op == OpType::AveragePool && poolsWholeInput(n)) {
            n.op = OpType::GlobalAveragePool;
            n.attrs = {};
        }
}

std::vector<int64_t> resolutionOptions(const Network &reference, const std::vector<double> &scales)
{
    if (graph::fixesSpatialSize(reference) || reference.inputs.size() != 1 || reference.inputs[0].shape.size() != 4
        || reference.inputs[0].shape[2] != reference.inputs[0].shape[3])
        return {};
    const int64_t r = reference.inputs[0].shape[2];
    std::vector<int64_t> options{r};
    for (double f : scales) {
        const int64_t side = std::max<int64_t>(16, int64_t(std::llround(double(r) * f / 16)) * 16);
        if (std::find(options.begin(), options.end(), side) != options.end())
            continue;
        Network probe = reference;
        setInputResolution(probe, side);
        try {
            graph::analyzeNetwork(probe);
        } catch (const graph::GraphError &) {
            continue; // a window or a stride that this size does not fit
        }
        // A max pool over the whole map at the reference's size and over a corner at this
        // one, or a pool feeding pixels to a Flatten: that size is no use.
        const bool cornerPool = std::any_of(probe.nodes.begin(), probe.nodes.end(), [&](const Node &n) {
            return n.op == OpType::MaxPool && !poolsWholeInput(n)
                   && std::any_of(reference.nodes.begin(), reference.nodes.end(),
                                  [&](const Node &r) { return r.name == n.name && poolsWholeInput(r); });
        });
        if (!cornerPool && !graph::fixesSpatialSize(probe) && sameKindOfOutputs(reference, probe))
            options.push_back(side);
    }
    std::sort(options.begin(), options.end());
    return options.size() > 1 ? options : std::vector<int64_t>{};
}

} // namespace calibra::supernet
