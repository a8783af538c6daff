// SPDX-License-Identifier: GPL-3.0-or-later
// ONNX -> IR. Each ONNX node becomes one IR node, except Identity/Dropout (aliases) and
// constants (folded into attributes where an op takes them as inputs, such as Reshape's
// shape or Clip's bounds, and into Constant nodes where they are data).
#include "OnnxFormat.h"

#include "GraphError.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <charconv>

#include <cmath>
#include <cstring>
#include <map>
#include <set>

namespace calibra::graph {

namespace {

struct ConstTensor
{
    Shape shape;
    std::vector<double> values; // numeric payload (floats and ints alike)
    bool isFloat = true;
    bool hasData = true; // false: a weight Calibra exported without data (shape only)
};

class Importer
{
public:
    Importer(std::string source, OnnxImportOptions options) : m_source(std::move(source)), m_options(options) {}

    Network run(const onnx::ModelProto &model)
    {
        m_opset = 0;
        for (const auto &imp : model.opset_import())
            if (imp.domain().empty() || imp.domain() == "ai.onnx")
                m_opset = int(imp.version());
        if (m_opset < 11 || m_opset > 17)
            throw GraphError(m_source + ": ONNX opset " + std::to_string(m_opset)
                             + " is not supported (Calibra reads opsets 11 to 17)");
        const onnx::GraphProto &g = model.graph();
        m_net.name = g.name();
        m_net.sourceFile = m_source;
        for (const auto &t : g.initializer())
            m_consts[t.name()] = tensor(t);
        // Weights exported without data are graph inputs listed in this metadata entry.
        std::set<std::string> dataless;
        for (const auto &prop : model.metadata_props())
            if (prop.key() == kWeightsWithoutDataKey)
                for (size_t begin = 0, end = 0; begin <= prop.value().size(); begin = end + 1) {
                    end = std::min(prop.value().find(',', begin), prop.value().size());
                    if (end > begin)
                        dataless.insert(prop.value().substr(begin, end - begin));
                }
        m_dataless = dataless;
        for (const auto &vi : g.input()) {
            if (m_consts.count(vi.name()))
                continue;
            if (dataless.count(vi.name()))
                m_consts[vi.name()] = ConstTensor{valueShape(vi), {}, true, false};
            else
                m_declared[vi.name()] = valueShape(vi);
        }
        for (int i = 0; i < g.node_size(); ++i)
            importNode(g.node(i), i);
        for (const auto &vi : g.input())
            if (!m_consts.count(vi.name()))
                m_net.inputs.push_back({vi.name(), m_declared.at(vi.name())});
        for (const auto &vi : g.output())
            m_net.outputs.push_back(resolve(vi.name()));
        analyzeNetwork(m_net);
        checkDeclaredOutputs(g);
        return std::move(m_net);
    }

private:
    // A file that declares its output shapes must agree with our inference: a mismatch
    // means the file is inconsistent or an op was read wrongly, and either must be said.
    void checkDeclaredOutputs(const onnx::GraphProto &g) const
    {
        for (const auto &vi : g.output()) {
            if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
                continue;
            const Shape *inferred = m_net.tensorShape(resolve(vi.name()));
            const auto &dims = vi.type().tensor_type().shape().dim();
            if (!inferred || inferred->size() != size_t(dims.size()))
                throw GraphError(m_source + ": output '" + vi.name() + "' is declared with rank "
                                 + std::to_string(dims.size()) + ", inferred " + (inferred ? shapeToString(*inferred) : "nothing"));
            for (int i = 0; i < dims.size(); ++i)
                if (dims[i].has_dim_value() && dims[i].dim_value() != (*inferred)[size_t(i)])
                    throw GraphError(m_source + ": output '" + vi.name() + "' is declared with shape "
                                     + shapeToString(valueShape(vi)) + " but the graph computes " + shapeToString(*inferred));
        }
    }

    [[noreturn]] void fail(const onnx::NodeProto &n, const std::string &what) const
    {
        throw GraphError(m_source + ": ONNX node '" + n.name() + "' (" + n.op_type() + "): " + what);
    }

    Shape valueShape(const onnx::ValueInfoProto &vi) const
    {
        Shape s;
        if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
            throw GraphError(m_source + ": graph input '" + vi.name() + "' has no tensor shape");
        for (const auto &d : vi.type().tensor_type().shape().dim())
            s.push_back(d.has_dim_value() ? d.dim_value() : 1); // symbolic (batch) dimensions: 1
        return s;
    }

