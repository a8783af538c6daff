// SPDX-License-Identifier: GPL-3.0-or-later
#include "Supernet.h"

#include "GraphIndex.h"
#include "InputResolution.h"

#include "graph/GraphError.h"
#include "graph/OpTraits.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace calibra::supernet {

using graph::Network;
using graph::Node;
using graph::OpType;

const char *choiceKindName(ChoiceKind kind)
{
    switch (kind) {
    case ChoiceKind::Kernel: return "kernel";
    case ChoiceKind::Width: return "width";
    case ChoiceKind::Depth: return "depth";
    case ChoiceKind::Resolution: return "resolution";
    case ChoiceKind::Operation: return "operation";
    }
    return "?";
}

const char *substitutionName(Substitution s)
{
    switch (s) {
    case Substitution::SeparableConv: return "depthwise-separable";
    case Substitution::DenseConv: return "dense conv";
    case Substitution::ConvDepthToSpace: return "conv + depth-to-space";
    case Substitution::TransposedConv: return "transposed conv";
    case Substitution::MergedConv: return "merged dense conv";
    }
    return "?";
}

bool isPointwiseConv(const Node &n)
{
    return n.op == OpType::Conv2d && n.attrs.getInts("kernel") == std::vector<int64_t>{1, 1}
           && n.attrs.getInts("stride") == std::vector<int64_t>{1, 1}
           && n.attrs.getInts("pads") == std::vector<int64_t>{0, 0, 0, 0}
           && n.attrs.getInts("dilation") == std::vector<int64_t>{1, 1} && n.attrs.getInt("groups") == 1;
}

int separablePartner(const Network &net, const GraphIndex &g, int dw, std::vector<int> *between)
{
    int at = g.onlyConsumer(net.nodes[size_t(dw)].outputs[0]);
    std::vector<int> chain;
    while (at >= 0 && graph::isElementwiseUnary(net.nodes[size_t(at)].op)) {
        chain.push_back(at);
        at = g.onlyConsumer(net.nodes[size_t(at)].outputs[0]);
    }
    if (at < 0 || !isPointwiseConv(net.nodes[size_t(at)]))
        return -1;
    if (between)
        *between = std::move(chain);
    return at;
}

