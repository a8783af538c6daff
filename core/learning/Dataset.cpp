// SPDX-License-Identifier: GPL-3.0-or-later
#include "Dataset.h"

#include "graph/GraphError.h"
#include "graph/NetworkFile.h"

#include <QDir>
#include <QImage>

#include <algorithm>
#include <filesystem>

namespace calibra::learning {

namespace {

std::string readBytes(const std::string &path)
{
    try {
        return graph::readFileBytes(path);
    } catch (const graph::GraphError &e) {
        throw DatasetError(e.what());
    }
}

uint32_t bigEndian32(const std::string &bytes, size_t offset)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data() + offset);
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

// IDX header: two zero bytes, type 0x08 (unsigned byte), rank, then rank big-endian sizes.
std::vector<uint32_t> idxDimensions(const std::string &bytes, const std::string &path, int expectedRank)
{
    if (bytes.size() < 4 || bytes[0] != 0 || bytes[1] != 0)
        throw DatasetError(path + ": not an IDX file (bad magic number)");
    if (static_cast<unsigned char>(bytes[2]) != 0x08)
        throw DatasetError(path + ": IDX element type " + std::to_string(int(static_cast<unsigned char>(bytes[2])))
                           + " is not unsigned byte (8)");
    const int rank = static_cast<unsigned char>(bytes[3]);
    if (rank != expectedRank)
        throw DatasetError(path + ": IDX rank " + std::to_string(rank) + ", expected " + std::to_string(expectedRank));
    if (bytes.size() < 4 + 4 * size_t(rank))
        throw DatasetError(path + ": truncated IDX header");
    std::vector<uint32_t> dims;
    size_t payload = 1;
    for (int i = 0; i < rank; ++i) {
        dims.push_back(bigEndian32(bytes, 4 + 4 * size_t(i)));
        if (dims.back() == 0 || dims.back() > (1u << 24))
            throw DatasetError(path + ": IDX dimension " + std::to_string(i) + " is " + std::to_string(dims.back()));
        payload *= dims.back();
    }
    const size_t expected = 4 + 4 * size_t(rank) + payload;
    if (bytes.size() != expected)
        throw DatasetError(path + ": " + std::to_string(bytes.size()) + " bytes, the IDX header implies "
                           + std::to_string(expected) + " (truncated or corrupt)");
    return dims;
}

void checkLabels(const ImageDataset &d, const std::string &path)
{
    for (size_t i = 0; i < d.labels.size(); ++i)
        if (d.labels[i] < 0 || d.labels[i] >= d.classes)
            throw DatasetError(path + ": label " + std::to_string(d.labels[i]) + " of image " + std::to_string(i)
                               + " is outside 0.." + std::to_string(d.classes - 1));
}

} // namespace

ImageDataset ImageDataset::slice(int first, int n) const
{
    ImageDataset out;
    out.name = name;
    out.channels = channels;
    out.height = height;
    out.width = width;
    out.classes = classes;
    first = std::clamp(first, 0, count());
    const int last = std::clamp(first + std::max(0, n), first, count());
    out.labels.assign(labels.begin() + first, labels.begin() + last);
    out.pixels.assign(pixels.begin() + long(size_t(first) * imageBytes()),
                      pixels.begin() + long(size_t(last) * imageBytes()));
    return out;
}

TrainTestSplit holdOutForSearch(const ImageDataset &train, int every)
{
    if (train.count() < 2)
        throw DatasetError(train.name + ": " + std::to_string(train.count())
                           + " training image(s): a search needs at least 2 (some held out for its estimates)");
    every = std::clamp(every, 2, train.count());
    TrainTestSplit out{train.slice(0, 0), train.slice(0, 0)}; // no images yet, the same shape and classes
    const size_t bytes = train.imageBytes();
    for (int i = 0; i < train.count(); ++i) {
        ImageDataset &d = i % every == every - 1 ? out.test : out.train;
        d.labels.push_back(train.labels[size_t(i)]);
        d.pixels.insert(d.pixels.end(), train.pixels.begin() + long(size_t(i) * bytes),
                        train.pixels.begin() + long(size_t(i + 1) * bytes));
    }
    return out;
}

ImageDataset loadIdx(const std::string &imagesPath, const std::string &labelsPath, int classes)
{
    const std::string images = readBytes(imagesPath);
    const std::string labels = readBytes(labelsPath);
    const auto imageDims = idxDimensions(images, imagesPath, 3);
    const auto labelDims = idxDimensions(labels, labelsPath, 1);
    if (imageDims[0] != labelDims[0])
        throw DatasetError(imagesPath + ": " + std::to_string(imageDims[0]) + " images but " + labelsPath + " has "
                           + std::to_string(labelDims[0]) + " labels");
    ImageDataset d;
    d.name = std::filesystem::path(imagesPath).filename().string();
    d.channels = 1;
    d.height = int(imageDims[1]);
    d.width = int(imageDims[2]);
    d.classes = classes;
    d.pixels.assign(images.begin() + 16, images.end());
    d.labels.reserve(labelDims[0]);
    for (size_t i = 8; i < labels.size(); ++i)
        d.labels.push_back(static_cast<unsigned char>(labels[i]));
    checkLabels(d, labelsPath);
    return d;
}

