// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Labelled image datasets for training and scoring sub-networks, kept as 8-bit pixels
// (Fashion-MNIST's 60,000 training images take 47 MB this way, 188 MB as floats).
// Loaders throw DatasetError naming the file and what is wrong with it.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace calibra::learning {

struct ImageDataset
{
    std::string name;
    int channels = 0, height = 0, width = 0;
    int classes = 0;
    std::vector<uint8_t> pixels; // count x channels x height x width, row-major (CHW per image)
    std::vector<int> labels;     // 0 .. classes-1

    int count() const { return int(labels.size()); }
    size_t imageBytes() const { return size_t(channels) * size_t(height) * size_t(width); }
    // The first `n` images (all when n >= count), or images [first, first + n).
    ImageDataset slice(int first, int n) const;
};

class DatasetError : public std::runtime_error
{
public:
    explicit DatasetError(const std::string &message) : std::runtime_error(message) {}
};

// IDX files as in MNIST and Fashion-MNIST (optionally gzip-compressed, by content).
ImageDataset loadIdx(const std::string &imagesPath, const std::string &labelsPath, int classes = 10);

// CIFAR-10 binary batches (each record: 1 label byte, 3 x 32 x 32 pixels).
ImageDataset loadCifar10(const std::vector<std::string> &batchPaths);

// An image folder: one sub-folder per class (sorted names), images decoded with QImage
// and scaled to width x height; channels 1 (grey) or 3 (RGB).
ImageDataset loadImageFolder(const std::string &directory, int width, int height, int channels);

// The built-in default: Fashion-MNIST from the Debian package dataset-fashion-mnist.
inline constexpr const char *kFashionMnistDir = "/usr/share/datasets/fashion-mnist";
struct TrainTestSplit
{
    ImageDataset train, test;
};

// The search's split: every `every`-th training image (a stride, so that a dataset stored
// class by class gives each class its share) is held out as `test`, the rest is `train`.
// A supernet is trained on `train` and a sub-network's accuracy is estimated on the
// held-out images, so that the search never looks at the test set, which stays for the
// final model. At least one image stays on each side.
TrainTestSplit holdOutForSearch(const ImageDataset &train, int every = 6);
// `spec`: "fashion-mnist" (the package's files), "idx:DIR" (train-/t10k- files in DIR),
// "cifar10:DIR" (data_batch_1..5.bin, test_batch.bin) or "folder:DIR" (DIR/train,
// DIR/test; images scaled to 32 x 32 RGB).
TrainTestSplit loadDataset(const std::string &spec);

} // namespace calibra::learning
