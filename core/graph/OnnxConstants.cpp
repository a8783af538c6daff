// SPDX-License-Identifier: GPL-3.0-or-later
#include "OnnxConstants.h"

#include "GraphError.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <set>

namespace calibra::graph {

namespace {

using Values = std::vector<double>;

[[noreturn]] void fold(const std::string &what)
{
    throw FoldError(what);
}

int64_t countOf(const Shape &s)
{
    int64_t n = 1;
    for (int64_t d : s) {
        if (d < 0)
            fold("negative extent in " + shapeToString(s));
        n = d == 0 ? 0 : (n > kMaxFoldedElements / d ? kMaxFoldedElements + 1 : n * d);
    }
    if (n > kMaxFoldedElements)
        fold("the result " + shapeToString(s) + " is too large to compute at import (over "
             + std::to_string(kMaxFoldedElements) + " elements)");
    return n;
}

// Positions far outside any extent (exporters write INT64_MAX for "to the end") are
// clamped before the conversion, which would otherwise be undefined.
int64_t toInt(double v)
{
    constexpr double limit = double(int64_t(1) << 62);
    if (std::isnan(v))
        fold("NaN where an integer is needed");
    return int64_t(std::clamp(std::trunc(v), -limit, limit));
}

std::vector<int64_t> toInts(const ConstTensor &t)
{
    std::vector<int64_t> out;
    out.reserve(t.values.size());
    for (double v : t.values)
        out.push_back(toInt(v));
    return out;
}

int64_t normalizeAxis(int64_t axis, size_t rank)
{
    const int64_t r = int64_t(rank);
    if (axis < -r || axis >= std::max<int64_t>(r, 1))
        fold("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
    return axis < 0 ? axis + r : axis;
}

Shape broadcastShapes(const Shape &a, const Shape &b)
{
    Shape out(std::max(a.size(), b.size()), 1);
    for (size_t i = 0; i < out.size(); ++i) {
        const int64_t da = i < out.size() - a.size() ? 1 : a[i - (out.size() - a.size())];
        const int64_t db = i < out.size() - b.size() ? 1 : b[i - (out.size() - b.size())];
        if (da != db && da != 1 && db != 1)
            fold("shapes " + shapeToString(a) + " and " + shapeToString(b) + " do not broadcast");
        out[i] = da == 1 ? db : da;
    }
    return out;
}

// The values of `t` laid out in the (broadcast) shape `out`.
Values expandTo(const ConstTensor &t, const Shape &out)
{
    const int64_t n = countOf(out);
    if (t.shape == out)
        return t.values;
    const size_t rank = out.size(), offset = rank - t.shape.size();
    std::vector<int64_t> strides(rank, 0);
    for (int64_t s = 1, i = int64_t(rank) - 1; i >= int64_t(offset); --i) {
        const int64_t d = t.shape[size_t(i) - offset];
        strides[size_t(i)] = d == 1 ? 0 : s;
        s *= d;
    }
    Values v(static_cast<size_t>(n));
    std::vector<int64_t> index(rank, 0);
    for (int64_t k = 0; k < n; ++k) {
        int64_t src = 0;
        for (size_t i = 0; i < rank; ++i)
            src += index[i] * strides[i];
        v[size_t(k)] = t.values[size_t(src)];
        for (int64_t i = int64_t(rank) - 1; i >= 0 && ++index[size_t(i)] == out[size_t(i)]; --i)
            index[size_t(i)] = 0;
    }
    return v;
}

ConstTensor result(Shape shape, Values values, bool isFloat, const std::vector<const ConstTensor *> &from)
{
    ConstTensor t;
    t.shape = std::move(shape);
    t.values = std::move(values);
    t.isFloat = isFloat;
    for (const ConstTensor *c : from)
        t.trainable = t.trainable || (c && c->trainable);
    t.trainable = t.trainable && isFloat;
    return t;
}

ConstTensor intVector(const std::vector<int64_t> &v)
{
    ConstTensor t;
    t.shape = {int64_t(v.size())};
    t.values.assign(v.begin(), v.end());
    t.isFloat = false;
    return t;
}

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

using Unary = std::function<double(double)>;
using Binary = std::function<double(double, double)>;

ConstTensor unary(const ConstTensor &x, const Unary &f, bool keepsType = true)
{
    Values v(x.values.size());
    std::transform(x.values.begin(), x.values.end(), v.begin(), f);
    return result(x.shape, std::move(v), keepsType && x.isFloat, {&x});
}

// `boolean`: the result is a comparison (not a float, not trainable).
ConstTensor binary(const ConstTensor &a, const ConstTensor &b, const Binary &f, bool boolean = false)
{
    const Shape out = broadcastShapes(a.shape, b.shape);
    const Values va = expandTo(a, out), vb = expandTo(b, out);
    Values v(va.size());
    for (size_t i = 0; i < v.size(); ++i)
        v[i] = f(va[i], vb[i]);
    return result(out, std::move(v), !boolean && (a.isFloat || b.isFloat), {&a, &b});
}

ConstTensor reshaped(const ConstTensor &x, Shape shape)
{
    ConstTensor t = x;
    t.shape = std::move(shape);
    return t;
}

ConstTensor transpose(const ConstTensor &x, std::vector<int64_t> perm)
{
    const size_t rank = x.shape.size();
    if (perm.empty())
        for (int64_t d = int64_t(rank) - 1; d >= 0; --d)
            perm.push_back(d);
    if (perm.size() != rank)
        fold("'perm' has " + std::to_string(perm.size()) + " entries for rank " + std::to_string(rank));
    Shape out(rank);
    std::vector<int64_t> inStrides(rank, 1);
    for (int64_t i = int64_t(rank) - 2; i >= 0; --i)
        inStrides[size_t(i)] = inStrides[size_t(i) + 1] * x.shape[size_t(i) + 1];
    std::vector<bool> seen(rank, false);
    for (size_t i = 0; i < rank; ++i) {
        const int64_t p = perm[i];
        if (p < 0 || p >= int64_t(rank) || seen[size_t(p)])
            fold("'perm' is not a permutation");
        seen[size_t(p)] = true;
        out[i] = x.shape[size_t(p)];
    }
    const int64_t n = countOf(out);
    Values v(static_cast<size_t>(n));
    std::vector<int64_t> index(rank, 0);
    for (int64_t k = 0; k < n; ++k) {
        int64_t src = 0;
        for (size_t i = 0; i < rank; ++i)
            src += index[i] * inStrides[size_t(perm[i])];
        v[size_t(k)] = x.values[size_t(src)];
        for (int64_t i = int64_t(rank) - 1; i >= 0 && ++index[size_t(i)] == out[size_t(i)]; --i)
            index[size_t(i)] = 0;
    }
    return result(out, std::move(v), x.isFloat, {&x});
}

ConstTensor concat(const std::vector<const ConstTensor *> &in, int64_t axisAttr)
{
    const Shape &first = in.at(0)->shape;
    const int64_t axis = normalizeAxis(axisAttr, first.size());
    Shape out = first;
    out[size_t(axis)] = 0;
    for (const ConstTensor *t : in) {
        if (t->shape.size() != first.size())
            fold("inputs of ranks " + std::to_string(first.size()) + " and " + std::to_string(t->shape.size()));
        for (size_t d = 0; d < first.size(); ++d)
            if (int64_t(d) != axis && t->shape[d] != first[d])
                fold("inputs " + shapeToString(first) + " and " + shapeToString(t->shape) + " differ outside the axis");
        out[size_t(axis)] += t->shape[size_t(axis)];
    }
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= first[size_t(d)];
    Values v;
    v.reserve(size_t(countOf(out)));
    bool isFloat = false;
    for (int64_t o = 0; o < outer; ++o)
        for (const ConstTensor *t : in) {
            const size_t chunk = outer == 0 ? 0 : t->values.size() / size_t(outer);
            v.insert(v.end(), t->values.begin() + long(size_t(o) * chunk),
                     t->values.begin() + long(size_t(o + 1) * chunk));
        }
    for (const ConstTensor *t : in)
        isFloat = isFloat || t->isFloat;
    return result(out, std::move(v), isFloat, in);
}

ConstTensor gather(const ConstTensor &data, const ConstTensor &indices, int64_t axisAttr)
{
    const int64_t axis = normalizeAxis(axisAttr, data.shape.size());
    const int64_t extent = data.shape[size_t(axis)];
    Shape out(data.shape.begin(), data.shape.begin() + axis);
    out.insert(out.end(), indices.shape.begin(), indices.shape.end());
    out.insert(out.end(), data.shape.begin() + axis + 1, data.shape.end());
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= data.shape[size_t(d)];
    for (size_t d = size_t(axis) + 1; d < data.shape.size(); ++d)
        inner *= data.shape[d];
    Values v;
    v.reserve(size_t(countOf(out)));
    for (int64_t o = 0; o < outer; ++o)
        for (double raw : indices.values) {
            int64_t i = toInt(raw);
            if (i < -extent || i >= extent)
                fold("index " + std::to_string(i) + " is out of range for extent " + std::to_string(extent));
            i = i < 0 ? i + extent : i;
            const auto begin = data.values.begin() + long((o * extent + i) * inner);
            v.insert(v.end(), begin, begin + long(inner));
        }
    return result(out, std::move(v), data.isFloat, {&data});
}

ConstTensor slice(const ConstTensor &x, const std::vector<SliceRange> &ranges)
{
    const size_t rank = x.shape.size();
    std::vector<int64_t> start(rank, 0), step(rank, 1);
    Shape out = x.shape;
    for (const SliceRange &r : ranges) {
        start[size_t(r.axis)] = r.start;
        step[size_t(r.axis)] = r.step;
        out[size_t(r.axis)] = r.count;
    }
    std::vector<int64_t> strides(rank, 1);
    for (int64_t i = int64_t(rank) - 2; i >= 0; --i)
        strides[size_t(i)] = strides[size_t(i) + 1] * x.shape[size_t(i) + 1];
    const int64_t n = countOf(out);
    Values v(static_cast<size_t>(n));
    std::vector<int64_t> index(rank, 0);
    for (int64_t k = 0; k < n; ++k) {
        int64_t src = 0;
        for (size_t i = 0; i < rank; ++i)
            src += (start[i] + index[i] * step[i]) * strides[i];
        v[size_t(k)] = x.values[size_t(src)];
        for (int64_t i = int64_t(rank) - 1; i >= 0 && ++index[size_t(i)] == out[size_t(i)]; --i)
            index[size_t(i)] = 0;
    }
    return result(out, std::move(v), x.isFloat, {&x});
}

// Reshape's target with 0 (copy the input's extent) and -1 (inferred) resolved.
Shape reshapeTarget(const Shape &in, std::vector<int64_t> target)
{
    int64_t known = 1;
    int inferred = -1;
    for (size_t i = 0; i < target.size(); ++i) {
        if (target[i] == 0) {
            if (i >= in.size())
                fold("'shape' copies dimension " + std::to_string(i) + " that the input lacks");
            target[i] = in[i];
        }
        if (target[i] == -1) {
            if (inferred >= 0)
                fold("'shape' has more than one -1");
            inferred = int(i);
        } else if (target[i] < 0) {
            fold("'shape' has a negative extent");
        } else {
            known *= target[i];
        }
    }
    const int64_t total = countOf(in);
    if (inferred >= 0) {
        if (known == 0 || total % known != 0)
            fold("cannot reshape " + shapeToString(in) + " to " + shapeToString(target));
        target[size_t(inferred)] = total / known;
    } else if (known != total) {
        fold("cannot reshape " + shapeToString(in) + " to " + shapeToString(target));
    }
    return target;
}

// Squeeze's and Unsqueeze's axes: an attribute before opset 13, an input since.
std::vector<int64_t> axesOf(const onnx::NodeProto &n, const std::vector<const ConstTensor *> &in, int opset)
{
    if (opset < 13)
        return attrInts(n, "axes");
    return in.size() > 1 && in[1] ? toInts(*in[1]) : std::vector<int64_t>{};
}

// A parameter gathered or expanded into more elements than it has (Swin's relative
// position bias, 169 x heads values spread over 49 x 49 x heads) is a buffer computed
// from it: counting it as a parameter would count most values several times.
ConstTensor derivedBuffer(ConstTensor t, const ConstTensor &source)
{
    if (t.values.size() > source.values.size())
        t.trainable = false;
    return t;
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
