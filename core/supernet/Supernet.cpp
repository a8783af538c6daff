#include "Supernet.h"

#include "graph/GraphError.h"
#include "graph/OpTraits.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

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
    }
    return "?";
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

struct Graph
{
    std::map<std::string, std::vector<int>> consumers;
    std::map<std::string, int> producer;
    std::set<std::string> outputs;

    explicit Graph(const Network &net) : outputs(net.outputs.begin(), net.outputs.end())
    {
        for (size_t i = 0; i < net.nodes.size(); ++i) {
            for (const std::string &t : net.nodes[i].inputs)
                consumers[t].push_back(int(i));
            for (const std::string &t : net.nodes[i].outputs)
                producer[t] = int(i);
        }
    }
    int onlyConsumer(const std::string &t) const
    {
        auto it = consumers.find(t);
        return it != consumers.end() && it->second.size() == 1 && !outputs.count(t) ? it->second[0] : -1;
    }
};

// The nodes of a residual branch ending in `branchOut` and starting from `skip`: every
// node must feed only the branch (or the add), so removing them changes nothing else.
bool residualBranch(const Network &net, const Graph &g, const std::string &skip, const std::string &branchOut,
                    int add, std::vector<int> &branch)
{
    std::set<int> seen;
    std::vector<std::string> frontier{branchOut};
    while (!frontier.empty()) {
        const std::string t = frontier.back();
        frontier.pop_back();
        if (t == skip)
            continue;
        auto p = g.producer.find(t);
        if (p == g.producer.end())
            return false; // reached a network input without meeting the skip tensor
        if (!seen.insert(p->second).second)
            continue;
        if (seen.size() > 64)
            return false; // not a block
        for (const std::string &in : net.nodes[size_t(p->second)].inputs)
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

} // namespace

Supernet::Supernet(Network reference, SupernetOptions options) : m_reference(std::move(reference)), m_options(std::move(options))
{
    for (Node &n : m_reference.nodes)
        n.weights.clear(); // structure only: weight sharing is the one-shot trainer's business
    const Graph g(m_reference);
    const auto &nodes = m_reference.nodes;
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
        int next = g.onlyConsumer(n.outputs[0]);
        while (next >= 0 && graph::isElementwiseUnary(nodes[size_t(next)].op))
            next = g.onlyConsumer(nodes[size_t(next)].outputs[0]);
        if (next < 0 || nodes[size_t(next)].op != OpType::Conv2d)
            continue;
        const Node &t = nodes[size_t(next)];
        const int64_t width = n.attrs.getInt("out_channels"), cin = n.inputShapes[0][1];
        ChoicePoint c{ChoiceKind::Width, n.name, {}, 0, {int(i), next}};
        const bool pointwise = k[0] == 1 && k[1] == 1;
        if (graph::isDepthwiseConv(t) && pointwise) // the expansion conv of an inverted residual
        {
            std::vector<int64_t> widths;
            for (double r : m_options.expandRatios)
                widths.push_back(std::max<int64_t>(1, std::llround(double(cin) * r)));
            c.options = withReference(widths, width, c.referenceOption);
        } else if (graph::isDepthwiseConv(t) || t.attrs.getInt("groups") == 1) {
            std::vector<int64_t> widths;
            for (double r : m_options.widthRatios)
                widths.push_back(r >= 1.0 ? std::llround(double(width) * r) : round8(double(width) * r));
            c.options = withReference(widths, width, c.referenceOption);
        }
        else
            continue;
        if (c.options.size() > 1)
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
    // Resolution: only where no op fixes a spatial size; keep the options that decode.
    if (!graph::fixesSpatialSize(m_reference) && m_reference.inputs.size() == 1 && m_reference.inputs[0].shape.size() == 4
        && m_reference.inputs[0].shape[2] == m_reference.inputs[0].shape[3]) {
        const int64_t r = m_reference.inputs[0].shape[2];
        ChoicePoint c{ChoiceKind::Resolution, m_reference.inputs[0].name, {}, 0, {}};
        std::vector<int64_t> candidates;
        for (double f : m_options.resolutionScales)
            candidates.push_back(std::max<int64_t>(16, int64_t(std::llround(double(r) * f / 16)) * 16));
        c.options = withReference(candidates, r, c.referenceOption);
        if (c.options.size() > 1)
            m_choices.push_back(std::move(c));
    }
}

Genotype Supernet::referenceGenotype() const
{
    Genotype g;
    for (const ChoicePoint &c : m_choices)
        g.push_back(c.referenceOption);
    return g;
}

Genotype Supernet::largestGenotype() const
{
    Genotype g;
    for (const ChoicePoint &c : m_choices)
        g.push_back(c.kind == ChoiceKind::Depth ? 0 : int(c.options.size()) - 1); // depth option 0 keeps the block
    return g;
}

Genotype Supernet::smallestGenotype() const
{
    Genotype g;
    for (const ChoicePoint &c : m_choices)
        g.push_back(c.kind == ChoiceKind::Depth ? 1 : 0);
    return g;
}

Genotype Supernet::sample(std::mt19937_64 &rng) const
{
    Genotype g;
    for (const ChoicePoint &c : m_choices)
        g.push_back(int(std::uniform_int_distribution<size_t>(0, c.options.size() - 1)(rng)));
    return g;
}

Genotype Supernet::mutate(const Genotype &g, double probability, std::mt19937_64 &rng) const
{
    Genotype out = g;
    std::uniform_real_distribution<double> u(0, 1);
    for (size_t i = 0; i < out.size() && i < m_choices.size(); ++i)
        if (u(rng) < probability)
            out[i] = int(std::uniform_int_distribution<size_t>(0, m_choices[i].options.size() - 1)(rng));
    return out;
}

Genotype Supernet::crossover(const Genotype &a, const Genotype &b, std::mt19937_64 &rng) const
{
    Genotype out = a;
    for (size_t i = 0; i < out.size() && i < b.size(); ++i)
        if (rng() & 1)
            out[i] = b[i];
    return out;
}

bool Supernet::isValid(const Genotype &g) const
{
    if (g.size() != m_choices.size())
        return false;
    for (size_t i = 0; i < g.size(); ++i)
        if (g[i] < 0 || size_t(g[i]) >= m_choices[i].options.size())
            return false;
    return true;
}

Network Supernet::decode(const Genotype &g) const
{
    if (!isValid(g))
        throw graph::GraphError(m_reference.name + ": genotype of " + std::to_string(g.size()) + " genes does not fit the "
                                + std::to_string(m_choices.size()) + " choice points, or an option is out of range");
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
        case ChoiceKind::Width: {
            net.nodes[size_t(c.nodes[0])].attrs.set("out_channels", v);
            Node &follower = net.nodes[size_t(c.nodes[1])];
            if (graph::isDepthwiseConv(m_reference.nodes[size_t(c.nodes[1])])) {
                follower.attrs.set("out_channels", v);
                follower.attrs.set("groups", v);
            }
            break;
        }
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
        case ChoiceKind::Resolution:
            net.inputs[0].shape[2] = net.inputs[0].shape[3] = v;
            break;
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
    graph::analyzeNetwork(net);
    return net;
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
               + (c.kind == ChoiceKind::Kernel ? "k" + std::to_string(v)
                  : c.kind == ChoiceKind::Width ? "w" + std::to_string(v)
                  : c.kind == ChoiceKind::Depth ? std::string(v ? "keep" : "skip")
                                                : "r" + std::to_string(v));
    }
    return out.empty() ? "reference" : out;
}

} // namespace calibra::supernet
