// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Accuracy estimators behind one interface, so the search does not know whether its
// accuracy objective is a zero-cost proxy, a short stand-alone training, or (later) a
// one-shot supernet's inherited weights. Higher is better for every estimator.
#include "Dataset.h"
#include "supernet/EstimatorKind.h"
#include "Training.h"
#include "graph/Network.h"

#include <memory>
#include <string>

namespace calibra::learning {

class AccuracyEstimator
{
public:
    virtual ~AccuracyEstimator() = default;
    virtual std::string name() const = 0;
    // True when estimate() is a test accuracy (a fraction); false for any other figure (a
    // true-class probability, a proxy score that only ranks networks).
    virtual bool isAccuracy() const = 0;
    // Thread-compatible: one estimator per thread.
    virtual double estimate(const graph::Network &network) = 0;
};

// NASWOT (Mellor et al., ICML 2021): log |det K| of the Hamming-similarity kernel of the
// rectifiers' binary codes over one mini-batch at initialization. No training; about
// one forward pass per network.
struct NaswotOptions
{
    int batchSize = 32;
    uint64_t seed = 1; // weights' initialization and the batch drawn
};
std::unique_ptr<AccuracyEstimator> makeNaswotEstimator(const ImageDataset &data, const NaswotOptions &options = {});

// Short stand-alone training; the estimate is the test accuracy. The ground truth the
// proxies are measured against, and the final model's accuracy.
std::unique_ptr<AccuracyEstimator> makeTrainingEstimator(std::shared_ptr<const TrainTestSplit> data,
                                                         const supernet::TrainingOptions &options);

// log10 of the trainable parameters: the baseline every zero-cost proxy is compared to.
std::unique_ptr<AccuracyEstimator> makeParamsEstimator();

// NASWOT, short training (under `normalization`) or parameters; `data` may be null for
// Params. The one-shot estimator needs its trained supernet (makeOneShotEstimator):
// std::invalid_argument.
std::unique_ptr<AccuracyEstimator>
makeEstimator(supernet::EstimatorKind kind, std::shared_ptr<const TrainTestSplit> data, uint64_t seed = 1,
              supernet::TrainingNormalization normalization = supernet::TrainingNormalization::AsWritten);

} // namespace calibra::learning
