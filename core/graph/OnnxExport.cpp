// SPDX-License-Identifier: GPL-3.0-or-later
// IR -> ONNX (opset 17). Ops without an ONNX counterpart are written as the standard
// decomposition: ReLU6 as Clip, SiLU as x * Sigmoid(x), ChannelShuffle as
// Reshape-Transpose-Reshape, Attention as MatMul/Softmax, GELU with Erf (ONNX has
// Gelu only from opset 20).
#include "OnnxFormat.h"

#include "BatchAxis.h"

#include "GraphError.h"
#include "OpSchema.h"

#include <onnx/onnx_pb.h>

#include <cmath>

namespace calibra::graph {

namespace {

class Exporter
{
public:
    explicit Exporter(const Network &net) : m_net(net), m_batched(tensorsCarryingBatch(net)) {}

    std::string run()
    {
        onnx::ModelProto model;
        model.set_ir_version(8);
        model.set_producer_name("Calibra");
        auto *opset = model.add_opset_import();
        opset->set_domain("");
        opset->set_version(17);
        m_graph = model.mutable_graph();
        m_graph->set_name(m_net.name.empty() ? "network" : m_net.name);
        // A batch the reference declared symbolic stays so (BatchAxis.h): the model handed
        // back takes any batch, as the one given did.
        for (const TensorDecl &in : m_net.inputs)
            declareBatched(declare(m_graph->add_input(), in.name, in.shape));
        for (const Node &n : m_net.nodes)
            exportNode(n);
        for (const std::string &out : m_net.outputs)
            declareBatched(declare(m_graph->add_output(), out, *m_net.tensorShape(out)));
        if (!m_dataless.empty()) {
            auto *prop = model.add_metadata_props();
            prop->set_key(kWeightsWithoutDataKey);
            prop->set_value(m_dataless);
        }
        std::string bytes;
        if (!model.SerializeToString(&bytes))
            throw GraphError("the network is too large to serialize as ONNX (2 GiB protobuf limit)");
        return bytes;
    }

private:
    static onnx::ValueInfoProto *declare(onnx::ValueInfoProto *vi, const std::string &name, const Shape &shape)
    {
        vi->set_name(name);
        auto *tt = vi->mutable_type()->mutable_tensor_type();
        tt->set_elem_type(onnx::TensorProto::FLOAT);
        for (int64_t d : shape)
            tt->mutable_shape()->add_dim()->set_dim_value(d);
        return vi;
    }

    void declareBatched(onnx::ValueInfoProto *vi) const
    {
        auto *shape = vi->mutable_type()->mutable_tensor_type()->mutable_shape();
        if (m_batched && shape->dim_size() > 0)
            shape->mutable_dim(0)->set_dim_param(m_net.batchSymbol);
    }

    // A shape a Reshape of a batched tensor writes: its batch copied from the input (0).
    std::vector<int64_t> batchFree(std::vector<int64_t> shape, const std::string &input) const
    {
        if (m_batched && m_batched->count(input) && !shape.empty() && shape[0] != -1)
            shape[0] = 0;
        return shape;
    }

    // A stored tensor: an initializer with data, or a graph input with only a shape.
    std::string weight(const std::string &name, const WeightTensor &w)
    {
        if (w.data.empty()) {
            declare(m_graph->add_input(), name, w.shape);
            m_dataless += (m_dataless.empty() ? "" : ",") + name;
            return name;
        }
        auto *t = m_graph->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (int64_t d : w.shape)
            t->add_dims(d);
        t->set_raw_data(std::string(reinterpret_cast<const char *>(w.data.data()), w.data.size() * sizeof(float)));
        return name;
    }

    std::string floats(const std::string &name, const std::vector<float> &values, Shape shape = {})
    {
        return weight(name, {shape.empty() ? Shape{int64_t(values.size())} : shape, values});
    }

    // A non-trainable scalar, as a Constant node (initializers read back as weights).
    std::string constantNode(const std::string &name, float value)
    {
        auto *p = emit("Constant", name, {}, {name});
        auto *a = p->add_attribute();
        a->set_name("value");
        a->set_type(onnx::AttributeProto::TENSOR);
        a->mutable_t()->set_data_type(onnx::TensorProto::FLOAT);
        a->mutable_t()->add_float_data(value);
        return name;
    }

