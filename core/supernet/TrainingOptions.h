// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How a supernet and a stand-alone network are trained: the schedules a project sets.
// Torch-free, so that a project can be read and written without the learning library
// (learning/OneShot.h and learning/Training.h train with them).
#include <cstdint>
#include <string>

namespace calibra::supernet {

// How a run's networks are trained. torch.onnx.export's default, eval mode, folds each
// BatchNorm right after a convolution into it: the file imports faithfully, but a deep
// network trained from scratch without normalisation may not learn at all (an eval-mode
// export of a small MobileNet stayed at 10.00% on Fashion-MNIST where the same net
// exported with its BatchNorms reached 85.81%). Such a network is trained with a
// BatchNorm after each convolution, folded back into that convolution's weights and bias
// in every network handed back, so the structure, and its cost, stay the reference's.
enum class TrainingNormalization {
    AsWritten,
    AfterConvolutions, // after each Conv2d with a bias whose output is not a network output
};

inline const char *trainingNormalizationName(TrainingNormalization n)
{
    return n == TrainingNormalization::AfterConvolutions ? "after-convolutions" : "as-written";
}

inline bool parseTrainingNormalization(const std::string &name, TrainingNormalization *out)
{
    for (const TrainingNormalization n : {TrainingNormalization::AsWritten, TrainingNormalization::AfterConvolutions})
        if (name == trainingNormalizationName(n)) {
            *out = n;
            return true;
        }
    return false;
}

struct OneShotOptions
{
    int steps = 2000; // sandwich steps (each: the largest + random sub-networks)
    int randomPerStep = 3;
    int batchSize = 128;
    double learningRate = 0.05; // SGD, Nesterov 0.9, cosine decay over `steps`
    double weightDecay = 3e-5;
    double timeBudgetSeconds = 0; // 0: none; stops early (the cosine schedule assumes `steps`)
    // In-place distillation (BigNAS, OFA): the largest sub-network learns from the labels,
    // every other sub-network of the step from the largest's predictions on the same batch.
    bool distill = true;
    // The first share of the steps trains the largest sub-network alone (the first phase
    // of Once-for-All's progressive shrinking): the shared weights start from a good
    // network, and the distilling teacher is good from the first sandwich step.
    double warmupShare = 0.2;
    // The sandwich rule's smallest sub-network in every step. Trained every step, it
    // scores above random sub-networks many times its size, and a search that trusts the
    // estimates keeps it (the demo's supernet: Kendall tau -0.02 with it, 0.55 without;
    // docs/benchmarks.md); without it, every step trains the largest and random ones.
    bool smallestEveryStep = false;
    uint64_t seed = 1;
};

struct TrainingOptions
{
    int epochs = 1;
    int batchSize = 128;
    double learningRate = 0.05; // SGD, Nesterov momentum 0.9, cosine decay to zero
    double weightDecay = 4e-5;
    int maxTrainImages = 0;       // 0: the whole training set
    int maxTestImages = 0;        // 0: the whole test set
    double timeBudgetSeconds = 0; // 0: no budget; training stops early when it runs out
    uint64_t seed = 1;
    // Not a project setting: the run chooses it from its reference.
    TrainingNormalization normalization = TrainingNormalization::AsWritten;
};

} // namespace calibra::supernet