namespace {

int64_t round8(double v)
{
    return std::max<int64_t>(8, int64_t(std::llround(v / 8)) * 8);
}

std::vector<int64_t> withReference(std::vector<int64_t> options, int64_t reference, int &index)
{
    if (std::find(options.begin(), options.end(), reference) == options.end())
        options.push_back(reference);
    std::sort(options.begin(), options.end());
    options.erase(std::unique(options.begin(), options.end()), options.end());
    index = int(std::find(options.begin(), options.end(), reference) - options.begin());
    return options;
}

// The nodes of a residual branch ending in `branchOut` and starting from `skip`: every
// node must feed only the branch (or the add), so removing them changes nothing else.
bool residualBranch(const Network &net, const GraphIndex &g, const std::string &skip, const std::string &branchOut,
                    int add, std::vector<int> &branch)
{
    std::set<int> seen;
    std::vector<std::string> frontier{branchOut};
    while (!frontier.empty()) {
        const std::string t = frontier.back();
        frontier.pop_back();
        if (t == skip)
            continue;
        const int p = g.producerOf(t);
        if (p < 0)
            return false; // reached a network input without meeting the skip tensor
        if (!seen.insert(p).second)
            continue;
        if (seen.size() > 64)
            return false; // not a block
        for (const std::string &in : net.nodes[size_t(p)].inputs)
            frontier.push_back(in);
    }
    for (int n : seen)
        for (const std::string &t : net.nodes[size_t(n)].outputs) {
            if (g.outputs.count(t))
                return false;
            for (int c : g.consumers.count(t) ? g.consumers.at(t) : std::vector<int>{})
                if (c != add && !seen.count(c))
                    return false;
        }
    // A block computes something: a branch of constants (ViT's position embedding added
    // to the tokens) is not a block that can be skipped.
    const bool computes = std::any_of(seen.begin(), seen.end(), [&net](int n) {
        const OpType op = net.nodes[size_t(n)].op;
        return op == OpType::Conv2d || op == OpType::ConvTranspose2d || op == OpType::Linear || op == OpType::MatMul
               || op == OpType::Attention;
    });
    branch.assign(seen.begin(), seen.end());
    return computes;
}

// Ops that keep every channel apart: narrowing their input narrows their output alike.
bool keepsChannels(OpType op)
{
    return graph::isElementwiseUnary(op) || op == OpType::GlobalAveragePool || op == OpType::MaxPool
           || op == OpType::AveragePool;
}

// What a width choice on one conv (the seed) changes: every tensor that carries the seed's
// channels must narrow with it, or a decoded sub-network does not fit together. The walk
// follows those tensors both ways: through ops that keep channels apart, through depthwise
// convs (which narrow too), and through an element-wise Add or Mul, whose other operand
// must narrow as well unless it broadcasts over the channels; that operand leads back to
// the conv that makes it (squeeze-and-excitation's last conv: GlobalAveragePool -> 1x1
// conv -> activation -> 1x1 conv -> sigmoid -> Mul). Dense convs reading the channels end
// the walk: their input channels follow their input. Anything else (a network input or
// output, a concat, a reshape, a grouped conv, a constant) cannot narrow with it.
class ChannelWalk
{
public:
    ChannelWalk(const Network &net, const GraphIndex &g, int seed)
        : m_net(net), m_g(g), m_seed(seed), m_channels(net.nodes[size_t(seed)].outputShapes.at(0)[1])
    {
        couple(net.nodes[size_t(seed)].outputs[0]);
        while (m_ok && !m_pending.empty()) {
            const std::string t = m_pending.back();
            m_pending.pop_back();
            visitProducer(t);
            if (const auto it = m_g.consumers.find(t); it != m_g.consumers.end())
                for (int c : it->second)
                    visitConsumer(c);
        }
    }
    bool consistent() const { return m_ok; }
    const std::set<int> &followers() const { return m_followers; }
    const std::set<int> &readers() const { return m_readers; }

private:
    void couple(const std::string &t)
    {
        if (m_coupled.insert(t).second)
            m_pending.push_back(t);
    }
    const Node &node(int i) const { return m_net.nodes[size_t(i)]; }

    void visitProducer(const std::string &t)
    {
        const int p = m_g.producerOf(t);
        if (m_g.outputs.count(t) || p < 0) { // the network's interface keeps its channels
            m_ok = false;
            return;
        }
        const Node &n = node(p);
        if (p == m_seed)
            return;
        if (n.op == OpType::Conv2d && graph::isDepthwiseConv(n)) {
            m_followers.insert(p);
            couple(n.inputs[0]);
        } else if (n.op == OpType::Conv2d && n.attrs.getInt("groups") == 1) {
            m_followers.insert(p); // its output meets the seed's channels: it takes the width
        } else if (keepsChannels(n.op) && n.inputs.size() == 1) {
            couple(n.inputs[0]);
        } else if (n.op == OpType::Add || n.op == OpType::Mul) {
            coupleOperands(n);
        } else {
            m_ok = false;
        }
    }

    void visitConsumer(int c)
    {
        if (c == m_seed) // the seed reads its own channels (a residual around it): it is set already
            return;
        const Node &n = node(c);
        if (n.op == OpType::Conv2d && n.inputs.size() == 1 && graph::isDepthwiseConv(n)) {
            m_followers.insert(c);
            couple(n.outputs[0]);
        } else if (n.op == OpType::Conv2d && n.inputs.size() == 1 && n.attrs.getInt("groups") == 1) {
            m_readers.insert(c);
        } else if (keepsChannels(n.op) && n.inputs.size() == 1) {
            couple(n.outputs[0]);
        } else if (n.op == OpType::Add || n.op == OpType::Mul) {
            coupleOperands(n);
        } else {
            m_ok = false;
        }
    }

