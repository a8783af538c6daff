// SPDX-License-Identifier: GPL-3.0-or-later
#include "Blocks.h"

#include "GraphIndex.h"
#include "graph/OpTraits.h"
#include "graph/Shape.h"

#include <algorithm>
#include <map>

namespace calibra::supernet {

using graph::Network;
using graph::Node;
using graph::OpType;

const char *blockKindName(BlockKind kind)
{
    switch (kind) {
    case BlockKind::Stem: return "stem";
    case BlockKind::Residual: return "residual";
    case BlockKind::InvertedResidual: return "inverted residual";
    case BlockKind::Separable: return "depthwise-separable";
    case BlockKind::Attention: return "attention";
    case BlockKind::FeedForward: return "feed-forward";
    case BlockKind::MultiBranch: return "multi-branch";
    case BlockKind::Plain: return "plain";
    case BlockKind::Head: return "head";
    case BlockKind::UpsamplingTail: return "upsampling tail";
    }
    return "?";
}

namespace {

// Ops with weights that do the block's work; the rest (norms, activations, pooling,
// reshapes) go with the block around them.
bool computes(OpType op)
{
    return op == OpType::Conv2d || op == OpType::ConvTranspose2d || op == OpType::Linear || op == OpType::MatMul
           || op == OpType::Attention;
}

bool isSpatial(const graph::Shape &s)
{
    return s.size() == 4;
}

bool upsamples(const Node &n)
{
    if (n.inputShapes.empty() || n.outputShapes.empty() || !isSpatial(n.inputShapes[0])
        || !isSpatial(n.outputShapes[0]))
        return false;
    return (n.op == OpType::ConvTranspose2d || n.op == OpType::DepthToSpace || n.op == OpType::Resize)
           && n.outputShapes[0][2] > n.inputShapes[0][2];
}

bool downsamples(const Node &n)
{
    return !n.inputShapes.empty() && !n.outputShapes.empty() && isSpatial(n.inputShapes[0])
           && isSpatial(n.outputShapes[0]) && n.outputShapes[0][2] < n.inputShapes[0][2];
}

// Every node tensor `t` depends on, by index (its producer included).
std::vector<char> ancestorsOf(const Network &net, const GraphIndex &g, const std::string &t)
{
    std::vector<char> seen(net.nodes.size(), 0);
    std::vector<int> stack;
    if (const int p = g.producerOf(t); p >= 0)
        stack.push_back(p);
    while (!stack.empty()) {
        const int n = stack.back();
        stack.pop_back();
        if (seen[size_t(n)])
            continue;
        seen[size_t(n)] = 1;
        for (const std::string &in : net.nodes[size_t(n)].inputs)
            if (const int q = g.producerOf(in); q >= 0 && !seen[size_t(q)])
                stack.push_back(q);
    }
    return seen;
}

// The block that merges branches at node `merge` (an Add of two equal shapes, or a
// Concat): the nodes after the latest node all its inputs depend on (the block's
// input) that lead to an input. Empty when the inputs share no ancestor (a constant
// added) or nothing between computes.
std::vector<int> branchBlock(const Network &net, const GraphIndex &g, int merge)
{
    const Node &m = net.nodes[size_t(merge)];
    if (m.inputs.size() < 2
        || (m.op == OpType::Add && (m.inputShapes.size() != 2 || m.inputShapes[0] != m.inputShapes[1])))
        return {};
    std::vector<std::vector<char>> ancestors;
    for (const std::string &in : m.inputs)
        ancestors.push_back(ancestorsOf(net, g, in));
    const auto inAll = [&](int i) {
        return std::all_of(ancestors.begin(), ancestors.end(), [i](const auto &a) { return a[size_t(i)] != 0; });
    };
    const auto inAny = [&](int i) {
        return std::any_of(ancestors.begin(), ancestors.end(), [i](const auto &a) { return a[size_t(i)] != 0; });
    };
    int entry = -1;
    for (int i = merge - 1; i >= 0 && entry < 0; --i)
        if (inAll(i))
            entry = i;
    if (entry < 0)
        return {};
    std::vector<int> nodes;
    for (int i = entry + 1; i < merge; ++i)
        if (inAny(i))
            nodes.push_back(i);
    const bool works =
        std::any_of(nodes.begin(), nodes.end(), [&net](int n) { return computes(net.nodes[size_t(n)].op); });
    if (!works)
        return {};
    nodes.push_back(merge);
    // A skip connection across scales (a U-Net's, from encoder to decoder) joins two
    // parts of the network, not the branches of one module.
    const bool down =
        std::any_of(nodes.begin(), nodes.end(), [&net](int n) { return downsamples(net.nodes[size_t(n)]); });
    const bool up = std::any_of(nodes.begin(), nodes.end(), [&net](int n) { return upsamples(net.nodes[size_t(n)]); });
    if (down && up)
        return {};
    if (m.op == OpType::Concat) {
        // A multi-branch module (SqueezeNet's fire, Inception) starts with the layer its
        // branches share, when that layer feeds only them: take it back to its conv.
        for (int at = entry; at >= 0;) {
            const auto &readers = g.consumers.count(net.nodes[size_t(at)].outputs[0])
                                      ? g.consumers.at(net.nodes[size_t(at)].outputs[0])
                                      : std::vector<int>{};
            const bool private_ = !readers.empty() && std::all_of(readers.begin(), readers.end(), [&](int r) {
                return std::find(nodes.begin(), nodes.end(), r) != nodes.end();
            });
            if (!private_ || g.outputs.count(net.nodes[size_t(at)].outputs[0]))
                break;
            nodes.insert(nodes.begin(), at);
            if (computes(net.nodes[size_t(at)].op))
                break;
            at = g.producerOf(net.nodes[size_t(at)].inputs[0]);
        }
    }
    return nodes;
}

BlockKind mergeKind(const Network &net, const std::vector<int> &nodes)
{
    if (net.nodes[size_t(nodes.back())].op == OpType::Concat)
        return BlockKind::MultiBranch;
    bool attention = false, depthwise = false, conv = false;
    for (int n : nodes) {
        const Node &node = net.nodes[size_t(n)];
        attention = attention || node.op == OpType::Attention || node.op == OpType::Softmax;
        depthwise = depthwise || graph::isDepthwiseConv(node);
        conv = conv || node.op == OpType::Conv2d || node.op == OpType::ConvTranspose2d;
    }
    return attention   ? BlockKind::Attention
           : depthwise ? BlockKind::InvertedResidual
           : conv      ? BlockKind::Residual
                       : BlockKind::FeedForward;
}

// A depthwise conv, the 1x1 conv after it and what lies between and after (norms,
// activations); with the expansion 1x1 conv before it when there is one.
std::vector<int> separableBlock(const Network &net, const GraphIndex &g, int dw, bool &expanded)
{
    std::vector<int> between;
    const int pointwise = separablePartner(net, g, dw, &between);
    if (pointwise < 0)
        return {};
    std::vector<int> nodes{dw, pointwise};
    nodes.insert(nodes.end(), between.begin(), between.end());
    for (int q = g.onlyConsumer(net.nodes[size_t(pointwise)].outputs[0]);
         q >= 0 && graph::isElementwiseUnary(net.nodes[size_t(q)].op);
         q = g.onlyConsumer(net.nodes[size_t(q)].outputs[0]))
        nodes.push_back(q);
    std::vector<int> before;
    int at = dw;
    int p = g.producerOf(net.nodes[size_t(dw)].inputs[0]);
    while (p >= 0 && graph::isElementwiseUnary(net.nodes[size_t(p)].op)
           && g.onlyConsumer(net.nodes[size_t(p)].outputs[0]) == at) {
        before.push_back(p);
        at = p;
        p = g.producerOf(net.nodes[size_t(p)].inputs[0]);
    }
    expanded = p >= 0 && isPointwiseConv(net.nodes[size_t(p)]) && g.onlyConsumer(net.nodes[size_t(p)].outputs[0]) == at;
    if (expanded) {
        nodes.insert(nodes.end(), before.begin(), before.end());
        nodes.push_back(p);
    }
    std::sort(nodes.begin(), nodes.end());
    return nodes;
}

} // namespace

BlockStructure findBlocks(const Network &net)
{
    const GraphIndex g(net);
    const int count = int(net.nodes.size());
    BlockStructure out;
    out.blockOfNode.assign(size_t(count), -1);
    std::vector<Block> found;
    const auto free = [&](const std::vector<int> &nodes) {
        return std::all_of(nodes.begin(), nodes.end(), [&](int n) { return out.blockOfNode[size_t(n)] < 0; });
    };
    const auto claim = [&](Block b) {
        for (int n : b.nodes)
            out.blockOfNode[size_t(n)] = int(found.size());
        found.push_back(std::move(b));
    };

    // Residual and multi-branch blocks, smallest first: a long skip around several
    // blocks (a global residual, a U-Net's skip connection) overlaps them and is left
    // out.
    std::vector<std::vector<int>> merges;
    for (int i = 0; i < count; ++i)
        if (net.nodes[size_t(i)].op == OpType::Add || net.nodes[size_t(i)].op == OpType::Concat)
            if (std::vector<int> nodes = branchBlock(net, g, i); !nodes.empty())
                merges.push_back(std::move(nodes));
    std::stable_sort(merges.begin(), merges.end(), [](const auto &a, const auto &b) { return a.size() < b.size(); });
    for (const std::vector<int> &nodes : merges)
        if (free(nodes))
            claim({mergeKind(net, nodes), nodes});

    // Separable blocks without a skip (an inverted residual that changes shape).
    for (int i = 0; i < count; ++i) {
        if (out.blockOfNode[size_t(i)] >= 0 || !graph::isDepthwiseConv(net.nodes[size_t(i)]))
            continue;
        bool expanded = false;
        const std::vector<int> nodes = separableBlock(net, g, i, expanded);
        if (!nodes.empty() && free(nodes))
            claim({expanded ? BlockKind::InvertedResidual : BlockKind::Separable, nodes});
    }
    const int lastStructured = [&] {
        for (int i = count - 1; i >= 0; --i)
            if (out.blockOfNode[size_t(i)] >= 0)
                return i;
        return -1;
    }();

    // The upsampling tail: from the upsampling op after which nothing downsamples, with
    // the conv that feeds it (the sub-pixel conv before a depth-to-space).
    int tailStart = -1;
    for (int i = count - 1; i >= 0 && !downsamples(net.nodes[size_t(i)]); --i)
        if (upsamples(net.nodes[size_t(i)]) && out.blockOfNode[size_t(i)] < 0)
            tailStart = i;
    if (tailStart >= 0) {
        int at = tailStart;
        for (int p = g.producerOf(net.nodes[size_t(at)].inputs[0]);
             p >= 0 && out.blockOfNode[size_t(p)] < 0 && g.onlyConsumer(net.nodes[size_t(p)].outputs[0]) == at;
             p = g.producerOf(net.nodes[size_t(p)].inputs[0])) {
            const OpType op = net.nodes[size_t(p)].op;
            if (!graph::isElementwiseUnary(op) && op != OpType::Conv2d)
                break;
            at = p;
            if (op == OpType::Conv2d)
                break;
        }
        tailStart = at;
    }

    // The head: from the first op after the last structured block that turns feature
    // maps into a vector (pooling, flatten, a linear layer), with a normalization
    // directly after that block (ViT's final LayerNorm).
    int headStart = -1;
    if (tailStart < 0)
        for (int i = lastStructured + 1; i < count && headStart < 0; ++i) {
            const OpType op = net.nodes[size_t(i)].op;
            if (op == OpType::GlobalAveragePool || op == OpType::ReduceMean || op == OpType::Flatten
                || op == OpType::Linear || op == OpType::Reshape)
                headStart = i;
        }
    if (headStart > 0) {
        int back = headStart;
        while (back - 1 > lastStructured
               && (net.nodes[size_t(back - 1)].op == OpType::LayerNorm
                   || net.nodes[size_t(back - 1)].op == OpType::BatchNorm))
            --back;
        if (back - 1 == lastStructured)
            headStart = back;
    }
    const int end = tailStart >= 0 ? tailStart : headStart >= 0 ? headStart : count;

    // What is left: plain blocks, one per computing op with the ops after it. An op that
    // computes nothing joins the block just before it (a conv's norm and activation, the
    // activation after a residual add), except a downsampling one (a pooling layer),
    // which opens a block for the conv after it: a stage starts where the resolution
    // drops, as with a strided conv.
    const auto computeFree = [&](int block) {
        return block >= 0 && found[size_t(block)].kind == BlockKind::Plain
               && std::none_of(found[size_t(block)].nodes.begin(), found[size_t(block)].nodes.end(),
                               [&net](int n) { return computes(net.nodes[size_t(n)].op); });
    };
    for (int i = 0; i < end; ++i) {
        if (out.blockOfNode[size_t(i)] >= 0 || net.nodes[size_t(i)].op == OpType::Constant)
            continue;
        const Node &node = net.nodes[size_t(i)];
        const int previous = i > 0 ? out.blockOfNode[size_t(i - 1)] : -1;
        const bool continues = computes(node.op) || downsamples(node) ? computeFree(previous) : previous >= 0;
        if (continues) {
            found[size_t(out.blockOfNode[size_t(i - 1)])].nodes.push_back(i);
            out.blockOfNode[size_t(i)] = out.blockOfNode[size_t(i - 1)];
        } else {
            claim({BlockKind::Plain, {i}});
        }
    }
    std::vector<int> tail, head;
    for (int i = end; i < count; ++i)
        if (out.blockOfNode[size_t(i)] < 0 && net.nodes[size_t(i)].op != OpType::Constant)
            (tailStart >= 0 ? tail : head).push_back(i);
    if (!tail.empty())
        claim({BlockKind::UpsamplingTail, tail});
    if (!head.empty())
        claim({BlockKind::Head, head});

    // In the order the network runs them; the plain blocks before the first structured
    // one (or the first plain block of a network without any) form the stem.
    for (Block &b : found)
        std::sort(b.nodes.begin(), b.nodes.end());
    std::sort(found.begin(), found.end(),
              [](const Block &a, const Block &b) { return a.nodes.front() < b.nodes.front(); });
    std::vector<Block> blocks;
    const bool structured = lastStructured >= 0;
    for (Block &b : found) {
        const bool stemPart = b.kind == BlockKind::Plain && (blocks.empty() || blocks.back().kind == BlockKind::Stem)
                              && (structured ? b.nodes.front() < lastStructured : blocks.empty());
        if (stemPart && !blocks.empty()) {
            blocks.back().nodes.insert(blocks.back().nodes.end(), b.nodes.begin(), b.nodes.end());
            continue;
        }
        if (stemPart)
            b.kind = BlockKind::Stem;
        blocks.push_back(std::move(b));
    }
    // A "stem" that is the whole body is just a plain block.
    if (blocks.size() == 1 && blocks[0].kind == BlockKind::Stem)
        blocks[0].kind = BlockKind::Plain;
    // A pooling layer before a residual or multi-branch block opens that block.
    for (size_t b = 0; b + 1 < blocks.size();) {
        const bool bodyNext = blocks[b + 1].kind != BlockKind::Head && blocks[b + 1].kind != BlockKind::UpsamplingTail;
        if (blocks[b].kind == BlockKind::Plain && bodyNext
            && std::none_of(blocks[b].nodes.begin(), blocks[b].nodes.end(),
                            [&net](int n) { return computes(net.nodes[size_t(n)].op); })) {
            blocks[b + 1].nodes.insert(blocks[b + 1].nodes.begin(), blocks[b].nodes.begin(), blocks[b].nodes.end());
            blocks.erase(blocks.begin() + long(b));
        } else {
            ++b;
        }
    }

    // Stages: runs of body blocks with the same output shape.
    graph::Shape previous;
    for (size_t b = 0; b < blocks.size(); ++b) {
        Block &block = blocks[b];
        std::sort(block.nodes.begin(), block.nodes.end());
        const Node &last = net.nodes[size_t(block.nodes.back())];
        block.output = last.outputShapes.empty() ? graph::Shape{} : last.outputShapes[0];
        for (int n : block.nodes)
            out.blockOfNode[size_t(n)] = int(b);
        if (block.kind == BlockKind::Stem || block.kind == BlockKind::Head || block.kind == BlockKind::UpsamplingTail)
            continue;
        const graph::Shape shape(block.output.begin() + std::min<size_t>(1, block.output.size()), block.output.end());
        if (out.stages == 0 || shape != previous)
            ++out.stages;
        previous = shape;
        block.stage = out.stages - 1;
    }
    out.blocks = std::move(blocks);
    return out;
}

std::vector<std::string> describeBlocks(const BlockStructure &s, const std::vector<int> &choicesPerBlock)
{
    const auto choices = [&](size_t from, size_t to) {
        int n = 0;
        for (size_t b = from; b < to && b < choicesPerBlock.size(); ++b)
            n += choicesPerBlock[b];
        return choicesPerBlock.empty() ? std::string()
                                       : ", " + std::to_string(n) + (n == 1 ? " choice point" : " choice points");
    };
    std::vector<std::string> lines;
    for (size_t b = 0; b < s.blocks.size();) {
        const Block &first = s.blocks[b];
        if (first.stage < 0) {
            lines.push_back(std::string(blockKindName(first.kind)) + " (" + std::to_string(first.nodes.size())
                            + " nodes) -> " + graph::shapeToString(first.output) + choices(b, b + 1));
            ++b;
            continue;
        }
        // Kinds in the order they first appear in the stage, with counts.
        std::vector<std::pair<BlockKind, int>> kinds;
        size_t e = b;
        for (; e < s.blocks.size() && s.blocks[e].stage == first.stage; ++e) {
            auto it =
                std::find_if(kinds.begin(), kinds.end(), [&](const auto &k) { return k.first == s.blocks[e].kind; });
            if (it == kinds.end())
                kinds.push_back({s.blocks[e].kind, 1});
            else
                ++it->second;
        }
        std::string line = "stage " + std::to_string(first.stage + 1) + ":";
        for (size_t k = 0; k < kinds.size(); ++k)
            line += (k ? ", " : " ") + std::to_string(kinds[k].second) + " " + blockKindName(kinds[k].first);
        lines.push_back(line + " -> " + graph::shapeToString(s.blocks[e - 1].output) + choices(b, e));
        b = e;
    }
    return lines;
}

} // namespace calibra::supernet
