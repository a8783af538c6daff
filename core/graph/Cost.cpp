// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cost.h"

#include "OpSchema.h"

namespace calibra::graph {

Cost &Cost::operator+=(const Cost &o)
{
    params = checkedAdd(params, o.params, "total parameters");
    buffers = checkedAdd(buffers, o.buffers, "total buffers");
    macs = checkedAdd(macs, o.macs, "total MACs");
    inputBytes = checkedAdd(inputBytes, o.inputBytes, "total input bytes");
    outputBytes = checkedAdd(outputBytes, o.outputBytes, "total output bytes");
    weightBytes = checkedAdd(weightBytes, o.weightBytes, "total weight bytes");
    return *this;
}

Cost nodeCost(const Node &node, int bytesPerElement)
{
    const OpSchema &schema = schemaFor(node.op);
    Cost c;
    if (schema.params)
        for (const ParamSpec &p : schema.params(node, node.inputShapes))
            (p.trainable ? c.params : c.buffers) += elementCount(p.shape);
    if (schema.macs)
        c.macs = schema.macs(node, node.inputShapes, node.outputShapes);
    for (const Shape &s : node.inputShapes)
        c.inputBytes += elementCount(s) * bytesPerElement;
    for (const Shape &s : node.outputShapes)
        c.outputBytes += elementCount(s) * bytesPerElement;
    c.weightBytes = (c.params + c.buffers) * bytesPerElement;
    return c;
}

NetworkCost networkCost(const Network &network, int bytesPerElement)
{
    NetworkCost result;
    result.perNode.reserve(network.nodes.size());
    for (const Node &n : network.nodes) {
        result.perNode.push_back(nodeCost(n, bytesPerElement));
        result.total += result.perNode.back();
        for (const auto &[role, w] : n.weights)
            result.storedWeightValues += int64_t(w.data.size());
    }
    return result;
}

} // namespace calibra::graph