    void constantTensor(const std::string &name, const WeightTensor &w)
    {
        auto *t = emit("Constant", name, {}, {name})->add_attribute();
        t->set_name("value");
        t->set_type(onnx::AttributeProto::TENSOR);
        t->mutable_t()->set_data_type(onnx::TensorProto::FLOAT);
        for (int64_t d : w.shape)
            t->mutable_t()->add_dims(d);
        t->mutable_t()->set_raw_data(
            std::string(reinterpret_cast<const char *>(w.data.data()), w.data.size() * sizeof(float)));
    }

    std::string int64s(const std::string &name, const std::vector<int64_t> &values)
    {
        auto *t = m_graph->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::INT64);
        t->add_dims(int64_t(values.size()));
        for (int64_t v : values)
            t->add_int64_data(v);
        return name;
    }

    onnx::NodeProto *emit(const std::string &type, const std::string &name, std::vector<std::string> inputs,
                          std::vector<std::string> outputs)
    {
        auto *p = m_graph->add_node();
        p->set_op_type(type);
        p->set_name(name);
        for (const auto &i : inputs)
            p->add_input(i);
        for (const auto &o : outputs)
            p->add_output(o);
        return p;
    }

    static void setInt(onnx::NodeProto *p, const char *name, int64_t v)
    {
        auto *a = p->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(v);
    }
    static void setFloat(onnx::NodeProto *p, const char *name, double v)
    {
        auto *a = p->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(float(v));
    }
    static void setInts(onnx::NodeProto *p, const char *name, const std::vector<int64_t> &v)
    {
        auto *a = p->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (int64_t x : v)
            a->add_ints(x);
    }
    static void setString(onnx::NodeProto *p, const char *name, const std::string &v)
    {
        auto *a = p->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(v);
    }

    WeightTensor weightOf(const Node &n, const std::string &role, const Shape &shape) const
    {
        auto it = n.weights.find(role);
        return it != n.weights.end() ? it->second : WeightTensor{shape, {}};
    }

    static WeightTensor transposed(const WeightTensor &w)
    {
        WeightTensor t{{w.shape[1], w.shape[0]}, {}};
        if (!w.data.empty()) {
            t.data.resize(w.data.size());
            for (int64_t r = 0; r < w.shape[0]; ++r)
                for (int64_t c = 0; c < w.shape[1]; ++c)
                    t.data[size_t(c * w.shape[0] + r)] = w.data[size_t(r * w.shape[1] + c)];
        }
        return t;
    }

    std::vector<std::string> paramInputs(const Node &n)
    {
        std::vector<std::string> names;
        for (const ParamSpec &p : schemaFor(n.op).params(n, n.inputShapes))
            names.push_back(weight(n.name + "." + p.role, weightOf(n, p.role, p.shape)));
        return names;
    }

    // y = x W^T + b for x of any rank, as MatMul (+ Add).
    void linearAsMatMul(const std::string &name, const std::string &x, const WeightTensor &w, const WeightTensor *b,
                        const std::string &y)
    {
        const std::string wt = weight(name + ".weight_t", transposed(w));
        if (!b) {
            emit("MatMul", name, {x, wt}, {y});
            return;
        }
        emit("MatMul", name + "/matmul", {x, wt}, {name + "/xw"});
        emit("Add", name + "/bias", {name + "/xw", weight(name + ".bias", *b)}, {y});
    }

