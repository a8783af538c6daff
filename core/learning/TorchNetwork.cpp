// SPDX-License-Identifier: GPL-3.0-or-later
#include "TorchNetwork.h"

#include "graph/GraphError.h"
#include "graph/OpSchema.h"

#include <cmath>
#include <limits>
#include <unordered_map>

namespace calibra::learning {

using graph::OpType;
namespace F = torch::nn::functional;

namespace {

std::vector<int64_t> toSizes(const graph::Shape &shape)
{
    return {shape.begin(), shape.end()};
}

// Initial value for a parameter the IR has no data for.
torch::Tensor initialValue(const graph::Node &node, const graph::ParamSpec &spec)
{
    const auto sizes = toSizes(spec.shape);
    const std::string &role = spec.role;
    if (node.op == OpType::BatchNorm || node.op == OpType::LayerNorm)
        return role == "weight" || role == "running_var" ? torch::ones(sizes) : torch::zeros(sizes);
    if (node.op == OpType::PReLU)
        return torch::full(sizes, 0.25); // torch's nn.PReLU starts its slopes there
    if (role.find("bias") != std::string::npos || node.op == OpType::Constant)
        return node.op == OpType::Constant && spec.trainable ? torch::randn(sizes) * 0.02 : torch::zeros(sizes);
    torch::Tensor w = torch::empty(sizes);
    if (node.op == OpType::Conv2d || node.op == OpType::ConvTranspose2d)
        torch::nn::init::kaiming_normal_(w, 0, torch::kFanOut, torch::kReLU);
    else if (node.op == OpType::Linear)
        torch::nn::init::normal_(w, 0, 0.01);
    else
        torch::nn::init::xavier_uniform_(w);
    return w;
}

// Explicit padding for asymmetric pads (top, left, bottom, right), as torch's conv and
// pooling take one pad per side pair.
bool symmetric(const std::vector<int64_t> &p)
{
    return p[0] == p[2] && p[1] == p[3];
}
torch::Tensor padSpatial(const torch::Tensor &x, const std::vector<int64_t> &p, double value = 0)
{
    return F::pad(x, F::PadFuncOptions({p[1], p[3], p[0], p[2]}).value(value));
}

torch::Tensor clampTo6(const torch::Tensor &x)
{
    return torch::clamp(x, 0, 6);
}

} // namespace

TorchNetworkImpl::TorchNetworkImpl(const graph::Network &network, uint64_t seed,
                                   supernet::TrainingNormalization normalization)
    : m_form(trainingFormOf(network, normalization))
{
    markAdded();
    torch::manual_seed(seed);
    m_params.resize(m_form.network.nodes.size());
    for (size_t i = 0; i < m_form.network.nodes.size(); ++i) {
        const graph::Node &node = m_form.network.nodes[i];
        const auto &schema = graph::schemaFor(node.op);
        if (!schema.params)
            continue;
        for (const graph::ParamSpec &spec : schema.params(node, node.inputShapes)) {
            torch::Tensor value;
            const auto it = node.weights.find(spec.role);
            if (it != node.weights.end() && !it->second.data.empty())
                value =
                    torch::from_blob(const_cast<float *>(it->second.data.data()), toSizes(spec.shape), torch::kFloat)
                        .clone();
            else
                value = initialValue(node, spec);
            const std::string name = "n" + std::to_string(i) + "_" + spec.role;
            m_params[i][spec.role] = spec.trainable ? register_parameter(name, value) : register_buffer(name, value);
        }
    }
}

TorchNetworkImpl::TorchNetworkImpl(const graph::Network &network, const ParamSource &source,
                                   supernet::TrainingNormalization normalization)
    : m_form(trainingFormOf(network, normalization))
{
    markAdded();
    m_params.resize(m_form.network.nodes.size());
    for (size_t i = 0; i < m_form.network.nodes.size(); ++i) {
        const graph::Node &node = m_form.network.nodes[i];
        const auto &schema = graph::schemaFor(node.op);
        if (schema.params)
            for (const graph::ParamSpec &spec : schema.params(node, node.inputShapes))
                m_params[i][spec.role] =
                    source(node, spec, m_addedAfter[i] < 0 ? nullptr : &m_form.network.nodes[size_t(m_addedAfter[i])]);
    }
}

void TorchNetworkImpl::markAdded()
{
    m_addedAfter.assign(m_form.network.nodes.size(), -1);
    for (const AddedBatchNorm &a : m_form.added)
        m_addedAfter[a.batchNorm] = int(a.convolution);
}

void TorchNetworkImpl::resetBatchNormStatistics()
{
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < m_form.network.nodes.size(); ++i)
        if (m_form.network.nodes[i].op == OpType::BatchNorm) {
            m_params[i]["running_mean"].zero_();
            m_params[i]["running_var"].fill_(1);
        }
}

