// SPDX-License-Identifier: GPL-3.0-or-later
#include "OnnxPatterns.h"

#include "OnnxAttributes.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <optional>
#include <set>

namespace calibra::graph {

namespace {

class PatternFuser
{
public:
    PatternFuser(const onnx::GraphProto &g, const std::map<std::string, ConstTensor> &initializers)
        : m_nodes(g.node().begin(), g.node().end()), m_initializers(initializers), m_removed(m_nodes.size(), false)
    {
        for (size_t i = 0; i < m_nodes.size(); ++i) {
            for (const std::string &in : m_nodes[i].input())
                m_consumers[in].push_back(i);
            for (const std::string &out : m_nodes[i].output())
                m_producer[out] = i;
            if (m_nodes[i].op_type() == "Constant")
                if (const auto *v = onnxattr::find(m_nodes[i], "value");
                    v && v->has_t() && m_nodes[i].output_size() == 1)
                    m_constantNodes[m_nodes[i].output(0)] = &v->t();
        }
        for (const auto &out : g.output())
            m_graphOutputs.insert(out.name());
    }

    std::vector<onnx::NodeProto> run()
    {
        for (size_t i = 0; i < m_nodes.size(); ++i) {
            if (m_removed[i])
                continue;
            if (m_nodes[i].op_type() == "Div")
                fuseLayerNorm(i);
            else if (m_nodes[i].op_type() == "Erf")
                fuseGelu(i);
            else if (m_nodes[i].op_type() == "Mul")
                fuseGatedActivation(i);
        }
        std::vector<onnx::NodeProto> out;
        out.reserve(m_nodes.size());
        for (size_t i = 0; i < m_nodes.size(); ++i) {
            if (auto it = m_fused.find(i); it != m_fused.end())
                out.push_back(it->second);
            else if (!m_removed[i])
                out.push_back(m_nodes[i]);
        }
        return out;
    }

private:
    const onnx::NodeProto *producer(const std::string &tensor, const char *op) const
    {
        auto it = m_producer.find(tensor);
        if (it == m_producer.end() || m_removed[it->second] || m_nodes[it->second].op_type() != op)
            return nullptr;
        return &m_nodes[it->second];
    }
    size_t indexOf(const onnx::NodeProto *n) const { return size_t(n - m_nodes.data()); }

    // The one consumer of `tensor`, when it is an `op` node and the tensor is not also a
    // graph output.
    const onnx::NodeProto *soleConsumer(const std::string &tensor, const char *op) const
    {
        auto it = m_consumers.find(tensor);
        if (m_graphOutputs.count(tensor) || it == m_consumers.end() || it->second.size() != 1)
            return nullptr;
        const onnx::NodeProto &n = m_nodes[it->second[0]];
        return n.op_type() == op && !m_removed[it->second[0]] ? &n : nullptr;
    }
    size_t consumerCount(const std::string &tensor) const
    {
        auto it = m_consumers.find(tensor);
        return m_graphOutputs.count(tensor) ? 1000 : it == m_consumers.end() ? 0 : it->second.size();
    }

    // An initializer, or an Identity of one (the exporter shares equal tensors that way:
    // every freshly initialised LayerNorm has the same scale).
    bool isStored(std::string tensor) const
    {
        for (int hops = 0; hops < 16; ++hops) {
            if (m_initializers.count(tensor))
                return true;
            const onnx::NodeProto *alias = producer(tensor, "Identity");
            if (!alias || alias->input_size() != 1)
                return false;
            tensor = alias->input(0);
        }
        return false;
    }

    std::optional<double> scalar(const std::string &tensor) const
    {
        if (auto it = m_initializers.find(tensor); it != m_initializers.end())
            return it->second.values.size() == 1 ? std::optional<double>(it->second.values[0]) : std::nullopt;
        if (auto it = m_constantNodes.find(tensor); it != m_constantNodes.end()) {
            try {
                const ConstTensor c = readConstTensor(*it->second, tensor);
                if (c.values.size() == 1)
                    return c.values[0];
            } catch (const std::exception &) {
            }
        }
        return std::nullopt;
    }
    static bool near(std::optional<double> v, double target)
    {
        return v && std::abs(*v - target) <= 1e-4 * std::abs(target);
    }

