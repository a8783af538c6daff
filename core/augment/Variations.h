// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shape-safe random variants of a network: kernel sizes of "same"-padded convolutions,
// internal widths (a conv whose output reaches only another conv through element-wise
// layers, or an expansion conv feeding a depthwise conv), and input resolution of fully
// convolutional networks. Stands in for supernet sampling until the supernet exists,
// and provides the structural variations of AGG models.
#include "graph/Network.h"

#include <memory>
#include <random>
#include <vector>

namespace calibra::augment {

struct VariantOptions
{
    double kernelChangeProbability = 0.3;
    double widthChangeProbability = 0.5;
    double resolutionChangeProbability = 0.3;
    double minWidthRatio = 0.5, maxWidthRatio = 1.25;
};

// Returns an analyzed variant; falls back to an unchanged copy if a drawn change would
// make the network invalid.
graph::Network randomVariant(const graph::Network &reference, std::mt19937_64 &rng, const VariantOptions &options = {});

// `count` variants drawn with `seed`, preceded by the reference itself if asked.
std::vector<std::shared_ptr<const graph::Network>> sampleVariants(const graph::Network &reference, int count,
                                                                  uint64_t seed, bool includeReference);

} // namespace calibra::augment
