// SPDX-License-Identifier: GPL-3.0-or-later
#include "OnnxExternalData.h"

#include "GraphError.h"
#include "OnnxWeightsInPlace.h"

#include <QDir>
#include <QFileInfo>

#include <onnx/onnx_pb.h>

#include <limits>

namespace calibra::graph {

OnnxExternalData::OnnxExternalData(std::string folder, std::string source, std::string_view modelBytes)
    : m_folder(std::move(folder)), m_source(std::move(source)), m_modelBytes(modelBytes)
{
}

OnnxExternalData::~OnnxExternalData() = default;

std::string_view OnnxExternalData::bytes(const onnx::TensorProto &t)
{
    std::string location;
    uint64_t offset = 0, length = std::numeric_limits<uint64_t>::max();
    auto fail = [&](const std::string &what) -> GraphError {
        return GraphError(m_source + ": tensor '" + t.name() + "'"
                          + (location.empty() ? "" : " (file '" + location + "')") + ": " + what);
    };
    auto number = [&](const std::string &key, const std::string &value) {
        size_t used = 0;
        uint64_t v = 0;
        try {
            v = std::stoull(value, &used);
        } catch (const std::exception &) {
            used = 0;
        }
        if (used == 0 || used != value.size() || value.front() == '-')
            throw fail("external data " + key + " '" + value + "' is not a byte count");
        return v;
    };
    for (const auto &entry : t.external_data()) {
        if (entry.key() == "location")
            location = entry.value();
        else if (entry.key() == "offset")
            offset = number("offset", entry.value());
        else if (entry.key() == "length")
            length = number("length", entry.value());
    }
    if (location.empty())
        throw fail("stored as external data without a location");
    if (location == kModelBytesLocation && !m_modelBytes.empty()) {
        if (offset > m_modelBytes.size() || length > m_modelBytes.size() - offset)
            throw fail("weight range past the model's end");
        return m_modelBytes.substr(offset, length);
    }
    if (m_folder.empty())
        throw fail("stored as external data, which can only be read when the model is opened from its file");
    const MappedFile &file = mapped(location, t.name());
    const qint64 size = file.size;
    if (offset > uint64_t(size))
        throw fail("external data offset " + std::to_string(offset) + " is past the file's end (" + std::to_string(size)
                   + " bytes)");
    if (length == std::numeric_limits<uint64_t>::max())
        length = uint64_t(size) - offset;
    if (length > uint64_t(size) - offset)
        throw fail("external data range " + std::to_string(offset) + "+" + std::to_string(length)
                   + " is past the file's end (" + std::to_string(size) + " bytes)");
    return {reinterpret_cast<const char *>(file.data) + offset, size_t(length)};
}

const OnnxExternalData::MappedFile &OnnxExternalData::mapped(const std::string &location, const std::string &tensor)
{
    if (auto it = m_files.find(location); it != m_files.end())
        return it->second;
    auto fail = [&](const std::string &what) {
        return GraphError(m_source + ": tensor '" + tensor + "' (file '" + location + "'): " + what);
    };
    // The ONNX specification's rule: a location is relative to the model's folder and
    // stays inside it (a model must not make its reader open arbitrary files).
    const QString relative = QString::fromStdString(location);
    const QDir folder(QString::fromStdString(m_folder));
    const QString path = QDir::cleanPath(folder.absoluteFilePath(relative));
    if (QDir::isAbsolutePath(relative) || !path.startsWith(QDir::cleanPath(folder.absolutePath()) + "/"))
        throw fail("an external data location must be a path inside the model's folder");
    if (!QFileInfo(path).isFile())
        throw fail("external data file not found next to the model (looked for " + path.toStdString() + ")");
    MappedFile m;
    m.file = std::make_unique<QFile>(path);
    if (!m.file->open(QIODevice::ReadOnly))
        throw fail("cannot open external data file: " + m.file->errorString().toStdString());
    m.size = m.file->size();
    static const uchar empty = 0;
    m.data = m.size > 0 ? m.file->map(0, m.size) : &empty;
    if (!m.data)
        throw fail("cannot map external data file: " + m.file->errorString().toStdString());
    return m_files.emplace(location, std::move(m)).first->second;
}

} // namespace calibra::graph