    ConstTensor tensor(const onnx::TensorProto &t) const
    {
        ConstTensor c;
        for (int64_t d : t.dims())
            c.shape.push_back(d);
        int64_t count = 1;
        for (int64_t d : c.shape) {
            if (d < 0 || d > kMaxTensorElements)
                throw GraphError(m_source + ": initializer '" + t.name() + "' has an invalid shape");
            count = checkedMul(count, d, "initializer size");
        }
        if (count > kMaxTensorElements)
            throw GraphError(m_source + ": initializer '" + t.name() + "' is too large");
        if (t.data_location() == onnx::TensorProto::EXTERNAL)
            throw GraphError(m_source + ": initializer '" + t.name() + "' is stored in an external file, which is not supported");
        const std::string &raw = t.raw_data();
        auto fromRaw = [&](size_t width, auto reader) {
            if (raw.size() != size_t(count) * width)
                throw GraphError(m_source + ": initializer '" + t.name() + "' holds " + std::to_string(raw.size())
                                 + " bytes, its shape needs " + std::to_string(size_t(count) * width));
            c.values.resize(size_t(count));
            for (int64_t i = 0; i < count; ++i)
                c.values[size_t(i)] = reader(raw.data() + size_t(i) * width);
        };
        switch (t.data_type()) {
        case onnx::TensorProto::FLOAT:
            if (!raw.empty())
                fromRaw(4, [](const char *p) { float f; std::memcpy(&f, p, 4); return double(f); });
            else
                c.values.assign(t.float_data().begin(), t.float_data().end());
            break;
        case onnx::TensorProto::INT64:
            c.isFloat = false;
            if (!raw.empty())
                fromRaw(8, [](const char *p) { int64_t v; std::memcpy(&v, p, 8); return double(v); });
            else
                c.values.assign(t.int64_data().begin(), t.int64_data().end());
            break;
        case onnx::TensorProto::INT32:
            c.isFloat = false;
            if (!raw.empty())
                fromRaw(4, [](const char *p) { int32_t v; std::memcpy(&v, p, 4); return double(v); });
            else
                c.values.assign(t.int32_data().begin(), t.int32_data().end());
            break;
        default:
            throw GraphError(m_source + ": initializer '" + t.name() + "' has unsupported data type "
                             + std::to_string(t.data_type()));
        }
        if (int64_t(c.values.size()) != count)
            throw GraphError(m_source + ": initializer '" + t.name() + "' holds " + std::to_string(c.values.size())
                             + " values, its shape needs " + std::to_string(count));
        return c;
    }

    // Aliases are stored resolved (see Identity below), so one lookup suffices.
    std::string resolve(const std::string &tensor) const
    {
        auto it = m_alias.find(tensor);
        return it == m_alias.end() ? tensor : it->second;
    }

    const ConstTensor *constant(const std::string &name) const
    {
        auto it = m_consts.find(resolve(name));
        return it == m_consts.end() ? nullptr : &it->second;
    }

    const ConstTensor &requireConst(const onnx::NodeProto &n, int input, const char *what) const
    {
        if (input >= n.input_size() || n.input(input).empty())
            fail(n, std::string("missing input '") + what + "'");
        const ConstTensor *c = constant(n.input(input));
        if (!c)
            fail(n, std::string("input '") + what + "' must be a constant (computed " + what + " is not supported)");
        return *c;
    }

    std::vector<int64_t> ints(const onnx::NodeProto &n, const ConstTensor &c) const
    {
        std::vector<int64_t> out;
        for (double v : c.values) {
            if (!(std::abs(v) <= double(int64_t(1) << 53)) || v != std::floor(v))
                fail(n, "constant value " + std::to_string(v) + " is not a usable integer");
            out.push_back(int64_t(v));
        }
        return out;
    }

    // A weight input: its shape, and its data where the file has it.
    WeightTensor weightInput(const onnx::NodeProto &n, int input, const char *role)
    {
        if (input >= n.input_size() || n.input(input).empty())
            fail(n, std::string("missing ") + role + " input");
        const std::string name = resolve(n.input(input));
        const ConstTensor *c = constant(name);
        if (!c)
            fail(n, std::string(role) + " '" + name + "' is not a stored tensor (computed weights are not supported)");
        WeightTensor w{c->shape, {}};
        if (m_options.keepWeights && c->hasData)
            w.data.assign(c->values.begin(), c->values.end());
        return w;
    }