    // An element-wise Add or Mul on the seed's channels: its output carries them, and so
    // does every operand that does not broadcast over the channel axis (numpy-style
    // broadcasting aligns the trailing axes).
    void coupleOperands(const Node &n)
    {
        const graph::Shape &out = n.outputShapes.at(0);
        if (out.size() < 2 || out[1] != m_channels) {
            m_ok = false;
            return;
        }
        couple(n.outputs[0]);
        for (size_t k = 0; k < n.inputs.size(); ++k) {
            const graph::Shape &in = n.inputShapes.at(k);
            const long axis = 1 - (long(out.size()) - long(in.size()));
            if (axis < 0 || in[size_t(axis)] == 1)
                continue; // broadcast over the channels
            if (axis != 1) {
                m_ok = false;
                return;
            }
            couple(n.inputs[k]);
        }
    }

    const Network &m_net;
    const GraphIndex &m_g;
    const int m_seed;
    const int64_t m_channels;
    std::set<std::string> m_coupled;
    std::vector<std::string> m_pending;
    std::set<int> m_followers, m_readers;
    bool m_ok = true;
};

// Fills a width choice's nodes (the seed conv `c.nodes[0]`, its followers, then the convs
// reading the width) and followers. False when the width cannot be followed consistently,
// or when a conv it would set already follows another width choice (two choices setting
// one conv's channels would disagree); else the convs it sets join `claimed`.
bool followWidth(const Network &net, const GraphIndex &g, ChoicePoint &c, std::set<int> &claimed)
{
    const ChannelWalk walk(net, g, c.nodes.at(0));
    if (!walk.consistent() || claimed.count(c.nodes[0]))
        return false;
    for (int f : walk.followers())
        if (claimed.count(f))
            return false;
    c.followers.assign(walk.followers().begin(), walk.followers().end());
    c.nodes.insert(c.nodes.end(), c.followers.begin(), c.followers.end());
    for (int r : walk.readers())
        if (!walk.followers().count(r)) // a conv both reading and following is listed once
            c.nodes.push_back(r);
    claimed.insert(c.nodes[0]);
    claimed.insert(c.followers.begin(), c.followers.end());
    return true;
}

// Sets a width choice's channels `v` on the decoded copy `net`: the seed conv's and its
// followers' output channels (a depthwise conv's groups too).
void applyWidth(const Network &reference, const ChoicePoint &c, int64_t v, Network &net)
{
    net.nodes[size_t(c.nodes[0])].attrs.set("out_channels", v);
    for (int f : c.followers) {
        net.nodes[size_t(f)].attrs.set("out_channels", v);
        if (graph::isDepthwiseConv(reference.nodes[size_t(f)]))
            net.nodes[size_t(f)].attrs.set("groups", v);
    }
}

graph::Attributes convAttributes(int64_t outChannels, int64_t kernel, const std::vector<int64_t> &stride,
                                 const std::vector<int64_t> &pads, int64_t groups, bool bias)
{
    graph::Attributes a;
    a.set("out_channels", outChannels);
    a.set("kernel", std::vector<int64_t>{kernel, kernel});
    a.set("stride", stride);
    a.set("pads", pads);
    a.set("dilation", std::vector<int64_t>{1, 1});
    a.set("groups", groups);
    a.set("bias", bias);
    return a;
}

// Applies one substitution to the decoded network (analyzed: shapes reflect the other
// choices). `at` is the op's index.
void substitute(Network &net, size_t at, Substitution kind)
{
    Node &n = net.nodes[at];
    const bool bias = n.attrs.getBool("bias");
    switch (kind) {
    case Substitution::SeparableConv: {
        // k x k conv -> k x k depthwise conv on the input channels, then a 1 x 1 conv.
        const int64_t cin = n.inputShapes.at(0)[1];
        Node dw;
        dw.name = n.name + "_dw";
        dw.op = OpType::Conv2d;
        dw.inputs = n.inputs;
        dw.outputs = {n.name + "_dw_out"};
        dw.attrs = convAttributes(cin, n.attrs.getInts("kernel")[0], n.attrs.getInts("stride"), n.attrs.getInts("pads"),
                                  cin, false);
        dw.sourceLine = n.sourceLine;
        n.inputs = {dw.outputs[0]};
        n.attrs = convAttributes(n.attrs.getInt("out_channels"), 1, {1, 1}, {0, 0, 0, 0}, 1, bias);
        net.nodes.insert(net.nodes.begin() + long(at), std::move(dw));
        break;
    }
    case Substitution::DenseConv: n.attrs.set("groups", int64_t(1)); break;
    case Substitution::MergedConv: {
        // depthwise k x k [-> norm/activation ...] -> 1 x 1 conv: one dense k x k conv from
        // the depthwise conv's input to the 1x1 conv's output (which it takes over); the
        // norms and activations between, on the depthwise conv's channels, go with it.
        std::vector<int> absorbed;
        const int pointwise = separablePartner(net, GraphIndex(net), int(at), &absorbed);
        if (pointwise < 0)
            return;
        const Node &pw = net.nodes[size_t(pointwise)];
        n.attrs.set("groups", int64_t(1));
        n.attrs.set("out_channels", pw.attrs.getInt("out_channels"));
        n.attrs.set("bias", pw.attrs.getBool("bias"));
        n.outputs = pw.outputs;
        absorbed.push_back(pointwise);
        std::sort(absorbed.rbegin(), absorbed.rend()); // erase from the back: indices stay valid
        for (int k : absorbed)
            net.nodes.erase(net.nodes.begin() + k);
        break;
    }
    case Substitution::ConvDepthToSpace: {
        const int64_t s = n.attrs.getInts("stride")[0];
        Node d2s;
        d2s.name = n.name + "_d2s";
        d2s.op = OpType::DepthToSpace;
        d2s.inputs = {n.name + "_conv_out"};
        d2s.outputs = n.outputs;
        d2s.attrs.set("block_size", s);
        d2s.sourceLine = n.sourceLine;
        n.op = OpType::Conv2d;
        n.outputs = {d2s.inputs[0]};
        n.attrs = convAttributes(n.attrs.getInt("out_channels") * s * s, 3, {1, 1}, {1, 1, 1, 1}, 1, bias);
        net.nodes.insert(net.nodes.begin() + long(at) + 1, std::move(d2s));
        break;
    }
    case Substitution::TransposedConv: {
        // conv -> depth-to-space(b): one transposed conv (kernel b, stride b) to the
        // depth-to-space's output, which it replaces.
        const auto d = std::find_if(net.nodes.begin(), net.nodes.end(), [&](const Node &x) {
            return x.op == OpType::DepthToSpace && x.inputs.size() == 1 && x.inputs[0] == n.outputs[0];
        });
        if (d == net.nodes.end())
            return;
        const int64_t b = d->attrs.getInt("block_size");
        n.op = OpType::ConvTranspose2d;
        n.attrs = convAttributes(n.attrs.getInt("out_channels") / (b * b), b, {b, b}, {0, 0, 0, 0}, 1, bias);
        n.attrs.set("output_padding", std::vector<int64_t>{0, 0});
        n.outputs = d->outputs;
        net.nodes.erase(d);
        break;
    }
    }
}

// Operation choices (SupernetOptions::substitutions), appended to `choices`.
void findSubstitutions(const Network &reference, const GraphIndex &g, std::vector<ChoicePoint> &choices)
{
    const auto &nodes = reference.nodes;
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Node &n = nodes[i];
        if (n.op != OpType::Conv2d && n.op != OpType::ConvTranspose2d)
            continue;
        const auto k = n.attrs.getInts("kernel"), stride = n.attrs.getInts("stride");
        const bool square = k[0] == k[1] && n.attrs.getInts("dilation") == std::vector<int64_t>{1, 1};
        const graph::Shape &in = n.inputShapes.at(0), &out = n.outputShapes.at(0);
        ChoicePoint c{ChoiceKind::Operation, n.name, {0, 1}, 0, {int(i)}};
        if (n.op == OpType::ConvTranspose2d) {
            const int64_t s = stride[0];
            if (n.attrs.getInt("groups") == 1 && stride[1] == s && s >= 2 && out[2] == in[2] * s
                && out[3] == in[3] * s) {
                c.substitution = Substitution::ConvDepthToSpace;
                choices.push_back(std::move(c));
            }
            continue;
        }
        const int next = g.onlyConsumer(n.outputs[0]);
        if (next >= 0 && nodes[size_t(next)].op == OpType::DepthToSpace && n.attrs.getInt("groups") == 1
            && (!nodes[size_t(next)].attrs.has("mode") || nodes[size_t(next)].attrs.getString("mode") == "CRD")
            && out[2] == in[2] && out[3] == in[3]) {
            c.substitution = Substitution::TransposedConv;
            c.nodes.push_back(next);
            choices.push_back(std::move(c));
        } else if (graph::isDepthwiseConv(n) && square && k[0] >= 3) {
            // Followed (through norms and activations only) by a 1x1 conv: the pair is a
            // depthwise-separable conv and merges into one dense conv; else the depthwise
            // conv alone becomes dense.
            std::vector<int> between;
            const int pointwise = separablePartner(reference, g, int(i), &between);
            c.substitution = pointwise >= 0 ? Substitution::MergedConv : Substitution::DenseConv;
            if (pointwise >= 0) {
                c.nodes.insert(c.nodes.end(), between.begin(), between.end());
                c.nodes.push_back(pointwise);
            }
            choices.push_back(std::move(c));
        } else if (n.attrs.getInt("groups") == 1 && square && k[0] >= 3 && in[1] >= 8) {
            c.substitution = Substitution::SeparableConv;
            choices.push_back(std::move(c));
        }
    }
}

} // namespace

