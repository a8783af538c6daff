// SPDX-License-Identifier: GPL-3.0-or-later
// ONNX -> IR. Each ONNX node becomes one IR node, except Identity/Dropout (aliases),
// constants (folded into attributes where an op takes them as inputs, such as Reshape's
// shape or Clip's bounds, and into Constant nodes where they are data), the subgraphs
// that compute only shapes or constants (evaluated, see OnnxConstants.h), and the
// exporters' decompositions of LayerNorm, GELU, HardSwish and SiLU (fused first, see
// OnnxPatterns.h).
#include "OnnxImporter.h"

#include "OnnxPatterns.h"
#include "OnnxWeightsInPlace.h"

#include "GraphError.h"
#include "OpSchema.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace calibra::graph {

namespace onnximport {

namespace {

// "models/resnet18.onnx.gz" -> "resnet18"
std::string fileStem(const std::string &path)
{
    std::string name = path.substr(path.find_last_of('/') + 1);
    for (const char *suffix : {".gz", ".onnx"})
        if (name.size() > std::strlen(suffix) && name.ends_with(suffix))
            name.resize(name.size() - std::strlen(suffix));
    return name.empty() ? std::string("network") : name;
}

} // namespace

Network Importer::run(const onnx::ModelProto &model)
{
    m_opset = 0;
    for (const auto &imp : model.opset_import())
        if (imp.domain().empty() || imp.domain() == "ai.onnx")
            m_opset = int(imp.version());
    if (m_opset < 11 || m_opset > 17)
        throw GraphError(m_source + ": ONNX opset " + std::to_string(m_opset)
                         + " is not supported (Calibra reads opsets 11 to 17)");
    const onnx::GraphProto &g = model.graph();
    // torch names every exported graph "torch_jit" (1.x) or "main_graph" (2.x): runs,
    // reports and tables of several networks would call them all the same. The file's
    // name tells them apart.
    m_net.name =
        g.name().empty() || g.name() == "torch_jit" || g.name() == "main_graph" ? fileStem(m_source) : g.name();
    m_net.sourceFile = m_source;
    for (const auto &t : g.initializer()) {
        ConstTensor c = readConstTensor(t, m_source, "initializer", kDecodeAtOnce, &m_external);
        c.trainable = c.isFloat; // a stored float tensor is a parameter
        m_consts[t.name()] = std::move(c);
    }
    // Weights exported without data are graph inputs listed in this metadata entry.
    std::set<std::string> dataless;
    for (const auto &prop : model.metadata_props())
        if (prop.key() == kWeightsWithoutDataKey)
            for (size_t begin = 0, end = 0; begin <= prop.value().size(); begin = end + 1) {
                end = std::min(prop.value().find(',', begin), prop.value().size());
                if (end > begin)
                    dataless.insert(prop.value().substr(begin, end - begin));
            }
    checkGivenInputs(g, dataless);
    for (const auto &vi : g.input()) {
        if (m_consts.count(vi.name()))
            continue;
        if (dataless.count(vi.name()))
            m_consts[vi.name()] = ConstTensor{weightShape(vi), {}, true, false, true};
        else
            m_shapes[vi.name()] = inputShape(vi);
    }
    const std::vector<onnx::NodeProto> nodes = fuseExporterPatterns(g, m_consts);
    for (size_t i = 0; i < nodes.size(); ++i)
        importNode(nodes[i], int(i));
    bool symbolicBatch = true;
    std::string batchName;
    for (const auto &vi : g.input())
        if (!m_consts.count(vi.name())) {
            m_net.inputs.push_back({vi.name(), m_shapes.at(vi.name())});
            const auto &dims = vi.type().tensor_type().shape().dim();
            const bool symbolic = !dims.empty() && !(dims[0].has_dim_value() && dims[0].dim_value() > 0);
            symbolicBatch = symbolicBatch && symbolic;
            if (symbolic && batchName.empty())
                batchName = dims[0].dim_param();
        }
    if (symbolicBatch && !m_net.inputs.empty())
        m_net.batchSymbol = batchName.empty() ? "batch" : batchName;
    for (const auto &vi : g.output())
        m_net.outputs.push_back(resolve(vi.name()));
    fuseChannelShuffles(m_net, m_shapes);
    analyzeNetwork(m_net);
    checkDeclaredOutputs(g);
    return std::move(m_net);
}

// A file that declares its output shapes must agree with our inference: a mismatch
// means the file is inconsistent or an op was read wrongly, and either must be said.
void Importer::checkDeclaredOutputs(const onnx::GraphProto &g) const
{
    for (const auto &vi : g.output()) {
        if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
            continue;
        const Shape *inferred = m_net.tensorShape(resolve(vi.name()));
        const auto &dims = vi.type().tensor_type().shape().dim();
        if (!inferred || inferred->size() != size_t(dims.size()))
            throw GraphError(m_source + ": output '" + vi.name() + "' is declared with rank "
                             + std::to_string(dims.size()) + ", inferred "
                             + (inferred ? shapeToString(*inferred) : "nothing"));
        for (int i = 0; i < dims.size(); ++i)
            if (dims[i].has_dim_value() && dims[i].dim_value() != (*inferred)[size_t(i)])
                throw GraphError(m_source + ": output '" + vi.name() + "' is declared with shape "
                                 + describeShape(vi, "output") + " but the graph computes " + shapeToString(*inferred));
    }
}

// A size given for a name the model lacks is a typo, said before anything else fails.
void Importer::checkGivenInputs(const onnx::GraphProto &g, const std::set<std::string> &weights)
{
    if (const auto unnamed = m_options.inputShapes.find(kOnlyInput); unnamed != m_options.inputShapes.end()) {
        std::vector<std::string> inputs;
        for (const auto &vi : g.input())
            if (!m_consts.count(vi.name()) && !weights.count(vi.name()))
                inputs.push_back(vi.name());
        if (inputs.empty())
            throw GraphError(m_source + ": a size is given, but the model has no input to give it to");
        if (inputs.size() != 1) {
            std::string names;
            for (const std::string &n : inputs)
                names += (names.empty() ? "" : ", ") + n;
            throw GraphError(m_source + ": a size is given without an input name, but the model has "
                             + std::to_string(inputs.size()) + " inputs (" + names + "): name the input it is for ("
                             + inputs.front() + "=" + shapeSpec(unnamed->second) + ")");
        }
        const Shape shape = unnamed->second;
        m_options.inputShapes.erase(unnamed);
        if (m_options.inputShapes.count(inputs.front()))
            throw GraphError(m_source + ": two sizes are given for input '" + inputs.front() + "'");
        m_options.inputShapes[inputs.front()] = shape;
    }
    for (const auto &given : m_options.inputShapes)
        if (std::none_of(g.input().begin(), g.input().end(), [&](const onnx::ValueInfoProto &vi) {
                return vi.name() == given.first && !m_consts.count(vi.name()) && !weights.count(vi.name());
            }))
            throw GraphError(m_source + ": a size is given for input '" + given.first
                             + "', which the model does not have");
}

Shape Importer::inputShape(const onnx::ValueInfoProto &vi) const
{
    if (auto given = m_options.inputShapes.find(vi.name()); given != m_options.inputShapes.end())
        return givenInputShape(vi, given->second);
    const auto &dims = declaredShape(vi, "input").dim();
    Shape shape;
    std::string unknown, axes, toFill;
    for (int i = 0; i < dims.size(); ++i) {
        const bool sized = dims[i].has_dim_value() && dims[i].dim_value() > 0;
        shape.push_back(sized ? dims[i].dim_value() : 1);
        toFill += (i ? "x" : "") + (sized || i == 0 ? std::to_string(shape.back()) : std::string("?"));
        if (sized || i == 0) // a symbolic batch is 1 (docs/formats.md)
            continue;
        unknown += (unknown.empty() ? "" : ", ") + (dims[i].dim_param().empty() ? "?" : dims[i].dim_param());
        axes += (axes.empty() ? "" : ", ") + std::to_string(i);
    }
    if (!unknown.empty())
        throw SymbolicInputError(
            m_source + ": input '" + vi.name() + "' has symbolic dimensions " + unknown + " ("
                + (axes.find(',') == std::string::npos ? "axis " : "axes ") + axes + "): give its size (--input-shape "
                + vi.name() + "=" + toFill
                + " with the question marks filled in; in a project, reference_input_shape) or export the model with "
                + "a fixed input size (only a symbolic batch, axis 0, is read, as 1)",
            vi.name(), toFill);
    return shape;
}

// A given size replaces the symbolic dimensions only: one that contradicts the file is
// more likely a mistake than a wish to resize the network.
Shape Importer::givenInputShape(const onnx::ValueInfoProto &vi, const Shape &given) const
{
    const auto &dims = declaredShape(vi, "input").dim();
    bool fits = given.size() == size_t(dims.size());
    for (int i = 0; fits && i < dims.size(); ++i)
        fits = given[size_t(i)] > 0
               && (!dims[i].has_dim_value() || dims[i].dim_value() <= 0 || dims[i].dim_value() == given[size_t(i)]);
    if (!fits)
        throw GraphError(m_source + ": the size " + shapeToString(given) + " given for input '" + vi.name()
                         + "' does not fit its declared shape " + describeShape(vi, "input"));
    return given;
}

Shape Importer::weightShape(const onnx::ValueInfoProto &vi) const
{
    Shape shape;
    for (const auto &d : declaredShape(vi, "input").dim()) {
        if (!d.has_dim_value() || d.dim_value() < 0)
            throw GraphError(m_source + ": weight '" + vi.name() + "' has a symbolic shape "
                             + describeShape(vi, "input"));
        shape.push_back(d.dim_value());
    }
    return shape;
}

std::string Importer::describeShape(const onnx::ValueInfoProto &vi, const char *what) const
{
    std::string out = "[";
    for (const auto &d : declaredShape(vi, what).dim()) {
        out += out.size() > 1 ? ", " : "";
        out += d.has_dim_value() ? std::to_string(d.dim_value()) : d.dim_param().empty() ? "?" : d.dim_param();
    }
    return out + "]";
}

void Importer::importNode(const onnx::NodeProto &n, int index)
{
    const std::string &type = n.op_type();
    if (n.output_size() < 1 || n.output(0).empty())
        fail(n, "has no output");
    const bool msDomain = n.domain() == "com.microsoft";
    const bool fusedSilu = n.domain() == kFusedOpDomain && type == "SiLU"; // see OnnxPatterns.h
    if (!n.domain().empty() && n.domain() != "ai.onnx" && !(msDomain && type == "Gelu") && !fusedSilu)
        fail(n, "operators of domain '" + n.domain() + "' are not supported");
    if (type == "Constant") {
        const auto *v = attr(n, "value");
        if (!v || !v->has_t())
            fail(n, "only tensor-valued Constant nodes are supported");
        m_consts[n.output(0)] = readConstTensor(v->t(), m_source);
        return;
    }
    if (type == "Identity" || type == "Dropout") {
        if (n.input_size() < 1)
            fail(n, "has no input");
        const std::string target = resolve(n.input(0));
        if (target == n.output(0))
            fail(n, "its output is its own input");
        // The exporter shares equal initializers (every new LayerNorm's scale, every
        // zero bias) through Identity nodes; each use is still its own parameter.
        if (const ConstTensor *c = constant(target))
            m_consts[n.output(0)] = *c;
        else
            m_alias[n.output(0)] = target;
        return;
    }
    if (foldNode(n))
        return;
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
            fail(n, "only 2-D convolutions are supported (weight shape " + shapeToString(w.shape) + ")"
                        + (w.shape.size() == 3 ? "; a 1-D model can be written with Conv2d on [N, C, 1, L] inputs and "
                                                 "1 x K kernels"
                                               : ""));
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
        const ConstTensor *stored = constant(n.input_size() > 1 ? n.input(1) : std::string());
        if (stored && stored->shape.size() != 2)
            fail(n, "weight must be a matrix, got " + shapeToString(stored->shape));
        WeightTensor w = weightInput(n, 1, "weight", attrInt(n, "transB", 0) == 0);
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
            setWeight(out, "weight", weightInput(n, 1, "weight", true));
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
    } else if (type == "Relu" || type == "Sigmoid" || type == "Tanh" || type == "HardSwish" || type == "Gelu"
               || fusedSilu) {
        out.op = type == "Relu"        ? OpType::ReLU
                 : type == "Sigmoid"   ? OpType::Sigmoid
                 : type == "Tanh"      ? OpType::Tanh
                 : type == "HardSwish" ? OpType::HardSwish
                 : fusedSilu           ? OpType::SiLU
                                       : OpType::GELU;
        addData(0);
    } else if (type == "PRelu") {
        importPRelu(n, out);
    } else if (type == "LeakyRelu") {
        out.op = OpType::LeakyReLU;
        addData(0);
        out.attrs.set("alpha", attrFloat(n, "alpha", 0.01));
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
        out.attrs.set("coordinate_transformation_mode", attrString(n, "coordinate_transformation_mode", "half_pixel"));
        out.attrs.set("nearest_mode", attrString(n, "nearest_mode", "round_prefer_floor"));
        if (attr(n, "exclude_outside") && attrInt(n, "exclude_outside", 0) != 0)
            fail(n, "exclude_outside is not supported");
        const ConstTensor *scales = n.input_size() > 2 && !n.input(2).empty() ? decodedConstant(n.input(2)) : nullptr;
        const ConstTensor *sizes = n.input_size() > 3 && !n.input(3).empty() ? decodedConstant(n.input(3)) : nullptr;
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
        if (n.input_size() > 2 && !n.input(2).empty()) {
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
    } else if (type == "Slice") {
        importSlice(n, out);
    } else if (type == "Gather") {
        if (importGather(n, out))
            return;
    } else if (type == "Einsum") {
        if (importEinsum(n, out))
            return;
    } else if (type == "Sub" || type == "Div") {
        importByConstant(n, out);
    } else if (type == "Squeeze" || type == "Unsqueeze") {
        // On a computed tensor these only rename dimensions: a Reshape to the result.
        out.op = OpType::Reshape;
        addData(0);
        ConstTensor standIn{shapeOf(n, out.inputs[0]), {}, true, false, false};
        std::vector<const ConstTensor *> inputs{&standIn};
        for (int i = 1; i < n.input_size(); ++i)
            inputs.push_back(n.input(i).empty() ? nullptr : &requireConst(n, i, "axes"));
        try {
            const Shape target = evaluateConstantNode(n, inputs, m_opset).at(0).shape;
            out.attrs.set("shape", target.empty() ? Shape{1} : target);
        } catch (const FoldError &e) {
            fail(n, e.what());
        }
    } else {
        fail(n, "unsupported operator '" + type + "'" + patternHint(type));
    }
    addNode(n, std::move(out));
}

} // namespace onnximport

Network parseOnnx(const std::string &bytes, const std::string &sourceName, const OnnxImportOptions &options)
{
    return parseOnnx(bytes.data(), bytes.size(), sourceName, options);
}

Network parseOnnx(const char *data, size_t size, const std::string &sourceName, const OnnxImportOptions &options)
{
    onnx::ModelProto model;
    // Large weights stay where they are in `data` (OnnxWeightsInPlace.h): only the
    // graph's structure goes through the protobuf parser.
    const std::optional<std::string> slim =
        size > 0 && size <= size_t(std::numeric_limits<int>::max()) ? withWeightsInPlace({data, size}) : std::nullopt;
    const bool parsed = slim ? model.ParseFromString(*slim) : model.ParseFromArray(data, int(size));
    if (size == 0 || size > size_t(std::numeric_limits<int>::max()) || !parsed)
        throw GraphError(sourceName + ": not a valid ONNX model (the file is truncated or is not an ONNX protobuf)");
    if (!model.has_graph() || model.graph().node_size() == 0)
        throw GraphError(sourceName + ": the ONNX model has no graph nodes");
    onnximport::Importer importer(sourceName, options, std::string_view(data, size));
    return importer.run(model);
}

} // namespace calibra::graph
