// SPDX-License-Identifier: GPL-3.0-or-later
#include "YamlFormat.h"

#include "GraphError.h"
#include "OpSchema.h"
#include "base/ShortestNumber.h"
#include "base/StrictYaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <set>

namespace calibra::graph {

namespace {

class Reader
{
public:
    explicit Reader(std::string source) : m_source(std::move(source)) {}

    [[noreturn]] void fail(const YAML::Node &at, const std::string &what) const
    {
        const YAML::Mark m = at.Mark();
        if (m.is_null())
            throw GraphError(m_source + ": " + what);
        throw GraphError(m_source + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1) + ": "
                         + what);
    }

    YAML::Node require(const YAML::Node &map, const char *key, YAML::NodeType::value type) const
    {
        const YAML::Node v = map[key];
        if (!v)
            fail(map, std::string("missing '") + key + "'");
        if (v.Type() != type)
            fail(v, std::string("'") + key + "' must be a "
                        + (type == YAML::NodeType::Sequence ? "list"
                           : type == YAML::NodeType::Map    ? "mapping"
                                                            : "scalar"));
        return v;
    }

    std::string scalar(const YAML::Node &v, const char *what) const
    {
        if (!v.IsScalar())
            fail(v, std::string(what) + " must be a scalar");
        return v.Scalar();
    }

    std::vector<std::string> names(const YAML::Node &v, const char *what) const
    {
        if (!v.IsSequence())
            fail(v, std::string(what) + " must be a list of tensor names");
        std::vector<std::string> out;
        for (const YAML::Node &e : v)
            out.push_back(scalar(e, what));
        return out;
    }

    int64_t integer(const YAML::Node &v, const char *what) const
    {
        const std::string s = scalar(v, what);
        int64_t x = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
        if (ec != std::errc() || p != s.data() + s.size())
            fail(v, std::string(what) + " must be an integer, got '" + s + "'");
        return x;
    }

    Shape shape(const YAML::Node &v, const char *what) const
    {
        if (!v.IsSequence())
            fail(v, std::string(what) + " must be a list of integers");
        Shape s;
        for (const YAML::Node &e : v)
            s.push_back(integer(e, what));
        return s;
    }

    AttrValue attribute(const YAML::Node &v, const std::string &key) const
    {
        if (v.IsScalar())
            return scalarValue(v);
        if (!v.IsSequence())
            fail(v, "attribute '" + key + "' must be a scalar or a list");
        std::vector<int64_t> ints;
        std::vector<double> floats;
        bool allInts = true;
        for (const YAML::Node &e : v) {
            const AttrValue x = e.IsScalar() ? scalarValue(e) : AttrValue(std::string());
            if (auto *i = std::get_if<int64_t>(&x)) {
                ints.push_back(*i);
                floats.push_back(double(*i));
            } else if (auto *d = std::get_if<double>(&x)) {
                allInts = false;
                floats.push_back(*d);
            } else {
                fail(e, "attribute '" + key + "' must list numbers");
            }
        }
        if (allInts)
            return ints;
        return floats;
    }

    WeightTensor weight(const YAML::Node &v, const std::string &role) const
    {
        if (!v.IsMap())
            fail(v, "weight '" + role + "' must be a mapping with 'shape' and optional 'data'");
        WeightTensor w;
        w.shape = shape(require(v, "shape", YAML::NodeType::Sequence), "weight shape");
        if (const YAML::Node d = v["data"]) {
            YAML::Binary bin;
            try {
                bin = d.as<YAML::Binary>();
            } catch (const YAML::Exception &) {
                fail(d, "weight '" + role + "' data must be !!binary float32");
            }
            if (bin.size() % 4 != 0)
                fail(d, "weight '" + role + "' data is not a whole number of float32 values");
            w.data.resize(bin.size() / 4);
            std::memcpy(w.data.data(), bin.data(), bin.size()); // little-endian hosts only (x86-64, arm64)
        }
        return w;
    }

private:
    static AttrValue scalarValue(const YAML::Node &v)
    {
        const std::string &s = v.Scalar();
        if (v.Tag() == "!") // quoted: always a string
            return s;
        int64_t i = 0;
        if (auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
            ec == std::errc() && p == s.data() + s.size())
            return i;
        if (s == "true" || s == "false")
            return s == "true";
        double d = 0;
        if (auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
            ec == std::errc() && p == s.data() + s.size())
            return d;
        return s;
    }

