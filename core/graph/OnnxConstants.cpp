// SPDX-License-Identifier: GPL-3.0-or-later
#include "OnnxConstants.h"

#include "ConstTensorOps.h"
#include "GraphError.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <set>

namespace calibra::graph {

using namespace constant; // the tensor operations the ops below are made of

namespace {

const onnx::AttributeProto *attribute(const onnx::NodeProto &n, const char *name)
{
    for (const auto &a : n.attribute())
        if (a.name() == name)
            return &a;
    return nullptr;
}
int64_t attrInt(const onnx::NodeProto &n, const char *name, int64_t def)
{
    const auto *a = attribute(n, name);
    return a ? a->i() : def;
}
std::vector<int64_t> attrInts(const onnx::NodeProto &n, const char *name)
{
    const auto *a = attribute(n, name);
    return a ? std::vector<int64_t>(a->ints().begin(), a->ints().end()) : std::vector<int64_t>{};
}

bool isFloatType(int64_t onnxType)
{
    return onnxType == onnx::TensorProto::FLOAT || onnxType == onnx::TensorProto::DOUBLE
           || onnxType == onnx::TensorProto::FLOAT16 || onnxType == onnx::TensorProto::BFLOAT16;
}

// Squeeze's and Unsqueeze's axes: an attribute before opset 13, an input since.
std::vector<int64_t> axesOf(const onnx::NodeProto &n, const std::vector<const ConstTensor *> &in, int opset)
{
    if (opset < 13)
        return attrInts(n, "axes");
    return in.size() > 1 && in[1] ? toInts(*in[1]) : std::vector<int64_t>{};
}

const ConstTensor &input(const std::vector<const ConstTensor *> &in, size_t i)
{
    if (i >= in.size() || !in[i])
        fold("input " + std::to_string(i) + " is missing");
    return *in[i];
}

} // namespace

std::vector<SliceRange> resolveSlice(const Shape &input, const std::vector<int64_t> &starts,
                                     const std::vector<int64_t> &ends, std::vector<int64_t> axes,
                                     std::vector<int64_t> steps)
{
    if (ends.size() != starts.size())
        fold("'starts' and 'ends' differ in length");
    if (axes.empty())
        for (size_t i = 0; i < starts.size(); ++i)
            axes.push_back(int64_t(i));
    if (steps.empty())
        steps.assign(starts.size(), 1);
    if (axes.size() != starts.size() || steps.size() != starts.size())
        fold("'axes' and 'steps' must match 'starts' in length");
    std::vector<SliceRange> out;
    std::set<int64_t> seen;
    for (size_t i = 0; i < starts.size(); ++i) {
        SliceRange r;
        r.axis = normalizeAxis(axes[i], input.size());
        if (!seen.insert(r.axis).second)
            fold("axis " + std::to_string(r.axis) + " is sliced twice");
        const int64_t d = input[size_t(r.axis)];
        r.step = steps[i];
        if (r.step == 0)
            fold("a step of 0");
        int64_t s = starts[i] < 0 ? starts[i] + d : starts[i];
        int64_t e = ends[i] < 0 ? ends[i] + d : ends[i];
        if (r.step > 0) {
            s = std::clamp<int64_t>(s, 0, d);
            e = std::clamp<int64_t>(e, 0, d);
            r.count = e > s ? (e - s + r.step - 1) / r.step : 0;
        } else {
            s = std::clamp<int64_t>(s, 0, d - 1);
            e = std::clamp<int64_t>(e, -1, d - 1);
            r.count = s > e ? (s - e - r.step - 1) / -r.step : 0;
        }
        r.start = s;
        out.push_back(r);
    }
    return out;
}

bool isFoldableOp(const std::string &type)
{
    static const std::set<std::string> ops = {"Shape",
                                              "Size",
                                              "Gather",
                                              "Unsqueeze",
                                              "Squeeze",
                                              "Concat",
                                              "Slice",
                                              "Cast",
                                              "ConstantOfShape",
                                              "Expand",
                                              "Range",
                                              "Equal",
                                              "Less",
                                              "Greater",
                                              "LessOrEqual",
                                              "GreaterOrEqual",
                                              "Not",
                                              "And",
                                              "Or",
                                              "Where",
                                              "Add",
                                              "Sub",
                                              "Mul",
                                              "Div",
                                              "Pow",
                                              "Mod",
                                              "Min",
                                              "Max",
                                              "Neg",
                                              "Abs",
                                              "Sqrt",
                                              "Reciprocal",
                                              "Floor",
                                              "Ceil",
                                              "Exp",
                                              "Log",
                                              "Erf",
                                              "Reshape",
                                              "Flatten",
                                              "Transpose",
                                              "ReduceProd",
                                              "ReduceSum",
                                              "ScatterND"};
    return ops.count(type) != 0;
}

std::vector<ConstTensor> evaluateConstantNode(const onnx::NodeProto &n, const std::vector<const ConstTensor *> &in,
                                              int opset)
{
    const std::string &type = n.op_type();
    if (type == "Shape") {
        std::vector<int64_t> s(input(in, 0).shape.begin(), input(in, 0).shape.end());
        const int64_t rank = int64_t(s.size());
        int64_t begin = attrInt(n, "start", 0), end = attrInt(n, "end", rank);
        begin = std::clamp<int64_t>(begin < 0 ? begin + rank : begin, 0, rank);
        end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
        return {intVector(std::vector<int64_t>(s.begin() + begin, s.begin() + std::max(begin, end)))};
    }
    if (type == "Size") {
        ConstTensor t = intVector({countOf(input(in, 0).shape)});
        t.shape.clear();
        return {t};
    }
    // These need only their first input's shape, so it may be a computed tensor's.
    const bool shapeOfFirst = type == "Squeeze" || type == "Unsqueeze" || type == "Reshape" || type == "Flatten";
    for (size_t i = shapeOfFirst ? 1 : 0; i < in.size(); ++i)
        if (in[i] && !in[i]->hasData)
            fold("its inputs are weights stored without data");
    const ConstTensor &x = input(in, 0);
    if (type == "Neg")
        return {unary(x, [](double v) { return -v; })};
    if (type == "Abs")
        return {unary(x, [](double v) { return std::abs(v); })};
    if (type == "Sqrt")
        return {unary(x, [](double v) { return std::sqrt(v); })};
    if (type == "Reciprocal")
        return {unary(x, [](double v) { return 1.0 / v; })};
    if (type == "Floor")
        return {unary(x, [](double v) { return std::floor(v); })};
    if (type == "Ceil")
        return {unary(x, [](double v) { return std::ceil(v); })};
    if (type == "Exp")
        return {unary(x, [](double v) { return std::exp(v); })};
    if (type == "Log")
        return {unary(x, [](double v) { return std::log(v); })};
    if (type == "Erf")
        return {unary(x, [](double v) { return std::erf(v); })};
    if (type == "Not")
        return {unary(
            x, [](double v) { return double(v == 0); }, false)};
    if (type == "Cast") {
        const int64_t to = attrInt(n, "to", onnx::TensorProto::FLOAT);
        if (isFloatType(to))
            return {result(x.shape, x.values, true, {&x})};
        if (to == onnx::TensorProto::BOOL)
            return {unary(
                x, [](double v) { return double(v != 0); }, false)};
        return {unary(
            x, [](double v) { return std::trunc(v); }, false)};
    }
    const bool integer = !x.isFloat;
    if (type == "Add")
        return {binary(x, input(in, 1), std::plus<>())};
    if (type == "Sub")
        return {binary(x, input(in, 1), std::minus<>())};
    if (type == "Mul")
        return {binary(x, input(in, 1), std::multiplies<>())};
    if (type == "Div")
        return {binary(x, input(in, 1), [integer](double a, double b) {
            if (integer && b == 0)
                fold("integer division by zero");
            return integer ? std::trunc(a / b) : a / b;
        })};
    if (type == "Pow")
        return {binary(x, input(in, 1), [](double a, double b) { return std::pow(a, b); })};
    if (type == "Mod") {
        const bool fmod = attrInt(n, "fmod", 0) != 0;
        return {binary(x, input(in, 1), [fmod](double a, double b) {
            if (b == 0)
                fold("modulo by zero");
            const double r = std::fmod(a, b);
            return fmod || r == 0 || (r < 0) == (b < 0) ? r : r + b; // integer Mod takes the divisor's sign
        })};
    }
    if (type == "Min" || type == "Max") {
        ConstTensor acc = x;
        for (size_t i = 1; i < in.size(); ++i)
            acc = binary(acc, input(in, i),
                         [max = type == "Max"](double a, double b) { return max ? std::max(a, b) : std::min(a, b); });
        return {acc};
    }
    if (type == "Equal")
        return {binary(
            x, input(in, 1), [](double a, double b) { return double(a == b); }, true)};
    if (type == "Less")
        return {binary(
            x, input(in, 1), [](double a, double b) { return double(a < b); }, true)};
    if (type == "Greater")
        return {binary(
            x, input(in, 1), [](double a, double b) { return double(a > b); }, true)};
    if (type == "LessOrEqual")
        return {binary(
            x, input(in, 1), [](double a, double b) { return double(a <= b); }, true)};
    if (type == "GreaterOrEqual")
        return {binary(
            x, input(in, 1), [](double a, double b) { return double(a >= b); }, true)};
    if (type == "And")
        return {binary(
            x, input(in, 1), [](double a, double b) { return double(a != 0 && b != 0); }, true)};
    if (type == "Or")
        return {binary(
            x, input(in, 1), [](double a, double b) { return double(a != 0 || b != 0); }, true)};
    if (type == "Where") {
        const ConstTensor &a = input(in, 1), &b = input(in, 2);
        const Shape out = broadcastShapes(broadcastShapes(x.shape, a.shape), b.shape);
        const Values c = expandTo(x, out), va = expandTo(a, out), vb = expandTo(b, out);
        Values v(c.size());
        for (size_t i = 0; i < v.size(); ++i)
            v[i] = c[i] != 0 ? va[i] : vb[i];
        return {result(out, std::move(v), a.isFloat || b.isFloat, {&a, &b})};
    }
    if (type == "Reshape") {
        if (attrInt(n, "allowzero", 0) != 0)
            fold("allowzero = 1 is not supported");
        return {reshaped(x, reshapeTarget(x.shape, toInts(input(in, 1))))};
    }
    if (type == "Flatten") {
        const int64_t axis = normalizeAxis(attrInt(n, "axis", 1), x.shape.size() + 1);
        int64_t outer = 1;
        for (int64_t d = 0; d < axis; ++d)
            outer *= x.shape[size_t(d)];
        return {reshaped(x, {outer, outer == 0 ? 0 : countOf(x.shape) / outer})};
    }
    if (type == "Unsqueeze") {
        std::vector<int64_t> axes = axesOf(n, in, opset);
        const size_t rank = x.shape.size() + axes.size();
        for (int64_t &a : axes)
            a = normalizeAxis(a, rank);
        std::sort(axes.begin(), axes.end());
        Shape out;
        for (size_t d = 0, src = 0; d < rank; ++d)
            out.push_back(std::binary_search(axes.begin(), axes.end(), int64_t(d)) ? 1 : x.shape.at(src++));
        return {reshaped(x, out)};
    }
    if (type == "Squeeze") {
        std::vector<int64_t> axes = axesOf(n, in, opset);
        for (int64_t &a : axes)
            a = normalizeAxis(a, x.shape.size());
        Shape out;
        for (size_t d = 0; d < x.shape.size(); ++d) {
            const bool listed = std::find(axes.begin(), axes.end(), int64_t(d)) != axes.end();
            if (listed && x.shape[d] != 1)
                fold("cannot squeeze axis " + std::to_string(d) + " of extent " + std::to_string(x.shape[d]));
            if (!(listed || (axes.empty() && x.shape[d] == 1)))
                out.push_back(x.shape[d]);
        }
        return {reshaped(x, out)};
    }
    if (type == "Transpose")
        return {transpose(x, attrInts(n, "perm"))};
    if (type == "Concat")
        return {concat(in, attrInt(n, "axis", 0))};
    if (type == "Gather")
        return {derivedBuffer(gather(x, input(in, 1), attrInt(n, "axis", 0)), x)};
    if (type == "Slice") {
        auto optional = [&](size_t i) { return i < in.size() && in[i] ? toInts(*in[i]) : std::vector<int64_t>{}; };
        return {slice(x, resolveSlice(x.shape, toInts(input(in, 1)), toInts(input(in, 2)), optional(3), optional(4)))};
    }
    if (type == "ConstantOfShape") {
        ConstTensor value;
        value.values = {0.0};
        if (const auto *a = attribute(n, "value"); a && a->has_t())
            value = readConstTensor(a->t(), "ConstantOfShape");
        if (value.values.size() != 1)
            fold("'value' must hold one element");
        std::vector<int64_t> dims = toInts(x);
        Shape out(dims.begin(), dims.end());
        return {result(out, Values(size_t(countOf(out)), value.values[0]), value.isFloat, {})};
    }
    if (type == "Expand") {
        const std::vector<int64_t> dims = toInts(input(in, 1));
        const Shape out = broadcastShapes(x.shape, Shape(dims.begin(), dims.end()));
        return {derivedBuffer(result(out, expandTo(x, out), x.isFloat, {&x}), x)};
    }
    if (type == "Range") {
        const double start = x.values.at(0), limit = input(in, 1).values.at(0), delta = input(in, 2).values.at(0);
        if (delta == 0)
            fold("a delta of 0");
        const int64_t count = std::max<int64_t>(0, toInt(std::ceil((limit - start) / delta)));
        countOf({count});
        Values v(static_cast<size_t>(count));
        for (int64_t i = 0; i < count; ++i)
            v[size_t(i)] = start + double(i) * delta;
        return {result({count}, std::move(v), x.isFloat, {&x})};
    }
    if (type == "ScatterND") { // Swin's attention mask: region numbers written into zeros
        const ConstTensor &indices = input(in, 1), &updates = input(in, 2);
        if (attribute(n, "reduction") && attribute(n, "reduction")->s() != "none")
            fold("only ScatterND without reduction is evaluated at import");
        if (indices.shape.empty())
            fold("'indices' must have at least one dimension");
        const size_t k = size_t(indices.shape.back());
        if (k == 0 || k > x.shape.size())
            fold("index tuples of length " + std::to_string(k) + " for rank " + std::to_string(x.shape.size()));
        int64_t slice = 1;
        for (size_t d = k; d < x.shape.size(); ++d)
            slice *= x.shape[d];
        const size_t tuples = indices.values.size() / k;
        if (updates.values.size() != tuples * size_t(slice))
            fold("'updates' holds " + std::to_string(updates.values.size()) + " values for " + std::to_string(tuples)
                 + " slices of " + std::to_string(slice));
        Values v = x.values;
        for (size_t t = 0; t < tuples; ++t) {
            int64_t offset = 0;
            for (size_t d = 0; d < k; ++d) {
                int64_t i = toInt(indices.values[t * k + d]);
                const int64_t extent = x.shape[d];
                if (i < -extent || i >= extent)
                    fold("index " + std::to_string(i) + " is out of range for extent " + std::to_string(extent));
                offset = offset * extent + (i < 0 ? i + extent : i);
            }
            std::copy_n(updates.values.begin() + long(t * size_t(slice)), slice, v.begin() + long(offset * slice));
        }
        return {result(x.shape, std::move(v), x.isFloat, {&x, &updates})};
    }
    if (type == "ReduceProd" || type == "ReduceSum") {
        // Exporters use these on shape vectors only: a reduction over everything.
        std::vector<int64_t> axes = type == "ReduceSum" && opset >= 13
                                        ? (in.size() > 1 && in[1] ? toInts(*in[1]) : std::vector<int64_t>{})
                                        : attrInts(n, "axes");
        if (!axes.empty() && !(x.shape.size() == 1 && axes.size() == 1 && normalizeAxis(axes[0], 1) == 0))
            fold("only reductions of a vector are evaluated at import");
        double acc = type == "ReduceProd" ? 1 : 0;
        for (double v : x.values)
            acc = type == "ReduceProd" ? acc * v : acc + v;
        return {result(attrInt(n, "keepdims", 1) != 0 ? Shape(x.shape.size(), 1) : Shape{}, {acc}, x.isFloat, {&x})};
    }
    fold("operator '" + type + "' is not evaluated at import");
}

} // namespace calibra::graph
