#pragma once
// A LibTorch module for any analyzed IR network: one parameter (or buffer) per IR
// weight, and a forward pass that interprets the nodes in topological order with
// torch's functional ops. Weights come from the IR where it carries data and are
// initialized otherwise (Kaiming for convolutions, as torchvision does). Batch size is
// free: shapes fixed in the IR (Reshape targets) take the batch from the input.
// Internal to the learning library: include only from .cpp files that link LibTorch.
#include "graph/Network.h"

#include <torch/torch.h>

#include <map>
#include <vector>

namespace calibra::supernet {

class TorchNetworkImpl : public torch::nn::Module
{
public:
    explicit TorchNetworkImpl(const graph::Network &network, uint64_t seed = 1);

    // Single-input networks. `reluCodes`, when given, receives the sign pattern (x > 0)
    // of every rectifier's output per sample (for the NASWOT score).
    torch::Tensor forward(const torch::Tensor &input, std::vector<torch::Tensor> *reluCodes = nullptr);
    std::vector<torch::Tensor> forwardAll(const std::vector<torch::Tensor> &inputs,
                                          std::vector<torch::Tensor> *reluCodes = nullptr);

    // Writes the current weights and buffers into `network`'s nodes (same structure).
    void copyWeightsTo(graph::Network &network) const;

    const graph::Network &network() const { return m_network; }

private:
    torch::Tensor param(size_t node, const std::string &role) const;
    std::vector<torch::Tensor> runNode(size_t index, const std::vector<torch::Tensor> &in);

    graph::Network m_network;
    std::vector<std::map<std::string, torch::Tensor>> m_params; // per node: role -> tensor
};
TORCH_MODULE(TorchNetwork);

} // namespace calibra::supernet