    std::string m_source;
};

const std::set<std::string> kNodeKeys = {"name", "op", "inputs", "outputs", "weights"};
const std::set<std::string> kTopKeys = {"format", "version", "name", "batch", "inputs", "outputs", "nodes"};

Node readNode(const Reader &r, const YAML::Node &y)
{
    if (!y.IsMap())
        r.fail(y, "each node must be a mapping with at least 'name' and 'op'");
    Node n;
    n.sourceLine = int(y.Mark().line) + 1;
    n.name = r.scalar(r.require(y, "name", YAML::NodeType::Scalar), "'name'");
    const YAML::Node opNode = r.require(y, "op", YAML::NodeType::Scalar);
    const std::string opName = opNode.Scalar();
    const auto op = opTypeFromName(opName);
    if (!op)
        r.fail(opNode, "node '" + n.name + "': unknown op '" + opName + "' (docs/formats.md lists the ops)");
    n.op = *op;
    if (const YAML::Node in = y["inputs"])
        n.inputs = r.names(in, "'inputs'");
    if (const YAML::Node out = y["outputs"])
        n.outputs = r.names(out, "'outputs'");
    else
        n.outputs = {n.name};
    if (const YAML::Node w = y["weights"]) {
        if (!w.IsMap())
            r.fail(w, "'weights' must map roles to tensors");
        for (auto it = w.begin(); it != w.end(); ++it)
            n.weights[it->first.Scalar()] = r.weight(it->second, it->first.Scalar());
    }
    for (auto it = y.begin(); it != y.end(); ++it) {
        const std::string key = r.scalar(it->first, "a key");
        if (!kNodeKeys.count(key))
            n.attrs.set(key, r.attribute(it->second, key));
    }
    if (opName == "PixelShuffle" && !n.attrs.has("mode"))
        n.attrs.set("mode", std::string("CRD"));
    return n;
}

} // namespace

Network parseNetworkYaml(const std::string &text, const std::string &sourceName)
{
    Reader r(sourceName);
    YAML::Node root;
    try {
        root = base::loadStrictYaml(text);
    } catch (const YAML::Exception &e) {
        throw GraphError(sourceName + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1)
                         + ": invalid YAML: " + e.msg);
    } catch (const base::StrictYamlError &e) {
        throw GraphError(sourceName + ":" + std::to_string(e.line()) + ": " + e.what());
    }
    if (!root.IsMap())
        throw GraphError(sourceName
                         + ": not a Calibra network (expected a YAML mapping with 'format: calibra-network')");
    try {
        const YAML::Node format = root["format"];
        if (!format || !format.IsScalar() || format.Scalar() != "calibra-network")
            r.fail(format ? format : root, "not a Calibra network: 'format' must be 'calibra-network'");
        const YAML::Node version = r.require(root, "version", YAML::NodeType::Scalar);
        const int64_t v = r.integer(version, "'version'");
        if (v < 1 || v > kNetworkFormatVersion)
            r.fail(version, "format version " + std::to_string(v) + " is not supported (this Calibra reads version "
                                + std::to_string(kNetworkFormatVersion) + ")");
        for (auto it = root.begin(); it != root.end(); ++it)
            if (!kTopKeys.count(r.scalar(it->first, "a key")))
                r.fail(it->first, "unknown key '" + it->first.Scalar() + "'");

        Network net;
        net.sourceFile = sourceName;
        if (const YAML::Node name = root["name"])
            net.name = r.scalar(name, "'name'");
        if (const YAML::Node batch = root["batch"])
            net.batchSymbol = r.scalar(batch, "'batch'");
        for (const YAML::Node &in : r.require(root, "inputs", YAML::NodeType::Sequence)) {
            if (!in.IsMap())
                r.fail(in, "each input must be a mapping with 'name' and 'shape'");
            net.inputs.push_back({r.scalar(r.require(in, "name", YAML::NodeType::Scalar), "'name'"),
                                  r.shape(r.require(in, "shape", YAML::NodeType::Sequence), "input shape")});
        }
        net.outputs = r.names(r.require(root, "outputs", YAML::NodeType::Sequence), "'outputs'");
        for (const YAML::Node &y : r.require(root, "nodes", YAML::NodeType::Sequence))
            net.nodes.push_back(readNode(r, y));
        analyzeNetwork(net);
        return net;
    } catch (const YAML::Exception &e) {
        // Conversion errors inside yaml-cpp (for example a scalar read from a map).
        throw GraphError(sourceName + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
}

namespace {

void emitAttribute(YAML::Emitter &out, const AttrValue &value)
{
    auto number = [&out](double d) {
        std::string s = base::shortestText(d);
        if (s.find_first_of(".eEn") == std::string::npos) // keep floats recognizable as floats
            s += ".0";
        out << s;
    };
    std::visit(
        [&](const auto &v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, double>)
                number(v);
            else if constexpr (std::is_same_v<T, std::string>)
                out << YAML::DoubleQuoted << v;
            else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
                out << YAML::Flow << YAML::BeginSeq;
                for (int64_t x : v)
                    out << x;
                out << YAML::EndSeq;
            } else if constexpr (std::is_same_v<T, std::vector<double>>) {
                out << YAML::Flow << YAML::BeginSeq;
                for (double x : v)
                    number(x);
                out << YAML::EndSeq;
            } else
                out << v;
        },
        value);
}

} // namespace