void TorchNetworkImpl::startAddedBatchNormsAsIdentity(const std::vector<torch::Tensor> &batches)
{
    if (m_form.added.empty() || batches.empty())
        return;
    torch::NoGradGuard noGrad;
    const bool wasTraining = is_training();
    const double momentum = m_bnMomentum;
    train();
    m_passAddedBatchNorms = true;
    for (const AddedBatchNorm &a : m_form.added) {
        m_params[a.batchNorm]["running_mean"].zero_();
        m_params[a.batchNorm]["running_var"].fill_(1);
    }
    for (size_t b = 0; b < batches.size(); ++b) {
        m_bnMomentum = 1.0 / double(b + 1); // the average over the batches
        forward(batches[b]);
    }
    m_passAddedBatchNorms = false;
    m_bnMomentum = momentum;
    train(wasTraining);
    for (const AddedBatchNorm &a : m_form.added) {
        auto &p = m_params[a.batchNorm];
        const double eps = m_form.network.nodes[a.batchNorm].attrs.getFloat("eps");
        p["weight"].copy_((p["running_var"] + eps).sqrt());
        p["bias"].copy_(p["running_mean"]);
    }
}

torch::Tensor TorchNetworkImpl::param(size_t node, const std::string &role) const
{
    const auto it = m_params[node].find(role);
    return it == m_params[node].end() ? torch::Tensor() : it->second;
}

torch::Tensor TorchNetworkImpl::forward(const torch::Tensor &input, const RectifierHook &onRectifier)
{
    if (m_form.network.inputs.size() != 1 || m_form.network.outputs.size() != 1)
        throw graph::GraphError(m_form.network.name + ": forward(tensor) needs one input and one output");
    return forwardAll({input}, onRectifier).front();
}

torch::Tensor TorchNetworkImpl::logits(const torch::Tensor &input)
{
    const graph::Network &net = m_form.network;
    if (net.inputs.size() != 1 || net.outputs.size() != 1)
        throw graph::GraphError(net.name + ": logits(tensor) needs one input and one output");
    // Back from the output through flattens and reshapes to a Softmax over the classes:
    // over [N, C], or over the channels of [N, C, 1, 1] (a convolutional head's).
    std::string scores = net.outputs[0];
    for (int at = net.producerOf(scores); at >= 0; at = net.producerOf(net.nodes[size_t(at)].inputs[0])) {
        const graph::Node &n = net.nodes[size_t(at)];
        if (n.op == OpType::Flatten || n.op == OpType::Reshape)
            continue;
        if (n.op == OpType::Softmax) {
            const graph::Shape &in = n.inputShapes[0];
            const int64_t axis = n.attrs.getInt("axis");
            const bool overClasses = (in.size() == 2 && (axis == 1 || axis == -1))
                                     || (in.size() == 4 && axis == 1 && in[2] == 1 && in[3] == 1);
            if (overClasses)
                scores = n.inputs[0];
        }
        break;
    }
    const torch::Tensor out = run({input}, {scores}, {}).front();
    return out.reshape({out.size(0), -1});
}

std::vector<torch::Tensor> TorchNetworkImpl::forwardAll(const std::vector<torch::Tensor> &inputs,
                                                        const RectifierHook &onRectifier)
{
    return run(inputs, m_form.network.outputs, onRectifier);
}

std::vector<torch::Tensor> TorchNetworkImpl::run(const std::vector<torch::Tensor> &inputs,
                                                 const std::vector<std::string> &wanted,
                                                 const RectifierHook &onRectifier)
{
    if (inputs.size() != m_form.network.inputs.size())
        throw graph::GraphError(m_form.network.name + ": " + std::to_string(m_form.network.inputs.size())
                                + " inputs expected, got " + std::to_string(inputs.size()));
    std::unordered_map<std::string, torch::Tensor> values;
    for (size_t i = 0; i < inputs.size(); ++i)
        values[m_form.network.inputs[i].name] = inputs[i];
    for (size_t n = 0; n < m_form.network.nodes.size(); ++n) {
        const graph::Node &node = m_form.network.nodes[n];
        std::vector<torch::Tensor> in;
        in.reserve(node.inputs.size());
        for (const std::string &t : node.inputs)
            in.push_back(values.at(t));
        std::vector<torch::Tensor> out = runNode(n, in);
        if (onRectifier && (node.op == OpType::ReLU || node.op == OpType::ReLU6))
            onRectifier(out[0]);
        for (size_t o = 0; o < node.outputs.size(); ++o)
            values[node.outputs[o]] = out[o];
    }
    std::vector<torch::Tensor> result;
    for (const std::string &t : wanted)
        result.push_back(values.at(t));
    return result;
}

