// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkFamilies.h"

#include "graph/NetworkBuilder.h"

namespace calibra::augment {

using graph::NetworkBuilder;
using graph::OpType;

const char *familyName(Family f)
{
    switch (f) {
    case Family::PlainCnn: return "plain_cnn";
    case Family::ResNet: return "resnet";
    case Family::MobileNet: return "mobilenet";
    case Family::FbNet: return "fbnet";
    case Family::SuperResolution: return "super_resolution";
    case Family::VisionTransformer: return "vit";
    case Family::UNet: return "unet";
    }
    return "?";
}

std::vector<Family> allFamilies()
{
    return {Family::PlainCnn,          Family::ResNet, Family::MobileNet, Family::FbNet, Family::SuperResolution,
            Family::VisionTransformer, Family::UNet};
}

namespace {

class Draw
{
public:
    explicit Draw(std::mt19937_64 &rng) : m_rng(rng) {}
    int64_t between(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(m_rng); }
    template <typename T> T pick(std::initializer_list<T> options)
    {
        return *(options.begin() + between(0, int64_t(options.size()) - 1));
    }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }
    // Channel counts as networks use them: multiples of 8.
    int64_t channels(int64_t lo, int64_t hi) { return between(lo / 8, hi / 8) * 8; }

private:
    std::mt19937_64 &m_rng;
};

struct Ctx
{
    NetworkBuilder b;
    int counter = 0;
    std::string next(const char *what) { return std::string(what) + "_" + std::to_string(counter++); }
};

std::string convBnAct(Ctx &c, const std::string &x, int64_t out, int64_t k, int64_t s, int64_t groups, OpType act,
                      bool withAct = true)
{
    std::string y = c.b.batchNorm(c.b.conv(x, c.next("conv"), out, k, s, groups), c.next("bn"));
    return withAct ? c.b.activation(act, y, c.next("act")) : y;
}

std::string head(Ctx &c, const std::string &x, int64_t classes)
{
    std::string y = c.b.op(OpType::GlobalAveragePool, c.next("gap"), {x});
    y = c.b.op(OpType::Flatten, c.next("flatten"), {y});
    return c.b.linear(y, c.next("fc"), classes);
}

graph::Network plainCnn(Draw &d, const std::string &name)
{
    Ctx c{NetworkBuilder(name)};
    const int64_t res = d.pick<int64_t>({32, 64, 96, 128, 160, 224});
    std::string x = c.b.input("input", {1, 3, res, res});
    const OpType act = d.pick({OpType::ReLU, OpType::ReLU6, OpType::HardSwish, OpType::SiLU});
    int64_t width = d.channels(8, 64);
    const int stages = int(d.between(2, res >= 96 ? 5 : 4));
    for (int s = 0; s < stages; ++s) {
        const int convs = int(d.between(1, 3));
        for (int i = 0; i < convs; ++i)
            x = convBnAct(c, x, width, d.pick<int64_t>({1, 3, 3, 5}), i == 0 && s > 0 ? 2 : 1, 1, act);
        if (d.chance(0.3))
            x = c.b.op(OpType::MaxPool, c.next("pool"), {x}, {{"kernel", int64_t(2)}, {"stride", int64_t(2)}});
        width = std::min<int64_t>(512, width * d.pick<int64_t>({1, 2, 2}));
    }
    return c.b.build({head(c, x, d.pick<int64_t>({10, 100, 1000}))});
}

graph::Network resNet(Draw &d, const std::string &name)
{
    Ctx c{NetworkBuilder(name)};
    const int64_t res = d.pick<int64_t>({32, 64, 128, 224});
    std::string x = c.b.input("input", {1, 3, res, res});
    int64_t in = d.channels(16, 64);
    x = convBnAct(c, x, in, res >= 128 ? 7 : 3, res >= 128 ? 2 : 1, 1, OpType::ReLU);
    if (res >= 128)
        x = c.b.op(OpType::MaxPool, c.next("pool"), {x},
                   {{"kernel", int64_t(3)}, {"stride", int64_t(2)}, {"pads", int64_t(1)}});
    const int stages = int(d.between(2, 4));
    for (int s = 0; s < stages; ++s) {
        const int64_t out = std::min<int64_t>(512, s == 0 ? in : in * 2);
        for (int bl = 0, blocks = int(d.between(1, 3)); bl < blocks; ++bl) {
            const int64_t stride = s > 0 && bl == 0 ? 2 : 1;
            const bool bottleneck = d.chance(0.3);
            std::string y = x;
            if (bottleneck) {
                y = convBnAct(c, y, out / 4, 1, 1, 1, OpType::ReLU);
                y = convBnAct(c, y, out / 4, 3, stride, 1, OpType::ReLU);
                y = convBnAct(c, y, out, 1, 1, 1, OpType::ReLU, false);
            } else {
                y = convBnAct(c, y, out, 3, stride, 1, OpType::ReLU);
                y = convBnAct(c, y, out, 3, 1, 1, OpType::ReLU, false);
            }
            const std::string shortcut =
                stride != 1 || in != out ? convBnAct(c, x, out, 1, stride, 1, OpType::ReLU, false) : x;
            x = c.b.activation(OpType::ReLU, c.b.add(y, shortcut, c.next("add")), c.next("relu"));
            in = out;
        }
    }
    return c.b.build({head(c, x, d.pick<int64_t>({10, 100, 1000}))});
}

// Inverted residual blocks; FBNet adds grouped 1x1 convs with channel shuffle and
// kernel 5, as in FBNet's search space.
graph::Network mobileNet(Draw &d, const std::string &name, bool fbnet)
{
    Ctx c{NetworkBuilder(name)};
    const int64_t res = d.pick<int64_t>({32, 96, 128, 160, 192, 224});
    std::string x = c.b.input("input", {1, 3, res, res});
    const OpType act = d.pick({OpType::ReLU6, OpType::HardSwish, OpType::ReLU});
    int64_t in = d.channels(8, 32);
    x = convBnAct(c, x, in, 3, res >= 96 ? 2 : 1, 1, act);
    const int stages = int(d.between(3, 6));
    for (int s = 0; s < stages; ++s) {
        const int64_t out = std::min<int64_t>(320, d.channels(in, in * 2 + 8));
        for (int bl = 0, blocks = int(d.between(1, 4)); bl < blocks; ++bl) {
            const int64_t stride = bl == 0 && s > 0 && s % 2 == 1 ? 2 : 1;
            const int64_t e = fbnet ? d.pick<int64_t>({1, 3, 6}) : d.pick<int64_t>({1, 3, 4, 6});
            const int64_t k = fbnet ? d.pick<int64_t>({3, 5}) : d.pick<int64_t>({3, 5, 7});
            const int64_t groups = fbnet && d.chance(0.4) && in % 2 == 0 && in * e % 2 == 0 ? 2 : 1;
            const int64_t hidden = in * e;
            std::string y = x;
            if (e != 1) {
                y = convBnAct(c, y, hidden, 1, 1, groups, act);
                if (groups > 1)
                    y = c.b.op(OpType::ChannelShuffle, c.next("shuffle"), {y}, {{"groups", groups}});
            }
            y = convBnAct(c, y, hidden, k, stride, hidden, act);
            y = convBnAct(c, y, out, 1, 1, out % groups == 0 && hidden % groups == 0 ? groups : 1, act, false);
            x = stride == 1 && in == out ? c.b.add(x, y, c.next("add")) : y;
            in = out;
        }
    }
    x = convBnAct(c, x, d.channels(256, 1280), 1, 1, 1, act);
    return c.b.build({head(c, x, d.pick<int64_t>({10, 100, 1000}))});
}

graph::Network superResolution(Draw &d, const std::string &name)
{
    Ctx c{NetworkBuilder(name)};
    const int64_t h = d.pick<int64_t>({64, 120, 180, 240, 360}),
                  w = h * d.pick<int64_t>({1, 4, 16}) / d.pick<int64_t>({1, 3, 9});
    const int64_t channels = d.pick<int64_t>({1, 3}), scale = d.pick<int64_t>({2, 3, 4});
    std::string x = c.b.input("input", {1, channels, h, std::max<int64_t>(16, w)});
    const OpType act = d.pick({OpType::ReLU, OpType::Tanh, OpType::ReLU6});
    const int64_t features = d.channels(16, 64);
    x = c.b.activation(act, c.b.conv(x, c.next("feat"), features, d.pick<int64_t>({3, 5}), 1, 1, true), c.next("act"));
    const bool fsrcnn = d.chance(0.5);
    if (fsrcnn) { // shrink, map, expand, then a transposed conv
        const int64_t shrink = d.channels(8, 24);
        x = c.b.activation(act, c.b.conv(x, c.next("shrink"), shrink, 1, 1, 1, true), c.next("act"));
        for (int i = 0, m = int(d.between(1, 4)); i < m; ++i)
            x = c.b.activation(act, c.b.conv(x, c.next("map"), shrink, 3, 1, 1, true), c.next("act"));
        x = c.b.activation(act, c.b.conv(x, c.next("expand"), features, 1, 1, 1, true), c.next("act"));
        const int64_t k = 2 * scale, p = (k - scale) / 2;
        x = c.b.op(OpType::ConvTranspose2d, c.next("deconv"), {x},
                   {{"out_channels", channels},
                    {"kernel", k},
                    {"stride", scale},
                    {"pads", p},
                    {"output_padding", int64_t((k - scale) % 2)},
                    {"bias", true}});
    } else { // ESPCN: sub-pixel convolution
        for (int i = 0, m = int(d.between(1, 3)); i < m; ++i)
            x = c.b.activation(act, c.b.conv(x, c.next("conv"), d.channels(16, 64), 3, 1, 1, true), c.next("act"));
        x = c.b.conv(x, c.next("subpixel"), channels * scale * scale, 3, 1, 1, true);
        x = c.b.op(OpType::DepthToSpace, c.next("d2s"), {x}, {{"block_size", scale}});
    }
    return c.b.build({x});
}

graph::Network visionTransformer(Draw &d, const std::string &name)
{
    Ctx c{NetworkBuilder(name)};
    const int64_t res = d.pick<int64_t>({32, 64, 96, 224}),
                  patch = res >= 96 ? d.pick<int64_t>({8, 16}) : d.pick<int64_t>({4, 8});
    const int64_t heads = d.pick<int64_t>({2, 3, 4, 6}), dim = heads * d.pick<int64_t>({16, 32, 64});
    const int64_t tokens = (res / patch) * (res / patch), mlp = dim * d.pick<int64_t>({2, 3, 4});
    std::string x = c.b.input("input", {1, 3, res, res});
    x = c.b.conv(x, c.next("patch"), dim, patch, patch, 1, true, 0);
    x = c.b.op(OpType::Reshape, c.next("flat"), {x}, {{"shape", std::vector<int64_t>{1, dim, tokens}}});
    x = c.b.op(OpType::Transpose, c.next("tokens"), {x}, {{"perm", std::vector<int64_t>{0, 2, 1}}});
    const std::string pos = c.b.op(OpType::Constant, c.next("pos"), {},
                                   {{"shape", std::vector<int64_t>{1, tokens, dim}}, {"trainable", true}});
    x = c.b.add(x, pos, c.next("add_pos"));
    const OpType act = d.pick({OpType::GELU, OpType::ReLU, OpType::SiLU});
    for (int i = 0, depth = int(d.between(2, 8)); i < depth; ++i) {
        std::string y = c.b.op(OpType::LayerNorm, c.next("ln"), {x});
        y = c.b.op(OpType::Attention, c.next("attn"), {y}, {{"num_heads", heads}});
        x = c.b.add(x, y, c.next("res"));
        y = c.b.op(OpType::LayerNorm, c.next("ln"), {x});
        y = c.b.linear(c.b.activation(act, c.b.linear(y, c.next("fc1"), mlp), c.next("act")), c.next("fc2"), dim);
        x = c.b.add(x, y, c.next("res"));
    }
    x = c.b.op(OpType::LayerNorm, c.next("ln"), {x});
    x = c.b.op(OpType::ReduceMean, c.next("mean"), {x}, {{"axes", std::vector<int64_t>{1}}, {"keepdims", false}});
    return c.b.build({c.b.linear(x, c.next("head"), d.pick<int64_t>({10, 100, 1000}))});
}

graph::Network uNet(Draw &d, const std::string &name)
{
    Ctx c{NetworkBuilder(name)};
    const int64_t levels = d.between(2, 4), res = d.pick<int64_t>({64, 128, 256});
    std::string x = c.b.input("input", {1, d.pick<int64_t>({1, 3}), res, res});
    int64_t width = d.channels(8, 48);
    const bool transposedUp = d.chance(0.5);
    std::vector<std::pair<std::string, int64_t>> skips;
    for (int64_t l = 0; l < levels; ++l) {
        x = convBnAct(c, x, width, 3, 1, 1, OpType::ReLU);
        x = convBnAct(c, x, width, 3, 1, 1, OpType::ReLU);
        skips.push_back({x, width});
        x = c.b.op(OpType::MaxPool, c.next("down"), {x}, {{"kernel", int64_t(2)}, {"stride", int64_t(2)}});
        width *= 2;
    }
    x = convBnAct(c, x, width, 3, 1, 1, OpType::ReLU);
    for (int64_t l = levels; l-- > 0;) {
        const auto [skip, skipWidth] = skips[size_t(l)];
        if (transposedUp) {
            x = c.b.op(OpType::ConvTranspose2d, c.next("up"), {x},
                       {{"out_channels", skipWidth}, {"kernel", int64_t(2)}, {"stride", int64_t(2)}});
        } else {
            x = c.b.op(OpType::Resize, c.next("up"), {x}, {{"scales", std::vector<double>{2.0, 2.0}}});
            x = convBnAct(c, x, skipWidth, 1, 1, 1, OpType::ReLU);
        }
        x = c.b.op(OpType::Concat, c.next("cat"), {x, skip});
        x = convBnAct(c, x, skipWidth, 3, 1, 1, OpType::ReLU);
        x = convBnAct(c, x, skipWidth, 3, 1, 1, OpType::ReLU);
    }
    return c.b.build({c.b.conv(x, c.next("out"), d.pick<int64_t>({1, 2, 4}), 1, 1, 1, true)});
}

} // namespace

graph::Network randomNetwork(Family family, std::mt19937_64 &rng, const std::string &name)
{
    Draw d(rng);
    switch (family) {
    case Family::PlainCnn: return plainCnn(d, name);
    case Family::ResNet: return resNet(d, name);
    case Family::MobileNet: return mobileNet(d, name, false);
    case Family::FbNet: return mobileNet(d, name, true);
    case Family::SuperResolution: return superResolution(d, name);
    case Family::VisionTransformer: return visionTransformer(d, name);
    case Family::UNet: return uNet(d, name);
    }
    return plainCnn(d, name);
}

} // namespace calibra::augment