    void exportAttention(const Node &n)
    {
        const Shape &s = n.inputShapes[0];
        const int64_t N = s[0], L = s[1], D = s[2], H = n.attrs.getInt("num_heads"), dh = D / H;
        const bool bias = n.attrs.getBool("bias");
        const WeightTensor wIn = weightOf(n, "in_proj_weight", {3 * D, D});
        const WeightTensor bIn = weightOf(n, "in_proj_bias", {3 * D});
        const WeightTensor wOut = weightOf(n, "out_proj_weight", {D, D});
        const WeightTensor bOut = weightOf(n, "out_proj_bias", {D});
        const std::string p = n.name + "/";
        linearAsMatMul(p + "qkv", n.inputs[0], wIn, bias ? &bIn : nullptr, p + "qkv");
        const bool batched = m_batched && m_batched->count(n.inputs[0]);
        emit("Reshape", p + "qkv_split_heads",
             {p + "qkv", int64s(p + "shape_qkv", batchFree({N, L, 3, H, dh}, n.inputs[0]))}, {p + "qkv5"});
        setInts(emit("Transpose", p + "qkv_perm", {p + "qkv5"}, {p + "qkv_t"}), "perm", {2, 0, 3, 1, 4});
        setInt(emit("Split", p + "split_qkv", {p + "qkv_t", int64s(p + "split_sizes", {1, 1, 1})},
                    {p + "q5", p + "k5", p + "v5"}),
               "axis", 0);
        // q, k and v are [1, N, H, L, dh] here: the batch is inferred, not copied.
        const std::string heads = int64s(p + "shape_heads", {batched ? -1 : N, H, L, dh});
        for (const char *t : {"q", "k", "v"})
            emit("Reshape", p + t + "_heads", {p + t + "5", heads}, {p + t});
        setInts(emit("Transpose", p + "k_t", {p + "k"}, {p + "kT"}), "perm", {0, 1, 3, 2});
        emit("MatMul", p + "scores", {p + "q", p + "kT"}, {p + "scores"});
        emit("Mul", p + "scale", {p + "scores", constantNode(p + "scale_value", 1.0f / std::sqrt(float(dh)))},
             {p + "scaled"});
        setInt(emit("Softmax", p + "softmax", {p + "scaled"}, {p + "probs"}), "axis", -1);
        emit("MatMul", p + "context", {p + "probs", p + "v"}, {p + "ctx"});
        setInts(emit("Transpose", p + "merge_perm", {p + "ctx"}, {p + "ctx_t"}), "perm", {0, 2, 1, 3});
        emit("Reshape", p + "merge_heads", {p + "ctx_t", int64s(p + "shape_merged", batchFree({N, L, D}, n.inputs[0]))},
             {p + "merged"});
        linearAsMatMul(p + "out_proj", p + "merged", wOut, bias ? &bOut : nullptr, n.outputs[0]);
    }