    // For a binary node with `known` as one input: the other input (empty if neither is).
    static std::string otherInput(const onnx::NodeProto &n, const std::string &known)
    {
        if (n.input_size() != 2)
            return {};
        return n.input(0) == known ? n.input(1) : n.input(1) == known ? n.input(0) : std::string();
    }

    // The module path of an exporter's node name ("/features/features.0/features.0.1/Sub"
    // names the LayerNorm "/features/features.0/features.0.1"), or `fallback`.
    static std::string modulePath(const std::string &name, const std::string &fallback)
    {
        const size_t slash = name.rfind('/');
        return slash != std::string::npos && slash > 0 ? name.substr(0, slash) : fallback;
    }

    static bool lastAxisOnly(const onnx::NodeProto &mean)
    {
        return onnxattr::getInts(mean, "axes") == std::vector<int64_t>{-1} && onnxattr::getInt(mean, "keepdims", 1) == 1
               && mean.input_size() == 1;
    }

    void replace(const std::vector<const onnx::NodeProto *> &chain, onnx::NodeProto fused)
    {
        size_t last = 0;
        for (const onnx::NodeProto *n : chain) {
            m_removed[indexOf(n)] = true;
            last = std::max(last, indexOf(n));
        }
        m_fused[last] = std::move(fused);
    }

    // n = (x - mean(x)) / sqrt(mean((x - mean(x))^2) + eps); y = n * scale + bias.
    void fuseLayerNorm(size_t divIndex)
    {
        const onnx::NodeProto &div = m_nodes[divIndex];
        if (div.input_size() != 2)
            return;
        const onnx::NodeProto *sub = producer(div.input(0), "Sub");
        const onnx::NodeProto *sqrt = producer(div.input(1), "Sqrt");
        if (!sub || !sqrt || sub->input_size() != 2 || consumerCount(div.input(0)) != 2
            || consumerCount(div.input(1)) != 1)
            return;
        const std::string x = sub->input(0), d = sub->output(0);
        const onnx::NodeProto *mean1 = producer(sub->input(1), "ReduceMean");
        const onnx::NodeProto *addEps = producer(sqrt->input(0), "Add");
        if (!mean1 || mean1->input(0) != x || !lastAxisOnly(*mean1) || consumerCount(sub->input(1)) != 1 || !addEps
            || consumerCount(sqrt->input(0)) != 1 || addEps->input_size() != 2)
            return;
        const bool epsFirst = scalar(addEps->input(0)).has_value();
        const std::optional<double> eps = scalar(addEps->input(epsFirst ? 0 : 1));
        const onnx::NodeProto *mean2 = producer(addEps->input(epsFirst ? 1 : 0), "ReduceMean");
        if (!eps || !mean2 || !lastAxisOnly(*mean2) || consumerCount(mean2->output(0)) != 1)
            return;
        const onnx::NodeProto *pow = producer(mean2->input(0), "Pow");
        if (!pow || pow->input_size() != 2 || pow->input(0) != d || !near(scalar(pow->input(1)), 2.0)
            || consumerCount(pow->output(0)) != 1)
            return;
        const onnx::NodeProto *scale = soleConsumer(div.output(0), "Mul");
        const std::string gamma = scale ? otherInput(*scale, div.output(0)) : std::string();
        const onnx::NodeProto *shift = scale ? soleConsumer(scale->output(0), "Add") : nullptr;
        const std::string beta = shift ? otherInput(*shift, scale->output(0)) : std::string();
        if (!isStored(gamma) || !isStored(beta))
            return;
        onnx::NodeProto fused;
        fused.set_op_type("LayerNormalization");
        fused.set_name(modulePath(sub->name(), sub->name() + "/layer_norm"));
        fused.add_input(x);
        fused.add_input(gamma);
        fused.add_input(beta);
        fused.add_output(shift->output(0));
        auto *axis = fused.add_attribute();
        axis->set_name("axis");
        axis->set_type(onnx::AttributeProto::INT);
        axis->set_i(-1);
        auto *epsilon = fused.add_attribute();
        epsilon->set_name("epsilon");
        epsilon->set_type(onnx::AttributeProto::FLOAT);
        epsilon->set_f(float(*eps));
        replace({mean1, sub, pow, mean2, addEps, sqrt, &div, scale, shift}, std::move(fused));
    }

