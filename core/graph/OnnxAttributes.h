// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading an ONNX node's attributes, shared by the importer, the constant folder and
// the pattern fuser.
#include <onnx/onnx_pb.h>

#include <charconv>
#include <string>
#include <vector>

namespace calibra::graph::onnxattr {

inline const onnx::AttributeProto *find(const onnx::NodeProto &n, const char *name)
{
    for (const auto &a : n.attribute())
        if (a.name() == name)
            return &a;
    return nullptr;
}

inline int64_t getInt(const onnx::NodeProto &n, const char *name, int64_t def)
{
    const auto *a = find(n, name);
    return a ? a->i() : def;
}

// ONNX float attributes are float32; read back the shortest decimal that gives the
// same float (1e-5 rather than 9.99999974e-06), as the author most likely wrote it.
inline double shortestDecimal(float f)
{
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, f);
    double d = double(f);
    std::from_chars(buf, end, d);
    return d;
}

inline double getFloat(const onnx::NodeProto &n, const char *name, double def)
{
    const auto *a = find(n, name);
    return a ? shortestDecimal(a->f()) : def;
}

inline std::vector<int64_t> getInts(const onnx::NodeProto &n, const char *name, std::vector<int64_t> def = {})
{
    const auto *a = find(n, name);
    return a ? std::vector<int64_t>(a->ints().begin(), a->ints().end()) : def;
}

inline std::string getString(const onnx::NodeProto &n, const char *name, std::string def)
{
    const auto *a = find(n, name);
    return a ? a->s() : def;
}

} // namespace calibra::graph::onnxattr
