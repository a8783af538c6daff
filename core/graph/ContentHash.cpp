// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContentHash.h"

#include <QCryptographicHash>

#include <map>

namespace calibra::graph {

QByteArray networkContentHash(const Network &net)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    auto add = [&h](const std::string &s) {
        h.addData(QByteArrayView(s.data(), qsizetype(s.size())));
        h.addData(QByteArrayView("\0", 1));
    };
    // Tensors are referred to by (producer, output slot); network inputs by position.
    std::map<std::string, std::string> ref;
    for (size_t i = 0; i < net.inputs.size(); ++i) {
        ref[net.inputs[i].name] = "in" + std::to_string(i);
        add("input " + shapeToString(net.inputs[i].shape));
    }
    for (size_t i = 0; i < net.nodes.size(); ++i) {
        const Node &n = net.nodes[i];
        add(std::string(opTypeName(n.op)));
        for (const std::string &t : n.inputs)
            add(ref.count(t) ? ref[t] : "?" + t);
        for (const auto &[key, value] : n.attrs.values())
            add(key + "=" + attrValueToString(value));
        for (size_t o = 0; o < n.outputs.size(); ++o) {
            ref[n.outputs[o]] = std::to_string(i) + ":" + std::to_string(o);
            if (o < n.outputShapes.size())
                add(shapeToString(n.outputShapes[o]));
        }
    }
    for (const std::string &t : net.outputs)
        add("output " + (ref.count(t) ? ref[t] : t));
    return h.result().toHex();
}

} // namespace calibra::graph