Supernet::Supernet(Network reference, SupernetOptions options)
    : m_reference(std::move(reference)), m_options(std::move(options))
{
    for (Node &n : m_reference.nodes)
        n.weights.clear(); // structure only: weight sharing is the one-shot trainer's business
    const GraphIndex g(m_reference);
    const auto &nodes = m_reference.nodes;
    std::set<int> claimed; // the convs whose output channels a width choice sets
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Node &n = nodes[i];
        if (n.op != OpType::Conv2d)
            continue;
        const auto k = n.attrs.getInts("kernel"), pads = n.attrs.getInts("pads"), dil = n.attrs.getInts("dilation");
        if (k[0] == k[1] && k[0] >= 3 && dil == std::vector<int64_t>{1, 1} && pads == std::vector<int64_t>(4, k[0] / 2)
            && k[0] % 2 == 1) {
            ChoicePoint c{ChoiceKind::Kernel, n.name, {}, 0, {int(i)}};
            c.options = withReference(m_options.kernels, k[0], c.referenceOption);
            if (c.options.size() > 1)
                m_choices.push_back(std::move(c));
        }
        if (graph::isDepthwiseConv(n) || n.attrs.getInt("groups") != 1)
            continue;
        std::string tensor = n.outputs[0];
        int next = g.onlyConsumer(tensor);
        while (next >= 0 && graph::isElementwiseUnary(nodes[size_t(next)].op)) {
            tensor = nodes[size_t(next)].outputs[0];
            next = g.onlyConsumer(tensor);
        }
        // The convs that read the width: the one consumer, or several readers that are
        // all dense convs (SqueezeNet's squeeze conv feeding its two expand convs).
        std::vector<int> readers;
        if (next >= 0)
            readers.push_back(next);
        else if (const auto all = g.consumers.find(tensor);
                 all != g.consumers.end() && all->second.size() >= 2 && !g.outputs.count(tensor))
            readers = all->second;
        const auto isConv = [&](int r) { return nodes[size_t(r)].op == OpType::Conv2d; };
        const auto isDenseConv = [&](int r) { return isConv(r) && nodes[size_t(r)].attrs.getInt("groups") == 1; };
        if (readers.empty()
            || (readers.size() == 1 ? !isConv(readers[0]) : !std::all_of(readers.begin(), readers.end(), isDenseConv)))
            continue;
        const Node &t = nodes[size_t(readers.front())];
        const int64_t width = n.attrs.getInt("out_channels"), cin = n.inputShapes[0][1];
        ChoicePoint c{ChoiceKind::Width, n.name, {}, 0, {int(i)}};
        const bool pointwise = k[0] == 1 && k[1] == 1;
        std::vector<int64_t> widths;
        // The expansion conv of an inverted residual: ratios of the block's input. One that
        // does not expand (a plain depthwise-separable stack, 64 -> 64) would only widen
        // so: it narrows by the width ratios instead.
        if (readers.size() == 1 && graph::isDepthwiseConv(t) && pointwise && width > cin) {
            for (double r : m_options.expandRatios)
                widths.push_back(std::max<int64_t>(1, std::llround(double(cin) * r)));
        } else if (readers.size() > 1 || graph::isDepthwiseConv(t) || t.attrs.getInt("groups") == 1) {
            for (double r : m_options.widthRatios)
                widths.push_back(r >= 1.0 ? std::llround(double(width) * r) : round8(double(width) * r));
        } else {
            continue;
        }
        c.options = withReference(widths, width, c.referenceOption);
        // Some tensor on these channels may not narrow with them: then no width choice.
        if (c.options.size() > 1 && followWidth(m_reference, g, c, claimed))
            m_choices.push_back(std::move(c));
    }
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Node &a = nodes[i];
        if (!m_options.depth || a.op != OpType::Add || a.inputShapes[0] != a.inputShapes[1]
            || a.inputShapes[0] != a.outputShapes[0])
            continue;
        // Which input is the skip? The one whose producer comes first.
        for (int s = 0; s < 2; ++s) {
            std::vector<int> branch;
            if (residualBranch(m_reference, g, a.inputs[size_t(s)], a.inputs[size_t(1 - s)], int(i), branch)) {
                ChoicePoint c{ChoiceKind::Depth, a.name, {1, 0}, 0, {int(i)}};
                c.nodes.insert(c.nodes.end(), branch.begin(), branch.end());
                c.options = {1, 0};
                m_choices.push_back(std::move(c));
                break;
            }
        }
    }
    if (m_options.substitutions)
        findSubstitutions(m_reference, g, m_choices);
    // Resolution: only where no op fixes a spatial size, and only sizes that decode.
    const std::vector<int64_t> sides = resolutionOptions(m_reference, m_options.resolutionScales);
    if (!sides.empty()) {
        ChoicePoint c{ChoiceKind::Resolution, m_reference.inputs[0].name, sides, 0, {}};
        c.options = withReference(sides, m_reference.inputs[0].shape[2], c.referenceOption);
        m_choices.push_back(std::move(c));
    }
}