    // y = x * 0.5 * (1 + erf(x / sqrt(2))), in either order of the two products.
    void fuseGelu(size_t erfIndex)
    {
        const onnx::NodeProto &erf = m_nodes[erfIndex];
        if (erf.input_size() != 1 || consumerCount(erf.input(0)) != 1)
            return;
        std::string x;
        const onnx::NodeProto *scaled = producer(erf.input(0), "Div");
        if (scaled && scaled->input_size() == 2 && near(scalar(scaled->input(1)), std::sqrt(2.0))) {
            x = scaled->input(0);
        } else {
            scaled = producer(erf.input(0), "Mul");
            if (!scaled || scaled->input_size() != 2)
                return;
            const bool constFirst = near(scalar(scaled->input(0)), std::sqrt(0.5));
            if (!constFirst && !near(scalar(scaled->input(1)), std::sqrt(0.5)))
                return;
            x = scaled->input(constFirst ? 1 : 0);
        }
        const onnx::NodeProto *addOne = soleConsumer(erf.output(0), "Add");
        if (!addOne || !near(scalar(otherInput(*addOne, erf.output(0))), 1.0))
            return;
        const onnx::NodeProto *product = soleConsumer(addOne->output(0), "Mul");
        if (!product)
            return;
        const std::string factor = otherInput(*product, addOne->output(0));
        std::vector<const onnx::NodeProto *> chain{scaled, &erf, addOne, product};
        const onnx::NodeProto *last = product;
        if (factor == x) { // (x * (1 + erf)) * 0.5
            last = soleConsumer(product->output(0), "Mul");
            if (!last || !near(scalar(otherInput(*last, product->output(0))), 0.5))
                return;
            chain.push_back(last);
        } else { // (x * 0.5) * (1 + erf)
            const onnx::NodeProto *half = producer(factor, "Mul");
            if (!half || consumerCount(factor) != 1 || !near(scalar(otherInput(*half, x)), 0.5))
                return;
            chain.push_back(half);
        }
        onnx::NodeProto fused;
        fused.set_op_type("Gelu");
        fused.set_name(modulePath(erf.name(), erf.name() + "/gelu"));
        fused.add_input(x);
        fused.add_output(last->output(0));
        replace(chain, std::move(fused));
    }

    // x * Sigmoid(x) is SiLU, x * HardSigmoid(x) with HardSwish's slope and offset is
    // HardSwish, the gate as either operand: torch and Calibra's export write SiLU so (ONNX
    // has no SiLU), and torch writes HardSwish so before opset 14. Left as two nodes, each
    // would cost a pass over the tensor and hide the layer from the supernet.
    void fuseGatedActivation(size_t mulIndex)
    {
        const onnx::NodeProto &mul = m_nodes[mulIndex];
        if (mul.input_size() != 2 || mul.output_size() != 1)
            return;
        for (int gateInput : {1, 0}) {
            const std::string &x = mul.input(1 - gateInput), &gate = mul.input(gateInput);
            const onnx::NodeProto *sigmoid = producer(gate, "Sigmoid");
            const onnx::NodeProto *hard = sigmoid ? nullptr : producer(gate, "HardSigmoid");
            const onnx::NodeProto *act = sigmoid ? sigmoid : hard;
            if (!act || act->input_size() != 1 || act->input(0) != x || consumerCount(gate) != 1
                || (hard && !isHardSwishGate(*hard)))
                continue;
            onnx::NodeProto fused;
            if (sigmoid)
                fused.set_domain(kFusedOpDomain);
            fused.set_op_type(sigmoid ? "SiLU" : "HardSwish");
            fused.set_name(fusedName(mul, fused.op_type()));
            fused.add_input(x);
            fused.add_output(mul.output(0));
            replace({act, &mul}, std::move(fused));
            return;
        }
    }

