// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Checks shared by the shape functions of ops/*.cpp. Each throws GraphError with a
// message about the op's inputs; analyzeNetwork() adds the node's name and location.
#include "../GraphError.h"
#include "../OpSchema.h"

#include <string>

namespace calibra::graph::ops {

inline void requireRank(const Shape &s, size_t rank, const char *what = "input")
{
    if (s.size() != rank)
        throw GraphError(std::string("expected ") + what + " of rank " + std::to_string(rank) + ", got "
                         + shapeToString(s));
}

inline void requireMinRank(const Shape &s, size_t rank, const char *what = "input")
{
    if (s.size() < rank)
        throw GraphError(std::string("expected ") + what + " of rank at least " + std::to_string(rank) + ", got "
                         + shapeToString(s));
}

// A size-like attribute: 1 <= value <= kMaxDimension.
inline int64_t sizeAttr(const Node &n, const std::string &name)
{
    const int64_t v = n.attrs.getInt(name);
    if (v < 1 || v > kMaxDimension)
        throw GraphError("attribute '" + name + "' is " + std::to_string(v) + ", must be between 1 and "
                         + std::to_string(kMaxDimension));
    return v;
}

inline void requireEach(const std::vector<int64_t> &v, const std::string &name, int64_t min)
{
    for (int64_t x : v)
        if (x < min || x > kMaxDimension)
            throw GraphError("attribute '" + name + "' has value " + std::to_string(x) + ", must be between "
                             + std::to_string(min) + " and " + std::to_string(kMaxDimension));
}

// Normalizes a possibly negative axis for a tensor of `rank`.
inline int64_t normalizeAxis(int64_t axis, size_t rank, const char *name = "axis")
{
    const int64_t r = int64_t(rank);
    if (axis < -r || axis >= r)
        throw GraphError(std::string("attribute '") + name + "' = " + std::to_string(axis)
                         + " is out of range for rank " + std::to_string(rank));
    return axis < 0 ? axis + r : axis;
}

// Output extent of a sliding window (convolution, pooling), PyTorch/ONNX rules.
inline int64_t windowOutput(int64_t in, int64_t k, int64_t stride, int64_t padBegin, int64_t padEnd, int64_t dilation,
                            bool ceilMode, const char *axis)
{
    const int64_t span = dilation * (k - 1) + 1;
    const int64_t padded = in + padBegin + padEnd;
    if (padded < span)
        throw GraphError(std::string("window of extent ") + std::to_string(span) + " does not fit the padded " + axis
                         + " extent " + std::to_string(padded));
    int64_t out = (padded - span) / stride + 1;
    if (ceilMode && (padded - span) % stride != 0) {
        ++out;
        if ((out - 1) * stride >= in + padBegin) // last window would start in the padding
            --out;
    }
    return out;
}

// NumPy-style broadcasting of two shapes.
inline Shape broadcast(const Shape &a, const Shape &b)
{
    Shape out(std::max(a.size(), b.size()));
    for (size_t i = 0; i < out.size(); ++i) {
        const int64_t da = i < out.size() - a.size() ? 1 : a[i - (out.size() - a.size())];
        const int64_t db = i < out.size() - b.size() ? 1 : b[i - (out.size() - b.size())];
        if (da != db && da != 1 && db != 1)
            throw GraphError("shapes " + shapeToString(a) + " and " + shapeToString(b) + " cannot be broadcast");
        out[i] = da == 1 ? db : da;
    }
    return out;
}

inline int64_t product(const Shape &s, size_t begin, size_t end)
{
    int64_t p = 1;
    for (size_t i = begin; i < end && i < s.size(); ++i)
        p = checkedMul(p, s[i], "MAC count");
    return p;
}

inline std::vector<Shape> same(const Node &, const std::vector<Shape> &in)
{
    return {in.at(0)};
}

} // namespace calibra::graph::ops
