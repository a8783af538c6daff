// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Fluent construction of IR networks in code: the reference networks, and later the
// random network families and AGG models. Every call returns the output tensor name.
#include "Network.h"

#include <initializer_list>
#include <utility>

namespace calibra::graph {

class NetworkBuilder
{
public:
    explicit NetworkBuilder(std::string name);

    std::string input(const std::string &name, Shape shape);

    // Generic node with one output named after the node.
    std::string op(OpType type, const std::string &name, std::vector<std::string> inputs,
                   std::initializer_list<std::pair<const char *, AttrValue>> attrs = {});

    // Common layers. `pad` < 0 means "same" padding for odd kernels (k / 2 * dilation).
    std::string conv(const std::string &x, const std::string &name, int64_t outChannels, int64_t kernel,
                     int64_t stride = 1, int64_t groups = 1, bool bias = false, int64_t pad = -1);
    std::string batchNorm(const std::string &x, const std::string &name);
    std::string activation(OpType type, const std::string &x, const std::string &name);
    std::string linear(const std::string &x, const std::string &name, int64_t outFeatures, bool bias = true);
    std::string add(const std::string &a, const std::string &b, const std::string &name);

    // Analyzes and returns the network; throws GraphError on a construction mistake.
    Network build(std::vector<std::string> outputs);

private:
    Network m_net;
};

// The reference networks shipped as resources/models/*.yaml.
Network buildMobileNetV2(int resolution = 224, int numClasses = 1000, bool cifarStem = false);
Network buildMobileNetV2Fmnist(); // 1x28x28 Fashion-MNIST, width 0.5: the demo project's network
Network buildResNet18(int resolution = 224, int numClasses = 1000);
// A small ResNet for 1x28x28 Fashion-MNIST: a 3x3 stem, three stages of two basic blocks
// (widths[0..2], strides 1, 2, 2), global pooling and a classifier: the demo project's
// network (dense convolutions train fast on CPU LibTorch; depthwise ones do not).
Network buildResNetFmnist(int stemStride = 2, int w1 = 16, int w2 = 32, int w3 = 64);
Network buildEspcn(int height = 360, int width = 640, int channels = 3, int upscale = 3);
Network buildVitSmall(int resolution = 32, int patch = 4, int dim = 192, int depth = 6, int heads = 3, int mlpDim = 768,
                      int numClasses = 10);

// name -> network, in the order the resources list them.
std::vector<std::pair<std::string, Network>> referenceNetworks();

} // namespace calibra::graph