    void exportNode(const Node &n)
    {
        const std::string &x = n.inputs.empty() ? std::string() : n.inputs[0];
        const std::string &y = n.outputs[0];
        onnx::NodeProto *p = nullptr;
        switch (n.op) {
        case OpType::Constant: {
            const WeightTensor value = weightOf(n, "value", n.attrs.getInts("shape"));
            // Initializers read back as parameters; a fixed tensor (an attention scale, a
            // folded shift) is a Constant node. Without data it can only be a declared input.
            if (n.attrs.getBool("trainable") || value.data.empty())
                weight(y, value);
            else
                constantTensor(y, value);
            return;
        }
        case OpType::Conv2d:
        case OpType::ConvTranspose2d: {
            std::vector<std::string> in{x};
            for (const std::string &w : paramInputs(n))
                in.push_back(w);
            p = emit(n.op == OpType::Conv2d ? "Conv" : "ConvTranspose", n.name, in, {y});
            setInts(p, "kernel_shape", n.attrs.getInts("kernel"));
            setInts(p, "strides", n.attrs.getInts("stride"));
            setInts(p, "pads", n.attrs.getInts("pads"));
            setInts(p, "dilations", n.attrs.getInts("dilation"));
            setInt(p, "group", n.attrs.getInt("groups"));
            if (n.op == OpType::ConvTranspose2d)
                setInts(p, "output_padding", n.attrs.getInts("output_padding"));
            return;
        }
        case OpType::Linear: {
            const int64_t in = n.inputShapes[0].back(), out = n.attrs.getInt("out_features");
            const WeightTensor w = weightOf(n, "weight", {out, in});
            const WeightTensor b = weightOf(n, "bias", {out});
            const bool bias = n.attrs.getBool("bias");
            if (n.inputShapes[0].size() == 2) {
                std::vector<std::string> inputs{x, weight(n.name + ".weight", w)};
                if (bias)
                    inputs.push_back(weight(n.name + ".bias", b));
                setInt(emit("Gemm", n.name, inputs, {y}), "transB", 1);
            } else {
                linearAsMatMul(n.name, x, w, bias ? &b : nullptr, y);
            }
            return;
        }
        case OpType::BatchNorm: {
            std::vector<std::string> in{x};
            for (const std::string &w : paramInputs(n))
                in.push_back(w);
            setFloat(emit("BatchNormalization", n.name, in, {y}), "epsilon", n.attrs.getFloat("eps"));
            return;
        }
        case OpType::LayerNorm: {
            std::vector<std::string> in{x};
            for (const std::string &w : paramInputs(n))
                in.push_back(w);
            p = emit("LayerNormalization", n.name, in, {y});
            setInt(p, "axis", n.attrs.getInt("axis"));
            setFloat(p, "epsilon", n.attrs.getFloat("eps"));
            return;
        }
        case OpType::ReLU6:
        case OpType::Clip: {
            const double lo = n.op == OpType::ReLU6 ? 0.0 : n.attrs.getFloat("min");
            const double hi = n.op == OpType::ReLU6 ? 6.0 : n.attrs.getFloat("max");
            emit("Clip", n.name,
                 {x, floats(n.name + ".min", {float(lo)}, {}), floats(n.name + ".max", {float(hi)}, {})}, {y});
            // Clip bounds are scalars.
            for (int i = m_graph->initializer_size() - 2; i < m_graph->initializer_size(); ++i)
                m_graph->mutable_initializer(i)->clear_dims();
            return;
        }
        case OpType::SiLU:
            emit("Sigmoid", n.name + "/sigmoid", {x}, {n.name + "/sigmoid"});
            emit("Mul", n.name, {x, n.name + "/sigmoid"}, {y});
            return;
        case OpType::GELU: {
            // x * 0.5 * (1 + erf(x / sqrt(2))), as torch exports it: standard ops that
            // any runtime runs, read back as one GELU.
            const std::string p = n.name + "/";
            emit("Div", p + "scale", {x, constantNode(p + "sqrt2", std::sqrt(2.0f))}, {p + "scaled"});
            emit("Erf", p + "erf", {p + "scaled"}, {p + "erf"});
            emit("Add", p + "plus_one", {p + "erf", constantNode(p + "one", 1.0f)}, {p + "erf_plus_one"});
            emit("Mul", p + "gate", {x, p + "erf_plus_one"}, {p + "gated"});
            emit("Mul", n.name, {p + "gated", constantNode(p + "half", 0.5f)}, {y});
            return;
        }
        case OpType::LeakyReLU:
            p = emit("LeakyRelu", n.name, {x}, {y});
            setFloat(p, "alpha", n.attrs.getFloat("alpha"));
            return;
        case OpType::PReLU: {
            // Per-channel slopes as C x 1 x ... x 1, so that ONNX's broadcasting (from the
            // right) meets axis 1, as torch exports them.
            const ParamSpec spec = schemaFor(n.op).params(n, n.inputShapes).front();
            WeightTensor slope = weightOf(n, "weight", spec.shape);
            if (!n.attrs.getBool("shared"))
                slope.shape.resize(n.inputShapes[0].size() - 1, 1);
            emit("PRelu", n.name, {x, weight(n.name + ".weight", slope)}, {y});
            return;
        }
        case OpType::HardSigmoid:
            p = emit("HardSigmoid", n.name, {x}, {y});
            setFloat(p, "alpha", n.attrs.getFloat("alpha"));
            setFloat(p, "beta", n.attrs.getFloat("beta"));
            return;
        case OpType::ChannelShuffle: {
            const Shape &s = n.inputShapes[0];
            const int64_t g = n.attrs.getInt("groups");
            emit("Reshape", n.name + "/split",
                 {x, int64s(n.name + ".shape5", batchFree({s[0], g, s[1] / g, s[2], s[3]}, x))}, {n.name + "/grouped"});
            setInts(emit("Transpose", n.name + "/swap", {n.name + "/grouped"}, {n.name + "/swapped"}), "perm",
                    {0, 2, 1, 3, 4});
            emit("Reshape", n.name, {n.name + "/swapped", int64s(n.name + ".shape4", batchFree(s, x))}, {y});
            return;
        }
        case OpType::MaxPool:
        case OpType::AveragePool:
            p = emit(n.op == OpType::MaxPool ? "MaxPool" : "AveragePool", n.name, {x}, {y});
            setInts(p, "kernel_shape", n.attrs.getInts("kernel"));
            setInts(p, "strides", n.attrs.getInts("stride"));
            setInts(p, "pads", n.attrs.getInts("pads"));
            setInt(p, "ceil_mode", n.attrs.getBool("ceil_mode"));
            if (n.op == OpType::MaxPool)
                setInts(p, "dilations", n.attrs.getInts("dilation"));
            else
                setInt(p, "count_include_pad", n.attrs.getBool("count_include_pad"));
            return;
        case OpType::Split: {
            std::vector<int64_t> sizes;
            for (const Shape &s : n.outputShapes)
                sizes.push_back(s[size_t(n.attrs.getInt("axis") < 0 ? int64_t(s.size()) + n.attrs.getInt("axis")
                                                                    : n.attrs.getInt("axis"))]);
            setInt(emit("Split", n.name, {x, int64s(n.name + ".split", sizes)}, n.outputs), "axis",
                   n.attrs.getInt("axis"));
            return;
        }
        case OpType::Slice: {
            const auto &axes = n.attrs.getInts("axes");
            std::vector<int64_t> steps = n.attrs.getInts("steps");
            if (steps.empty())
                steps.assign(axes.size(), 1);
            emit("Slice", n.name,
                 {x, int64s(n.name + ".starts", n.attrs.getInts("starts")),
                  int64s(n.name + ".ends", n.attrs.getInts("ends")), int64s(n.name + ".axes", axes),
                  int64s(n.name + ".steps", steps)},
                 {y});
            return;
        }
        case OpType::Reshape:
            emit("Reshape", n.name, {x, int64s(n.name + ".shape", batchFree(n.attrs.getInts("shape"), x))}, {y});
            return;
        case OpType::Resize: {
            const auto &scales = n.attrs.getFloats("scales");
            p = scales.empty()
                    ? emit("Resize", n.name,
                           {x, "", "",
                            int64s(n.name + ".sizes", {n.outputShapes[0][0], n.outputShapes[0][1], n.outputShapes[0][2],
                                                       n.outputShapes[0][3]})},
                           {y})
                    : emit("Resize", n.name,
                           {x, "", floats(n.name + ".scales", {1.f, 1.f, float(scales[0]), float(scales[1])})}, {y});
            setString(p, "mode", n.attrs.getString("mode"));
            setString(p, "coordinate_transformation_mode", n.attrs.getString("coordinate_transformation_mode"));
            if (n.attrs.getString("mode") == "nearest")
                setString(p, "nearest_mode", n.attrs.getString("nearest_mode"));
            return;
        }
        case OpType::Pad:
            setString(emit("Pad", n.name,
                           {x, int64s(n.name + ".pads", n.attrs.getInts("pads")),
                            floats(n.name + ".value", {float(n.attrs.getFloat("value"))}, {})},
                           {y}),
                      "mode", n.attrs.getString("mode"));
            m_graph->mutable_initializer(m_graph->initializer_size() - 1)->clear_dims();
            return;
        case OpType::ReduceMean:
            p = emit("ReduceMean", n.name, {x}, {y});
            setInts(p, "axes", n.attrs.getInts("axes"));
            setInt(p, "keepdims", n.attrs.getBool("keepdims"));
            return;
        case OpType::Attention: exportAttention(n); return;
        case OpType::DepthToSpace:
            p = emit("DepthToSpace", n.name, {x}, {y});
            setInt(p, "blocksize", n.attrs.getInt("block_size"));
            setString(p, "mode", n.attrs.getString("mode"));
            return;
        case OpType::SpaceToDepth:
            setInt(emit("SpaceToDepth", n.name, {x}, {y}), "blocksize", n.attrs.getInt("block_size"));
            return;
        case OpType::Concat:
        case OpType::Flatten:
        case OpType::Softmax:
            setInt(emit(n.op == OpType::Concat    ? "Concat"
                        : n.op == OpType::Flatten ? "Flatten"
                                                  : "Softmax",
                        n.name, n.inputs, {y}),
                   "axis", n.attrs.getInt("axis"));
            return;
        case OpType::Transpose:
            p = emit("Transpose", n.name, {x}, {y});
            if (!n.attrs.getInts("perm").empty())
                setInts(p, "perm", n.attrs.getInts("perm"));
            return;
        case OpType::ReLU: emit("Relu", n.name, {x}, {y}); return;
        case OpType::HardSwish: emit("HardSwish", n.name, {x}, {y}); return;
        case OpType::Sigmoid: emit("Sigmoid", n.name, {x}, {y}); return;
        case OpType::Tanh: emit("Tanh", n.name, {x}, {y}); return;
        case OpType::Add: emit("Add", n.name, n.inputs, {y}); return;
        case OpType::Mul: emit("Mul", n.name, n.inputs, {y}); return;
        case OpType::MatMul: emit("MatMul", n.name, n.inputs, {y}); return;
        case OpType::GlobalAveragePool: emit("GlobalAveragePool", n.name, {x}, {y}); return;
        }
        throw GraphError("ONNX export: " + describeNode(n.name, std::string(opTypeName(n.op))) + " has no ONNX form");
    }

    const Network &m_net;
    const std::optional<std::set<std::string>> m_batched; // tensors carrying a symbolic batch
    onnx::GraphProto *m_graph = nullptr;
    std::string m_dataless;
};

} // namespace

std::string networkToOnnx(const Network &network)
{
    return Exporter(network).run();
}

} // namespace calibra::graph
