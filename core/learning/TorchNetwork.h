// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A LibTorch module for any analyzed IR network: one parameter (or buffer) per IR
// weight, and a forward pass that interprets the nodes in topological order with
// torch's functional ops. Weights come from the IR where it carries data and are
// initialized otherwise (Kaiming for convolutions, as torchvision does). Batch size is
// free: shapes fixed in the IR (Reshape targets) take the batch from the input. Under
// TrainingNormalization::AfterConvolutions the module computes its training form
// (TrainingForm.h) and hands back the network as written, BatchNorms folded in.
// Internal to the learning library: include only from .cpp files that link LibTorch.
#include "graph/Network.h"
#include "TrainingForm.h"
#include "graph/OpSchema.h"

#include <torch/torch.h>

#include <functional>
#include <map>
#include <vector>

namespace calibra::learning {

class TorchNetworkImpl : public torch::nn::Module
{
public:
    explicit TorchNetworkImpl(
        const graph::Network &network, uint64_t seed = 1,
        supernet::TrainingNormalization normalization = supernet::TrainingNormalization::AsWritten);

    // A module whose weights come from `source` and are used as given, not registered:
    // views into a weight-sharing supernet's tensors (gradients flow to the supernet),
    // or copies of them (a sub-network evaluated on its own).
    // `convolution`: for a BatchNorm the training form added, the convolution it follows
    // (nullptr otherwise).
    using ParamSource =
        std::function<torch::Tensor(const graph::Node &, const graph::ParamSpec &, const graph::Node *convolution)>;
    TorchNetworkImpl(const graph::Network &network, const ParamSource &source,
                     supernet::TrainingNormalization normalization = supernet::TrainingNormalization::AsWritten);

    // BatchNorm running-statistics momentum (torch's default 0.1). Recalibration uses
    // 1 / (batch + 1), which makes the statistics the average over the batches seen.
    void setBatchNormMomentum(double momentum) { m_bnMomentum = momentum; }
    // Resets every BatchNorm's running mean to 0 and variance to 1.
    void resetBatchNormStatistics();
    // Makes every added BatchNorm start as the identity for the weights the network has
    // (inherited or pretrained): measures the statistics of its input on `batches`,
    // passing it through unchanged, then sets its scale and shift to undo them. Training
    // then starts from the function those weights compute, not a renormalised one.
    void startAddedBatchNormsAsIdentity(const std::vector<torch::Tensor> &batches);
    bool addsBatchNorms() const { return !m_form.added.empty(); }

    // Called with every rectifier's output (ReLU, ReLU6) as it is computed; the NASWOT
    // score reads their sign patterns without keeping them all alive at once.
    using RectifierHook = std::function<void(const torch::Tensor &)>;

    // Single-input networks.
    torch::Tensor forward(const torch::Tensor &input, const RectifierHook &onRectifier = {});
    std::vector<torch::Tensor> forwardAll(const std::vector<torch::Tensor> &inputs,
                                          const RectifierHook &onRectifier = {});
    // A single-input classifier's class scores, [N, classes]: its output, or, where it
    // ends in a Softmax over the classes (as exported for deployment; flattened after it
    // or not), that Softmax's input.
    // Cross-entropy on probabilities barely moves (a network trained so stays at
    // chance); the argmax is the same.
    torch::Tensor logits(const torch::Tensor &input);

    // Writes the current weights and buffers into `network`'s nodes (the structure the
    // module was made from), added BatchNorms folded into their convolutions.
    void copyWeightsTo(graph::Network &network) const;

    // What the module computes: the network as written, or its training form.
    const graph::Network &trainingNetwork() const { return m_form.network; }
    const std::vector<AddedBatchNorm> &addedBatchNorms() const { return m_form.added; }

private:
    void markAdded();
    torch::Tensor param(size_t node, const std::string &role) const;
    std::vector<torch::Tensor> runNode(size_t index, const std::vector<torch::Tensor> &in);
    std::vector<torch::Tensor> run(const std::vector<torch::Tensor> &inputs, const std::vector<std::string> &wanted,
                                   const RectifierHook &onRectifier);

    TrainingForm m_form;
    // Per node of the training form: for an added BatchNorm, its convolution's index; -1 otherwise.
    std::vector<int> m_addedAfter;
    std::vector<std::map<std::string, torch::Tensor>> m_params; // per node: role -> tensor
    double m_bnMomentum = 0.1;
    bool m_passAddedBatchNorms = false; // measuring their statistics only
};
TORCH_MODULE(TorchNetwork);

} // namespace calibra::learning
