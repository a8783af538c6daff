// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkFile.h"

#include "GraphError.h"
#include "OnnxFormat.h"
#include "YamlFormat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <zlib.h>

namespace calibra::graph {

namespace {

constexpr const char *kBuiltinDir = ":/calibra/models";

std::string limitText()
{
    return std::to_string(maxInputBytes() >> 20) + " MB (set CALIBRA_MAX_INPUT_MB to allow more)";
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string gunzip(const std::string &in, const std::string &path)
{
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw GraphError(path + ": cannot initialize gzip decompression");
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    zs.avail_in = uInt(in.size());
    std::string out;
    char buf[1 << 16];
    int rc = Z_OK;
    do {
        zs.next_out = reinterpret_cast<Bytef *>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            throw GraphError(path + ": corrupt or truncated gzip data");
        }
        out.append(buf, sizeof buf - zs.avail_out);
        if (out.size() > maxInputBytes()) {
            inflateEnd(&zs);
            throw GraphError(path + ": decompresses to more than " + limitText());
        }
    } while (rc != Z_STREAM_END && (zs.avail_in > 0 || zs.avail_out == 0));
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw GraphError(path + ": truncated gzip data");
    return out;
}

} // namespace

size_t maxInputBytes()
{
    bool ok = false;
    const qint64 mb = qEnvironmentVariableIntValue("CALIBRA_MAX_INPUT_MB", &ok);
    return (ok && mb > 0 ? size_t(mb) : size_t(2048)) << 20;
}

void requireRegularFile(const std::string &path)
{
    const QFileInfo info(QString::fromStdString(path)); // follows symbolic links
    if (!info.exists())
        throw GraphError(path + ": cannot open: no such file");
    if (!info.isFile())
        throw GraphError(path + ": not a regular file (" + (info.isDir() ? "a directory" : "a pipe, socket or device")
                         + ")");
}

namespace {

// Opens an input file for reading: a regular file within maxInputBytes(), or GraphError.
void openInput(QFile &f, const std::string &path)
{
    requireRegularFile(path);
    if (!f.open(QIODevice::ReadOnly))
        throw GraphError(path + ": cannot open: " + f.errorString().toStdString());
    if (size_t(f.size()) > maxInputBytes())
        throw GraphError(path + ": larger than " + limitText());
}

} // namespace

std::string readFileBytes(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    openInput(f, path);
    // Straight into the string the parsers take: an ONNX model's weights can be
    // hundreds of megabytes, and every copy of them costs time.
    std::string bytes(size_t(f.size()), '\0');
    const qint64 got = f.read(bytes.data(), qint64(bytes.size()));
    if (got < 0)
        throw GraphError(path + ": cannot read: " + f.errorString().toStdString());
    bytes.resize(size_t(got));
    if (bytes.size() >= 2 && uint8_t(bytes[0]) == 0x1f && uint8_t(bytes[1]) == 0x8b)
        return gunzip(bytes, path);
    return bytes;
}

namespace {

// External data files lie beside the model.
OnnxImportOptions optionsForFile(const std::string &path, const InputShapes &inputShapes)
{
    OnnxImportOptions options;
    options.externalDataFolder = QFileInfo(QString::fromStdString(path)).absolutePath().toStdString();
    options.inputShapes = inputShapes;
    return options;
}

// An .onnx file is parsed where it lies in the page cache, not from a copy: its large
// weights are decoded from the mapping (OnnxWeightsInPlace.h). A gzip-compressed file
// under the .onnx name, or a file that cannot be mapped, goes the way of readFileBytes.
Network loadOnnxMapped(const std::string &path, const InputShapes &inputShapes)
{
    QFile f(QString::fromStdString(path));
    openInput(f, path);
    const uchar *mapped = f.size() > 2 ? f.map(0, f.size()) : nullptr;
    if (!mapped || (mapped[0] == 0x1f && mapped[1] == 0x8b))
        return parseOnnx(readFileBytes(path), path, optionsForFile(path, inputShapes));
    return parseOnnx(reinterpret_cast<const char *>(mapped), size_t(f.size()), path, optionsForFile(path, inputShapes));
}

// Sizes given for a network whose sizes are fixed are a mistake, not a wish to resize it.
void refuseInputShapes(const std::string &path, const InputShapes &inputShapes)
{
    if (!inputShapes.empty())
        throw GraphError(path + ": input sizes apply only to ONNX models exported with symbolic dimensions; "
                         + "this network's sizes are fixed");
}

} // namespace

std::vector<std::string> builtinNetworkNames()
{
    std::vector<std::string> names;
    for (const QString &file : QDir(kBuiltinDir).entryList({"*.yaml"}, QDir::Files, QDir::Name))
        names.push_back(file.chopped(5).toStdString());
    return names;
}

bool isOnnxPath(const std::string &path)
{
    std::string lower = path;
    for (char &c : lower)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return endsWith(lower, ".onnx") || endsWith(lower, ".onnx.gz");
}

Network loadNetwork(const std::string &path)
{
    return loadNetwork(path, {});
}

Network loadNetwork(const std::string &path, const InputShapes &inputShapes)
{
    if (path.rfind(kBuiltinPrefix, 0) == 0) {
        refuseInputShapes(path, inputShapes);
        const std::string name = path.substr(std::string(kBuiltinPrefix).size());
        const QString file = QString(kBuiltinDir) + "/" + QString::fromStdString(name) + ".yaml";
        if (!QFile::exists(file)) {
            std::string known;
            for (const std::string &n : builtinNetworkNames())
                known += (known.empty() ? "" : ", ") + n;
            throw GraphError("unknown built-in network '" + name + "' (built-in: " + known + ")");
        }
        return parseNetworkYaml(readFileBytes(file.toStdString()), path);
    }
    std::string lower = path;
    for (char &c : lower)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (endsWith(lower, ".onnx"))
        return loadOnnxMapped(path, inputShapes);
    if (endsWith(lower, ".onnx.gz"))
        return parseOnnx(readFileBytes(path), path, optionsForFile(path, inputShapes));
    if (endsWith(lower, ".yaml") || endsWith(lower, ".yml") || endsWith(lower, ".yaml.gz")) {
        refuseInputShapes(path, inputShapes);
        return parseNetworkYaml(readFileBytes(path), path);
    }
    throw GraphError(path + ": unknown network file type (expected .yaml, .yml, .onnx or .onnx.gz)");
}

void saveNetwork(const Network &network, const std::string &path)
{
    std::string lower = path;
    for (char &c : lower)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    std::string bytes;
    if (endsWith(lower, ".onnx"))
        bytes = networkToOnnx(network);
    else if (endsWith(lower, ".yaml") || endsWith(lower, ".yml"))
        bytes = networkToYaml(network);
    else
        throw GraphError(path + ": unknown network file type for saving (expected .yaml, .yml or .onnx)");
    // QSaveFile: a failed write never leaves a half-written file behind.
    QSaveFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())
        || !f.commit())
        throw GraphError(path + ": cannot write: " + f.errorString().toStdString());
}

} // namespace calibra::graph
