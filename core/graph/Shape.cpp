// SPDX-License-Identifier: GPL-3.0-or-later
#include "Shape.h"

#include "GraphError.h"

namespace calibra::graph {

std::string shapeToString(const Shape &shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i)
            s += ", ";
        s += std::to_string(shape[i]);
    }
    return s + "]";
}

std::string shapeSpec(const Shape &shape)
{
    std::string s;
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? "x" : "") + std::to_string(shape[i]);
    return s;
}

int64_t checkedMul(int64_t a, int64_t b, const char *what)
{
    int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r))
        throw GraphError(std::string(what) + " overflows 64-bit arithmetic");
    return r;
}

int64_t checkedAdd(int64_t a, int64_t b, const char *what)
{
    int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r))
        throw GraphError(std::string(what) + " overflows 64-bit arithmetic");
    return r;
}

int64_t elementCount(const Shape &shape)
{
    int64_t n = 1;
    for (int64_t d : shape) {
        if (d < 0)
            throw GraphError("negative dimension in shape " + shapeToString(shape));
        n = checkedMul(n, d, "tensor size");
        if (n > kMaxTensorElements)
            throw GraphError("tensor of shape " + shapeToString(shape) + " exceeds the limit of "
                             + std::to_string(kMaxTensorElements) + " elements");
    }
    return n;
}

std::string describeNode(const std::string &name, const std::string &opName)
{
    return "node '" + name + "' (" + opName + ")";
}

} // namespace calibra::graph
