// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The ONNX importer's state and helpers, shared by OnnxImport.cpp (the graph and the
// operators that map onto IR ops) and OnnxImportComputed.cpp (what the importer
// computes: evaluated shape subgraphs, slices, shapes as nodes are added). Internal to
// the graph library.
#include "OnnxAttributes.h"
#include "OnnxConstants.h"
#include "OnnxExternalData.h"
#include "GraphError.h"
#include "OnnxFormat.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace calibra::graph::onnximport {

class Importer
{
public:
    // `modelBytes`: the serialized model, where weights left in place point.
    Importer(std::string source, OnnxImportOptions options, std::string_view modelBytes = {})
        : m_source(std::move(source)), m_options(options),
          m_external(m_options.externalDataFolder, m_source, modelBytes)
    {
    }

    Network run(const onnx::ModelProto &model);

private:
    // A file that declares its output shapes must agree with our inference: a mismatch
    // means the file is inconsistent or an op was read wrongly, and either must be said.
    void checkDeclaredOutputs(const onnx::GraphProto &g) const;

    [[noreturn]] void fail(const onnx::NodeProto &n, const std::string &what) const
    {
        throw GraphError(m_source + ": ONNX node '" + n.name() + "' (" + n.op_type() + "): " + what);
    }

    const onnx::TensorShapeProto &declaredShape(const onnx::ValueInfoProto &vi, const char *what) const
    {
        if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
            throw GraphError(m_source + ": graph " + what + " '" + vi.name() + "' has no tensor shape");
        return vi.type().tensor_type().shape();
    }

    // A network input's shape: the size the options give for it, else its declared one
    // with a symbolic batch (axis 0) read as 1. Any other dimension without a size is
    // refused: read as 1 it would give a network of the wrong size without a word.
    Shape inputShape(const onnx::ValueInfoProto &vi) const;
    // `weights`: the graph inputs that are weights exported without data.
    // A size given for the only input (kOnlyInput) is moved to that input's name.
    void checkGivenInputs(const onnx::GraphProto &g, const std::set<std::string> &weights);
    // A given size replaces symbolic dimensions only.
    Shape givenInputShape(const onnx::ValueInfoProto &vi, const Shape &given) const;
    // A weight exported without data has no symbolic dimensions.
    Shape weightShape(const onnx::ValueInfoProto &vi) const;
    // The declared shape for messages, symbolic dimensions by name: "[1, 27, h, w]".
    std::string describeShape(const onnx::ValueInfoProto &vi, const char *what) const;

    // Shape vectors, scalars and other small tensors are decoded on reading; weights
    // when a node takes them (straight to float).
    static constexpr int64_t kDecodeAtOnce = 4096;

    // Aliases are stored resolved (see Identity below), so one lookup suffices.
    std::string resolve(const std::string &tensor) const
    {
        auto it = m_alias.find(tensor);
        return it == m_alias.end() ? tensor : it->second;
    }

    // A constant's shape and kind; its values only once decoded (see decodedConstant).
    const ConstTensor *constant(const std::string &name) const
    {
        auto it = m_consts.find(resolve(name));
        return it == m_consts.end() ? nullptr : &it->second;
    }
    const ConstTensor *decodedConstant(const std::string &name)
    {
        auto it = m_consts.find(resolve(name));
        if (it == m_consts.end())
            return nullptr;
        decodeStored(it->second, m_source);
        return &it->second;
    }

    const ConstTensor &requireConst(const onnx::NodeProto &n, int input, const char *what)
    {
        if (input >= n.input_size() || n.input(input).empty())
            fail(n, std::string("missing input '") + what + "'");
        const ConstTensor *c = decodedConstant(n.input(input));
        if (!c)
            fail(n, std::string("input '") + what + "' must be a constant (computed " + what + " is not supported)");
        return *c;
    }

    // Slice positions: exporters write INT64_MAX (and INT64_MIN) for "to the end", which
    // double cannot hold exactly; any position beyond 2^62 is clamped, as Slice clamps.
    std::vector<int64_t> positions(const onnx::NodeProto &n, const ConstTensor &c) const
    {
        constexpr double limit = double(int64_t(1) << 62);
        ConstTensor clamped = c;
        for (double &v : clamped.values)
            v = std::clamp(v, -limit, limit);
        return ints(n, clamped);
    }

    std::vector<int64_t> ints(const onnx::NodeProto &n, const ConstTensor &c) const
    {
        std::vector<int64_t> out;
        for (double v : c.values) {
            if (!(std::abs(v) <= double(int64_t(1) << 62)) || v != std::floor(v))
                fail(n, "constant value " + std::to_string(v) + " is not a usable integer");
            out.push_back(int64_t(v));
        }
        return out;
    }

