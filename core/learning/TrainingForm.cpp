// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrainingForm.h"

#include <unordered_map>

namespace calibra::learning {

using graph::OpType;

namespace {

bool getsBatchNorm(const graph::Network &network, const graph::Node &node)
{
    if (node.op != OpType::Conv2d || !node.attrs.getBool("bias"))
        return false;
    for (const std::string &o : network.outputs)
        if (o == node.outputs[0])
            return false; // a network's scores are not normalised
    return true;
}

} // namespace

TrainingForm trainingFormOf(const graph::Network &network, supernet::TrainingNormalization normalization)
{
    TrainingForm form;
    form.network = network;
    if (normalization == supernet::TrainingNormalization::AsWritten) {
        for (size_t i = 0; i < network.nodes.size(); ++i)
            form.trainingIndex.push_back(i);
        return form;
    }
    form.network.nodes.clear();
    for (size_t i = 0; i < network.nodes.size(); ++i) {
        graph::Node node = network.nodes[i];
        if (!getsBatchNorm(network, node)) {
            form.network.nodes.push_back(std::move(node));
            continue;
        }
        // The convolution writes a tensor of its own; the BatchNorm takes over its
        // output's name, so every consumer reads the normalised value unchanged.
        graph::Node norm;
        norm.name = node.name + "#bn";
        norm.op = OpType::BatchNorm;
        norm.outputs = {node.outputs[0]};
        norm.sourceLine = node.sourceLine;
        node.outputs[0] += "#conv";
        norm.inputs = {node.outputs[0]};
        form.network.nodes.push_back(std::move(node));
        form.network.nodes.push_back(std::move(norm));
    }
    graph::analyzeNetwork(form.network); // fills the BatchNorms' shapes and attributes
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < form.network.nodes.size(); ++i)
        index[form.network.nodes[i].name] = i;
    for (const graph::Node &node : network.nodes) {
        form.trainingIndex.push_back(index.at(node.name));
        if (getsBatchNorm(network, node))
            form.added.push_back({index.at(node.name + "#bn"), index.at(node.name)});
    }
    return form;
}

long long unnormalizedWeightLayers(const graph::Network &network)
{
    long long layers = 0;
    for (const graph::Node &n : network.nodes) {
        if (n.op == OpType::BatchNorm || n.op == OpType::LayerNorm)
            return 0;
        layers += n.op == OpType::Conv2d || n.op == OpType::ConvTranspose2d || n.op == OpType::Linear;
    }
    return layers;
}

} // namespace calibra::learning
