// SPDX-License-Identifier: GPL-3.0-or-later
#include "OneShot.h"

#include "DatasetTensors.h"
#include "Distillation.h"
#include "TorchNetwork.h"
#include "TrainingLoop.h"
#include "base/TorchThreads.h"
#include "graph/ContentHash.h"
#include "graph/Shape.h"

#include <QElapsedTimer>

#include <cmath>
#include <numeric>
#include <random>

namespace calibra::learning {

using namespace supernet; // the search space and the options these networks are trained by

namespace {

// The slice of a shared tensor a sub-network's parameter uses: leading channels, and
// the centred window of a convolution kernel (OFA's centre crop).
torch::Tensor sliceTo(const torch::Tensor &full, const graph::Shape &shape, bool centredSpatial,
                      const std::string &what)
{
    if (full.dim() != int64_t(shape.size()))
        throw DatasetError(what + ": rank " + std::to_string(shape.size()) + " does not match the supernet's "
                           + std::to_string(full.dim()));
    torch::Tensor t = full;
    for (int64_t d = 0; d < full.dim(); ++d) {
        const int64_t want = shape[size_t(d)], have = full.size(d);
        if (want > have)
            throw DatasetError(what + ": shape " + graph::shapeToString(shape) + " exceeds the supernet's weights");
        if (want < have)
            t = t.narrow(d, centredSpatial && d >= 2 ? (have - want) / 2 : 0, want);
    }
    return t;
}

std::string signatureOf(const Supernet &s, TrainingNormalization normalization)
{
    std::string signature =
        graph::networkContentHash(s.reference()).toHex().toStdString() + "/" + std::to_string(s.choices().size());
    if (normalization != TrainingNormalization::AsWritten) // checkpoints from before it stay readable
        signature += std::string("/") + trainingNormalizationName(normalization);
    return signature;
}

} // namespace

// Does a sub-network's node take its weights from `shared` (same op, and a conv on the
// same side of dense/depthwise), or from the substitutes' weights?
bool sameOperation(const graph::Node &shared, const graph::Node &node)
{
    if (shared.op != node.op)
        return false;
    if (node.op != graph::OpType::Conv2d && node.op != graph::OpType::ConvTranspose2d)
        return true;
    return (shared.attrs.getInt("groups") == 1) == (node.attrs.getInt("groups") == 1);
}

struct OneShotSupernet::Impl
{
    graph::Network largest;
    TrainingNormalization normalization = TrainingNormalization::AsWritten;
    TorchNetwork shared{nullptr};
    std::map<std::string, size_t> nodeIndex;
    // With operation substitutions: the largest sub-network with every substitute in
    // place holds the substitutes' weights (a depthwise-separable pair's 1x1 conv keeps
    // sharing the centre of the dense conv's kernel, as a smaller kernel would).
    graph::Network substituted;
    TorchNetwork alternates{nullptr};
    std::map<std::string, size_t> alternateIndex;
    // A convolution's index to its added BatchNorm's, in `shared`'s and `alternates`' training forms.
    std::map<size_t, size_t> sharedNorms, alternateNorms;
    std::string signature;

    std::vector<torch::Tensor> parameters() const
    {
        std::vector<torch::Tensor> all = shared->parameters();
        if (alternates)
            for (const torch::Tensor &t : alternates->parameters())
                all.push_back(t);
        return all;
    }

    // Does a sub-network's node take the substitutes' weights rather than the shared ones?
    bool takesAlternate(const graph::Node &node) const
    {
        const auto it = nodeIndex.find(node.name);
        return it == nodeIndex.end() || !sameOperation(shared->trainingNetwork().nodes[it->second], node);
    }

