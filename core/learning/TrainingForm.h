// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The network a module trains, which may differ from the network it stands for: with
// TrainingNormalization::AfterConvolutions, a BatchNorm after each convolution
// (supernet/TrainingOptions.h says why). Torch-free: the pipeline counts what is missing
// with it too.
#include "graph/Network.h"
#include "supernet/TrainingOptions.h"

#include <cstddef>
#include <vector>

namespace calibra::learning {

// A BatchNorm the training form adds after a convolution; node indices in the training form.
struct AddedBatchNorm
{
    size_t batchNorm = 0, convolution = 0;
};

struct TrainingForm
{
    graph::Network network;            // what is trained (analyzed)
    std::vector<size_t> trainingIndex; // per node of the network as written: its index in `network`
    std::vector<AddedBatchNorm> added; // none when trained as written
};

// `network` (analyzed) as trained under `normalization`. Only a convolution with a bias
// gets a BatchNorm, so that folding it back changes no structure (an eval-mode export's
// always has one: the folded BatchNorm's shift); not one of features pooled over the
// map (a squeeze-and-excitation gate's), nor one whose output becomes the network's through
// pooling and reshapes only (a convolutional classifier's scores). An
// added BatchNorm is named after its convolution ("conv#bn", numbered where the network
// has that name already); AddedBatchNorm, not the name, links the two.
TrainingForm trainingFormOf(const graph::Network &network, supernet::TrainingNormalization normalization);

// How many BatchNorms trainingFormOf(network, AfterConvolutions) adds, without making it.
size_t convolutionsGettingBatchNorm(const graph::Network &network);

// The network's convolution and linear layers when no BatchNorm follows a convolution
// (directly or after its activation) and it has no LayerNorm, 0 otherwise. A BatchNorm
// elsewhere does not count: the exporter folds only those right after a convolution, so
// an eval-mode export keeps a BatchNorm1d after a linear layer, or one after a residual sum.
long long unnormalizedWeightLayers(const graph::Network &network);

} // namespace calibra::learning