std::vector<torch::Tensor> TorchNetworkImpl::runNode(size_t index, const std::vector<torch::Tensor> &in)
{
    const graph::Node &node = m_form.network.nodes[index];
    const graph::Attributes &a = node.attrs;
    const torch::Tensor &x = in.empty() ? torch::Tensor() : in[0];
    const auto weight = [&] { return param(index, "weight"); };
    const auto bias = [&] { return param(index, "bias"); };
    // The IR's output shape with this batch's size in place of the IR's batch.
    const auto outputSizes = [&] {
        auto sizes = toSizes(node.outputShapes.at(0));
        if (!sizes.empty() && x.defined() && x.dim() > 0)
            sizes[0] = x.size(0);
        return sizes;
    };
    switch (node.op) {
    case OpType::Constant: return {param(index, "value")};
    case OpType::Conv2d: {
        const auto &p = a.getInts("pads");
        const bool sym = symmetric(p);
        const torch::Tensor xin = sym ? x : padSpatial(x, p);
        return {torch::conv2d(xin, weight(), bias(), a.getInts("stride"),
                              sym ? std::vector<int64_t>{p[0], p[1]} : std::vector<int64_t>{0, 0},
                              a.getInts("dilation"), a.getInt("groups"))};
    }
    case OpType::ConvTranspose2d: {
        // Transposed convolution without padding, then the pads cropped from the output.
        const auto &p = a.getInts("pads");
        torch::Tensor y =
            torch::conv_transpose2d(x, weight(), bias(), a.getInts("stride"), {0, 0}, a.getInts("output_padding"),
                                    a.getInt("groups"), a.getInts("dilation"));
        const auto out = node.outputShapes[0];
        return {y.slice(2, p[0], p[0] + out[2]).slice(3, p[1], p[1] + out[3])};
    }
    case OpType::DepthToSpace: {
        const int64_t b = a.getInt("block_size");
        if (a.getString("mode") == "CRD")
            return {torch::pixel_shuffle(x, b)};
        const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        return {x.reshape({n, b, b, c / (b * b), h, w})
                    .permute({0, 3, 4, 1, 5, 2})
                    .reshape({n, c / (b * b), h * b, w * b})};
    }
    case OpType::SpaceToDepth: {
        const int64_t b = a.getInt("block_size");
        const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        return {
            x.reshape({n, c, h / b, b, w / b, b}).permute({0, 3, 5, 1, 2, 4}).reshape({n, c * b * b, h / b, w / b})};
    }
    case OpType::Linear: return {torch::linear(x, weight(), bias())};
    case OpType::MatMul: return {torch::matmul(in[0], in[1])};
    case OpType::BatchNorm:
        if (m_passAddedBatchNorms && m_addedAfter[index] >= 0) {
            // Updates the running statistics only.
            torch::batch_norm(x, weight(), bias(), param(index, "running_mean"), param(index, "running_var"), true,
                              m_bnMomentum, a.getFloat("eps"), false);
            return {x};
        }
        return {torch::batch_norm(x, weight(), bias(), param(index, "running_mean"), param(index, "running_var"),
                                  is_training(), m_bnMomentum, a.getFloat("eps"), false)};
    case OpType::ReLU: return {torch::relu(x)};
    case OpType::ReLU6: return {clampTo6(x)};
    case OpType::LeakyReLU: return {torch::leaky_relu(x, a.getFloat("alpha"))};
    case OpType::PReLU: return {torch::prelu(x, weight())};
    case OpType::HardSwish: return {x * clampTo6(x + 3) / 6};
    case OpType::HardSigmoid: return {torch::clamp(x * a.getFloat("alpha") + a.getFloat("beta"), 0, 1)};
    case OpType::Sigmoid: return {torch::sigmoid(x)};
    case OpType::SiLU: return {torch::silu(x)};
    case OpType::GELU: return {torch::gelu(x)};
    case OpType::Tanh: return {torch::tanh(x)};
    case OpType::Clip: {
        const double lo = a.getFloat("min"), hi = a.getFloat("max");
        return {torch::clamp(x, std::isinf(lo) ? c10::optional<c10::Scalar>() : c10::optional<c10::Scalar>(lo),
                             std::isinf(hi) ? c10::optional<c10::Scalar>() : c10::optional<c10::Scalar>(hi))};
    }
    case OpType::Add: return {in[0] + in[1]};
    case OpType::Mul: return {in[0] * in[1]};
    case OpType::Concat: return {torch::cat(in, a.getInt("axis") < 0 ? a.getInt("axis") + x.dim() : a.getInt("axis"))};
    case OpType::Split: {
        int64_t axis = a.getInt("axis");
        if (axis < 0)
            axis += x.dim();
        std::vector<int64_t> sizes = a.getInts("split");
        if (sizes.empty())
            sizes.assign(node.outputs.size(), x.size(axis) / int64_t(node.outputs.size()));
        return torch::split_with_sizes(x, sizes, axis);
    }
    case OpType::Slice: {
        const auto &axes = a.getInts("axes"), &starts = a.getInts("starts"), &ends = a.getInts("ends");
        const auto &steps = a.getInts("steps");
        torch::Tensor y = x;
        for (size_t i = 0; i < axes.size(); ++i)
            y = y.slice(axes[i] < 0 ? axes[i] + x.dim() : axes[i], starts[i], ends[i], steps.empty() ? 1 : steps[i]);
        return {y};
    }
    case OpType::ChannelShuffle: {
        const int64_t g = a.getInt("groups");
        const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        return {x.reshape({n, g, c / g, h, w}).transpose(1, 2).reshape({n, c, h, w})};
    }
    case OpType::MaxPool: {
        const auto &p = a.getInts("pads");
        const bool sym = symmetric(p);
        const torch::Tensor xin = sym ? x : padSpatial(x, p, -std::numeric_limits<double>::infinity());
        return {torch::max_pool2d(xin, a.getInts("kernel"), a.getInts("stride"),
                                  sym ? std::vector<int64_t>{p[0], p[1]} : std::vector<int64_t>{0, 0},
                                  a.getInts("dilation"), a.getBool("ceil_mode"))};
    }
    case OpType::AveragePool: {
        const auto &p = a.getInts("pads");
        const auto k = a.getInts("kernel"), s = a.getInts("stride");
        const bool ceil = a.getBool("ceil_mode"), includePad = a.getBool("count_include_pad");
        if (symmetric(p))
            return {torch::avg_pool2d(x, k, s, {p[0], p[1]}, ceil, includePad)};
        // Asymmetric pads: pool sums, divided by the window's count of real (or all) cells.
        const torch::Tensor padded = padSpatial(x, p);
        const torch::Tensor sums = torch::avg_pool2d(padded, k, s, {0, 0}, ceil, true);
        if (includePad)
            return {sums};
        const torch::Tensor ones = padSpatial(torch::ones({1, 1, x.size(2), x.size(3)}, x.options()), p);
        return {sums / torch::avg_pool2d(ones, k, s, {0, 0}, ceil, true).clamp_min(1e-12)};
    }
    case OpType::GlobalAveragePool: {
        std::vector<int64_t> dims;
        for (int64_t d = 2; d < x.dim(); ++d)
            dims.push_back(d);
        return {x.mean(dims, true)};
    }
    case OpType::Reshape: return {x.reshape(outputSizes())};
    case OpType::Flatten: {
        const int64_t axis = a.getInt("axis") < 0 ? a.getInt("axis") + x.dim() : a.getInt("axis");
        int64_t outer = 1;
        for (int64_t d = 0; d < axis; ++d)
            outer *= x.size(d);
        return {x.reshape({outer, -1})};
    }
    case OpType::Transpose: {
        std::vector<int64_t> perm = a.getInts("perm");
        if (perm.empty())
            for (int64_t d = x.dim() - 1; d >= 0; --d)
                perm.push_back(d);
        return {x.permute(perm)};
    }
    case OpType::Softmax: return {torch::softmax(x, a.getInt("axis"))};
    case OpType::LayerNorm: {
        const int64_t axis = a.getInt("axis") < 0 ? a.getInt("axis") + x.dim() : a.getInt("axis");
        const std::vector<int64_t> normalized(x.sizes().begin() + axis, x.sizes().end());
        return {torch::layer_norm(x, normalized, weight(), bias(), a.getFloat("eps"))};
    }
    case OpType::Resize: {
        const auto out = node.outputShapes[0];
        const std::string &mode = a.getString("mode");
        auto options = F::InterpolateFuncOptions().size(std::vector<int64_t>{out[2], out[3]});
        // torch's nearest samples as ONNX's asymmetric floor (alike for whole upscales);
        // linear and cubic follow the corners' alignment, the others as half_pixel.
        const bool corners = a.getString("coordinate_transformation_mode") == "align_corners";
        if (mode == "nearest")
            options.mode(torch::kNearest);
        else if (mode == "linear")
            options.mode(torch::kBilinear).align_corners(corners);
        else
            options.mode(torch::kBicubic).align_corners(corners);
        return {F::interpolate(x, options)};
    }
    case OpType::Pad: {
        const auto &p = a.getInts("pads");
        const size_t r = size_t(x.dim());
        std::vector<int64_t> torchPads; // last dimension first: (begin, end) pairs
        size_t used = r;
        while (used > 0 && p[used - 1] == 0 && p[used - 1 + r] == 0)
            --used; // leading dimensions without padding need no entry
        for (size_t d = used; d-- > 0;) {
            torchPads.push_back(p[d]);
            torchPads.push_back(p[d + r]);
        }
        const std::string &mode = a.getString("mode");
        auto options = F::PadFuncOptions(torchPads);
        if (mode == "reflect")
            options.mode(torch::kReflect);
        else if (mode == "edge")
            options.mode(torch::kReplicate);
        else
            options.value(a.getFloat("value"));
        return {F::pad(x, options)};
    }
    case OpType::ReduceMean: {
        std::vector<int64_t> axes = a.getInts("axes");
        for (int64_t &d : axes)
            if (d < 0)
                d += x.dim();
        return {x.mean(axes, a.getBool("keepdims"))};
    }
    case OpType::Attention: {
        // torch.nn.MultiheadAttention (batch_first) as self-attention, written out.
        const int64_t n = x.size(0), l = x.size(1), d = x.size(2), h = a.getInt("num_heads");
        const torch::Tensor qkv = torch::linear(x, param(index, "in_proj_weight"), param(index, "in_proj_bias"));
        const auto parts = qkv.chunk(3, -1);
        const auto heads = [&](const torch::Tensor &t) { return t.reshape({n, l, h, d / h}).transpose(1, 2); };
        const torch::Tensor scores =
            torch::matmul(heads(parts[0]), heads(parts[1]).transpose(-2, -1)) / std::sqrt(double(d / h));
        const torch::Tensor mixed = torch::matmul(torch::softmax(scores, -1), heads(parts[2]));
        return {torch::linear(mixed.transpose(1, 2).reshape({n, l, d}), param(index, "out_proj_weight"),
                              param(index, "out_proj_bias"))};
    }
    }
    throw graph::GraphError(m_form.network.locate(node) + "node '" + node.name
                            + "': op not supported by the LibTorch builder");
}

