// SPDX-License-Identifier: GPL-3.0-or-later
#include "OnnxWeightsInPlace.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <limits>

namespace calibra::graph {

namespace {

using google::protobuf::internal::WireFormatLite;

// Field numbers of onnx.proto3 (ModelProto.graph, GraphProto.initializer, TensorProto's
// raw_data, external_data and data_location; StringStringEntryProto's key and value).
constexpr int kModelGraph = 7;
constexpr int kGraphInitializer = 5;
constexpr int kTensorRawData = 9;
constexpr int kTensorExternalData = 13;
constexpr int kTensorDataLocation = 14;
constexpr int kEntryKey = 1, kEntryValue = 2;
constexpr int kExternal = 1; // TensorProto.DataLocation.EXTERNAL

void putVarint(std::string &out, uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(char(v | 0x80));
        v >>= 7;
    }
    out.push_back(char(v));
}

void putTag(std::string &out, int field, WireFormatLite::WireType type)
{
    putVarint(out, (uint64_t(field) << 3) | uint64_t(type));
}

void putBytes(std::string &out, int field, std::string_view bytes)
{
    putTag(out, field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
    putVarint(out, bytes.size());
    out.append(bytes);
}

struct Field
{
    int number = 0;
    WireFormatLite::WireType type = WireFormatLite::WIRETYPE_VARINT;
    std::string_view whole;   // tag and value, as serialized
    std::string_view payload; // a length-delimited field's bytes
};

// Walks the fields of one message; false on malformed input.
template <typename Visit> bool forEachField(std::string_view message, Visit visit)
{
    google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t *>(message.data()), int(message.size()));
    in.SetTotalBytesLimit(int(message.size()));
    while (true) {
        const int start = in.CurrentPosition();
        const uint32_t tag = in.ReadTag();
        if (tag == 0)
            return in.CurrentPosition() == int(message.size());
        Field f;
        f.number = int(WireFormatLite::GetTagFieldNumber(tag));
        f.type = WireFormatLite::GetTagWireType(tag);
        if (f.type == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
            uint32_t length = 0;
            if (!in.ReadVarint32(&length) || length > message.size() - size_t(in.CurrentPosition()))
                return false;
            f.payload = message.substr(size_t(in.CurrentPosition()), length);
            if (!in.Skip(int(length)))
                return false;
        } else if (!WireFormatLite::SkipField(&in, tag)) {
            return false;
        }
        f.whole = message.substr(size_t(start), size_t(in.CurrentPosition() - start));
        if (!visit(f))
            return false;
    }
}

// A TensorProto without its raw_data, pointing at it as external data instead.
bool rewriteTensor(std::string_view tensor, const char *base, size_t minBytes, std::string &out, bool &changed)
{
    std::string_view raw;
    std::string rest;
    const bool ok = forEachField(tensor, [&](const Field &f) {
        if (f.number == kTensorRawData && f.type == WireFormatLite::WIRETYPE_LENGTH_DELIMITED)
            raw = f.payload;
        else if (f.number == kTensorDataLocation || f.number == kTensorExternalData)
            return false; // already external: left to the normal path
        else
            rest.append(f.whole);
        return true;
    });
    if (!ok || raw.size() < minBytes) {
        out.append(tensor);
        return true;
    }
    changed = true;
    out = std::move(rest);
    auto entry = [&](std::string_view key, std::string_view value) {
        std::string e;
        putBytes(e, kEntryKey, key);
        putBytes(e, kEntryValue, value);
        putBytes(out, kTensorExternalData, e);
    };
    entry("location", kModelBytesLocation);
    entry("offset", std::to_string(size_t(raw.data() - base)));
    entry("length", std::to_string(raw.size()));
    putTag(out, kTensorDataLocation, WireFormatLite::WIRETYPE_VARINT);
    putVarint(out, kExternal);
    return true;
}

} // namespace

std::optional<std::string> withWeightsInPlace(std::string_view model, size_t minBytes)
{
    if (model.size() > size_t(std::numeric_limits<int>::max()))
        return std::nullopt;
    const char *base = model.data();
    std::string out;
    bool changed = false;
    const bool ok = forEachField(model, [&](const Field &f) {
        if (f.number != kModelGraph || f.type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
            out.append(f.whole);
            return true;
        }
        std::string graph;
        const bool graphOk = forEachField(f.payload, [&](const Field &g) {
            if (g.number != kGraphInitializer || g.type != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
                graph.append(g.whole);
                return true;
            }
            std::string tensor;
            if (!rewriteTensor(g.payload, base, minBytes, tensor, changed))
                return false;
            putBytes(graph, kGraphInitializer, tensor);
            return true;
        });
        if (!graphOk)
            return false;
        putBytes(out, kModelGraph, graph);
        return true;
    });
    if (!ok || !changed)
        return std::nullopt;
    return out;
}

} // namespace calibra::graph
