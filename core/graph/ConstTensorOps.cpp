// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConstTensorOps.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace calibra::graph::constant {

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

// Row-major strides of `shape`: how far one step along each axis moves in its values.
std::vector<int64_t> rowMajorStrides(const Shape &shape)
{
    std::vector<int64_t> strides(shape.size(), 1);
    for (int64_t i = int64_t(shape.size()) - 2; i >= 0; --i)
        strides[size_t(i)] = strides[size_t(i) + 1] * shape[size_t(i) + 1];
    return strides;
}

// For every index of `out` in row-major order, the value of `from` at offset +
// sum(index[i] * strides[i]): broadcasting (stride 0), transposing and slicing alike.
Values gatherStrided(const Values &from, const Shape &out, int64_t offset, const std::vector<int64_t> &strides)
{
    const size_t rank = out.size();
    const int64_t n = countOf(out);
    Values v(static_cast<size_t>(n));
    std::vector<int64_t> index(rank, 0);
    for (int64_t k = 0; k < n; ++k) {
        int64_t src = offset;
        for (size_t i = 0; i < rank; ++i)
            src += index[i] * strides[i];
        v[size_t(k)] = from[size_t(src)];
        for (int64_t i = int64_t(rank) - 1; i >= 0 && ++index[size_t(i)] == out[size_t(i)]; --i)
            index[size_t(i)] = 0;
    }
    return v;
}

Values expandTo(const ConstTensor &t, const Shape &out)
{
    if (t.shape == out)
        return t.values;
    const size_t rank = out.size(), offset = rank - t.shape.size();
    std::vector<int64_t> strides(rank, 0);
    for (int64_t s = 1, i = int64_t(rank) - 1; i >= int64_t(offset); --i) {
        const int64_t d = t.shape[size_t(i) - offset];
        strides[size_t(i)] = d == 1 ? 0 : s;
        s *= d;
    }
    return gatherStrided(t.values, out, 0, strides);
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

ConstTensor unary(const ConstTensor &x, const Unary &f, bool keepsType)
{
    Values v(x.values.size());
    std::transform(x.values.begin(), x.values.end(), v.begin(), f);
    return result(x.shape, std::move(v), keepsType && x.isFloat, {&x});
}

ConstTensor binary(const ConstTensor &a, const ConstTensor &b, const Binary &f, bool boolean)
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
    const std::vector<int64_t> inStrides = rowMajorStrides(x.shape);
    std::vector<int64_t> strides(rank);
    std::vector<bool> seen(rank, false);
    for (size_t i = 0; i < rank; ++i) {
        const int64_t p = perm[i];
        if (p < 0 || p >= int64_t(rank) || seen[size_t(p)])
            fold("'perm' is not a permutation");
        seen[size_t(p)] = true;
        out[i] = x.shape[size_t(p)];
        strides[i] = inStrides[size_t(p)];
    }
    return result(out, gatherStrided(x.values, out, 0, strides), x.isFloat, {&x});
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
    for (const SliceRange &r : ranges) { // a later range of the same axis wins
        start[size_t(r.axis)] = r.start;
        step[size_t(r.axis)] = r.step;
        out[size_t(r.axis)] = r.count;
    }
    std::vector<int64_t> strides = rowMajorStrides(x.shape);
    int64_t offset = 0;
    for (size_t i = 0; i < rank; ++i) {
        offset += start[i] * strides[i];
        strides[i] *= step[i];
    }
    return result(out, gatherStrided(x.values, out, offset, strides), x.isFloat, {&x});
}

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

ConstTensor derivedBuffer(ConstTensor t, const ConstTensor &source)
{
    if (t.values.size() > source.values.size())
        t.trainable = false;
    return t;
}

} // namespace calibra::graph::constant