    // Only weights with data are kept on the node: their shapes follow from the
    // attributes anyway.
    static void setWeight(Node &node, const std::string &role, WeightTensor w)
    {
        if (!w.data.empty())
            node.weights[role] = std::move(w);
    }

    // A data input: a tensor of the graph, or a constant turned into a Constant node.
    std::string dataInput(const onnx::NodeProto &n, int input)
    {
        if (input >= n.input_size() || n.input(input).empty())
            fail(n, "missing input " + std::to_string(input));
        const std::string name = resolve(n.input(input));
        if (const ConstTensor *c = constant(name); c && !m_constNodes.count(name)) {
            Node k;
            k.name = uniqueName(name);
            k.op = OpType::Constant;
            k.outputs = {name};
            k.attrs.set("shape", c->shape.empty() ? Shape{1} : c->shape);
            k.attrs.set("trainable", c->isFloat && m_initializerNames.count(name) + m_dataless.count(name) != 0);
            WeightTensor w{c->shape.empty() ? Shape{1} : c->shape, {}};
            if (m_options.keepWeights && c->hasData)
                w.data.assign(c->values.begin(), c->values.end());
            setWeight(k, "value", std::move(w));
            m_net.nodes.push_back(std::move(k));
            m_constNodes.insert(name);
        }
        return name;
    }

    std::string uniqueName(std::string base)
    {
        if (base.empty())
            base = "node";
        std::string name = base;
        for (int i = 1; !m_names.insert(name).second; ++i)
            name = base + "_" + std::to_string(i);
        return name;
    }

    static const onnx::AttributeProto *attr(const onnx::NodeProto &n, const char *name)
    {
        for (const auto &a : n.attribute())
            if (a.name() == name)
                return &a;
        return nullptr;
    }
    static int64_t attrInt(const onnx::NodeProto &n, const char *name, int64_t def)
    {
        const auto *a = attr(n, name);
        return a ? a->i() : def;
    }
    // ONNX float attributes are float32; read back the shortest decimal that gives the
    // same float (1e-5 rather than 9.99999974e-06), as the author most likely wrote it.
    static double attrFloat(const onnx::NodeProto &n, const char *name, double def)
    {
        const auto *a = attr(n, name);
        if (!a)
            return def;
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, a->f());
        double d = double(a->f());
        std::from_chars(buf, end, d);
        return d;
    }
    static std::vector<int64_t> attrInts(const onnx::NodeProto &n, const char *name, std::vector<int64_t> def = {})
    {
        const auto *a = attr(n, name);
        return a ? std::vector<int64_t>(a->ints().begin(), a->ints().end()) : def;
    }
    static std::string attrString(const onnx::NodeProto &n, const char *name, std::string def)
    {
        const auto *a = attr(n, name);
        return a ? a->s() : def;
    }

    void require2d(const onnx::NodeProto &n, const std::vector<int64_t> &v, size_t expected, const char *what) const
    {
        if (!v.empty() && v.size() != expected)
            fail(n, std::string("only 2-D windows are supported ('") + what + "' has " + std::to_string(v.size()) + " values)");
    }

    void windowAttrs(const onnx::NodeProto &n, Node &out, const std::vector<int64_t> &kernel)
    {
        const std::string autoPad = attrString(n, "auto_pad", "NOTSET");
        if (autoPad != "NOTSET" && autoPad != "VALID")
            fail(n, "auto_pad " + autoPad + " is not supported; export with explicit pads");
        require2d(n, kernel, 2, "kernel_shape");
        const auto strides = attrInts(n, "strides", {1, 1});
        const auto pads = attrInts(n, "pads", {0, 0, 0, 0});
        const auto dil = attrInts(n, "dilations", {1, 1});
        require2d(n, strides, 2, "strides");
        require2d(n, pads, 4, "pads");
        require2d(n, dil, 2, "dilations");
        out.attrs.set("kernel", kernel);
        out.attrs.set("stride", strides);
        out.attrs.set("pads", pads);
        if (out.op != OpType::AveragePool)
            out.attrs.set("dilation", dil);
    }