Network Supernet::decode(const Genotype &g) const
{
    if (!isValid(g))
        throw graph::GraphError(m_reference.name + ": genotype of " + std::to_string(g.size())
                                + " genes does not fit the " + std::to_string(m_choices.size())
                                + " choice points, or an option is out of range");
    Network net = m_reference;
    net.name = m_reference.name + "_sub";
    std::set<int> removed;
    std::map<std::string, std::string> rewire;
    for (size_t i = 0; i < g.size(); ++i) {
        const ChoicePoint &c = m_choices[i];
        const int64_t v = c.options[size_t(g[i])];
        switch (c.kind) {
        case ChoiceKind::Kernel:
            net.nodes[size_t(c.nodes[0])].attrs.set("kernel", std::vector<int64_t>{v, v});
            net.nodes[size_t(c.nodes[0])].attrs.set("pads", std::vector<int64_t>(4, v / 2));
            break;
        case ChoiceKind::Width: applyWidth(m_reference, c, v, net); break;
        case ChoiceKind::Depth:
            if (v == 0) { // skip: the add's output becomes its skip input
                const Node &add = m_reference.nodes[size_t(c.nodes[0])];
                std::set<int> branch(c.nodes.begin() + 1, c.nodes.end());
                const int p0 = [&] {
                    for (size_t n = 0; n < m_reference.nodes.size(); ++n)
                        for (const std::string &t : m_reference.nodes[n].outputs)
                            if (t == add.inputs[0])
                                return int(n);
                    return -1;
                }();
                const std::string skip = branch.count(p0) ? add.inputs[1] : add.inputs[0];
                rewire[add.outputs[0]] = skip;
                removed.insert(c.nodes.begin(), c.nodes.end());
            }
            break;
        case ChoiceKind::Resolution: setInputResolution(net, v); break;
        case ChoiceKind::Operation: break; // after the others: a substitute takes its shapes from the decoded network
        }
    }
    if (!removed.empty()) {
        std::vector<Node> kept;
        for (size_t n = 0; n < net.nodes.size(); ++n)
            if (!removed.count(int(n)))
                kept.push_back(std::move(net.nodes[n]));
        net.nodes = std::move(kept);
        auto resolve = [&rewire](std::string t) {
            for (auto it = rewire.find(t); it != rewire.end(); it = rewire.find(t))
                t = it->second;
            return t;
        };
        for (Node &n : net.nodes)
            for (std::string &t : n.inputs)
                t = resolve(t);
        for (std::string &t : net.outputs)
            t = resolve(t);
    }
    std::vector<const ChoicePoint *> substituted;
    for (size_t i = 0; i < g.size(); ++i)
        if (m_choices[i].kind == ChoiceKind::Operation && g[i] == 1)
            substituted.push_back(&m_choices[i]);
    if (!substituted.empty()) {
        graph::analyzeNetwork(net);
        for (const ChoicePoint *c : substituted) {
            const auto at =
                std::find_if(net.nodes.begin(), net.nodes.end(), [&](const Node &n) { return n.name == c->name; });
            if (at != net.nodes.end()) // else its block was skipped
                substitute(net, size_t(at - net.nodes.begin()), c->substitution);
        }
    }
    graph::analyzeNetwork(net);
    return net;
}

