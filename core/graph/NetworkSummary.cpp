// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkSummary.h"

#include <QJsonArray>

#include <cstdio>

namespace calibra::graph {

namespace {

QJsonArray shapeJson(const Shape &s)
{
    QJsonArray a;
    for (int64_t d : s)
        a.append(qint64(d));
    return a;
}

QJsonValue attrJson(const AttrValue &v)
{
    return std::visit(
        [](const auto &x) -> QJsonValue {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, int64_t>)
                return qint64(x);
            else if constexpr (std::is_same_v<T, std::string>)
                return QString::fromStdString(x);
            else if constexpr (std::is_same_v<T, std::vector<int64_t>>)
                return shapeJson(x);
            else if constexpr (std::is_same_v<T, std::vector<double>>) {
                QJsonArray a;
                for (double d : x)
                    a.append(d);
                return a;
            } else
                return x;
        },
        v);
}

QJsonArray names(const std::vector<std::string> &v)
{
    QJsonArray a;
    for (const auto &s : v)
        a.append(QString::fromStdString(s));
    return a;
}

QJsonObject costJson(const Cost &c)
{
    return {{"params", qint64(c.params)},
            {"buffers", qint64(c.buffers)},
            {"macs", qint64(c.macs)},
            {"input_bytes", qint64(c.inputBytes)},
            {"output_bytes", qint64(c.outputBytes)},
            {"weight_bytes", qint64(c.weightBytes)}};
}

} // namespace

std::string humanCount(int64_t v)
{
    char buf[32];
    if (v >= 1'000'000'000)
        std::snprintf(buf, sizeof buf, "%.2f G", double(v) / 1e9);
    else if (v >= 1'000'000)
        std::snprintf(buf, sizeof buf, "%.2f M", double(v) / 1e6);
    else if (v >= 10'000)
        std::snprintf(buf, sizeof buf, "%.1f k", double(v) / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    return buf;
}

QJsonObject networkSummaryJson(const Network &net, const NetworkCost &cost)
{
    QJsonArray inputs;
    for (const TensorDecl &in : net.inputs)
        inputs.append(QJsonObject{{"name", QString::fromStdString(in.name)}, {"shape", shapeJson(in.shape)}});
    QJsonArray layers;
    for (size_t i = 0; i < net.nodes.size(); ++i) {
        const Node &n = net.nodes[i];
        QJsonObject attrs;
        for (const auto &[k, v] : n.attrs.values())
            attrs[QString::fromStdString(k)] = attrJson(v);
        QJsonArray outShapes;
        for (const Shape &s : n.outputShapes)
            outShapes.append(shapeJson(s));
        QJsonObject layer = costJson(cost.perNode[i]);
        layer["name"] = QString::fromStdString(n.name);
        layer["op"] = QString::fromStdString(std::string(opTypeName(n.op)));
        layer["inputs"] = names(n.inputs);
        layer["outputs"] = names(n.outputs);
        layer["output_shapes"] = outShapes;
        layer["attributes"] = attrs;
        layers.append(layer);
    }
    QJsonObject totals = costJson(cost.total);
    totals["nodes"] = qint64(net.nodes.size());
    totals["stored_weight_values"] = qint64(cost.storedWeightValues);
    return {{"name", QString::fromStdString(net.name)},
            {"inputs", inputs},
            {"outputs", names(net.outputs)},
            {"layers", layers},
            {"totals", totals}};
}

std::string networkSummaryTable(const Network &net, const NetworkCost &cost)
{
    std::string out;
    char line[512];
    std::snprintf(line, sizeof line, "%-40s %-18s %-22s %12s %14s %12s\n", "layer", "op", "output shape", "params",
                  "MACs", "out bytes");
    out += line;
    for (size_t i = 0; i < net.nodes.size(); ++i) {
        const Node &n = net.nodes[i];
        const Cost &c = cost.perNode[i];
        std::string name = n.name.size() > 40 ? "..." + n.name.substr(n.name.size() - 37) : n.name;
        std::snprintf(line, sizeof line, "%-40s %-18s %-22s %12lld %14lld %12lld\n", name.c_str(),
                      std::string(opTypeName(n.op)).c_str(),
                      n.outputShapes.empty() ? "" : shapeToString(n.outputShapes[0]).c_str(),
                      static_cast<long long>(c.params), static_cast<long long>(c.macs),
                      static_cast<long long>(c.outputBytes));
        out += line;
    }
    const Cost &t = cost.total;
    std::snprintf(
        line, sizeof line,
        "\n%s: %zu nodes, %lld parameters (%s), %lld MACs (%s), %s weight bytes, %s activation bytes written\n",
        net.name.empty() ? "network" : net.name.c_str(), net.nodes.size(), static_cast<long long>(t.params),
        humanCount(t.params).c_str(), static_cast<long long>(t.macs), humanCount(t.macs).c_str(),
        humanCount(t.weightBytes).c_str(), humanCount(t.outputBytes).c_str());
    out += line;
    return out;
}

} // namespace calibra::graph