    // A sub-network node's weights, sliced from the shared ones or the substitutes'. A
    // BatchNorm added after a convolution (`convolution` set) is that convolution's, found
    // through it.
    torch::Tensor source(const graph::Node &node, const graph::ParamSpec &spec, const graph::Node *convolution) const
    {
        const graph::Node &owner = convolution ? *convolution : node;
        const bool alternate = takesAlternate(owner);
        const std::map<std::string, size_t> &index = alternate ? alternateIndex : nodeIndex;
        const auto it = index.find(owner.name);
        if (it == index.end())
            throw DatasetError("node '" + owner.name + "' is not in the weight-sharing supernet");
        size_t at = it->second;
        if (convolution) {
            const std::map<size_t, size_t> &norms = alternate ? alternateNorms : sharedNorms;
            const auto norm = norms.find(at);
            if (norm == norms.end())
                throw DatasetError("node '" + owner.name + "' has no BatchNorm in the weight-sharing supernet");
            at = norm->second;
        }
        const TorchNetwork &from = alternate ? alternates : shared;
        const std::string name = "n" + std::to_string(at) + "_" + spec.role;
        const torch::Tensor *full = from->named_parameters().find(name);
        if (!full)
            full = from->named_buffers().find(name);
        if (!full)
            throw DatasetError("node '" + node.name + "': no shared tensor for '" + spec.role + "'");
        const bool kernel =
            (node.op == graph::OpType::Conv2d || node.op == graph::OpType::ConvTranspose2d) && spec.role == "weight";
        return sliceTo(*full, spec.shape, kernel, "node '" + node.name + "' " + spec.role);
    }

    // A sub-network module whose weights are views into the shared ones.
    TorchNetwork viewModule(const graph::Network &subnet) const
    {
        return TorchNetwork(
            subnet,
            [this](const graph::Node &n, const graph::ParamSpec &p, const graph::Node *c) { return source(n, p, c); },
            normalization);
    }
    // A sub-network module with its own copies (BatchNorm recalibration must not disturb the shared statistics).
    TorchNetwork copyModule(const graph::Network &subnet) const
    {
        return TorchNetwork(
            subnet,
            [this](const graph::Node &n, const graph::ParamSpec &p, const graph::Node *c) {
                return source(n, p, c).detach().clone();
            },
            normalization);
    }