ImageDataset loadCifar10(const std::vector<std::string> &batchPaths)
{
    constexpr size_t kRecord = 1 + 3 * 32 * 32;
    ImageDataset d;
    d.name = "cifar10";
    d.channels = 3;
    d.height = d.width = 32;
    d.classes = 10;
    for (const std::string &path : batchPaths) {
        const std::string bytes = readBytes(path);
        if (bytes.empty() || bytes.size() % kRecord != 0)
            throw DatasetError(path + ": " + std::to_string(bytes.size())
                               + " bytes is not a whole number of CIFAR-10 records (3073 bytes each)");
        for (size_t r = 0; r < bytes.size(); r += kRecord) {
            d.labels.push_back(static_cast<unsigned char>(bytes[r]));
            d.pixels.insert(d.pixels.end(), bytes.begin() + long(r + 1), bytes.begin() + long(r + kRecord));
        }
        checkLabels(d, path);
    }
    return d;
}

ImageDataset loadImageFolder(const std::string &directory, int width, int height, int channels)
{
    if (channels != 1 && channels != 3)
        throw DatasetError("image folder " + directory + ": channels must be 1 or 3");
    const QDir root(QString::fromStdString(directory));
    if (!root.exists())
        throw DatasetError(directory + ": no such directory");
    const QStringList classDirs = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    if (classDirs.isEmpty())
        throw DatasetError(directory + ": no class sub-folders");
    ImageDataset d;
    d.name = root.dirName().toStdString();
    d.channels = channels;
    d.height = height;
    d.width = width;
    d.classes = int(classDirs.size());
    for (int c = 0; c < classDirs.size(); ++c) {
        const QDir classDir(root.filePath(classDirs[c]));
        for (const QString &file : classDir.entryList(QDir::Files, QDir::Name)) {
            const QString path = classDir.filePath(file);
            QImage image(path);
            if (image.isNull())
                throw DatasetError(path.toStdString() + ": not a readable image");
            image = image.scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                        .convertToFormat(channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
            const size_t plane = size_t(width) * size_t(height);
            const size_t base = d.pixels.size();
            d.pixels.resize(base + plane * size_t(channels));
            for (int y = 0; y < height; ++y) {
                const uchar *line = image.constScanLine(y);
                for (int x = 0; x < width; ++x)
                    for (int ch = 0; ch < channels; ++ch)
                        d.pixels[base + size_t(ch) * plane + size_t(y) * size_t(width) + size_t(x)] =
                            line[x * channels + ch];
            }
            d.labels.push_back(c);
        }
    }
    if (d.labels.empty())
        throw DatasetError(directory + ": no images in the class sub-folders");
    return d;
}

TrainTestSplit loadDataset(const std::string &spec)
{
    const auto after = [&](const std::string &prefix) { return spec.substr(prefix.size()); };
    if (spec == "fashion-mnist" || spec.rfind("idx:", 0) == 0) {
        const std::string dir = spec == "fashion-mnist" ? std::string(kFashionMnistDir) : after("idx:");
        const auto file = [&](const char *stem) {
            for (const char *suffix : {"", ".gz"}) {
                const std::string path = dir + "/" + stem + suffix;
                if (std::filesystem::exists(path))
                    return path;
            }
            throw DatasetError(dir + "/" + stem + "(.gz): not found"
                               + (spec == "fashion-mnist"
                                      ? std::string(" (install the Debian package dataset-fashion-mnist)")
                                      : std::string()));
        };
        TrainTestSplit s{loadIdx(file("train-images-idx3-ubyte"), file("train-labels-idx1-ubyte")),
                         loadIdx(file("t10k-images-idx3-ubyte"), file("t10k-labels-idx1-ubyte"))};
        s.train.name = s.test.name = spec == "fashion-mnist" ? "fashion-mnist" : dir;
        return s;
    }
    if (spec.rfind("cifar10:", 0) == 0) {
        const std::string dir = after("cifar10:");
        std::vector<std::string> train;
        for (int i = 1; i <= 5; ++i)
            train.push_back(dir + "/data_batch_" + std::to_string(i) + ".bin");
        return {loadCifar10(train), loadCifar10({dir + "/test_batch.bin"})};
    }
    if (spec.rfind("folder:", 0) == 0) {
        const std::string dir = after("folder:");
        return {loadImageFolder(dir + "/train", 32, 32, 3), loadImageFolder(dir + "/test", 32, 32, 3)};
    }
    throw DatasetError("unknown dataset '" + spec + "' (use fashion-mnist, idx:DIR, cifar10:DIR or folder:DIR)");
}

} // namespace calibra::learning
