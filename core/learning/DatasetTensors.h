// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Batches of dataset images as float tensors shaped for a network's input.
// Internal to the learning library (includes LibTorch).
#include "Dataset.h"
#include "graph/Network.h"

#include <torch/torch.h>

namespace calibra::learning {

// Images `indices` of `data`, scaled to inputShape's H x W, channels adapted to C,
// values in [-1, 1]. Throws DatasetError when the input is not an NCHW image.
torch::Tensor imageBatch(const ImageDataset &data, const std::vector<int64_t> &indices, const graph::Shape &inputShape);
torch::Tensor labelBatch(const ImageDataset &data, const std::vector<int64_t> &indices);

class TorchNetworkImpl;
// Share of `test`'s first `maxImages` images (0: all) the module classifies correctly
// (inference mode).
double testAccuracy(TorchNetworkImpl &module, const ImageDataset &test, const graph::Shape &input, int maxImages);
// Mean cross-entropy over the same images: a smoother measure than the share correct, which
// on a few thousand images moves in steps of a few hundredths of a percent.
double testLoss(TorchNetworkImpl &module, const ImageDataset &test, const graph::Shape &input, int maxImages);

// The single NCHW input and the class count a classifier network must have for `data`.
const graph::Shape &classifierInput(const graph::Network &network, const ImageDataset &data);

} // namespace calibra::learning