    // A weight input: its shape, and its data where the file has it.
    // `transposeMatrix`: the weight is a matrix stored as its transpose (x W).
    WeightTensor weightInput(const onnx::NodeProto &n, int input, const char *role, bool transposeMatrix = false)
    {
        if (input >= n.input_size() || n.input(input).empty())
            fail(n, std::string("missing ") + role + " input");
        const std::string name = resolve(n.input(input));
        const ConstTensor *c = constant(name);
        if (!c)
            fail(n, std::string(role) + " '" + name + "' is not a stored tensor (computed weights are not supported)");
        if (transposeMatrix && c->shape.size() != 2)
            fail(n, std::string(role) + " must be a matrix, got " + shapeToString(c->shape));
        WeightTensor w{transposeMatrix ? Shape{c->shape[1], c->shape[0]} : c->shape, {}};
        if (m_options.keepWeights && c->hasData)
            w.data = floatValues(*c, transposeMatrix);
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
        return dataTensor(resolve(n.input(input)));
    }
    std::string dataTensor(const std::string &name);

    // The shape of a computed tensor imported so far.
    const Shape &shapeOf(const onnx::NodeProto &n, const std::string &tensor) const
    {
        auto it = m_shapes.find(tensor);
        if (it == m_shapes.end())
            fail(n, "input '" + tensor + "' is used before the node that computes it (the graph is not sorted)");
        return it->second;
    }

    // Infers the new node's output shapes now, so that Shape nodes further on can be
    // evaluated; a shape error names the ONNX node.
    void addNode(const onnx::NodeProto &n, Node node);

    // Evaluates a node that computes only shapes or constants; false when one of its
    // inputs is computed by the network (Shape needs only its input's shape).
    bool foldNode(const onnx::NodeProto &n);

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
        return onnxattr::find(n, name);
    }
    static int64_t attrInt(const onnx::NodeProto &n, const char *name, int64_t def)
    {
        return onnxattr::getInt(n, name, def);
    }
    static double attrFloat(const onnx::NodeProto &n, const char *name, double def)
    {
        return onnxattr::getFloat(n, name, def);
    }
    static std::vector<int64_t> attrInts(const onnx::NodeProto &n, const char *name, std::vector<int64_t> def = {})
    {
        return onnxattr::getInts(n, name, std::move(def));
    }
    static std::string attrString(const onnx::NodeProto &n, const char *name, std::string def)
    {
        return onnxattr::getString(n, name, std::move(def));
    }

    void require2d(const onnx::NodeProto &n, const std::vector<int64_t> &v, size_t expected, const char *what) const
    {
        if (!v.empty() && v.size() != expected)
            fail(n, std::string("only 2-D windows are supported ('") + what + "' has " + std::to_string(v.size())
                        + " values)");
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

    void importNode(const onnx::NodeProto &n, int index);

    // The ops the importer knows only as parts of an exporter's decomposition.
    static std::string patternHint(const std::string &type);

    // A Slice of a computed tensor; its positions must be constants.
    void importSlice(const onnx::NodeProto &n, Node &out);

    void setSliceAttrs(const onnx::NodeProto &n, Node &out, const std::vector<SliceRange> &ranges);

    // Gather from a computed tensor at constant positions that form a regular run (ViT's
    // class token x[:, 0], a strided pick): a Slice, and for a scalar index a Reshape that
    // drops the axis. True when it added the nodes itself.
    bool importGather(const onnx::NodeProto &n, Node &out);

    // x - c and x / c become x + (-c) and x * (1/c): the IR keeps one op of each kind.
    void importByConstant(const onnx::NodeProto &n, Node &out);

    // PRelu with stored slopes: one for all, or one per channel (torch's C x 1 x 1, or any
    // shape that broadcasts onto axis 1 alone).
    void importPRelu(const onnx::NodeProto &n, Node &out);

    // Einsum in the form of a batched matrix product (MaxViT's attention: "bgid,bgjd->bgij"
    // and "bgij,bgjd->bgid"): a MatMul, after a Transpose of the second operand where its
    // last two letters are swapped. True when it added the nodes itself.
    bool importEinsum(const onnx::NodeProto &n, Node &out);

private:
    std::string m_source;
    OnnxImportOptions m_options;
    OnnxExternalData m_external; // maps the weights' files while the import runs
    int m_opset = 0;
    Network m_net;
    std::map<std::string, ConstTensor> m_consts;
    std::map<std::string, Shape> m_shapes; // of the computed tensors imported so far
    std::map<std::string, std::string> m_alias;
    std::set<std::string> m_constNodes, m_names;
};

} // namespace calibra::graph::onnximport
