// SPDX-License-Identifier: GPL-3.0-or-later
#include "Training.h"

#include "DatasetTensors.h"
#include "TorchNetwork.h"
#include "TrainingLoop.h"
#include "base/TorchThreads.h"
#include "graph/Shape.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace calibra::learning {

using namespace supernet; // the search space and the options these networks are trained by

torch::Tensor imageBatch(const ImageDataset &data, const std::vector<int64_t> &indices, const graph::Shape &inputShape)
{
    const int64_t n = int64_t(indices.size());
    torch::Tensor raw = torch::empty({n, data.channels, data.height, data.width}, torch::kUInt8);
    uint8_t *dst = raw.data_ptr<uint8_t>();
    for (int64_t i = 0; i < n; ++i) {
        // A caller's bad index is an error, not a read of whatever memory follows the set.
        if (indices[size_t(i)] < 0 || indices[size_t(i)] >= data.count())
            throw DatasetError(data.name + ": image " + std::to_string(indices[size_t(i)]) + " asked for, the set has "
                               + std::to_string(data.count()));
        std::copy_n(data.pixels.data() + size_t(indices[size_t(i)]) * data.imageBytes(), data.imageBytes(),
                    dst + size_t(i) * data.imageBytes());
    }
    torch::Tensor x = raw.to(torch::kFloat).div_(127.5).sub_(1.0);
    const int64_t c = inputShape[1], h = inputShape[2], w = inputShape[3];
    if (h != data.height || w != data.width)
        x = torch::nn::functional::interpolate(x, torch::nn::functional::InterpolateFuncOptions()
                                                      .size(std::vector<int64_t>{h, w})
                                                      .mode(torch::kBilinear)
                                                      .align_corners(false));
    if (c != data.channels)
        x = data.channels == 1 ? x.expand({n, c, h, w}).contiguous()
                               : x.mean(1, true).expand({n, c, h, w}).contiguous();
    return x;
}

torch::Tensor labelBatch(const ImageDataset &data, const std::vector<int64_t> &indices)
{
    torch::Tensor y = torch::empty({int64_t(indices.size())}, torch::kLong);
    for (size_t i = 0; i < indices.size(); ++i)
        y[int64_t(i)] = data.labels.at(size_t(indices[i]));
    return y;
}

void checkTakesImages(const graph::Network &network, const ImageDataset &data, bool classifies)
{
    if (classifies)
        classifierInput(network, data);
    else if (network.inputs.size() != 1 || network.inputs[0].shape.size() != 4)
        throw DatasetError(network.name + ": the images of " + data.name + " need one NCHW input");
}

const graph::Shape &classifierInput(const graph::Network &network, const ImageDataset &data)
{
    if (network.inputs.size() != 1 || network.inputs[0].shape.size() != 4)
        throw DatasetError(network.name + ": an image classifier needs one NCHW input");
    if (network.inputs[0].shape[1] != 1 && network.inputs[0].shape[1] != 3)
        throw DatasetError(network.name + ": input has " + std::to_string(network.inputs[0].shape[1])
                           + " channels; images have 1 or 3");
    if (network.outputs.size() != 1) {
        std::string names;
        for (const std::string &o : network.outputs)
            names += (names.empty() ? "" : ", ") + o;
        throw DatasetError(network.name + ": has " + std::to_string(network.outputs.size()) + " outputs (" + names
                           + "); an image classifier has one, [N, " + std::to_string(data.classes)
                           + "] logits for the classes of " + data.name);
    }
    const graph::Shape *out = network.tensorShape(network.outputs[0]);
    if (!out || out->size() != 2 || (*out)[1] != data.classes)
        throw DatasetError(network.name + ": output " + (out ? graph::shapeToString(*out) : std::string("?"))
                           + " is not [N, " + std::to_string(data.classes) + "] logits for the "
                           + std::to_string(data.classes) + " classes of " + data.name);
    return network.inputs[0].shape;
}