    // A copy (copyModule) whose BatchNorm statistics are measured afresh on `images`
    // training images, in inference mode: what every estimate and export starts from.
    TorchNetwork recalibratedCopy(const graph::Network &subnet, const ImageDataset &train, const graph::Shape &input,
                                  int images) const
    {
        TorchNetwork module = copyModule(subnet);
        torch::NoGradGuard noGrad;
        module->resetBatchNormStatistics();
        module->train();
        const auto batches = calibrationBatches(images, train.count());
        if (batches.empty())
            throw DatasetError(train.name + ": no training images to recalibrate BatchNorm on");
        for (size_t b = 0; b < batches.size(); ++b) {
            base::adaptTorchThreads();
            module->setBatchNormMomentum(1.0 / double(b + 1)); // running average over the batches
            module->forward(imageBatch(train, batches[b], input));
        }
        module->eval();
        return module;
    }
};

OneShotSupernet::OneShotSupernet(const Supernet &supernet, uint64_t seed, TrainingNormalization normalization)
    : m_supernet(supernet), d(std::make_unique<Impl>())
{
    // The shared weights are the largest sub-network's, found by node name.
    d->largest = supernet.decode(supernet.largestGenotype());
    d->normalization = normalization;
    d->shared = TorchNetwork(d->largest, seed, normalization);
    const graph::Network &trained = d->shared->trainingNetwork();
    for (size_t i = 0; i < trained.nodes.size(); ++i)
        d->nodeIndex[trained.nodes[i].name] = i;
    for (const AddedBatchNorm &a : d->shared->addedBatchNorms())
        d->sharedNorms[a.convolution] = a.batchNorm;
    if (supernet.hasSubstitutions()) {
        Genotype all = supernet.largestGenotype();
        for (size_t i = 0; i < all.size(); ++i)
            if (supernet.choices()[i].kind == ChoiceKind::Operation)
                all[i] = 1;
        d->substituted = supernet.decode(all);
        d->alternates = TorchNetwork(d->substituted, seed + 1, normalization);
        const graph::Network &alternates = d->alternates->trainingNetwork();
        for (size_t i = 0; i < alternates.nodes.size(); ++i)
            d->alternateIndex[alternates.nodes[i].name] = i;
        for (const AddedBatchNorm &a : d->alternates->addedBatchNorms())
            d->alternateNorms[a.convolution] = a.batchNorm;
    }
    d->signature = signatureOf(supernet, normalization);
}

OneShotSupernet::~OneShotSupernet() = default;

OneShotReport OneShotSupernet::train(const ImageDataset &train, const OneShotOptions &options,
                                     const std::atomic<bool> *cancel,
                                     const std::function<void(const OneShotProgress &)> &progress)
{
    classifierInput(d->largest, train);
    if (train.count() < 2) // BatchNorm needs two samples
        throw DatasetError(train.name + ": one-shot training needs at least 2 images, the set has "
                           + std::to_string(train.count()));
    QElapsedTimer clock;
    clock.start();
    torch::optim::SGD optimizer(
        d->parameters(),
        torch::optim::SGDOptions(options.learningRate).momentum(0.9).nesterov(true).weight_decay(options.weightDecay));
    ShuffledBatches batches(train.count(), std::max(2, options.batchSize), options.seed);
    std::mt19937_64 &rng = batches.rng(); // also draws the sandwich's random sub-networks
    OneShotReport report;
    std::vector<double> losses;
    d->shared->train();
    if (d->alternates)
        d->alternates->train();
    for (int step = 0; step < options.steps; ++step) {
        base::adaptTorchThreads();
        if (cancel && cancel->load()) {
            report.cancelled = true;
            break;
        }
        if (options.timeBudgetSeconds > 0 && clock.elapsed() > options.timeBudgetSeconds * 1000.0) {
            report.budgetReached = true;
            break;
        }
        const std::vector<int64_t> idx = batches.batch(step);
        const torch::Tensor labels = labelBatch(train, idx);
        // Linear warm-up over the first 5% of the steps (the first sandwich updates of an
        // untrained supernet otherwise blow the loss up), then cosine decay.
        setLearningRate(optimizer,
                        cosineLearningRate(options.learningRate, step, options.steps, std::max(1, options.steps / 20)));
        optimizer.zero_grad();
        // The largest (and, with smallestEveryStep, the smallest) and random sub-networks
        // share one update; during the warm-up the largest alone.
        std::vector<Genotype> sandwich{m_supernet.largestGenotype()};
        if (step >= int(options.warmupShare * options.steps)) {
            if (options.smallestEveryStep)
                sandwich.push_back(m_supernet.smallestGenotype());
            for (int r = 0; r < options.randomPerStep; ++r)
                sandwich.push_back(m_supernet.sample(rng));
        }
        torch::Tensor teacher; // the largest's class probabilities, a fixed target for the others
        for (size_t k = 0; k < sandwich.size(); ++k) {
            const graph::Network subnet = m_supernet.decode(sandwich[k]);
            TorchNetwork module = d->viewModule(subnet);
            module->train();
            const torch::Tensor logits = module->logits(imageBatch(train, idx, subnet.inputs[0].shape));
            torch::Tensor loss;
            if (k == 0 || !options.distill) {
                loss = torch::nn::functional::cross_entropy(logits, labels);
                if (k == 0 && options.distill)
                    teacher = torch::softmax(logits.detach(), 1);
            } else {
                loss = distillationLoss(logits, teacher);
            }
            // Averaged over the sandwich, so the step size does not grow with its size.
            (loss / double(sandwich.size())).backward();
            if (k == 0)
                losses.push_back(loss.item<double>());
        }
        torch::nn::utils::clip_grad_norm_(d->parameters(), 5.0);
        optimizer.step();
        report.steps = step + 1;
        if (progress)
            progress({step + 1, options.steps, losses.back(), double(clock.elapsed()) / 1000.0});
    }
    std::tie(report.firstLoss, report.lastLoss) = firstAndLastTenth(losses);
    report.seconds = double(clock.elapsed()) / 1000.0;
    return report;
}

double OneShotSupernet::evaluate(const graph::Network &subnet, const ImageDataset &train, const ImageDataset &test,
                                 int maxTestImages, int calibrationImages)
{
    const graph::Shape &input = classifierInput(subnet, test);
    return testAccuracy(*d->recalibratedCopy(subnet, train, input, calibrationImages), test, input, maxTestImages);
}

double OneShotSupernet::evaluateLoss(const graph::Network &subnet, const ImageDataset &train, const ImageDataset &test,
                                     int maxTestImages, int calibrationImages)
{
    const graph::Shape &input = classifierInput(subnet, test);
    return testLoss(*d->recalibratedCopy(subnet, train, input, calibrationImages), test, input, maxTestImages);
}

graph::Network OneShotSupernet::withInheritedWeights(const graph::Network &subnet, const ImageDataset &train,
                                                     int calibrationImages)
{
    const graph::Shape &input = classifierInput(subnet, train);
    TorchNetwork module = d->recalibratedCopy(subnet, train, input, calibrationImages);
    graph::Network out = subnet;
    module->copyWeightsTo(out);
    return out;
}

void OneShotSupernet::save(const std::string &path) const
{
    torch::serialize::OutputArchive archive;
    archive.write("calibra.supernet", c10::IValue(d->signature));
    for (const auto &p : d->shared->named_parameters())
        archive.write(p.key(), p.value());
    for (const auto &b : d->shared->named_buffers())
        archive.write(b.key(), b.value(), true);
    if (d->alternates) {
        for (const auto &p : d->alternates->named_parameters())
            archive.write("alt." + p.key(), p.value());
        for (const auto &b : d->alternates->named_buffers())
            archive.write("alt." + b.key(), b.value(), true);
    }
    try {
        archive.save_to(path);
    } catch (const c10::Error &e) {
        throw DatasetError(path + ": cannot write the checkpoint");
    }
}

void OneShotSupernet::load(const std::string &path)
{
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path);
    } catch (const c10::Error &) {
        throw DatasetError(path + ": not a readable supernet checkpoint");
    }
    c10::IValue signature;
    if (!archive.try_read("calibra.supernet", signature) || !signature.isString()
        || signature.toStringRef() != d->signature)
        throw DatasetError(path + ": checkpoint of a different supernet ("
                           + (signature.isString() ? signature.toStringRef() : std::string("no signature"))
                           + ", expected " + d->signature + ")");
    torch::NoGradGuard noGrad;
    for (auto &p : d->shared->named_parameters()) {
        torch::Tensor t;
        archive.read(p.key(), t);
        p.value().copy_(t);
    }
    for (auto &b : d->shared->named_buffers()) {
        torch::Tensor t;
        archive.read(b.key(), t, true);
        b.value().copy_(t);
    }
    if (d->alternates) {
        for (auto &p : d->alternates->named_parameters()) {
            torch::Tensor t;
            archive.read("alt." + p.key(), t);
            p.value().copy_(t);
        }
        for (auto &b : d->alternates->named_buffers()) {
            torch::Tensor t;
            archive.read("alt." + b.key(), t, true);
            b.value().copy_(t);
        }
    }
}