bool Supernet::hasSubstitutions() const
{
    return std::any_of(m_choices.begin(), m_choices.end(),
                       [](const ChoicePoint &c) { return c.kind == ChoiceKind::Operation; });
}

double Supernet::log10SpaceSize() const
{
    double s = 0;
    for (const ChoicePoint &c : m_choices)
        s += std::log10(double(c.options.size()));
    return s;
}

std::string Supernet::describe(const Genotype &g) const
{
    std::string out;
    for (size_t i = 0; i < g.size() && i < m_choices.size(); ++i) {
        const ChoicePoint &c = m_choices[i];
        if (g[i] == c.referenceOption)
            continue;
        const int64_t v = c.options[size_t(g[i])];
        out += (out.empty() ? "" : " ") + c.name + ":"
               + (c.kind == ChoiceKind::Kernel      ? "k" + std::to_string(v)
                  : c.kind == ChoiceKind::Width     ? "w" + std::to_string(v)
                  : c.kind == ChoiceKind::Depth     ? std::string(v ? "keep" : "skip")
                  : c.kind == ChoiceKind::Operation ? std::string(v ? substitutionName(c.substitution) : "reference op")
                                                    : "r" + std::to_string(v));
    }
    return out.empty() ? "reference" : out;
}

} // namespace calibra::supernet
