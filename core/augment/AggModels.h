// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// AGG models: auto-generated augmented models for finetuning the predictor without
// overfitting to the user's reference network. Three kinds, mixed as configured:
//  - predefined architectures (super-resolution nets, transformers, classic CNNs),
//  - operation variations around the reference's layers: small networks built on a
//    reference conv layer's input shape with the op swapped (conv, depthwise-separable
//    conv, transposed conv, conv + depth-to-space) and its H, W, Cin, Cout, K, S
//    perturbed,
//  - structural variants of the reference itself (kernel sizes, widths, resolution).
#include "graph/Network.h"

#include <cstdint>
#include <vector>

namespace calibra::augment {

struct AggOptions
{
    int predefined = 8;
    int operationVariations = 16;
    int structuralVariants = 8;
    uint64_t seed = 1;
};

// The three kinds, in the order generateAggModels returns them; a model's kind is in its
// name (`aggKindOf`), so a caller can count or validate them apart.
enum class AggKind { Predefined, Operation, Structural };
constexpr AggKind kAggKinds[] = {AggKind::Predefined, AggKind::Operation, AggKind::Structural};
const char *aggNamePrefix(AggKind kind); // "agg_arch_", "agg_op_", "agg_variant_"
bool isAggKind(const graph::Network &model, AggKind kind);

std::vector<graph::Network> generateAggModels(const graph::Network &reference, const AggOptions &options);

} // namespace calibra::augment
