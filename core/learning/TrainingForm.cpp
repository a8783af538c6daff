// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrainingForm.h"

#include "graph/OpTraits.h"

#include <set>
#include <unordered_map>

namespace calibra::learning {

using graph::OpType;

namespace {

// Ops between a classifier's last convolution and its scores that do not mix channels.
bool keepsChannelsApart(OpType op)
{
    return op == OpType::GlobalAveragePool || op == OpType::AveragePool || op == OpType::Flatten
           || op == OpType::Reshape || op == OpType::Softmax;
}

// Does `tensor` become a network output through such ops only (a convolutional head's
// class scores)? Scores are not normalised.
bool reachesAnOutputUnmixed(const graph::Network &network, const std::string &tensor)
{
    for (const std::string &o : network.outputs)
        if (o == tensor)
            return true;
    const std::vector<int> consumers = network.consumersOf(tensor);
    if (consumers.size() != 1)
        return false;
    const graph::Node &next = network.nodes[size_t(consumers[0])];
    return keepsChannelsApart(next.op) && reachesAnOutputUnmixed(network, next.outputs[0]);
}

// Features pooled over the whole map, through activations and convolutions after the
// pooling (a squeeze-and-excitation gate's).
bool pooledFeatures(const graph::Network &network, const std::string &tensor)
{
    const int at = network.producerOf(tensor);
    if (at < 0)
        return false;
    const graph::Node &n = network.nodes[size_t(at)];
    if (n.op == OpType::GlobalAveragePool || n.op == OpType::ReduceMean)
        return true;
    return (graph::isElementwiseUnary(n.op) || n.op == OpType::Conv2d) && pooledFeatures(network, n.inputs[0]);
}

// A convolution of pooled features is a fully connected layer (a squeeze-and-excitation
// gate's): networks do not normalise those, and BatchNorm there would normalise over the
// batch alone (MobileNetV3-small trained to 44% with it on 10,000 Fashion-MNIST images).
bool getsBatchNorm(const graph::Network &network, const graph::Node &node)
{
    return node.op == OpType::Conv2d && node.attrs.getBool("bias") && !pooledFeatures(network, node.inputs[0])
           && !reachesAnOutputUnmixed(network, node.outputs[0]);
}

// Does `tensor` come from a convolution, through activations only? A BatchNorm there
// normalises that convolution's features (one after the activation too).
bool convolutionBefore(const graph::Network &network, const std::string &tensor)
{
    const int at = network.producerOf(tensor);
    if (at < 0)
        return false;
    const graph::Node &n = network.nodes[size_t(at)];
    return n.op == OpType::Conv2d || (graph::isElementwiseUnary(n.op) && convolutionBefore(network, n.inputs[0]));
}

// `base` + `suffix`, with a number after it where the network already has that name.
std::string unused(std::set<std::string> &names, const std::string &base, const std::string &suffix)
{
    std::string name = base + suffix;
    for (int n = 2; names.count(name); ++n)
        name = base + suffix + std::to_string(n);
    names.insert(name);
    return name;
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
    std::set<std::string> nodeNames, tensorNames;
    for (const graph::TensorDecl &in : network.inputs)
        tensorNames.insert(in.name);
    for (const graph::Node &n : network.nodes) {
        nodeNames.insert(n.name);
        tensorNames.insert(n.outputs.begin(), n.outputs.end());
    }
    form.network.nodes.clear();
    std::vector<std::string> added; // per node as written: its BatchNorm's name, or ""
    for (size_t i = 0; i < network.nodes.size(); ++i) {
        graph::Node node = network.nodes[i];
        added.emplace_back();
        if (!getsBatchNorm(network, node)) {
            form.network.nodes.push_back(std::move(node));
            continue;
        }
        // The convolution writes a tensor of its own; the BatchNorm takes over its
        // output's name, so every consumer reads the normalised value unchanged.
        graph::Node norm;
        norm.name = added.back() = unused(nodeNames, node.name, "#bn");
        norm.op = OpType::BatchNorm;
        // Keras' and torchvision's MobileNetV3 epsilon, not torch's default 1e-5: the
        // original's is unknown, and a channel of tiny variance is then not blown up
        // (MobileNetV3-small, three seeds: 65.16% with 1e-3, 59.47% with 1e-5 on the mean;
        // ResNet-18 77.87% and 79.60%; docs/pipeline.md).
        norm.attrs.set("eps", 1e-3);
        norm.outputs = {node.outputs[0]};
        norm.sourceLine = node.sourceLine;
        node.outputs[0] = unused(tensorNames, node.outputs[0], "#conv");
        norm.inputs = {node.outputs[0]};
        form.network.nodes.push_back(std::move(node));
        form.network.nodes.push_back(std::move(norm));
    }
    graph::analyzeNetwork(form.network); // fills the BatchNorms' shapes and attributes
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < form.network.nodes.size(); ++i)
        index[form.network.nodes[i].name] = i;
    for (size_t i = 0; i < network.nodes.size(); ++i) {
        form.trainingIndex.push_back(index.at(network.nodes[i].name));
        if (!added[i].empty())
            form.added.push_back({index.at(added[i]), form.trainingIndex.back()});
    }
    return form;
}

size_t convolutionsGettingBatchNorm(const graph::Network &network)
{
    size_t count = 0;
    for (const graph::Node &n : network.nodes)
        count += getsBatchNorm(network, n);
    return count;
}

long long unnormalizedWeightLayers(const graph::Network &network)
{
    long long layers = 0;
    for (const graph::Node &n : network.nodes) {
        if (n.op == OpType::LayerNorm)
            return 0;
        if (n.op == OpType::BatchNorm && convolutionBefore(network, n.inputs[0]))
            return 0;
        layers += n.op == OpType::Conv2d || n.op == OpType::ConvTranspose2d || n.op == OpType::Linear;
    }
    return layers;
}

} // namespace calibra::learning
