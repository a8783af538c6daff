// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkWire.h"

#include "graph/GraphError.h"

#include <variant>

namespace calibra::board {

namespace {

template <class... F> struct Overloaded : F...
{
    using F::operator()...;
};
template <class... F> Overloaded(F...) -> Overloaded<F...>;

} // namespace

void toWire(const graph::Network &network, v1::Network &out)
{
    out.set_name(network.name);
    for (const graph::TensorDecl &in : network.inputs) {
        v1::TensorDecl *t = out.add_inputs();
        t->set_name(in.name);
        t->mutable_shape()->Add(in.shape.begin(), in.shape.end());
    }
    for (const std::string &o : network.outputs)
        out.add_outputs(o);
    for (const graph::Node &n : network.nodes) {
        v1::Node *m = out.add_nodes();
        m->set_name(n.name);
        m->set_op(std::string(graph::opTypeName(n.op)));
        m->mutable_inputs()->Add(n.inputs.begin(), n.inputs.end());
        m->mutable_outputs()->Add(n.outputs.begin(), n.outputs.end());
        for (const auto &[name, value] : n.attrs.values()) {
            v1::Attribute *a = m->add_attributes();
            a->set_name(name);
            std::visit(
                Overloaded{
                    [&](int64_t v) { a->set_i(v); }, [&](bool v) { a->set_b(v); }, [&](double v) { a->set_f(v); },
                    [&](const std::string &v) { a->set_s(v); },
                    [&](const std::vector<int64_t> &v) { a->mutable_ints()->mutable_v()->Add(v.begin(), v.end()); },
                    [&](const std::vector<double> &v) { a->mutable_floats()->mutable_v()->Add(v.begin(), v.end()); }},
                value);
        }
    }
}

graph::Network fromWire(const v1::Network &message, const std::string &source)
{
    graph::Network net;
    net.name = message.name();
    net.sourceFile = source;
    for (const v1::TensorDecl &in : message.inputs())
        net.inputs.push_back({in.name(), graph::Shape(in.shape().begin(), in.shape().end())});
    net.outputs.assign(message.outputs().begin(), message.outputs().end());
    for (const v1::Node &m : message.nodes()) {
        graph::Node n;
        n.name = m.name();
        const auto op = graph::opTypeFromName(m.op());
        if (!op)
            throw graph::GraphError(source + ": node '" + n.name + "': unknown op '" + m.op() + "'");
        n.op = *op;
        n.inputs.assign(m.inputs().begin(), m.inputs().end());
        n.outputs.assign(m.outputs().begin(), m.outputs().end());
        for (const v1::Attribute &a : m.attributes()) {
            switch (a.value_case()) {
            case v1::Attribute::kI: n.attrs.set(a.name(), a.i()); break;
            case v1::Attribute::kB: n.attrs.set(a.name(), a.b()); break;
            case v1::Attribute::kF: n.attrs.set(a.name(), a.f()); break;
            case v1::Attribute::kS: n.attrs.set(a.name(), a.s()); break;
            case v1::Attribute::kInts:
                n.attrs.set(a.name(), std::vector<int64_t>(a.ints().v().begin(), a.ints().v().end()));
                break;
            case v1::Attribute::kFloats:
                n.attrs.set(a.name(), std::vector<double>(a.floats().v().begin(), a.floats().v().end()));
                break;
            case v1::Attribute::VALUE_NOT_SET:
                throw graph::GraphError(source + ": node '" + n.name + "': attribute '" + a.name() + "' has no value");
            }
        }
        net.nodes.push_back(std::move(n));
    }
    try {
        graph::analyzeNetwork(net);
    } catch (const graph::GraphError &e) {
        const std::string what = e.what();
        throw graph::GraphError(what.rfind(source, 0) == 0 ? what : source + ": " + what);
    }
    return net;
}

} // namespace calibra::board