namespace {

// The mean over `test`'s first `maxImages` images (0: all) of what `perBatch` sums over a
// batch's logits and labels, in inference mode.
template <typename PerBatch>
double meanOverTestImages(TorchNetworkImpl &module, const ImageDataset &test, const graph::Shape &input, int maxImages,
                          PerBatch perBatch)
{
    torch::NoGradGuard noGrad;
    module.eval();
    const int64_t n = maxImages > 0 ? std::min<int64_t>(maxImages, test.count()) : test.count();
    double sum = 0;
    for (int64_t first = 0; first < n; first += 256) {
        base::adaptTorchThreads();
        std::vector<int64_t> idx(size_t(std::min<int64_t>(256, n - first)));
        std::iota(idx.begin(), idx.end(), first);
        sum += perBatch(module.logits(imageBatch(test, idx, input)), labelBatch(test, idx));
    }
    return n > 0 ? sum / double(n) : 0.0;
}

// Inherited or pretrained weights, rather than a structure only.
bool carriesWeights(const graph::Network &network)
{
    for (const graph::Node &n : network.nodes)
        if (n.op == graph::OpType::Conv2d)
            if (const auto w = n.weights.find("weight"); w != n.weights.end() && !w->second.data.empty())
                return true;
    return false;
}

} // namespace

double testAccuracy(TorchNetworkImpl &module, const ImageDataset &test, const graph::Shape &input, int maxImages)
{
    return meanOverTestImages(module, test, input, maxImages,
                              [](const torch::Tensor &logits, const torch::Tensor &labels) {
                                  return double(logits.argmax(1).eq(labels).sum().item<int64_t>());
                              });
}

double testLoss(TorchNetworkImpl &module, const ImageDataset &test, const graph::Shape &input, int maxImages)
{
    return meanOverTestImages(
        module, test, input, maxImages, [](const torch::Tensor &logits, const torch::Tensor &labels) {
            namespace F = torch::nn::functional;
            return F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().reduction(torch::kSum)).item<double>();
        });
}

TrainingResult trainNetwork(graph::Network &network, const TrainTestSplit &data, const TrainingOptions &options,
                            const std::atomic<bool> *cancel, const TrainingProgressFn &progress)
{
    const graph::Shape &input = classifierInput(network, data.train);
    QElapsedTimer clock;
    clock.start();
    TorchNetwork module(network, options.seed, options.normalization);
    if (module->addsBatchNorms() && carriesWeights(network)) {
        std::vector<torch::Tensor> calibration;
        for (const std::vector<int64_t> &idx : calibrationBatches(1024, data.train.count()))
            calibration.push_back(imageBatch(data.train, idx, input));
        module->startAddedBatchNormsAsIdentity(calibration);
    }
    module->train();
    torch::optim::SGD optimizer(
        module->parameters(),
        torch::optim::SGDOptions(options.learningRate).momentum(0.9).nesterov(true).weight_decay(options.weightDecay));
    const int64_t images =
        options.maxTrainImages > 0 ? std::min(options.maxTrainImages, data.train.count()) : data.train.count();
    const int64_t batch = std::max(2, options.batchSize); // BatchNorm needs two samples
    if (images < 2)
        throw DatasetError(data.train.name + ": training needs at least 2 images, the options allow "
                           + std::to_string(images));
    ShuffledBatches batches(images, batch, options.seed);
    const int64_t steps = batches.stepsPerEpoch() * std::max(1, options.epochs);

    TrainingResult result;
    result.plannedSteps = int(steps);
    std::vector<double> losses;
    for (int64_t step = 0; step < steps; ++step) {
        base::adaptTorchThreads();
        if (cancel && cancel->load()) {
            result.cancelled = true;
            break;
        }
        if (options.timeBudgetSeconds > 0 && clock.elapsed() > options.timeBudgetSeconds * 1000.0) {
            result.budgetReached = true;
            break;
        }
        const std::vector<int64_t> idx = batches.batch(step);
        setLearningRate(optimizer, cosineLearningRate(options.learningRate, step, steps));
        optimizer.zero_grad();
        const torch::Tensor loss = torch::nn::functional::cross_entropy(
            module->logits(imageBatch(data.train, idx, input)), labelBatch(data.train, idx));
        loss.backward();
        optimizer.step();
        losses.push_back(loss.item<double>());
        result.steps = int(step + 1);
        if (progress)
            progress({int(step + 1), int(steps), losses.back()});
    }
    std::tie(result.firstLoss, result.lastLoss) = firstAndLastTenth(losses);
    result.testAccuracy = testAccuracy(*module, data.test, input, options.maxTestImages);
    result.testImages = int(options.maxTestImages > 0 ? std::min<int64_t>(options.maxTestImages, data.test.count())
                                                      : data.test.count());
    module->copyWeightsTo(network);
    result.seconds = double(clock.elapsed()) / 1000.0;
    return result;
}

double evaluateAccuracy(const graph::Network &network, const ImageDataset &test, int maxImages)
{
    const graph::Shape &input = classifierInput(network, test);
    TorchNetwork module(network);
    return testAccuracy(*module, test, input, maxImages);
}

} // namespace calibra::learning
