// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Training and finetuning of the performance model: Adam on the mean squared error of
// log totals (so every metric is fitted in relative terms), mini-batches of networks,
// early stopping on a held-out set with the best weights restored.
#include "predictor/AccuracyCheck.h"
#include "PerformanceModel.h"

#include <atomic>
#include <functional>

namespace calibra::model {

struct Sample
{
    predictor::NetworkFeatures features;
    predictor::Figures target;
    std::string tag; // family or origin, for reports
};

struct TrainOptions
{
    int epochs = 40;
    int batchNetworks = 64;
    double learningRate = 2e-3;
    int patience = 8; // epochs without held-out improvement before stopping
    uint64_t seed = 1;
    // Epochs over which the learning rate ramps up linearly from near zero. Finetuning
    // starts from a trained model: full-rate Adam steps from the first batch knock it
    // off its optimum, and early stopping then rejects the whole run.
    int warmupEpochs = 0;
};

struct TrainReport
{
    int epochs = 0;
    double trainLoss = 0;
    double bestHeldOutLoss = 0;
    bool stoppedEarly = false;
    bool cancelled = false;
    double seconds = 0;
};

using TrainProgress = std::function<void(int epoch, double trainLoss, double heldOutLoss)>;

TrainReport train(PerformanceModel &model, const std::vector<Sample> &trainSet, const std::vector<Sample> &heldOut,
                  const TrainOptions &options, const TrainProgress &progress = {},
                  const std::atomic<bool> *cancel = nullptr);

// Mean squared error of log totals over the samples (the training loss).
double evaluateLoss(const PerformanceModel &model, const std::vector<Sample> &samples);

// PerformanceModel::fitNormalization on samples' features and targets.
void fitNormalization(PerformanceModel &model, const std::vector<Sample> &samples);

// Predicts the samples and checks them against their targets.
predictor::AccuracyReport checkSamples(const PerformanceModel &model, const std::vector<Sample> &samples,
                                       const predictor::CheckThresholds &thresholds = {});

} // namespace calibra::model
