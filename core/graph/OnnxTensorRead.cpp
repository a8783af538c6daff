// SPDX-License-Identifier: GPL-3.0-or-later
// Reading ONNX tensors (initializers, Constant nodes): sizes checked against shapes
// before anything is decoded, large tensors decoded only when used, straight to float.
#include "OnnxConstants.h"

#include "GraphError.h"
#include "OnnxExternalData.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstring>

namespace calibra::graph {

namespace {

int64_t storedCount(const onnx::TensorProto &t, const std::string &source, const std::string &kind)
{
    int64_t count = 1;
    for (int64_t d : t.dims()) {
        if (d < 0 || d > kMaxTensorElements)
            throw GraphError(source + ": " + kind + " '" + t.name() + "' has an invalid shape");
        count = checkedMul(count, d, "tensor size");
    }
    if (count > kMaxTensorElements)
        throw GraphError(source + ": " + kind + " '" + t.name() + "' is too large");
    return count;
}

size_t rawWidth(int32_t type)
{
    switch (type) {
    case onnx::TensorProto::FLOAT:
    case onnx::TensorProto::INT32: return 4;
    case onnx::TensorProto::DOUBLE:
    case onnx::TensorProto::INT64: return 8;
    case onnx::TensorProto::BOOL: return 1;
    default: return 0;
    }
}

// Checks that the payload (`raw`, or the proto's value lists when it is empty) matches
// the shape, without decoding it.
void checkPayload(const onnx::TensorProto &t, std::string_view raw, int64_t count, const std::string &source,
                  const std::string &kind)
{
    const size_t width = rawWidth(t.data_type());
    if (width == 0)
        throw GraphError(source + ": " + kind + " '" + t.name() + "' has unsupported data type "
                         + std::to_string(t.data_type()));
    if (!raw.empty() || t.data_location() == onnx::TensorProto::EXTERNAL) {
        if (raw.size() != size_t(count) * width)
            throw GraphError(source + ": " + kind + " '" + t.name() + "' holds " + std::to_string(raw.size())
                             + " bytes, its shape needs " + std::to_string(size_t(count) * width));
        return;
    }
    size_t held = 0;
    if (t.data_type() == onnx::TensorProto::FLOAT)
        held = size_t(t.float_data_size());
    else if (t.data_type() == onnx::TensorProto::DOUBLE)
        held = size_t(t.double_data_size());
    else if (t.data_type() == onnx::TensorProto::INT64)
        held = size_t(t.int64_data_size());
    else
        held = size_t(t.int32_data_size());
    if (held != size_t(count))
        throw GraphError(source + ": " + kind + " '" + t.name() + "' holds " + std::to_string(held)
                         + " values, its shape needs " + std::to_string(count));
}

template <typename T> std::vector<T> decode(const onnx::TensorProto &t, std::string_view raw)
{
    std::vector<T> out;
    auto fromRaw = [&](auto sample) {
        using S = decltype(sample);
        // Each element written once (resize() would zero them first: hundreds of
        // megabytes for a large model); memcpy, as raw_data need not be aligned.
        const size_t n = raw.size() / sizeof(S);
        out.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            S v;
            std::memcpy(&v, raw.data() + i * sizeof(S), sizeof(S));
            out.push_back(T(v));
        }
    };
    auto fromList = [&](const auto &list) { out.assign(list.begin(), list.end()); };
    switch (t.data_type()) {
    case onnx::TensorProto::FLOAT: raw.empty() ? fromList(t.float_data()) : fromRaw(float()); break;
    case onnx::TensorProto::DOUBLE: raw.empty() ? fromList(t.double_data()) : fromRaw(double()); break;
    case onnx::TensorProto::INT64: raw.empty() ? fromList(t.int64_data()) : fromRaw(int64_t()); break;
    case onnx::TensorProto::INT32: raw.empty() ? fromList(t.int32_data()) : fromRaw(int32_t()); break;
    case onnx::TensorProto::BOOL:
        if (raw.empty()) {
            fromList(t.int32_data());
        } else {
            out.resize(raw.size());
            for (size_t i = 0; i < raw.size(); ++i)
                out[i] = T(raw[i] != 0);
        }
        break;
    default: break;
    }
    return out;
}

} // namespace

ConstTensor readConstTensor(const onnx::TensorProto &t, const std::string &source, const char *kind, int64_t decodeUpTo,
                            OnnxExternalData *external)
{
    ConstTensor c;
    c.shape.assign(t.dims().begin(), t.dims().end());
    const int64_t count = storedCount(t, source, kind);
    std::string_view raw = t.raw_data();
    if (t.data_location() == onnx::TensorProto::EXTERNAL) {
        if (!external)
            throw GraphError(source + ": " + kind + " '" + t.name()
                             + "' is stored as external data, which is not read here");
        raw = external->bytes(t);
    }
    checkPayload(t, raw, count, source, kind);
    c.isFloat = t.data_type() == onnx::TensorProto::FLOAT || t.data_type() == onnx::TensorProto::DOUBLE;
    if (count > decodeUpTo) {
        c.stored = &t;
        c.storedRaw = raw;
    } else {
        c.values = decode<double>(t, raw);
    }
    return c;
}

void decodeStored(ConstTensor &c, const std::string &)
{
    if (c.stored) {
        c.values = decode<double>(*c.stored, c.storedRaw);
        c.stored = nullptr;
        c.storedRaw = {};
    }
}

std::vector<float> floatValues(const ConstTensor &c, bool transposeMatrix)
{
    if (!transposeMatrix)
        return c.stored ? decode<float>(*c.stored, c.storedRaw) : std::vector<float>(c.values.begin(), c.values.end());
    const int64_t rows = c.shape.at(0), cols = c.shape.at(1);
    std::vector<float> out(size_t(rows * cols));
    auto transpose = [&](auto read) {
        constexpr int64_t tile = 32; // both matrices walked a cache line at a time
        for (int64_t r0 = 0; r0 < rows; r0 += tile)
            for (int64_t c0 = 0; c0 < cols; c0 += tile)
                for (int64_t r = r0; r < std::min(rows, r0 + tile); ++r)
                    for (int64_t k = c0; k < std::min(cols, c0 + tile); ++k)
                        out[size_t(k * rows + r)] = read(size_t(r * cols + k));
    };
    if (c.stored && c.stored->data_type() == onnx::TensorProto::FLOAT && !c.storedRaw.empty()) {
        const char *raw = c.storedRaw.data();
        transpose([raw](size_t i) {
            float f;
            std::memcpy(&f, raw + i * 4, 4);
            return f;
        });
    } else if (c.stored) {
        const std::vector<float> v = decode<float>(*c.stored, c.storedRaw);
        transpose([&v](size_t i) { return v[i]; });
    } else {
        transpose([&c](size_t i) { return float(c.values[i]); });
    }
    return out;
}

} // namespace calibra::graph
