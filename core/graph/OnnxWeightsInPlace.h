// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Parsing a large .onnx without copying its weights. Protobuf copies every bytes field
// it parses: for ViT-B/16 that is 330 MB copied out of the memory-mapped file before a
// single weight is decoded. Instead, the serialized model is rewritten at the wire-format
// level first: each large initializer's raw_data is dropped and the tensor marked as
// external data at its offset in the model's own bytes (location kModelBytesLocation),
// which OnnxExternalData resolves to the buffer itself. The rewritten copy holds only the
// graph's structure (kilobytes to a few megabytes).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace calibra::graph {

// A location no file can have (it holds a NUL): "the model's own bytes".
inline const std::string kModelBytesLocation{"\0model-bytes", 12};

// The rewritten model, or nullopt when nothing is worth rewriting (no initializer's
// raw_data reaches `minBytes`) or the bytes are not a well-formed protobuf message (the
// normal parser then reports the error).
std::optional<std::string> withWeightsInPlace(std::string_view model, size_t minBytes = 64 * 1024);

} // namespace calibra::graph