void TorchNetworkImpl::copyWeightsTo(graph::Network &network) const
{
    if (network.nodes.size() != m_form.trainingIndex.size())
        throw graph::GraphError(network.name + ": structure differs from the module's network");
    const auto write = [&](graph::Node &node, const std::string &role, const torch::Tensor &tensor) {
        const torch::Tensor t = tensor.detach().contiguous().to(torch::kFloat);
        graph::WeightTensor &w = node.weights[role];
        w.shape.assign(t.sizes().begin(), t.sizes().end());
        w.data.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
    };
    std::vector<size_t> writtenIndex(m_form.network.nodes.size());
    for (size_t i = 0; i < m_form.trainingIndex.size(); ++i) {
        writtenIndex[m_form.trainingIndex[i]] = i;
        for (const auto &[role, tensor] : m_params[m_form.trainingIndex[i]])
            write(network.nodes[i], role, tensor);
    }
    // y = scale * (conv(x) + b - mean) + shift with scale = gamma / sqrt(var + eps): the
    // convolution's output channels scaled, its bias moved.
    torch::NoGradGuard noGrad;
    for (const AddedBatchNorm &a : m_form.added) {
        const auto &bn = m_params[a.batchNorm];
        const auto &conv = m_params[a.convolution];
        const double eps = m_form.network.nodes[a.batchNorm].attrs.getFloat("eps");
        const torch::Tensor scale = bn.at("weight") / (bn.at("running_var") + eps).sqrt();
        const torch::Tensor weight = conv.at("weight");
        std::vector<int64_t> perChannel(size_t(weight.dim()), 1);
        perChannel[0] = -1;
        graph::Node &node = network.nodes[writtenIndex[a.convolution]];
        write(node, "weight", weight * scale.reshape(perChannel));
        write(node, "bias", (conv.at("bias") - bn.at("running_mean")) * scale + bn.at("bias"));
    }
}

} // namespace calibra::learning
