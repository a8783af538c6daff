// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Random networks from the families edge models come from, with random structural
// parameters: the predictor's general training set, and building blocks of AGG models.
// Deterministic for a given generator state.
#include "graph/Network.h"

#include <random>
#include <string>
#include <vector>

namespace calibra::augment {

enum class Family { PlainCnn, ResNet, MobileNet, FbNet, SuperResolution, VisionTransformer, UNet };
inline constexpr int kFamilyCount = 7;

const char *familyName(Family f);
std::vector<Family> allFamilies();

// One random network of the family; `name` becomes the network's name.
graph::Network randomNetwork(Family family, std::mt19937_64 &rng, const std::string &name);

} // namespace calibra::augment
