// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How a supernet and a stand-alone network are trained: the schedules a project sets.
// Torch-free, so that a project can be read and written without the learning library
// (learning/OneShot.h and learning/Training.h train with them).
#include <cstdint>

namespace calibra::supernet {

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
};

} // namespace calibra::supernet
