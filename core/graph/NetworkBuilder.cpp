// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkBuilder.h"

namespace calibra::graph {

NetworkBuilder::NetworkBuilder(std::string name)
{
    m_net.name = std::move(name);
}

std::string NetworkBuilder::input(const std::string &name, Shape shape)
{
    m_net.inputs.push_back({name, std::move(shape)});
    return name;
}

std::string NetworkBuilder::op(OpType type, const std::string &name, std::vector<std::string> inputs,
                               std::initializer_list<std::pair<const char *, AttrValue>> attrs)
{
    Node n;
    n.name = name;
    n.op = type;
    n.inputs = std::move(inputs);
    n.outputs = {name};
    for (const auto &[key, value] : attrs)
        n.attrs.set(key, value);
    m_net.nodes.push_back(std::move(n));
    return name;
}

std::string NetworkBuilder::conv(const std::string &x, const std::string &name, int64_t outChannels, int64_t kernel,
                                 int64_t stride, int64_t groups, bool bias, int64_t pad)
{
    const int64_t p = pad < 0 ? kernel / 2 : pad;
    return op(OpType::Conv2d, name, {x},
              {{"out_channels", outChannels},
               {"kernel", std::vector<int64_t>{kernel, kernel}},
               {"stride", std::vector<int64_t>{stride, stride}},
               {"pads", std::vector<int64_t>{p, p, p, p}},
               {"groups", groups},
               {"bias", bias}});
}

std::string NetworkBuilder::batchNorm(const std::string &x, const std::string &name)
{
    return op(OpType::BatchNorm, name, {x});
}

std::string NetworkBuilder::activation(OpType type, const std::string &x, const std::string &name)
{
    return op(type, name, {x});
}

std::string NetworkBuilder::linear(const std::string &x, const std::string &name, int64_t outFeatures, bool bias)
{
    return op(OpType::Linear, name, {x}, {{"out_features", outFeatures}, {"bias", bias}});
}

std::string NetworkBuilder::add(const std::string &a, const std::string &b, const std::string &name)
{
    return op(OpType::Add, name, {a, b});
}

Network NetworkBuilder::build(std::vector<std::string> outputs)
{
    m_net.outputs = std::move(outputs);
    Network net = m_net;
    analyzeNetwork(net);
    return net;
}

namespace {

// conv + BatchNorm (+ activation), the unit of every CNN here.
std::string convBn(NetworkBuilder &b, const std::string &x, const std::string &name, int64_t out, int64_t k,
                   int64_t stride, int64_t groups, std::optional<OpType> act)
{
    std::string y = b.batchNorm(b.conv(x, name + ".conv", out, k, stride, groups), name + ".bn");
    return act ? b.activation(*act, y, name + ".act") : y;
}

} // namespace

namespace {

// torchvision's _make_divisible: channels scaled by the width multiplier, rounded to a
// multiple of 8 and never below 90% of the scaled value.
int64_t divisible(double channels)
{
    const int64_t v = std::max<int64_t>(8, int64_t(channels + 4) / 8 * 8);
    return double(v) < 0.9 * channels ? v + 8 : v;
}

struct MobileNetV2Shape
{
    std::string name;
    Shape input;
    int64_t stemStride, stage2Stride;
    double width;
    int numClasses;
};

Network mobileNetV2(const MobileNetV2Shape &m)
{
    NetworkBuilder b(m.name);
    std::string x = b.input("input", m.input);
    // torchvision's inverted residual settings (t, c, n, s).
    const int settings[7][4] = {
        {1, 16, 1, 1}, {6, 24, 2, int(m.stage2Stride)}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
        {6, 320, 1, 1}};
    int64_t in = divisible(32 * m.width);
    x = convBn(b, x, "features.0", in, 3, m.stemStride, 1, OpType::ReLU6);
    int block = 1;
    for (const auto &s : settings) {
        for (int i = 0; i < s[2]; ++i, ++block) {
            const int64_t stride = i == 0 ? s[3] : 1, out = divisible(s[1] * m.width), hidden = in * s[0];
            const std::string name = "features." + std::to_string(block);
            std::string y = x;
            if (s[0] != 1)
                y = convBn(b, y, name + ".expand", hidden, 1, 1, 1, OpType::ReLU6);
            y = convBn(b, y, name + ".dw", hidden, 3, stride, hidden, OpType::ReLU6);
            y = convBn(b, y, name + ".project", out, 1, 1, 1, std::nullopt);
            x = stride == 1 && in == out ? b.add(x, y, name + ".add") : y;
            in = out;
        }
    }
    x = convBn(b, x, "features.18", m.width > 1.0 ? divisible(1280 * m.width) : 1280, 1, 1, 1, OpType::ReLU6);
    x = b.op(OpType::GlobalAveragePool, "pool", {x});
    x = b.op(OpType::Flatten, "flatten", {x});
    x = b.linear(x, "classifier", m.numClasses);
    return b.build({x});
}

} // namespace

Network buildMobileNetV2(int resolution, int numClasses, bool cifarStem)
{
    // The CIFAR variant keeps resolution in the stem and the first stride-2 stage, as is
    // usual for 32x32 inputs.
    return mobileNetV2({cifarStem ? "mobilenet_v2_cifar" : "mobilenet_v2",
                        {1, 3, resolution, resolution},
                        cifarStem ? 1 : 2,
                        cifarStem ? 1 : 2,
                        1.0,
                        numClasses});
}

Network buildMobileNetV2Fmnist()
{
    // Half width on 28x28 grey images with a stride-2 stem: 5 M MACs, small enough to
    // train a weight-sharing supernet of it on two cores (the demo project).
    return mobileNetV2({"mobilenet_v2_fmnist", {1, 1, 28, 28}, 2, 1, 0.5, 10});
}

namespace {

// ResNet's body after the stem: stages of two basic blocks (the first of each stage but
// the first with stride 2 and a 1x1 downsampling shortcut), global pooling, the classifier.
Network resNetBody(NetworkBuilder &b, std::string x, int64_t in, const std::vector<int64_t> &widths, int numClasses)
{
    for (size_t stage = 0; stage < widths.size(); ++stage) {
        for (int blk = 0; blk < 2; ++blk) {
            const std::string name = "layer" + std::to_string(stage + 1) + "." + std::to_string(blk);
            const int64_t stride = stage > 0 && blk == 0 ? 2 : 1, out = widths[stage];
            std::string y = convBn(b, x, name + ".a", out, 3, stride, 1, OpType::ReLU);
            y = convBn(b, y, name + ".b", out, 3, 1, 1, std::nullopt);
            const std::string shortcut =
                stride != 1 || in != out ? convBn(b, x, name + ".downsample", out, 1, stride, 1, std::nullopt) : x;
            x = b.activation(OpType::ReLU, b.add(y, shortcut, name + ".add"), name + ".relu");
            in = out;
        }
    }
    x = b.op(OpType::GlobalAveragePool, "pool", {x});
    x = b.op(OpType::Flatten, "flatten", {x});
    x = b.linear(x, "fc", numClasses);
    return b.build({x});
}

} // namespace

Network buildResNet18(int resolution, int numClasses)
{
    NetworkBuilder b("resnet18");
    std::string x = b.input("input", {1, 3, resolution, resolution});
    x = convBn(b, x, "stem", 64, 7, 2, 1, OpType::ReLU);
    x = b.op(OpType::MaxPool, "maxpool", {x},
             {{"kernel", std::vector<int64_t>{3, 3}},
              {"stride", std::vector<int64_t>{2, 2}},
              {"pads", std::vector<int64_t>{1, 1, 1, 1}}});
    return resNetBody(b, x, 64, {64, 128, 256, 512}, numClasses);
}

Network buildResNetFmnist(int stemStride, int w1, int w2, int w3)
{
    NetworkBuilder b("resnet_fmnist");
    std::string x = b.input("input", {1, 1, 28, 28});
    x = convBn(b, x, "stem", w1, 3, stemStride, 1, OpType::ReLU);
    return resNetBody(b, x, w1, {w1, w2, w3}, 10);
}

Network buildEspcn(int height, int width, int channels, int upscale)
{
    // Shi et al., CVPR 2016: feature extraction in low resolution, then a sub-pixel
    // convolution (conv to r^2 C channels + depth-to-space).
    NetworkBuilder b("espcn_x" + std::to_string(upscale));
    std::string x = b.input("input", {1, channels, height, width});
    x = b.activation(OpType::Tanh, b.conv(x, "conv1", 64, 5, 1, 1, true), "tanh1");
    x = b.activation(OpType::Tanh, b.conv(x, "conv2", 32, 3, 1, 1, true), "tanh2");
    x = b.conv(x, "conv3", int64_t(channels) * upscale * upscale, 3, 1, 1, true);
    x = b.op(OpType::DepthToSpace, "pixel_shuffle", {x},
             {{"block_size", int64_t(upscale)}, {"mode", std::string("CRD")}});
    return b.build({x});
}

Network buildVitSmall(int resolution, int patch, int dim, int depth, int heads, int mlpDim, int numClasses)
{
    NetworkBuilder b("vit_small");
    const int64_t tokens = int64_t(resolution / patch) * (resolution / patch);
    std::string x = b.input("input", {1, 3, resolution, resolution});
    x = b.conv(x, "patch_embed", dim, patch, patch, 1, true, 0);
    x = b.op(OpType::Reshape, "patch_flatten", {x}, {{"shape", std::vector<int64_t>{1, dim, tokens}}});
    x = b.op(OpType::Transpose, "to_tokens", {x}, {{"perm", std::vector<int64_t>{0, 2, 1}}});
    const std::string pos =
        b.op(OpType::Constant, "pos_embed", {}, {{"shape", std::vector<int64_t>{1, tokens, dim}}, {"trainable", true}});
    x = b.add(x, pos, "add_pos");
    for (int i = 0; i < depth; ++i) {
        const std::string name = "blocks." + std::to_string(i);
        std::string y = b.op(OpType::LayerNorm, name + ".norm1", {x});
        y = b.op(OpType::Attention, name + ".attn", {y}, {{"num_heads", int64_t(heads)}});
        x = b.add(x, y, name + ".add1");
        y = b.op(OpType::LayerNorm, name + ".norm2", {x});
        y = b.activation(OpType::GELU, b.linear(y, name + ".fc1", mlpDim), name + ".gelu");
        y = b.linear(y, name + ".fc2", dim);
        x = b.add(x, y, name + ".add2");
    }
    x = b.op(OpType::LayerNorm, "norm", {x});
    x = b.op(OpType::ReduceMean, "token_mean", {x}, {{"axes", std::vector<int64_t>{1}}, {"keepdims", false}});
    x = b.linear(x, "head", numClasses);
    return b.build({x});
}

std::vector<std::pair<std::string, Network>> referenceNetworks()
{
    return {{"mobilenet_v2", buildMobileNetV2()},
            {"mobilenet_v2_cifar", buildMobileNetV2(32, 10, true)},
            {"mobilenet_v2_fmnist", buildMobileNetV2Fmnist()},
            {"resnet18", buildResNet18()},
            {"resnet_fmnist", buildResNetFmnist()},
            {"espcn_x3", buildEspcn()},
            {"vit_small", buildVitSmall()}};
}

} // namespace calibra::graph
