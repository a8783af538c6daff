// SPDX-License-Identifier: GPL-3.0-or-later
#include "Network.h"

#include "GraphError.h"
#include "OpSchema.h"

#include <algorithm>
#include <map>
#include <set>

namespace calibra::graph {

const Node *Network::findNode(const std::string &nodeName) const
{
    for (const Node &n : nodes)
        if (n.name == nodeName)
            return &n;
    return nullptr;
}

const Shape *Network::tensorShape(const std::string &tensor) const
{
    for (const TensorDecl &in : inputs)
        if (in.name == tensor)
            return &in.shape;
    for (const Node &n : nodes)
        for (size_t i = 0; i < n.outputs.size() && i < n.outputShapes.size(); ++i)
            if (n.outputs[i] == tensor)
                return &n.outputShapes[i];
    return nullptr;
}

int Network::producerOf(const std::string &tensor) const
{
    for (size_t i = 0; i < nodes.size(); ++i)
        if (std::find(nodes[i].outputs.begin(), nodes[i].outputs.end(), tensor) != nodes[i].outputs.end())
            return int(i);
    return -1;
}

std::vector<int> Network::consumersOf(const std::string &tensor) const
{
    std::vector<int> result;
    for (size_t i = 0; i < nodes.size(); ++i)
        if (std::find(nodes[i].inputs.begin(), nodes[i].inputs.end(), tensor) != nodes[i].inputs.end())
            result.push_back(int(i));
    return result;
}

std::string Network::locate(const Node &node) const
{
    if (node.sourceLine <= 0)
        return sourceFile.empty() ? std::string() : sourceFile + ": ";
    return (sourceFile.empty() ? std::string("line ") : sourceFile + ":") + std::to_string(node.sourceLine) + ": ";
}

namespace {

[[noreturn]] void failAt(const Network &net, const Node &node, const std::string &what)
{
    throw GraphError(net.locate(node) + describeNode(node.name, std::string(opTypeName(node.op))) + ": " + what);
}

void checkStructure(const Network &net, std::map<std::string, int> &producer)
{
    const std::string where = net.sourceFile.empty() ? std::string() : net.sourceFile + ": ";
    if (net.inputs.empty())
        throw GraphError(where + "the network declares no inputs");
    if (net.outputs.empty())
        throw GraphError(where + "the network declares no outputs");
    for (const TensorDecl &in : net.inputs) {
        if (in.shape.empty())
            throw GraphError(where + "input '" + in.name + "' has no shape");
        for (int64_t d : in.shape)
            if (d < 1 || d > kMaxDimension)
                throw GraphError(where + "input '" + in.name + "' has an invalid extent " + std::to_string(d) + " in "
                                 + shapeToString(in.shape));
        try {
            elementCount(in.shape);
        } catch (const GraphError &e) {
            throw GraphError(where + "input '" + in.name + "': " + e.what());
        }
        if (!producer.emplace(in.name, -1).second)
            throw GraphError(where + "input '" + in.name + "' is declared twice");
    }
    std::set<std::string> names;
    for (size_t i = 0; i < net.nodes.size(); ++i) {
        const Node &n = net.nodes[i];
        if (n.name.empty())
            throw GraphError(net.locate(n) + "a " + std::string(opTypeName(n.op)) + " node has no name");
        if (!names.insert(n.name).second)
            failAt(net, n, "another node has the same name");
        const OpSchema &schema = schemaFor(n.op);
        const int count = int(n.inputs.size());
        if (count < schema.minInputs || (schema.maxInputs >= 0 && count > schema.maxInputs))
            failAt(net, n,
                   "takes " + std::to_string(schema.minInputs)
                       + (schema.maxInputs == schema.minInputs ? std::string()
                          : schema.maxInputs < 0               ? std::string(" or more")
                                                               : " to " + std::to_string(schema.maxInputs))
                       + " inputs, got " + std::to_string(count));
        if (n.outputs.empty() || (!schema.variadicOutputs && n.outputs.size() != 1))
            failAt(net, n, schema.variadicOutputs ? "needs at least one output" : "must have exactly one output");
        for (const std::string &t : n.outputs)
            if (!producer.emplace(t, int(i)).second)
                failAt(net, n, "output tensor '" + t + "' is already produced elsewhere");
    }
    for (const Node &n : net.nodes)
        for (const std::string &t : n.inputs)
            if (!producer.count(t))
                failAt(net, n, "input '" + t + "' is not produced by any node or network input");
    for (const std::string &t : net.outputs)
        if (!producer.count(t))
            throw GraphError(where + "network output '" + t + "' is not produced by any node");
}

// Kahn's algorithm; stable (keeps file order among ready nodes) so that saving a
// loaded network reproduces the file's order.
std::vector<size_t> topologicalOrder(const Network &net, const std::map<std::string, int> &producer)
{
    const size_t count = net.nodes.size();
    std::vector<int> pending(count, 0);
    std::vector<std::vector<size_t>> consumers(count);
    for (size_t i = 0; i < count; ++i)
        for (const std::string &t : net.nodes[i].inputs) {
            const int p = producer.at(t);
            if (p >= 0) {
                ++pending[i];
                consumers[size_t(p)].push_back(i);
            }
        }
    std::set<size_t> ready;
    for (size_t i = 0; i < count; ++i)
        if (pending[i] == 0)
            ready.insert(i);
    std::vector<size_t> order;
    while (!ready.empty()) {
        const size_t i = *ready.begin();
        ready.erase(ready.begin());
        order.push_back(i);
        for (size_t c : consumers[i])
            if (--pending[c] == 0)
                ready.insert(c);
    }
    if (order.size() != count) {
        std::string cycle;
        for (size_t i = 0; i < count; ++i)
            if (pending[i] > 0)
                cycle += (cycle.empty() ? "'" : ", '") + net.nodes[i].name + "'";
        throw GraphError((net.sourceFile.empty() ? std::string() : net.sourceFile + ": ")
                         + "the network has a cycle through nodes " + cycle);
    }
    return order;
}

void checkWeights(const Network &net, const Node &n, const std::vector<ParamSpec> &params)
{
    for (const auto &entry : n.weights) {
        const std::string &role = entry.first;
        const WeightTensor &tensor = entry.second;
        auto it = std::find_if(params.begin(), params.end(), [&role](const ParamSpec &p) { return p.role == role; });
        if (it == params.end())
            failAt(net, n, "carries a weight '" + role + "' that this op with these attributes does not have");
        if (tensor.shape != it->shape)
            failAt(net, n,
                   "weight '" + role + "' has shape " + shapeToString(tensor.shape) + ", expected "
                       + shapeToString(it->shape));
        if (!tensor.data.empty() && int64_t(tensor.data.size()) != elementCount(tensor.shape))
            failAt(net, n,
                   "weight '" + role + "' holds " + std::to_string(tensor.data.size()) + " values, its shape needs "
                       + std::to_string(elementCount(tensor.shape)));
    }
}

} // namespace

void analyzeNetwork(Network &net)
{
    std::map<std::string, int> producer;
    checkStructure(net, producer);
    const std::vector<size_t> order = topologicalOrder(net, producer);

    std::vector<Node> sorted;
    sorted.reserve(net.nodes.size());
    for (size_t i : order)
        sorted.push_back(std::move(net.nodes[i]));
    net.nodes = std::move(sorted);

    std::map<std::string, const Shape *> shapes;
    for (const TensorDecl &in : net.inputs)
        shapes[in.name] = &in.shape;
    for (Node &n : net.nodes) {
        const OpSchema &schema = schemaFor(n.op);
        n.inputShapes.clear();
        for (const std::string &t : n.inputs)
            n.inputShapes.push_back(*shapes.at(t));
        try {
            normalizeAttributes(schema, n.attrs);
            n.outputShapes = schema.inferShapes(n, n.inputShapes);
            if (n.outputShapes.size() != n.outputs.size())
                throw GraphError("produces " + std::to_string(n.outputShapes.size()) + " tensors but lists "
                                 + std::to_string(n.outputs.size()) + " outputs");
            for (const Shape &s : n.outputShapes) {
                for (int64_t d : s)
                    if (d < 1 || d > kMaxTensorElements)
                        throw GraphError("output shape " + shapeToString(s) + " has an invalid extent");
                elementCount(s);
            }
            const std::vector<ParamSpec> params =
                schema.params ? schema.params(n, n.inputShapes) : std::vector<ParamSpec>{};
            for (const ParamSpec &p : params)
                elementCount(p.shape);
            if (schema.macs) // overflow is found here, with the node named, not later
                schema.macs(n, n.inputShapes, n.outputShapes);
            checkWeights(net, n, params);
        } catch (const GraphError &e) {
            const std::string msg = e.what();
            // Errors raised by checkWeights are already complete.
            if (msg.rfind(net.locate(n) + describeNode(n.name, std::string(opTypeName(n.op))), 0) == 0)
                throw;
            failAt(net, n, msg);
        }
        for (size_t i = 0; i < n.outputs.size(); ++i)
            shapes[n.outputs[i]] = &n.outputShapes[i];
    }
}

bool sameNetwork(const Network &a, const Network &b, std::string *diff)
{
    auto differ = [diff](const std::string &what) {
        if (diff)
            *diff = what;
        return false;
    };
    if (a.inputs != b.inputs)
        return differ("inputs differ");
    if (a.outputs != b.outputs)
        return differ("outputs differ");
    if (a.nodes.size() != b.nodes.size())
        return differ("node counts differ: " + std::to_string(a.nodes.size()) + " vs "
                      + std::to_string(b.nodes.size()));
    std::map<std::string, const Node *> byName;
    for (const Node &n : b.nodes)
        byName[n.name] = &n;
    for (const Node &n : a.nodes) {
        auto it = byName.find(n.name);
        if (it == byName.end())
            return differ("node '" + n.name + "' is missing");
        const Node &m = *it->second;
        if (n.op != m.op)
            return differ("node '" + n.name + "' has another op");
        if (n.inputs != m.inputs || n.outputs != m.outputs)
            return differ("node '" + n.name + "' is connected differently");
        if (!(n.attrs == m.attrs))
            return differ("node '" + n.name + "' has other attributes");
        if (n.weights != m.weights)
            return differ("node '" + n.name + "' has other weights");
        if (n.outputShapes != m.outputShapes)
            return differ("node '" + n.name + "' has other output shapes");
    }
    return true;
}

} // namespace calibra::graph