    void importNode(const onnx::NodeProto &n, int index)
    {
        const std::string &type = n.op_type();
        if (n.output_size() < 1 || n.output(0).empty())
            fail(n, "has no output");
        const bool msDomain = n.domain() == "com.microsoft";
        if (!n.domain().empty() && n.domain() != "ai.onnx" && !(msDomain && type == "Gelu"))
            fail(n, "operators of domain '" + n.domain() + "' are not supported");
        if (type == "Constant") {
            const auto *v = attr(n, "value");
            if (!v || !v->has_t())
                fail(n, "only tensor-valued Constant nodes are supported");
            m_consts[n.output(0)] = tensor(v->t());
            return;
        }
        if (type == "Identity" || type == "Dropout") {
            if (n.input_size() < 1)
                fail(n, "has no input");
            const std::string target = resolve(n.input(0));
            if (target == n.output(0))
                fail(n, "its output is its own input");
            m_alias[n.output(0)] = target;
            return;
        }
        Node out;
        out.name = uniqueName(n.name().empty() ? type + "_" + std::to_string(index) : n.name());
        for (const auto &o : n.output())
            if (!o.empty())
                out.outputs.push_back(o);
        auto addData = [&](int input) { out.inputs.push_back(dataInput(n, input)); };

        if (type == "Conv" || type == "ConvTranspose") {
            const bool transposed = type == "ConvTranspose";
            out.op = transposed ? OpType::ConvTranspose2d : OpType::Conv2d;
            addData(0);
            WeightTensor w = weightInput(n, 1, "weight");
            if (w.shape.size() != 4)
                fail(n, "only 2-D convolutions are supported (weight shape " + shapeToString(w.shape) + ")");
            const int64_t group = attrInt(n, "group", 1);
            out.attrs.set("out_channels", transposed ? w.shape[1] * group : w.shape[0]);
            out.attrs.set("groups", group);
            windowAttrs(n, out, attrInts(n, "kernel_shape", {w.shape[2], w.shape[3]}));
            if (transposed) {
                if (attr(n, "output_shape"))
                    fail(n, "'output_shape' is not supported; export with pads and output_padding");
                out.attrs.set("output_padding", attrInts(n, "output_padding", {0, 0}));
            }
            setWeight(out, "weight", std::move(w));
            const bool bias = n.input_size() > 2 && !n.input(2).empty();
            out.attrs.set("bias", bias);
            if (bias)
                setWeight(out, "bias", weightInput(n, 2, "bias"));
        } else if (type == "Gemm") {
            out.op = OpType::Linear;
            if (attrInt(n, "transA", 0) != 0 || attrFloat(n, "alpha", 1) != 1.0 || attrFloat(n, "beta", 1) != 1.0)
                fail(n, "only Gemm with transA = 0, alpha = 1 and beta = 1 (a linear layer) is supported");
            addData(0);
            WeightTensor w = weightInput(n, 1, "weight");
            if (w.shape.size() != 2)
                fail(n, "weight must be a matrix, got " + shapeToString(w.shape));
            if (attrInt(n, "transB", 0) == 0)
                w = transposed(w);
            out.attrs.set("out_features", w.shape[0]);
            setWeight(out, "weight", std::move(w));
            const bool bias = n.input_size() > 2 && !n.input(2).empty();
            out.attrs.set("bias", bias);
            if (bias) {
                WeightTensor b = weightInput(n, 2, "bias");
                if (b.shape.size() != 1)
                    fail(n, "only a per-output bias vector is supported, got " + shapeToString(b.shape));
                setWeight(out, "bias", std::move(b));
            }
        } else if (type == "MatMul") {
            if (n.input_size() != 2)
                fail(n, "takes 2 inputs, got " + std::to_string(n.input_size()));
            const ConstTensor *rhs = constant(n.input(1));
            if (rhs && rhs->shape.size() == 2) { // x W: a linear layer without bias
                out.op = OpType::Linear;
                addData(0);
                setWeight(out, "weight", transposed(weightInput(n, 1, "weight")));
                out.attrs.set("out_features", rhs->shape[1]);
                out.attrs.set("bias", false);
            } else {
                out.op = OpType::MatMul;
                addData(0);
                addData(1);
            }
        } else if (type == "BatchNormalization") {
            out.op = OpType::BatchNorm;
            addData(0);
            out.attrs.set("eps", attrFloat(n, "epsilon", 1e-5));
            const char *roles[] = {"weight", "bias", "running_mean", "running_var"};
            for (int i = 0; i < 4; ++i)
                setWeight(out, roles[i], weightInput(n, i + 1, roles[i]));
            out.outputs.resize(1); // training-mode outputs are not used at inference
        } else if (type == "LayerNormalization") {
            out.op = OpType::LayerNorm;
            addData(0);
            out.attrs.set("axis", attrInt(n, "axis", -1));
            out.attrs.set("eps", attrFloat(n, "epsilon", 1e-5));
            setWeight(out, "weight", weightInput(n, 1, "scale"));
            if (n.input_size() > 2 && !n.input(2).empty())
                setWeight(out, "bias", weightInput(n, 2, "bias"));
            else
                fail(n, "LayerNormalization without bias is not supported");
            out.outputs.resize(1);
        } else if (type == "Relu" || type == "Sigmoid" || type == "Tanh" || type == "HardSwish" || type == "Gelu") {
            out.op = type == "Relu" ? OpType::ReLU : type == "Sigmoid" ? OpType::Sigmoid : type == "Tanh" ? OpType::Tanh
                   : type == "HardSwish" ? OpType::HardSwish : OpType::GELU;
            addData(0);
        } else if (type == "HardSigmoid") {
            out.op = OpType::HardSigmoid;
            addData(0);
            out.attrs.set("alpha", attrFloat(n, "alpha", 0.2));
            out.attrs.set("beta", attrFloat(n, "beta", 0.5));
        } else if (type == "Clip") {
            addData(0);
            auto bound = [&](int i, const char *what, double none) {
                if (n.input_size() <= i || n.input(i).empty())
                    return none;
                const ConstTensor &c = requireConst(n, i, what);
                if (c.values.size() != 1)
                    fail(n, std::string("'") + what + "' must be a scalar");
                return c.values[0];
            };
            const double lo = bound(1, "min", -INFINITY), hi = bound(2, "max", INFINITY);
            if (lo == 0 && hi == 6) {
                out.op = OpType::ReLU6;
            } else if (lo == 0 && std::isinf(hi)) {
                out.op = OpType::ReLU;
            } else {
                out.op = OpType::Clip;
                if (!std::isinf(lo))
                    out.attrs.set("min", lo);
                if (!std::isinf(hi))
                    out.attrs.set("max", hi);
            }
        } else if (type == "Add" || type == "Mul") {
            out.op = type == "Add" ? OpType::Add : OpType::Mul;
            addData(0);
            addData(1);
        } else if (type == "Concat") {
            out.op = OpType::Concat;
            for (int i = 0; i < n.input_size(); ++i)
                addData(i);
            out.attrs.set("axis", attrInt(n, "axis", 1));
        } else if (type == "Split") {
            out.op = OpType::Split;
            addData(0);
            out.attrs.set("axis", attrInt(n, "axis", 0));
            if (m_opset >= 13 && n.input_size() > 1 && !n.input(1).empty())
                out.attrs.set("split", ints(n, requireConst(n, 1, "split")));
            else if (attr(n, "split"))
                out.attrs.set("split", attrInts(n, "split"));
        } else if (type == "Flatten") {
            out.op = OpType::Flatten;
            addData(0);
            out.attrs.set("axis", attrInt(n, "axis", 1));
        } else if (type == "Transpose") {
            out.op = OpType::Transpose;
            addData(0);
            out.attrs.set("perm", attrInts(n, "perm"));
        } else if (type == "Reshape") {
            out.op = OpType::Reshape;
            addData(0);
            if (attrInt(n, "allowzero", 0) != 0)
                fail(n, "allowzero = 1 is not supported");
            out.attrs.set("shape", ints(n, requireConst(n, 1, "shape")));
        } else if (type == "MaxPool" || type == "AveragePool") {
            out.op = type == "MaxPool" ? OpType::MaxPool : OpType::AveragePool;
            addData(0);
            if (out.outputs.size() > 1)
                fail(n, "the Indices output is not supported");
            windowAttrs(n, out, attrInts(n, "kernel_shape"));
            out.attrs.set("ceil_mode", attrInt(n, "ceil_mode", 0) != 0);
            if (out.op == OpType::AveragePool)
                out.attrs.set("count_include_pad", attrInt(n, "count_include_pad", 0) != 0);
        } else if (type == "GlobalAveragePool") {
            out.op = OpType::GlobalAveragePool;
            addData(0);
        } else if (type == "Softmax") {
            out.op = OpType::Softmax;
            addData(0);
            out.attrs.set("axis", attrInt(n, "axis", m_opset >= 13 ? -1 : 1));
        } else if (type == "DepthToSpace" || type == "SpaceToDepth") {
            out.op = type == "DepthToSpace" ? OpType::DepthToSpace : OpType::SpaceToDepth;
            addData(0);
            out.attrs.set("block_size", attrInt(n, "blocksize", 0));
            if (out.op == OpType::DepthToSpace)
                out.attrs.set("mode", attrString(n, "mode", "DCR"));
        } else if (type == "Resize") {
            out.op = OpType::Resize;
            addData(0);
            std::string mode = attrString(n, "mode", "nearest");
            out.attrs.set("mode", mode);
            const ConstTensor *scales = n.input_size() > 2 && !n.input(2).empty() ? constant(n.input(2)) : nullptr;
            const ConstTensor *sizes = n.input_size() > 3 && !n.input(3).empty() ? constant(n.input(3)) : nullptr;
            if (scales && !scales->values.empty()) {
                if (scales->values.size() != 4 || scales->values[0] != 1 || scales->values[1] != 1)
                    fail(n, "only spatial scales of an NCHW tensor are supported");
                out.attrs.set("scales", std::vector<double>{scales->values[2], scales->values[3]});
            } else if (sizes && sizes->values.size() == 4) {
                const std::vector<int64_t> hw = ints(n, *sizes);
                out.attrs.set("sizes", std::vector<int64_t>{hw[2], hw[3]});
            } else {
                fail(n, "scales or sizes must be constant 4-element tensors");
            }
        } else if (type == "Pad") {
            out.op = OpType::Pad;
            addData(0);
            out.attrs.set("pads", ints(n, requireConst(n, 1, "pads")));
            out.attrs.set("mode", attrString(n, "mode", "constant"));
            if (n.input_size() > 2 && !n.input(2).empty())
            {
                const ConstTensor &v = requireConst(n, 2, "constant_value");
                if (v.values.size() != 1)
                    fail(n, "'constant_value' must be a scalar");
                out.attrs.set("value", v.values[0]);
            }
        } else if (type == "ReduceMean") {
            out.op = OpType::ReduceMean;
            addData(0);
            if (!attr(n, "axes"))
                fail(n, "reducing over all axes is not supported; list 'axes'");
            out.attrs.set("axes", attrInts(n, "axes"));
            out.attrs.set("keepdims", attrInt(n, "keepdims", 1) != 0);
        } else {
            fail(n, "unsupported operator '" + type + "'");
        }
        m_net.nodes.push_back(std::move(out));
    }