    // ONNX's HardSigmoid defaults (alpha 0.2) are not HardSwish's gate, relu6(x + 3) / 6.
    static bool isHardSwishGate(const onnx::NodeProto &n)
    {
        return near(onnxattr::getFloat(n, "alpha", 0.2), 1.0 / 6.0) && near(onnxattr::getFloat(n, "beta", 0.5), 0.5);
    }

    // torch names a node "<module>/<op type>": the fused op takes the name torch gives the
    // op itself ("/features.0.2/Mul" becomes "/features.0.2/HardSwish", as opset 17
    // writes it). Other names are kept: Calibra's export names the Mul after the SiLU node.
    static std::string fusedName(const onnx::NodeProto &last, const std::string &fusedOp)
    {
        const std::string &name = last.name();
        const std::string suffix = "/" + last.op_type();
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return name.substr(0, name.size() - suffix.size()) + "/" + fusedOp;
        return name;
    }

    std::vector<onnx::NodeProto> m_nodes;
    const std::map<std::string, ConstTensor> &m_initializers;
    std::vector<bool> m_removed;
    std::map<size_t, onnx::NodeProto> m_fused;
    std::map<std::string, std::vector<size_t>> m_consumers;
    std::map<std::string, size_t> m_producer;
    std::map<std::string, const onnx::TensorProto *> m_constantNodes;
    std::set<std::string> m_graphOutputs;
};

} // namespace

std::vector<onnx::NodeProto> fuseExporterPatterns(const onnx::GraphProto &graph,
                                                  const std::map<std::string, ConstTensor> &initializers)
{
    return PatternFuser(graph, initializers).run();
}

void fuseChannelShuffles(Network &net, const std::map<std::string, Shape> &shapes)
{
    std::map<std::string, size_t> uses, producer;
    for (size_t i = 0; i < net.nodes.size(); ++i) {
        for (const std::string &in : net.nodes[i].inputs)
            ++uses[in];
        for (const std::string &out : net.nodes[i].outputs)
            producer[out] = i;
    }
    for (const std::string &out : net.outputs)
        uses[out] += 2; // a graph output is never an intermediate
    auto soleProducer = [&](const std::string &tensor, OpType op) -> Node * {
        auto it = producer.find(tensor);
        if (it == producer.end() || uses[tensor] != 1 || net.nodes[it->second].op != op)
            return nullptr;
        return &net.nodes[it->second];
    };
    auto shapeOf = [&](const std::string &tensor) {
        auto it = shapes.find(tensor);
        return it == shapes.end() ? Shape{} : it->second;
    };
    std::set<const Node *> removed;
    for (Node &back : net.nodes) {
        if (back.op != OpType::Reshape || back.inputs.size() != 1)
            continue;
        Node *swap = soleProducer(back.inputs[0], OpType::Transpose);
        if (!swap || swap->attrs.getInts("perm") != std::vector<int64_t>{0, 2, 1, 3, 4})
            continue;
        Node *split = soleProducer(swap->inputs.at(0), OpType::Reshape);
        if (!split)
            continue;
        const Shape x = shapeOf(split->inputs.at(0)), grouped = shapeOf(split->outputs.at(0));
        if (x.size() != 4 || grouped.size() != 5 || shapeOf(back.outputs.at(0)) != x || grouped[0] != x[0]
            || grouped[1] * grouped[2] != x[1] || grouped[3] != x[2] || grouped[4] != x[3])
            continue;
        back.op = OpType::ChannelShuffle;
        back.inputs = {split->inputs[0]};
        back.attrs = Attributes();
        back.attrs.set("groups", grouped[1]);
        removed.insert(split);
        removed.insert(swap);
    }
    if (removed.empty())
        return;
    std::vector<Node> kept;
    kept.reserve(net.nodes.size() - removed.size());
    for (Node &n : net.nodes)
        if (!removed.count(&n))
            kept.push_back(std::move(n));
    net.nodes = std::move(kept);
}

} // namespace calibra::graph
