// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Stand-alone training and evaluation of one IR network on an image dataset, behind a
// torch-free interface (the pipeline and the CLI do not compile LibTorch headers).
// Images are adapted to the network's input: scaled to its height and width, grey
// replicated to RGB (or RGB averaged to grey), normalized to [-1, 1].
#include "Dataset.h"
#include "graph/Network.h"
#include "supernet/TrainingOptions.h"

#include <atomic>
#include <functional>

namespace calibra::learning {

struct TrainingProgress
{
    int step = 0, steps = 0;
    double loss = 0;
};

struct TrainingResult
{
    double testAccuracy = 0;            // fraction of the test images classified correctly
    double firstLoss = 0, lastLoss = 0; // mean loss of the first and last tenth of the steps
    int steps = 0, plannedSteps = 0;
    int testImages = 0; // how many test images testAccuracy is measured on
    double seconds = 0;
    bool cancelled = false, budgetReached = false;
};

using TrainingProgressFn = std::function<void(const TrainingProgress &)>;

// Trains `network` (from its weights where it has them; initialized otherwise) and writes
// the trained weights back into it. Under options.normalization's added BatchNorms, a
// network with weights starts from the function they compute, and is handed back with the
// BatchNorms folded in. Throws DatasetError when the network's output does
// not have one logit per class.
TrainingResult trainNetwork(graph::Network &network, const TrainTestSplit &data,
                            const supernet::TrainingOptions &options, const std::atomic<bool> *cancel = nullptr,
                            const TrainingProgressFn &progress = {});

// Test accuracy of a network with weights (BatchNorm in inference mode).
double evaluateAccuracy(const graph::Network &network, const ImageDataset &test, int maxImages = 0);

// Throws DatasetError (naming the network) unless `network` takes `data`'s images: one
// NCHW input (any height and width, grey or RGB: images are adapted as above) and, when
// `classifies`, one output of [N, classes] logits for `data`'s classes. A run checks this
// when it opens, so that a mismatch is not found only after the search.
void checkTakesImages(const graph::Network &network, const ImageDataset &data, bool classifies);

} // namespace calibra::learning