    static WeightTensor transposed(const WeightTensor &w)
    {
        WeightTensor t{{w.shape.at(1), w.shape.at(0)}, {}};
        if (!w.data.empty()) {
            t.data.resize(w.data.size());
            for (int64_t r = 0; r < w.shape[0]; ++r)
                for (int64_t c = 0; c < w.shape[1]; ++c)
                    t.data[size_t(c * w.shape[0] + r)] = w.data[size_t(r * w.shape[1] + c)];
        }
        return t;
    }

public:
    void noteInitializers(const onnx::GraphProto &g)
    {
        for (const auto &t : g.initializer())
            m_initializerNames.insert(t.name());
    }

private:
    std::string m_source;
    OnnxImportOptions m_options;
    int m_opset = 0;
    Network m_net;
    std::map<std::string, ConstTensor> m_consts;
    std::map<std::string, Shape> m_declared;
    std::map<std::string, std::string> m_alias;
    std::set<std::string> m_constNodes, m_names, m_initializerNames, m_dataless;
};

} // namespace

Network parseOnnx(const std::string &bytes, const std::string &sourceName, const OnnxImportOptions &options)
{
    onnx::ModelProto model;
    if (bytes.empty() || !model.ParseFromString(bytes))
        throw GraphError(sourceName + ": not a valid ONNX model (the file is truncated or is not an ONNX protobuf)");
    if (!model.has_graph() || model.graph().node_size() == 0)
        throw GraphError(sourceName + ": the ONNX model has no graph nodes");
    Importer importer(sourceName, options);
    importer.noteInitializers(model.graph());
    return importer.run(model);
}

} // namespace calibra::graph
