// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A weight-sharing supernet (Once-for-All style) behind a torch-free interface. One set
// of weights, those of the largest sub-network; a sub-network uses leading channel
// slices and centred kernel slices of them. Trained with the largest sub-network alone
// first, then the largest with random sub-networks in every step (the
// random ones distilled from the largest);
// a sub-network is evaluated with its inherited weights after recalibrating BatchNorm
// statistics on training images.
#include "AccuracyEstimator.h"
#include "supernet/Supernet.h"
#include "supernet/TrainingOptions.h"

#include <atomic>
#include <functional>
#include <memory>

namespace calibra::learning {

struct OneShotProgress
{
    int step = 0, steps = 0;
    double loss = 0; // the largest sub-network's loss this step
    double seconds = 0;
};

struct OneShotReport
{
    int steps = 0;
    double seconds = 0;
    double firstLoss = 0, lastLoss = 0; // the largest sub-network's, first and last tenth
    bool cancelled = false, budgetReached = false;
};

class OneShotSupernet
{
public:
    // `normalization`: as the run trains its networks (supernet/TrainingOptions.h); every
    // sub-network is trained, evaluated and handed back under it.
    explicit OneShotSupernet(
        const supernet::Supernet &supernet, uint64_t seed = 1,
        supernet::TrainingNormalization normalization = supernet::TrainingNormalization::AsWritten);
    ~OneShotSupernet();

    const supernet::Supernet &supernet() const { return m_supernet; }

    OneShotReport train(const ImageDataset &train, const supernet::OneShotOptions &options,
                        const std::atomic<bool> *cancel = nullptr,
                        const std::function<void(const OneShotProgress &)> &progress = {});

    // Test accuracy of a decoded sub-network with inherited weights (found by node name
    // and sliced to its shapes); BatchNorm recalibrated on `calibrationImages` training
    // images first.
    double evaluate(const graph::Network &subnet, const ImageDataset &train, const ImageDataset &test,
                    int maxTestImages = 0, int calibrationImages = 1024);
    // The same sub-network's mean cross-entropy on those images. It ranks the demo's
    // sub-networks closer to stand-alone training than the accuracy does
    // (docs/benchmarks.md).
    double evaluateLoss(const graph::Network &subnet, const ImageDataset &train, const ImageDataset &test,
                        int maxTestImages = 0, int calibrationImages = 1024);

    // The sub-network carrying its inherited (recalibrated) weights: export it, or train
    // it further with trainNetwork().
    graph::Network withInheritedWeights(const graph::Network &subnet, const ImageDataset &train,
                                        int calibrationImages = 1024);

    // Checkpoints: the shared weights and statistics. load() refuses a checkpoint of a
    // different supernet (naming both). Throws DatasetError.
    void save(const std::string &path) const;
    void load(const std::string &path);

    struct Impl;

private:
    const supernet::Supernet &m_supernet;
    std::unique_ptr<Impl> d;
};

// The one-shot estimators, with inherited weights on `testImages` images: the test
// accuracy (OneShot), or the true-class probability exp(-mean cross-entropy)
// (OneShotLikelihood). Any other kind: std::invalid_argument.
std::unique_ptr<AccuracyEstimator>
makeOneShotEstimator(std::shared_ptr<OneShotSupernet> supernet, std::shared_ptr<const TrainTestSplit> data,
                     int testImages = 1000, supernet::EstimatorKind kind = supernet::EstimatorKind::OneShot);

} // namespace calibra::learning
