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
    // Image folders: label i is the class folder classNames[i]. Empty for IDX and CIFAR-10.
    std::vector<std::string> classNames;

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

// An image folder: one sub-folder per class, images decoded with QImage and scaled to
// width x height; channels 1 (grey) or 3 (RGB). With `classNames` empty, the sub-folders
// (sorted by name) are the classes; otherwise those are the classes and a sub-folder takes
// the label of its name: one not among them is an error naming it, and the names with no
// sub-folder are added to `absentClasses` (when given). An empty class folder is an error
// naming it. The images are put in a fixed pseudo-random order that mixes the classes
// evenly (mixClasses), so that the first N of them hold every class in proportion.
ImageDataset loadImageFolder(const std::string &directory, int width, int height, int channels,
                             const std::vector<std::string> &classNames = {},
                             std::vector<std::string> *absentClasses = nullptr);

// Reorders `d`'s images deterministically (`seed`) so that every prefix holds each class
// in proportion to its share: exactly (N / classes, rounded either way) when the classes
// are of one size, within about two images otherwise. A class's k-th image (of n, in a
// shuffled order) is placed at a random point of the k-th n-th of the order. Unlike a plain shuffle, the first few
// hundred images never miss a class by chance; unlike a round robin, no class falls on a
// fixed stride (holdOutForSearch takes every sixth image).
void mixClasses(ImageDataset &d, uint64_t seed);

// The built-in default: Fashion-MNIST from the Debian package dataset-fashion-mnist.
inline constexpr const char *kFashionMnistDir = "/usr/share/datasets/fashion-mnist";
struct TrainTestSplit
{
    ImageDataset train, test;
    // Image folders: training classes with no test folder (the test accuracy then covers
    // the other classes). Not an error; the caller warns of it. Empty for IDX and CIFAR-10.
    std::vector<std::string> untestedClasses;
};

// The search's split: every `every`-th training image (a stride, so that a dataset stored
// class by class gives each class its share) is held out as `test`, the rest is `train`.
// A supernet is trained on `train` and a sub-network's accuracy is estimated on the
// held-out images, so that the search never looks at the test set, which stays for the
// final model. At least one image stays on each side.
TrainTestSplit holdOutForSearch(const ImageDataset &train, int every = 6);
// The layout "folder:DIR" needs, for messages and docs.
inline constexpr const char *kImageFolderLayout =
    "DIR/train/CLASS/IMAGE and DIR/test/CLASS/IMAGE (one sub-folder per class, named alike in both)";

// `spec`: "fashion-mnist" (the package's files), "idx:DIR" (train-/t10k- files in DIR),
// "cifar10:DIR" (data_batch_1..5.bin, test_batch.bin) or "folder:DIR" (kImageFolderLayout;
// the classes are DIR/train's sub-folders and DIR/test's are matched to them by name).
// `networkInput`, the reference's NCHW input shape (graph::Shape), sets the size and
// channels image folders are decoded at: its C (1: grey, else RGB), H and W; without a
// usable one (not rank 4, a dimension not positive) 32 x 32 RGB. IDX and CIFAR-10 keep
// their own size whatever it is (batches are scaled to the network's input when used).
TrainTestSplit loadDataset(const std::string &spec, const std::vector<int64_t> &networkInput = {});

} // namespace calibra::learning
