// SPDX-License-Identifier: GPL-3.0-or-later
#include "Dataset.h"

#include "graph/GraphError.h"
#include "graph/NetworkFile.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>

#include <algorithm>
#include <filesystem>
#include <random>

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
    out.classNames = classNames;
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

namespace {

// A class folder's image files, sorted by name (hidden files, such as .DS_Store, left out).
QStringList imageFiles(const QDir &classDir)
{
    return classDir.entryList(QDir::Files, QDir::Name);
}

std::string joinNames(const std::vector<std::string> &names, size_t most = 8)
{
    std::string out;
    for (size_t i = 0; i < names.size() && i < most; ++i)
        out += (i ? ", " : "") + names[i];
    if (names.size() > most)
        out += ", ... (" + std::to_string(names.size()) + " in all)";
    return out;
}

// Appends `path`'s image to `d` (d.channels x d.height x d.width, CHW).
void appendImage(ImageDataset &d, const QString &path)
{
    QImage image(path);
    if (image.isNull())
        throw DatasetError(path.toStdString() + ": not a readable image");
    image = image.scaled(d.width, d.height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .convertToFormat(d.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    const size_t plane = size_t(d.width) * size_t(d.height);
    const size_t base = d.pixels.size();
    d.pixels.resize(base + plane * size_t(d.channels));
    for (int y = 0; y < d.height; ++y) {
        const uchar *line = image.constScanLine(y);
        for (int x = 0; x < d.width; ++x)
            for (int ch = 0; ch < d.channels; ++ch)
                d.pixels[base + size_t(ch) * plane + size_t(y) * size_t(d.width) + size_t(x)] =
                    line[x * d.channels + ch];
    }
}

// A fixed seed: the same folder gives the same order, run after run and on resume.
constexpr uint64_t kFolderOrderSeed = 0x9e3779b97f4a7c15ull;

} // namespace

void mixClasses(ImageDataset &d, uint64_t seed)
{
    // Spelled out rather than std::shuffle and std::uniform_*_distribution, whose results
    // differ between standard libraries: the order must not depend on the build.
    std::mt19937_64 rng(seed);
    const auto unit = [&] { return double(rng() >> 11) * 0x1.0p-53; };
    std::vector<std::vector<size_t>> byClass(size_t(std::max(0, d.classes)));
    for (size_t i = 0; i < d.labels.size(); ++i)
        byClass.at(size_t(d.labels[i])).push_back(i);
    std::vector<std::pair<double, size_t>> keyed;
    keyed.reserve(d.labels.size());
    for (std::vector<size_t> &members : byClass) {
        for (size_t i = members.size(); i > 1; --i)
            std::swap(members[i - 1], members[size_t(rng() % i)]);
        const double n = double(members.size());
        for (size_t k = 0; k < members.size(); ++k)
            keyed.emplace_back((double(k) + unit()) / n, members[k]);
    }
    std::sort(keyed.begin(), keyed.end()); // ties (practically none) by original index
    const size_t bytes = d.imageBytes();
    std::vector<uint8_t> pixels(d.pixels.size());
    std::vector<int> labels(d.labels.size());
    for (size_t i = 0; i < keyed.size(); ++i) {
        const size_t from = keyed[i].second;
        labels[i] = d.labels[from];
        std::copy_n(d.pixels.begin() + long(from * bytes), bytes, pixels.begin() + long(i * bytes));
    }
    d.pixels = std::move(pixels);
    d.labels = std::move(labels);
}

ImageDataset loadImageFolder(const std::string &directory, int width, int height, int channels,
                             const std::vector<std::string> &classNames, std::vector<std::string> *absentClasses)
{
    if (channels != 1 && channels != 3)
        throw DatasetError("image folder " + directory + ": channels must be 1 or 3");
    if (width <= 0 || height <= 0)
        throw DatasetError("image folder " + directory + ": image size " + std::to_string(width) + " x "
                           + std::to_string(height) + " is not positive");
    const QDir root(QString::fromStdString(directory));
    if (!root.exists())
        throw DatasetError(directory + ": no such directory");
    const QStringList subFolders = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    if (subFolders.isEmpty())
        throw DatasetError(directory + ": no class sub-folders (expected " + directory
                           + "/CLASS/IMAGE, one sub-folder per class)");
    ImageDataset d;
    d.name = directory; // messages about the set then name the folder
    d.channels = channels;
    d.height = height;
    d.width = width;
    if (classNames.empty()) {
        for (const QString &name : subFolders)
            d.classNames.push_back(name.toStdString());
    } else {
        d.classNames = classNames;
        std::vector<std::string> unknown;
        for (const QString &name : subFolders)
            if (std::find(classNames.begin(), classNames.end(), name.toStdString()) == classNames.end())
                unknown.push_back(root.filePath(name).toStdString());
        if (!unknown.empty())
            throw DatasetError(joinNames(unknown) + ": not among the training classes (" + joinNames(classNames)
                               + "); the test split's class folders must be named as the training split's");
    }
    d.classes = int(d.classNames.size());

    // Listed first, so that an empty class folder is refused before any decoding and the
    // pixels are allocated once.
    std::vector<std::pair<int, QStringList>> classFiles; // label, its folder's files
    size_t images = 0;
    for (const QString &name : subFolders) {
        const QDir classDir(root.filePath(name));
        QStringList files = imageFiles(classDir);
        if (files.isEmpty())
            throw DatasetError(classDir.path().toStdString()
                               + ": class folder without images (add images or remove the folder)");
        const auto label = std::find(d.classNames.begin(), d.classNames.end(), name.toStdString());
        images += size_t(files.size());
        for (QString &file : files)
            file = classDir.filePath(file);
        classFiles.emplace_back(int(label - d.classNames.begin()), std::move(files));
    }
    if (absentClasses)
        for (const std::string &name : d.classNames)
            if (!subFolders.contains(QString::fromStdString(name)))
                absentClasses->push_back(name);
    try {
        d.pixels.reserve(images * d.imageBytes());
    } catch (const std::bad_alloc &) {
        throw DatasetError(directory + ": " + std::to_string(images) + " images of " + std::to_string(channels) + " x "
                           + std::to_string(height) + " x " + std::to_string(width) + " need "
                           + std::to_string(images * d.imageBytes() >> 20) + " MiB, more than this machine can give");
    }
    d.labels.reserve(images);
    for (const auto &[label, files] : classFiles)
        for (const QString &path : files) {
            appendImage(d, path);
            d.labels.push_back(label);
        }
    mixClasses(d, kFolderOrderSeed);
    return d;
}

namespace {

TrainTestSplit loadImageFolders(const std::string &dir, const std::vector<int64_t> &networkInput)
{
    // The reference's input size, so that the reference sees the images at its own
    // resolution (not scaled down and up again); 32 x 32 RGB when its input gives no
    // usable size.
    int channels = 3, height = 32, width = 32;
    if (networkInput.size() == 4 && networkInput[1] > 0 && networkInput[2] > 0 && networkInput[3] > 0) {
        channels = networkInput[1] == 1 ? 1 : 3; // other counts: the network check names them
        height = int(std::min<int64_t>(networkInput[2], 1 << 14));
        width = int(std::min<int64_t>(networkInput[3], 1 << 14));
    }
    const QDir root(QString::fromStdString(dir));
    if (!root.exists())
        throw DatasetError(dir + ": no such directory (" + kImageFolderLayout + ")");
    for (const std::string split : {"train", "test"})
        if (!QFileInfo(root.filePath(QString::fromStdString(split))).isDir()) {
            std::string hint;
            if (split == "train") { // most likely a plain folder of class folders
                std::vector<std::string> found;
                for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
                    found.push_back(name.toStdString());
                if (!found.empty())
                    hint = "; " + dir + " has the sub-folders " + joinNames(found) + ": class folders go in " + dir
                           + "/train, and " + dir + "/test holds the test images in folders of the same names";
            }
            throw DatasetError(dir + "/" + split + ": no such directory; an image-folder dataset is laid out as "
                               + kImageFolderLayout + hint);
        }
    TrainTestSplit s;
    s.train = loadImageFolder(dir + "/train", width, height, channels);
    s.test = loadImageFolder(dir + "/test", width, height, channels, s.train.classNames, &s.untestedClasses);
    return s;
}

} // namespace

TrainTestSplit loadDataset(const std::string &spec, const std::vector<int64_t> &networkInput)
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
    if (spec.rfind("folder:", 0) == 0)
        return loadImageFolders(after("folder:"), networkInput);
    throw DatasetError("unknown dataset '" + spec + "' (use fashion-mnist, idx:DIR, cifar10:DIR or folder:DIR)");
}

} // namespace calibra::learning
