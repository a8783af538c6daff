// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// ONNX external data: the weights of a model over protobuf's 2 GB limit (and of any
// model saved with save_as_external_data) live in files beside the .onnx, named by each
// tensor's `location` entry, at `offset` for `length` bytes. The files are mapped, not
// read: their pages are only touched when a weight is decoded.
#include <QFile>

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace onnx {
class TensorProto;
}

namespace calibra::graph {

class OnnxExternalData
{
public:
    // `folder`: where the .onnx file lies; empty when the model was not read from a file
    // (then every external tensor is refused). `modelBytes`: the serialized model, which
    // tensors at kModelBytesLocation (OnnxWeightsInPlace.h) point into.
    OnnxExternalData(std::string folder, std::string source, std::string_view modelBytes = {});
    ~OnnxExternalData();

    // The bytes of an external tensor, valid while this object lives. Throws GraphError
    // naming the model, the tensor and the data file: a location outside the model's
    // folder, a missing or unmappable file, a range past its end.
    std::string_view bytes(const onnx::TensorProto &tensor);

private:
    struct MappedFile
    {
        std::unique_ptr<QFile> file; // owns the mapping: unmapped when closed
        const uchar *data = nullptr;
        qint64 size = 0;
    };
    const MappedFile &mapped(const std::string &location, const std::string &tensor);

    std::string m_folder;
    std::string m_source;
    std::string_view m_modelBytes;
    std::map<std::string, MappedFile> m_files;
};

} // namespace calibra::graph
