// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccuracyEstimator.h"

#include "DatasetTensors.h"
#include "TorchNetwork.h"
#include "base/TorchThreads.h"
#include "graph/Cost.h"

#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace calibra::learning {

using namespace supernet; // the search space and the options these networks are trained by

namespace {

class NaswotEstimator final : public AccuracyEstimator
{
public:
    NaswotEstimator(const ImageDataset &data, const NaswotOptions &options) : m_data(data), m_options(options)
    {
        std::mt19937_64 rng(options.seed);
        std::uniform_int_distribution<int64_t> pick(0, data.count() - 1);
        for (int i = 0; i < std::max(2, options.batchSize); ++i)
            m_indices.push_back(pick(rng));
        m_data = m_data.slice(0, 0); // keep only the batch's images
        for (int64_t i : m_indices) {
            m_data.labels.push_back(data.labels[size_t(i)]);
            m_data.pixels.insert(m_data.pixels.end(), data.pixels.begin() + long(size_t(i) * data.imageBytes()),
                                 data.pixels.begin() + long(size_t(i + 1) * data.imageBytes()));
        }
        std::iota(m_indices.begin(), m_indices.end(), 0);
    }

    std::string name() const override { return "naswot"; }
    bool isAccuracy() const override { return false; }

    double estimate(const graph::Network &network) override
    {
        if (network.inputs.size() != 1 || network.inputs[0].shape.size() != 4)
            throw DatasetError(network.name + ": NASWOT needs one NCHW input");
        base::adaptTorchThreads();
        torch::NoGradGuard noGrad;
        TorchNetwork module(network, m_options.seed);
        module->train(); // batch statistics, as in the paper's implementation
        // K[i][j] = units where samples i and j agree = c c^T + (1 - c)(1 - c)^T over the
        // rectifiers' binary codes c, accumulated layer by layer (a whole network's codes
        // take hundreds of MB). Counts stay below 2^24, exact in float.
        const int64_t n = int64_t(m_indices.size());
        torch::Tensor k = torch::zeros({n, n}, torch::kDouble);
        bool any = false;
        module->forward(imageBatch(m_data, m_indices, network.inputs[0].shape), [&](const torch::Tensor &out) {
            const torch::Tensor c = (out > 0).reshape({n, -1}).to(torch::kFloat);
            const torch::Tensor notC = 1 - c;
            k += (torch::matmul(c, c.t()) + torch::matmul(notC, notC.t())).to(torch::kDouble);
            any = true;
        });
        if (!any)
            return 0.0; // no rectifiers: the score is undefined; rank such networks last
        const auto [sign, logdet] = torch::linalg_slogdet(k);
        return sign.item<double>() > 0 ? logdet.item<double>() : 0.0;
    }

private:
    ImageDataset m_data;
    NaswotOptions m_options;
    std::vector<int64_t> m_indices;
};

class TrainingEstimator final : public AccuracyEstimator
{
public:
    TrainingEstimator(std::shared_ptr<const TrainTestSplit> data, const TrainingOptions &options)
        : m_data(std::move(data)), m_options(options)
    {
    }
    std::string name() const override { return "train"; }
    bool isAccuracy() const override { return true; }
    double estimate(const graph::Network &network) override
    {
        graph::Network copy = network;
        return trainNetwork(copy, *m_data, m_options).testAccuracy;
    }

private:
    std::shared_ptr<const TrainTestSplit> m_data;
    TrainingOptions m_options;
};

// The parameter-count proxy: the baseline zero-cost proxies are compared against
// (Abdelfattah et al., ICLR 2021). Free to compute; used for smoke runs and for
// benchmarks that compare predictors rather than accuracy estimators.
class ParamsEstimator final : public AccuracyEstimator
{
public:
    std::string name() const override { return "params"; }
    bool isAccuracy() const override { return false; }
    double estimate(const graph::Network &network) override
    {
        return std::log10(std::max<double>(1, double(graph::networkCost(network).total.params)));
    }
};

} // namespace

std::unique_ptr<AccuracyEstimator> makeParamsEstimator()
{
    return std::make_unique<ParamsEstimator>();
}

std::unique_ptr<AccuracyEstimator> makeNaswotEstimator(const ImageDataset &data, const NaswotOptions &options)
{
    if (data.count() < 2)
        throw DatasetError(data.name + ": NASWOT needs at least two images");
    return std::make_unique<NaswotEstimator>(data, options);
}

std::unique_ptr<AccuracyEstimator> makeTrainingEstimator(std::shared_ptr<const TrainTestSplit> data,
                                                         const TrainingOptions &options)
{
    return std::make_unique<TrainingEstimator>(std::move(data), options);
}

std::unique_ptr<AccuracyEstimator> makeEstimator(EstimatorKind kind, std::shared_ptr<const TrainTestSplit> data,
                                                 uint64_t seed, TrainingNormalization normalization)
{
    switch (kind) {
    case EstimatorKind::Naswot: return makeNaswotEstimator(data->train, {32, seed});
    case EstimatorKind::Params: return makeParamsEstimator();
    case EstimatorKind::Train: {
        TrainingOptions options;
        options.maxTrainImages = 2048;
        options.maxTestImages = 1000;
        options.seed = seed;
        options.normalization = normalization;
        return makeTrainingEstimator(std::move(data), options);
    }
    case EstimatorKind::OneShot:
    case EstimatorKind::OneShotLikelihood: break;
    }
    throw std::invalid_argument("the one-shot estimator is made from its trained supernet (makeOneShotEstimator)");
}

} // namespace calibra::learning
