// SPDX-License-Identifier: GPL-3.0-or-later
// What the ONNX importer computes rather than maps: the shapes of the nodes added so far,
// the subgraphs that compute only shapes or constants (evaluated), and the tensor ops
// that become IR ops only once their constant inputs are known (Slice, Gather on a
// computed tensor, subtraction and division by a constant).
#include "OnnxImporter.h"

#include "GraphError.h"
#include "OpSchema.h"

namespace calibra::graph::onnximport {

std::string Importer::dataTensor(const std::string &name)
{
    if (const ConstTensor *c = constant(name); c && !m_constNodes.count(name)) {
        Node k;
        k.name = uniqueName(name);
        k.op = OpType::Constant;
        k.outputs = {name};
        const Shape shape = c->shape.empty() ? Shape{1} : c->shape;
        k.attrs.set("shape", shape);
        k.attrs.set("trainable", c->trainable);
        WeightTensor w{shape, {}};
        if (m_options.keepWeights && c->hasData)
            w.data = floatValues(*c);
        setWeight(k, "value", std::move(w));
        m_net.nodes.push_back(std::move(k));
        m_constNodes.insert(name);
        m_shapes[name] = shape;
    }
    return name;
}

// Infers the new node's output shapes now, so that Shape nodes further on can be
// evaluated; a shape error names the ONNX node.
void Importer::addNode(const onnx::NodeProto &n, Node node)
{
    std::vector<Shape> in;
    for (const std::string &t : node.inputs)
        in.push_back(shapeOf(n, t));
    const OpSchema &schema = schemaFor(node.op);
    std::vector<Shape> out;
    try {
        normalizeAttributes(schema, node.attrs);
        out = schema.inferShapes(node, in);
    } catch (const GraphError &e) {
        fail(n, e.what());
    }
    for (size_t i = 0; i < out.size() && i < node.outputs.size(); ++i)
        m_shapes[node.outputs[i]] = out[i];
    m_net.nodes.push_back(std::move(node));
}

// Evaluates a node that computes only shapes or constants; false when one of its
// inputs is computed by the network (Shape needs only its input's shape).
bool Importer::foldNode(const onnx::NodeProto &n)
{
    if (!isFoldableOp(n.op_type()))
        return false;
    const bool shapeOnly = n.op_type() == "Shape" || n.op_type() == "Size";
    std::vector<ConstTensor> shapes; // stand-ins for computed inputs of Shape and Size
    shapes.reserve(size_t(n.input_size()));
    std::vector<const ConstTensor *> inputs;
    for (int i = 0; i < n.input_size(); ++i) {
        if (n.input(i).empty()) {
            inputs.push_back(nullptr);
            continue;
        }
        const std::string name = resolve(n.input(i));
        if (const ConstTensor *c = constant(name); c && (c->hasData || shapeOnly)) {
            inputs.push_back(c->hasData ? decodedConstant(name) : c);
        } else if (shapeOnly && i == 0) {
            shapes.push_back(ConstTensor{shapeOf(n, name), {}, true, false, false});
            inputs.push_back(&shapes.back());
        } else {
            return false;
        }
    }
    try {
        std::vector<ConstTensor> out = evaluateConstantNode(n, inputs, m_opset);
        for (size_t i = 0; i < out.size() && int(i) < n.output_size(); ++i)
            if (!n.output(int(i)).empty())
                m_consts[n.output(int(i))] = std::move(out[i]);
    } catch (const FoldError &e) {
        fail(n, std::string("cannot be evaluated at import: ") + e.what());
    }
    return true;
}

// The ops the importer knows only as parts of an exporter's decomposition.
std::string Importer::patternHint(const std::string &type)
{
    if (type == "Erf")
        return " (Calibra reads the exporter's GELU, x * 0.5 * (1 + erf(x / sqrt(2))); this Erf is not part of one)";
    if (type == "Pow" || type == "Sqrt")
        return " (Calibra reads the exporter's LayerNorm, ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div with a scale "
               "and bias; this node is not part of one)";
    return {};
}

// A Slice of a computed tensor; its positions must be constants.
void Importer::importSlice(const onnx::NodeProto &n, Node &out)
{
    out.op = OpType::Slice;
    out.inputs.push_back(dataInput(n, 0));
    auto optional = [&](int i, const char *what) {
        return n.input_size() > i && !n.input(i).empty() ? ints(n, requireConst(n, i, what)) : std::vector<int64_t>{};
    };
    std::vector<SliceRange> ranges;
    try {
        ranges = resolveSlice(shapeOf(n, out.inputs[0]), positions(n, requireConst(n, 1, "starts")),
                              positions(n, requireConst(n, 2, "ends")), optional(3, "axes"), optional(4, "steps"));
    } catch (const FoldError &e) {
        fail(n, e.what());
    }
    setSliceAttrs(n, out, ranges);
}

void Importer::setSliceAttrs(const onnx::NodeProto &n, Node &out, const std::vector<SliceRange> &ranges)
{
    std::vector<int64_t> axes, starts, ends, steps;
    for (const SliceRange &r : ranges) {
        if (r.step < 1)
            fail(n, "a negative step (a reversed slice) is not supported");
        if (r.count < 1)
            fail(n, "the slice along axis " + std::to_string(r.axis) + " is empty");
        axes.push_back(r.axis);
        starts.push_back(r.start);
        ends.push_back(r.start + (r.count - 1) * r.step + 1);
        steps.push_back(r.step);
    }
    out.attrs.set("axes", axes);
    out.attrs.set("starts", starts);
    out.attrs.set("ends", ends);
    out.attrs.set("steps", steps);
}

// Gather from a computed tensor at constant positions that form a regular run (ViT's
// class token x[:, 0], a strided pick): a Slice, and for a scalar index a Reshape that
// drops the axis. True when it added the nodes itself.
bool Importer::importGather(const onnx::NodeProto &n, Node &out)
{
    out.op = OpType::Slice;
    out.inputs.push_back(dataInput(n, 0));
    const ConstTensor &indices = requireConst(n, 1, "indices");
    const Shape in = shapeOf(n, out.inputs[0]);
    const int64_t rank = int64_t(in.size()), axisAttr = attrInt(n, "axis", 0);
    if (axisAttr < -rank || axisAttr >= rank)
        fail(n, "axis " + std::to_string(axisAttr) + " is out of range for " + shapeToString(in));
    const int64_t axis = axisAttr < 0 ? axisAttr + rank : axisAttr, extent = in[size_t(axis)];
    std::vector<int64_t> at = ints(n, indices);
    for (int64_t &i : at) {
        if (i < -extent || i >= extent)
            fail(n, "index " + std::to_string(i) + " is out of range for extent " + std::to_string(extent));
        i = i < 0 ? i + extent : i;
    }
    const int64_t step = at.size() > 1 ? at[1] - at[0] : 1;
    for (size_t k = 1; k < at.size(); ++k)
        if (at[k] - at[k - 1] != step || step < 1)
            fail(n, "only indices that form a regular ascending run are supported on a computed tensor");
    if (at.empty() || indices.shape.size() > 1)
        fail(n, "only a scalar or a list of indices is supported on a computed tensor");
    const int64_t count = int64_t(at.size());
    setSliceAttrs(n, out, {{axis, at[0], step, count}});
    if (!indices.shape.empty())
        return false;
    Shape dropped = in;
    dropped.erase(dropped.begin() + axis);
    const std::string finalOutput = out.outputs.at(0);
    out.outputs = {finalOutput + "/slice"};
    Node reshape;
    reshape.name = uniqueName(out.name + "/drop_axis");
    reshape.op = OpType::Reshape;
    reshape.inputs = {out.outputs[0]};
    reshape.outputs = {finalOutput};
    reshape.attrs.set("shape", dropped.empty() ? Shape{1} : dropped);
    addNode(n, std::move(out));
    addNode(n, std::move(reshape));
    return true;
}

// x - c and x / c become x + (-c) and x * (1/c): the IR keeps one op of each kind.
void Importer::importByConstant(const onnx::NodeProto &n, Node &out)
{
    const bool sub = n.op_type() == "Sub";
    const ConstTensor *c = n.input_size() == 2 ? decodedConstant(n.input(1)) : nullptr;
    if (!c || !c->hasData)
        fail(n, std::string("only a stored constant can be ") + (sub ? "subtracted from" : "divided into")
                    + " a computed tensor (the exporter's LayerNorm and GELU are recognised)");
    ConstTensor k = *c;
    k.trainable = false;
    for (double &v : k.values) {
        if (!sub && v == 0)
            fail(n, "divides by zero");
        v = sub ? -v : 1.0 / v;
    }
    k.isFloat = true;
    std::string name = resolve(n.input(1)) + (sub ? "/negated" : "/reciprocal");
    while (m_consts.count(name))
        name += "_";
    m_consts[name] = std::move(k);
    out.op = sub ? OpType::Add : OpType::Mul;
    out.inputs.push_back(dataInput(n, 0));
    out.inputs.push_back(dataTensor(name));
}

void Importer::importPRelu(const onnx::NodeProto &n, Node &out)
{
    out.op = OpType::PReLU;
    out.inputs.push_back(dataInput(n, 0));
    const Shape &x = shapeOf(n, out.inputs[0]);
    WeightTensor slope = weightInput(n, 1, "slope");
    int64_t count = 1;
    for (int64_t d : slope.shape)
        count *= d;
    const bool shared = count == 1;
    // Broadcasting aligns the slope's dimensions with x's from the right: per channel, its
    // one dimension above 1 must meet axis 1.
    bool perChannel = !shared && x.size() >= 2 && slope.shape.size() <= x.size() && count == x[1];
    for (size_t i = 0; perChannel && i < slope.shape.size(); ++i) {
        const size_t axis = x.size() - slope.shape.size() + i;
        perChannel = slope.shape[i] == (axis == 1 ? x[1] : 1);
    }
    if (!shared && !perChannel)
        fail(n, "a slope of shape " + shapeToString(slope.shape) + " for an input of shape " + shapeToString(x)
                    + " is not supported: one slope, or one per channel (axis 1)");
    out.attrs.set("shared", shared);
    slope.shape = {shared ? 1 : x[1]};
    setWeight(out, "weight", std::move(slope));
}

bool Importer::importEinsum(const onnx::NodeProto &n, Node &out)
{
    std::string equation;
    for (char c : attrString(n, "equation", ""))
        if (c != ' ')
            equation += c;
    const size_t comma = equation.find(','), arrow = equation.find("->");
    if (n.input_size() != 2 || comma == std::string::npos || arrow == std::string::npos || arrow < comma)
        fail(n, "only two-operand Einsum with an explicit output ('a,b->c') is supported");
    const std::string a = equation.substr(0, comma), b = equation.substr(comma + 1, arrow - comma - 1),
                      c = equation.substr(arrow + 2);
    const size_t r = a.size();
    const bool shapesFit = r >= 2 && b.size() == r && c.size() == r && a.find('.') == std::string::npos
                           && a.compare(0, r - 2, b, 0, r - 2) == 0 && a.compare(0, r - 2, c, 0, r - 2) == 0;
    // a = ..ik, c = ..ij; b = ..kj (a product) or ..jk (a product with b transposed).
    const char i = shapesFit ? a[r - 2] : 0, k = shapesFit ? a[r - 1] : 0, j = shapesFit ? c[r - 1] : 0;
    const bool plain = shapesFit && c[r - 2] == i && b[r - 2] == k && b[r - 1] == j;
    const bool swapped = shapesFit && c[r - 2] == i && b[r - 2] == j && b[r - 1] == k;
    if (!(plain || swapped) || i == j || i == k || j == k)
        fail(n, "Einsum '" + equation
                    + "' is not a batched matrix product; Calibra reads '..ik,..kj->..ij' and '..ik,..jk->..ij'");
    out.op = OpType::MatMul;
    out.inputs.push_back(dataInput(n, 0));
    const std::string rhs = dataInput(n, 1);
    if (plain) {
        out.inputs.push_back(rhs);
        return false;
    }
    std::vector<int64_t> perm;
    for (size_t d = 0; d < r; ++d)
        perm.push_back(int64_t(d));
    std::swap(perm[r - 2], perm[r - 1]);
    Node transpose;
    transpose.name = uniqueName(out.name + "/transpose_b");
    transpose.op = OpType::Transpose;
    transpose.inputs = {rhs};
    transpose.outputs = {out.outputs.at(0) + "/b_t"};
    transpose.attrs.set("perm", perm);
    out.inputs.push_back(transpose.outputs[0]);
    addNode(n, std::move(transpose));
    addNode(n, std::move(out));
    return true;
}

} // namespace calibra::graph::onnximport