std::string networkToYaml(const Network &net)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "format" << YAML::Value << "calibra-network";
    out << YAML::Key << "version" << YAML::Value << kNetworkFormatVersion;
    out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << net.name;
    if (!net.batchSymbol.empty()) // an ONNX file's symbolic batch, for an export later
        out << YAML::Key << "batch" << YAML::Value << YAML::DoubleQuoted << net.batchSymbol;
    out << YAML::Key << "inputs" << YAML::Value << YAML::BeginSeq;
    for (const TensorDecl &in : net.inputs) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << in.name;
        out << YAML::Key << "shape" << YAML::Value << YAML::Flow << in.shape << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "outputs" << YAML::Value << YAML::Flow << net.outputs;
    out << YAML::Key << "nodes" << YAML::Value << YAML::BeginSeq;
    for (const Node &n : net.nodes) {
        const OpSchema &schema = schemaFor(n.op);
        out << YAML::Flow << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value << n.name;
        out << YAML::Key << "op" << YAML::Value << std::string(opTypeName(n.op));
        if (!n.inputs.empty())
            out << YAML::Key << "inputs" << YAML::Value << YAML::Flow << n.inputs;
        if (n.outputs != std::vector<std::string>{n.name})
            out << YAML::Key << "outputs" << YAML::Value << YAML::Flow << n.outputs;
        for (const AttrSpec &spec : schema.attrs) {
            if (!n.attrs.has(spec.name))
                continue;
            const AttrValue &v = n.attrs.values().at(spec.name);
            if (spec.defaultValue && *spec.defaultValue == v)
                continue;
            out << YAML::Key << spec.name << YAML::Value;
            emitAttribute(out, v);
        }
        if (!n.weights.empty()) {
            out << YAML::Key << "weights" << YAML::Value << YAML::BeginMap;
            for (const auto &[role, w] : n.weights) {
                out << YAML::Key << role << YAML::Value << YAML::BeginMap;
                out << YAML::Key << "shape" << YAML::Value << YAML::Flow << w.shape;
                if (!w.data.empty())
                    out << YAML::Key << "data" << YAML::Value
                        << YAML::Binary(reinterpret_cast<const unsigned char *>(w.data.data()), w.data.size() * 4);
                out << YAML::EndMap;
            }
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace calibra::graph
