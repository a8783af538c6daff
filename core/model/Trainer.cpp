// SPDX-License-Identifier: GPL-3.0-or-later
#include "Trainer.h"

#include "ModelImpl.h"
#include "base/TorchThreads.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

namespace calibra::model {

using namespace predictor; // the features, figures and checks the model learns from

namespace {

torch::Tensor lossOn(PerformanceModel::Impl &m, const std::vector<Sample> &samples, const std::vector<size_t> &which)
{
    std::vector<const NetworkFeatures *> features;
    std::vector<Figures> targets;
    for (size_t i : which) {
        features.push_back(&samples[i].features);
        targets.push_back(samples[i].target);
    }
    const PackedBatch b = pack(features);
    const torch::Tensor predicted = m.logTotals(b.rows, b.networkIndex, b.networks);
    // Metrics a backend does not measure (NaN, for example energy in a latency table)
    // take no part in the loss.
    const torch::Tensor target = logTargets(targets);
    const torch::Tensor known = torch::isfinite(target);
    const torch::Tensor diff = (predicted - target.nan_to_num(0)) * known;
    return diff.pow(2).sum() / known.sum().clamp_min(1);
}

std::vector<torch::Tensor> snapshot(PerformanceModel::Impl &m)
{
    std::vector<torch::Tensor> copy;
    for (const torch::Tensor &p : m.mlp->parameters())
        copy.push_back(p.detach().clone());
    return copy;
}

void restore(PerformanceModel::Impl &m, const std::vector<torch::Tensor> &weights)
{
    torch::NoGradGuard noGrad;
    auto params = m.mlp->parameters();
    for (size_t i = 0; i < params.size(); ++i)
        params[i].copy_(weights[i]);
}

} // namespace

double evaluateLoss(const PerformanceModel &model, const std::vector<Sample> &samples)
{
    if (samples.empty())
        return 0;
    torch::NoGradGuard noGrad;
    auto &m = const_cast<PerformanceModel::Impl &>(model.impl());
    double total = 0;
    std::vector<size_t> chunk;
    for (size_t i = 0; i < samples.size(); ++i) {
        chunk.push_back(i);
        if (chunk.size() == 256 || i + 1 == samples.size()) {
            total += lossOn(m, samples, chunk).item<double>() * double(chunk.size());
            chunk.clear();
        }
    }
    return total / double(samples.size());
}

void fitNormalization(PerformanceModel &model, const std::vector<Sample> &samples)
{
    std::vector<const NetworkFeatures *> features;
    std::vector<Figures> targets;
    for (const Sample &s : samples) {
        features.push_back(&s.features);
        targets.push_back(s.target);
    }
    model.fitNormalization(features, targets);
}

AccuracyReport checkSamples(const PerformanceModel &model, const std::vector<Sample> &samples,
                            const CheckThresholds &thresholds)
{
    std::vector<const NetworkFeatures *> features;
    std::vector<Figures> targets;
    for (const Sample &s : samples) {
        features.push_back(&s.features);
        targets.push_back(s.target);
    }
    return checkAccuracy(model.predict(features), targets, thresholds);
}

TrainReport train(PerformanceModel &model, const std::vector<Sample> &trainSet, const std::vector<Sample> &heldOut,
                  const TrainOptions &o, const TrainProgress &progress, const std::atomic<bool> *cancel)
{
    base::adaptTorchThreads();
    const auto start = std::chrono::steady_clock::now();
    TrainReport report;
    if (trainSet.empty())
        return report;
    PerformanceModel::Impl &m = model.impl();
    torch::manual_seed(o.seed);
    std::mt19937_64 rng(o.seed);
    torch::optim::Adam optimizer(m.mlp->parameters(), torch::optim::AdamOptions(o.learningRate));
    std::vector<size_t> order(trainSet.size());
    std::iota(order.begin(), order.end(), 0);

    double best = heldOut.empty() ? 1e300 : evaluateLoss(model, heldOut);
    std::vector<torch::Tensor> bestWeights = snapshot(m);
    int sinceBest = 0;
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        if (cancel && cancel->load()) {
            report.cancelled = true;
            break;
        }
        // Cosine decay of the learning rate over the planned epochs.
        double lr = o.learningRate * 0.5 * (1 + std::cos(M_PI * epoch / std::max(1, o.epochs)));
        if (epoch < o.warmupEpochs)
            lr *= double(epoch + 1) / double(o.warmupEpochs + 1);
        for (auto &group : optimizer.param_groups())
            static_cast<torch::optim::AdamOptions &>(group.options()).lr(lr);
        std::shuffle(order.begin(), order.end(), rng);
        base::adaptTorchThreads();
        double sum = 0;
        for (size_t at = 0; at < order.size(); at += size_t(o.batchNetworks)) {
            const std::vector<size_t> batch(order.begin() + long(at),
                                            order.begin() + long(std::min(order.size(), at + size_t(o.batchNetworks))));
            optimizer.zero_grad();
            torch::Tensor loss = lossOn(m, trainSet, batch);
            loss.backward();
            optimizer.step();
            sum += loss.item<double>() * double(batch.size());
        }
        report.trainLoss = sum / double(order.size());
        report.epochs = epoch + 1;
        const double held = heldOut.empty() ? report.trainLoss : evaluateLoss(model, heldOut);
        if (progress)
            progress(epoch + 1, report.trainLoss, held);
        if (held < best) {
            best = held;
            bestWeights = snapshot(m);
            sinceBest = 0;
        } else if (++sinceBest >= o.patience && !heldOut.empty()) {
            report.stoppedEarly = true;
            break;
        }
    }
    restore(m, bestWeights);
    report.bestHeldOutLoss = best;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace calibra::model