namespace {

class OneShotEstimator final : public AccuracyEstimator
{
public:
    OneShotEstimator(std::shared_ptr<OneShotSupernet> s, std::shared_ptr<const TrainTestSplit> data, int testImages,
                     EstimatorKind kind)
        : m_supernet(std::move(s)), m_data(std::move(data)), m_testImages(testImages), m_kind(kind)
    {
    }
    std::string name() const override { return estimatorKindName(m_kind); }
    bool isAccuracy() const override { return m_kind == EstimatorKind::OneShot; }
    double estimate(const graph::Network &network) override
    {
        if (m_kind == EstimatorKind::OneShot)
            return m_supernet->evaluate(network, m_data->train, m_data->test, m_testImages);
        return std::exp(-m_supernet->evaluateLoss(network, m_data->train, m_data->test, m_testImages));
    }

private:
    std::shared_ptr<OneShotSupernet> m_supernet;
    std::shared_ptr<const TrainTestSplit> m_data;
    int m_testImages;
    EstimatorKind m_kind;
};

} // namespace

std::unique_ptr<AccuracyEstimator> makeOneShotEstimator(std::shared_ptr<OneShotSupernet> supernet,
                                                        std::shared_ptr<const TrainTestSplit> data, int testImages,
                                                        EstimatorKind kind)
{
    if (!usesOneShotSupernet(kind))
        throw std::invalid_argument(std::string("not a one-shot estimator: ") + estimatorKindName(kind));
    return std::make_unique<OneShotEstimator>(std::move(supernet), std::move(data), testImages, kind);
}

} // namespace calibra::learning
