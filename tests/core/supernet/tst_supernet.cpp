// SPDX-License-Identifier: GPL-3.0-or-later
// Supernet generation and genotypes on every built-in network and the shared ONNX
// models: what is found, decode round trip, extremes, sampling, mutation, crossover.
#include "graph/ContentHash.h"
#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "graph/OpSchema.h"
#include "supernet/Supernet.h"

#include <QDir>
#include <QTest>

#include "SupernetChoices.h"

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "TestData.h"

using namespace calibra;
using namespace calibra::supernet;

namespace {
graph::Shape shapeOf(const graph::Network &net, const std::string &tensor)
{
    const graph::Shape *shape = net.tensorShape(tensor);
    return shape ? *shape : graph::Shape{};
}

const graph::Node *nodeNamed(const graph::Network &net, const std::string &name)
{
    for (const graph::Node &n : net.nodes)
        if (n.name == name)
            return &n;
    return nullptr;
}

// Squeeze-and-excitation as torchvision's MobileNetV3 has it: x * hardsigmoid(fc2(relu(fc1(
// GlobalAveragePool(x))))), fc1 and fc2 1x1 convs with biases.
std::string squeezeExcite(graph::NetworkBuilder &b, const std::string &x, const std::string &name, int64_t channels,
                          int64_t squeezed)
{
    std::string s = b.op(graph::OpType::GlobalAveragePool, name + "_pool", {x});
    s = b.activation(graph::OpType::ReLU, b.conv(s, name + "_fc1", squeezed, 1, 1, 1, true), name + "_relu");
    s = b.activation(graph::OpType::HardSigmoid, b.conv(s, name + "_fc2", channels, 1, 1, 1, true), name + "_gate");
    return b.op(graph::OpType::Mul, name + "_scale", {s, x});
}

// A small MobileNetV3: a stem whose width reaches a depthwise conv and its SE block (as
// in torchvision's first block, which has no expansion conv), then an inverted residual
// with expansion, SE and a skip, then the head.
graph::Network buildMobileNetV3Like()
{
    graph::NetworkBuilder b("mnv3_like");
    std::string x = b.input("image", {1, 3, 64, 64});
    x = b.activation(graph::OpType::HardSwish, b.batchNorm(b.conv(x, "stem", 16, 3, 2), "stem_bn"), "stem_act");
    x = b.activation(graph::OpType::ReLU, b.batchNorm(b.conv(x, "dw1", 16, 3, 2, 16), "dw1_bn"), "dw1_act");
    x = squeezeExcite(b, x, "se1", 16, 8);
    const std::string block = b.batchNorm(b.conv(x, "project1", 16, 1, 1), "project1_bn");
    x = b.activation(graph::OpType::HardSwish, b.batchNorm(b.conv(block, "expand2", 64, 1, 1), "expand2_bn"), "e2_act");
    x = b.activation(graph::OpType::HardSwish, b.batchNorm(b.conv(x, "dw2", 64, 5, 1, 64), "dw2_bn"), "dw2_act");
    x = squeezeExcite(b, x, "se2", 64, 16);
    x = b.add(block, b.batchNorm(b.conv(x, "project2", 16, 1, 1), "project2_bn"), "residual2");
    x = b.activation(graph::OpType::HardSwish, b.conv(x, "last", 96, 1, 1), "last_act");
    x = b.op(graph::OpType::Flatten, "flatten", {b.op(graph::OpType::GlobalAveragePool, "pool", {x})});
    return b.build({b.linear(x, "classifier", 10)});
}

// Same op, and a conv on the same side of dense/depthwise: the weights the one-shot
// trainer shares between the two nodes (learning/OneShot's sameOperation).
bool sharesWeights(const graph::Node &a, const graph::Node &b)
{
    return a.op == b.op
           && (a.op != graph::OpType::Conv2d || (a.attrs.getInt("groups") == 1) == (b.attrs.getInt("groups") == 1));
}

// Does every parameter of `sub` fit inside the same node's in the largest sub-network (or,
// for a substitute, in the largest one with every substitute)? The one-shot trainer
// slices a sub-network's weights from those.
bool weightsFit(const graph::Network &sub, const graph::Network &largest, const graph::Network &substituted)
{
    for (const graph::Node &n : sub.nodes) {
        const graph::Node *big = nodeNamed(largest, n.name);
        if (!big || !sharesWeights(*big, n))
            big = nodeNamed(substituted, n.name);
        const graph::ParamFn &params = graph::schemaFor(n.op).params;
        if (!big || !params)
            continue;
        const auto mine = params(n, n.inputShapes), theirs = params(*big, big->inputShapes);
        for (size_t k = 0; k < mine.size() && k < theirs.size(); ++k)
            for (size_t d = 0; d < mine[k].shape.size() && d < theirs[k].shape.size(); ++d)
                if (mine[k].shape[d] > theirs[k].shape[d])
                    return false;
    }
    return true;
}

} // namespace

class TestSupernet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { CALIBRA_REQUIRE_TEST_DATA(); }

    void options()
    {
        SupernetOptions o;
        o.kernels = {3, 5};
        o.depth = false;
        o.resolutionScales.clear();
        o.expandRatios = {2, 6};
        const Supernet s(graph::loadNetwork("builtin:mobilenet_v2_fmnist"), o);
        int kernels = 0;
        for (const ChoicePoint &c : s.choices()) {
            QVERIFY(c.kind != ChoiceKind::Depth && c.kind != ChoiceKind::Resolution);
            if (c.kind == ChoiceKind::Kernel) {
                ++kernels;
                QCOMPARE(c.options, (std::vector<int64_t>{3, 5}));
            }
        }
        QCOMPARE(kernels, 18);
        const Supernet defaults(graph::loadNetwork("builtin:mobilenet_v2_fmnist"));
        QVERIFY(defaults.log10SpaceSize() > s.log10SpaceSize());
        QCOMPARE(graph::networkContentHash(s.decode(s.referenceGenotype())), graph::networkContentHash(s.reference()));
    }

    void everyNetwork_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("minChoices");
        QTest::newRow("mobilenet_v2") << "builtin:mobilenet_v2" << 40;
        QTest::newRow("mobilenet_v2_cifar") << "builtin:mobilenet_v2_cifar" << 40;
        QTest::newRow("resnet18") << "builtin:resnet18" << 20;
        QTest::newRow("espcn_x3") << "builtin:espcn_x3" << 4;
        QTest::newRow("vit_small") << "builtin:vit_small" << 12;
        const QString onnx = QStringLiteral(CALIBRA_TEST_DATA "/onnx/");
        QTest::newRow("mobilenet_v2.onnx") << onnx + "mobilenet_v2.onnx.gz" << 40;
        QTest::newRow("resnet18.onnx") << onnx + "resnet18.onnx.gz" << 20;
        // Fire modules: kernels, resolution, and the squeeze conv's width (it feeds two convs).
        QTest::newRow("squeezenet1_1.onnx") << onnx + "squeezenet1_1.onnx.gz" << 17;
    }
    void substitutionsOnEveryNetwork_data() { everyNetwork_data(); }
    void substitutionsOnEveryNetwork()
    {
        QFETCH(QString, source);
        const graph::Network ref = graph::loadNetwork(source.toStdString());
        QVERIFY(!Supernet(ref).hasSubstitutions()); // off by default
        SupernetOptions o;
        o.substitutions = true;
        const Supernet s(ref, o);
        int operations = 0;
        for (const ChoicePoint &c : s.choices())
            operations += c.kind == ChoiceKind::Operation;
        qInfo("%s: %d operation substitutions", qPrintable(source), operations);
        QCOMPARE(graph::networkContentHash(s.decode(s.referenceGenotype())), graph::networkContentHash(s.reference()));
        // Every op substituted at once, and random genotypes: valid networks with the
        // reference's output shapes.
        Genotype all = s.referenceGenotype();
        for (size_t i = 0; i < all.size(); ++i)
            if (s.choices()[i].kind == ChoiceKind::Operation)
                all[i] = 1;
        std::mt19937_64 rng(5);
        std::vector<Genotype> genotypes{all};
        for (int i = 0; i < 30; ++i)
            genotypes.push_back(s.sample(rng));
        for (const Genotype &g : genotypes) {
            const graph::Network net = s.decode(g);
            QCOMPARE(net.outputs.size(), ref.outputs.size());
            if (s.choices().back().kind != ChoiceKind::Resolution) // a resolution choice scales outputs
                for (size_t k = 0; k < net.outputs.size(); ++k)
                    QCOMPARE(shapeOf(net, net.outputs[k]), shapeOf(s.reference(), ref.outputs[k]));
        }
    }

    // Each substitution on a small network holding all four kinds of operation.
    void eachSubstitution()
    {
        graph::NetworkBuilder b("ops");
        auto x = b.input("image", {1, 16, 32, 32});
        x = b.activation(graph::OpType::ReLU, b.conv(x, "dense3", 32, 3, 1), "a1");  // -> separable
        x = b.activation(graph::OpType::ReLU, b.conv(x, "dw3", 32, 3, 1, 32), "a2"); // -> dense
        x = b.op(graph::OpType::ConvTranspose2d, "up", {x},
                 {{"out_channels", int64_t(16)},
                  {"kernel", std::vector<int64_t>{2, 2}},
                  {"stride", std::vector<int64_t>{2, 2}}}); // -> conv + d2s
        x = b.conv(x, "tail", 12, 3, 1);                    // feeds d2s: -> tconv
        x = b.op(graph::OpType::DepthToSpace, "shuffle", {x}, {{"block_size", int64_t(2)}});
        const graph::Network ref = b.build({x});
        SupernetOptions o;
        o.kernels = {3};
        o.widthRatios = {1.0};
        o.resolutionScales = {};
        o.depth = false;
        o.substitutions = true;
        const Supernet s(ref, o);
        std::map<std::string, Substitution> found;
        for (const ChoicePoint &c : s.choices())
            if (c.kind == ChoiceKind::Operation)
                found[c.name] = c.substitution;
        QCOMPARE(found.size(), size_t(4));
        QCOMPARE(found.at("dense3"), Substitution::SeparableConv);
        QCOMPARE(found.at("dw3"), Substitution::DenseConv);
        QCOMPARE(found.at("up"), Substitution::ConvDepthToSpace);
        QCOMPARE(found.at("tail"), Substitution::TransposedConv);
        const int64_t refMacs = graph::networkCost(ref).total.macs;
        const auto only = [&](const std::string &name) {
            Genotype g = s.referenceGenotype();
            for (size_t i = 0; i < g.size(); ++i)
                if (s.choices()[i].name == name && s.choices()[i].kind == ChoiceKind::Operation)
                    g[i] = 1;
            return s.decode(g);
        };
        const auto opOf = [](const graph::Network &n, const std::string &name) -> std::optional<graph::OpType> {
            for (const graph::Node &node : n.nodes)
                if (node.name == name)
                    return node.op;
            return std::nullopt;
        };
        const graph::Network sep = only("dense3");
        QVERIFY(graph::networkCost(sep).total.macs < refMacs);
        QCOMPARE(shapeOf(sep, "dense3_dw_out"), (graph::Shape{1, 16, 32, 32}));
        QCOMPARE(sep.nodes.size(), ref.nodes.size() + 1);
        const graph::Network dense = only("dw3");
        QVERIFY(graph::networkCost(dense).total.macs > refMacs);
        const graph::Network c2d = only("up");
        QVERIFY(opOf(c2d, "up") == graph::OpType::Conv2d);
        QVERIFY(opOf(c2d, "up_d2s") == graph::OpType::DepthToSpace);
        const graph::Network tconv = only("tail");
        QVERIFY(opOf(tconv, "tail") == graph::OpType::ConvTranspose2d);
        QVERIFY(!opOf(tconv, "shuffle")); // absorbed
        for (const graph::Network &n : {sep, dense, c2d, tconv})
            QCOMPARE(shapeOf(n, n.outputs[0]), shapeOf(ref, ref.outputs[0]));
        Genotype all = s.referenceGenotype();
        for (size_t i = 0; i < all.size(); ++i)
            all[i] = s.choices()[i].kind == ChoiceKind::Operation ? 1 : all[i];
        QCOMPARE(shapeOf(s.decode(all), s.decode(all).outputs[0]), shapeOf(ref, ref.outputs[0]));
        QCOMPARE(
            QString::fromStdString(s.describe(all)),
            QStringLiteral("dense3:depthwise-separable dw3:dense conv up:conv + depth-to-space tail:transposed conv"));
    }

    // A depthwise conv followed (through a norm and an activation) by a 1x1 conv, as in
    // an inverted residual: the pair merges into one dense conv.
    void depthwiseSeparablePairMerges()
    {
        graph::NetworkBuilder b("separable");
        auto x = b.input("image", {1, 16, 16, 16});
        x = b.conv(x, "expand", 48, 1, 1);
        x = b.activation(graph::OpType::ReLU6, x, "a0");
        x = b.conv(x, "dw", 48, 3, 2, 48);
        x = b.batchNorm(x, "dw_bn");
        x = b.activation(graph::OpType::ReLU6, x, "a1");
        x = b.conv(x, "project", 24, 1, 1);
        x = b.batchNorm(x, "project_bn");
        const graph::Network ref = b.build({x});
        SupernetOptions o;
        o.kernels = {3, 5};
        o.expandRatios = {2, 3};
        o.resolutionScales = {};
        o.substitutions = true;
        const Supernet s(ref, o);
        int merge = -1, kernel = -1, width = -1;
        for (size_t i = 0; i < s.choices().size(); ++i) {
            const ChoicePoint &c = s.choices()[i];
            if (c.kind == ChoiceKind::Operation && c.name == "dw") {
                QCOMPARE(c.substitution, Substitution::MergedConv);
                merge = int(i);
            }
            if (c.kind == ChoiceKind::Kernel && c.name == "dw")
                kernel = int(i);
            if (c.kind == ChoiceKind::Width && c.name == "expand")
                width = int(i);
        }
        QVERIFY(merge >= 0 && kernel >= 0 && width >= 0);
        Genotype g = s.referenceGenotype();
        g[size_t(merge)] = 1;
        g[size_t(kernel)] = 1; // kernel 5
        g[size_t(width)] = 0;  // 2 x 16 = 32 expanded channels
        const graph::Network merged = s.decode(g);
        const auto find = [&merged](const std::string &name) -> const graph::Node * {
            for (const graph::Node &n : merged.nodes)
                if (n.name == name)
                    return &n;
            return nullptr;
        };
        QVERIFY(!find("dw_bn") && !find("a1") && !find("project")); // absorbed
        const graph::Node *conv = find("dw");
        QVERIFY(conv);
        QCOMPARE(conv->attrs.getInt("groups"), int64_t(1));
        QCOMPARE(conv->attrs.getInts("kernel"), (std::vector<int64_t>{5, 5}));
        QCOMPARE(conv->inputShapes.at(0), (graph::Shape{1, 32, 16, 16}));
        QCOMPARE(conv->outputShapes.at(0), (graph::Shape{1, 24, 8, 8}));
        QVERIFY(find("project_bn"));
        QCOMPARE(merged.nodes.size(), ref.nodes.size() - 3);
        QCOMPARE(shapeOf(merged, merged.outputs[0]), shapeOf(ref, ref.outputs[0]));
        // One dense 5x5 conv 32 -> 24 at 8x8 instead of a depthwise 5x5 and a 1x1 conv.
        int64_t macs = 0;
        for (const graph::Node &n : merged.nodes)
            if (n.name == "dw")
                macs = graph::nodeCost(n).macs;
        QCOMPARE(macs, int64_t(32) * 24 * 25 * 8 * 8);
        QCOMPARE(QString::fromStdString(s.describe(g)).contains(QStringLiteral("dw:merged dense conv")), true);
    }

    void everyNetwork()
    {
        QFETCH(QString, source);
        QFETCH(int, minChoices);
        const graph::Network ref = graph::loadNetwork(source.toStdString());
        const Supernet s(ref);
        QVERIFY2(int(s.choices().size()) >= minChoices, qPrintable(QString::number(s.choices().size())));

        // The reference genotype is the reference network.
        const graph::Network back = s.decode(s.referenceGenotype());
        QCOMPARE(graph::networkContentHash(back), graph::networkContentHash(s.reference()));
        QCOMPARE(s.describe(s.referenceGenotype()), std::string("reference"));
        if (s.choices().empty())
            return;

        const int64_t refMacs = graph::networkCost(back).total.macs;
        const int64_t small = graph::networkCost(s.decode(s.smallestGenotype())).total.macs;
        const int64_t large = graph::networkCost(s.decode(s.largestGenotype())).total.macs;
        QVERIFY2(small < refMacs && refMacs <= large,
                 qPrintable(QString("%1 %2 %3").arg(small).arg(refMacs).arg(large)));

        std::mt19937_64 rng(3);
        for (int i = 0; i < 60; ++i) {
            const Genotype a = s.sample(rng), b = s.sample(rng);
            QVERIFY(s.isValid(a));
            const Genotype m = s.mutate(a, 0.1, rng), x = s.crossover(a, b, rng);
            QVERIFY(s.isValid(m) && s.isValid(x));
            for (const Genotype &g : {a, m, x})
                QVERIFY(!s.decode(g).nodes.empty()); // analyzeNetwork inside: shapes valid
        }
    }

    void choicesOfMobileNetV2()
    {
        const Supernet s(graph::loadNetwork("builtin:mobilenet_v2"));
        int kernel = 0, width = 0, depth = 0, resolution = 0;
        for (const ChoicePoint &c : s.choices()) {
            kernel += c.kind == ChoiceKind::Kernel;
            width += c.kind == ChoiceKind::Width;
            depth += c.kind == ChoiceKind::Depth;
            resolution += c.kind == ChoiceKind::Resolution;
        }
        QCOMPARE(depth, 10);  // the residual inverted-residual blocks
        QCOMPARE(kernel, 18); // the stem and the 17 depthwise convs
        QCOMPARE(resolution, 1);
        // Widths: the 16 expansion convs take expansion ratios 3, 4, 6 of the block input;
        // others (the stem, projections that feed the next expansion) take 0.5-1x.
        int expansions = 0;
        for (const ChoicePoint &c : s.choices()) {
            if (c.kind != ChoiceKind::Width)
                continue;
            const graph::Node &n = s.reference().nodes[size_t(c.nodes[0])];
            if (c.name.find(".expand.") != std::string::npos) {
                ++expansions;
                const int64_t cin = n.inputShapes[0][1];
                QCOMPARE(c.options, (std::vector<int64_t>{3 * cin, 4 * cin, 6 * cin}));
            } else {
                QVERIFY2(c.options.back() == n.attrs.getInt("out_channels"), c.name.c_str());
            }
        }
        QCOMPARE(expansions, 16);
        QVERIFY(width > expansions);
        QVERIFY(s.log10SpaceSize() > 20);

        // Skipping a block removes exactly its branch and the add.
        Genotype g = s.referenceGenotype();
        for (size_t i = 0; i < s.choices().size(); ++i)
            if (s.choices()[i].kind == ChoiceKind::Depth) {
                g[i] = 1;
                const graph::Network skipped = s.decode(g);
                QCOMPARE(skipped.nodes.size(), s.reference().nodes.size() - s.choices()[i].nodes.size());
                QVERIFY(s.describe(g).find(":skip") != std::string::npos);
                break;
            }
    }

    void squeezeWidthReachesBothExpandConvs()
    {
        const Supernet s(graph::loadNetwork(CALIBRA_TEST_DATA "/onnx/squeezenet1_1.onnx.gz"));
        Genotype g = s.referenceGenotype();
        int squeezes = 0;
        for (size_t i = 0; i < s.choices().size(); ++i) {
            const ChoicePoint &c = s.choices()[i];
            if (c.kind != ChoiceKind::Width)
                continue;
            ++squeezes;
            QVERIFY2(c.name.find("squeeze") != std::string::npos, c.name.c_str());
            QCOMPARE(int(c.nodes.size()), 3); // the squeeze conv and both expand convs
            g[i] = 0;                         // the narrowest
        }
        QCOMPARE(squeezes, 8); // one per fire module
        const graph::Network narrow = s.decode(g);
        for (size_t i = 0; i < s.choices().size(); ++i) {
            const ChoicePoint &c = s.choices()[i];
            if (c.kind != ChoiceKind::Width)
                continue;
            for (size_t k = 1; k < c.nodes.size(); ++k) {
                const std::string &name = s.reference().nodes[size_t(c.nodes[k])].name;
                const auto it = std::find_if(narrow.nodes.begin(), narrow.nodes.end(),
                                             [&](const graph::Node &n) { return n.name == name; });
                QVERIFY(it != narrow.nodes.end());
                QCOMPARE(it->inputShapes[0][1], c.options.front()); // the expand conv reads the narrow width
            }
        }
    }

    // A width reaching a squeeze-and-excitation block narrows the depthwise conv, the SE
    // branch's last conv (its gate multiplies those channels) and, through the pooling, the
    // first conv's input: the MobileNetV3 stem's 16 -> 8 used to fail at the Mul.
    void widthNarrowsSqueezeExcitation()
    {
        const graph::Network ref = buildMobileNetV3Like();
        const Supernet s(ref);
        const int stem = calibra::test::choiceIndex(s, ChoiceKind::Width, "stem");
        const int expand = calibra::test::choiceIndex(s, ChoiceKind::Width, "expand2");
        QVERIFY(stem >= 0 && expand >= 0);
        const auto names = [&s](const std::vector<int> &nodes) {
            std::set<std::string> out;
            for (int n : nodes)
                out.insert(s.reference().nodes[size_t(n)].name);
            return out;
        };
        QCOMPARE(names(s.choices()[size_t(stem)].followers), (std::set<std::string>{"dw1", "se1_fc2"}));
        QCOMPARE(names(s.choices()[size_t(expand)].followers), (std::set<std::string>{"dw2", "se2_fc2"}));
        // The convs that read the width are edited too (their input channels).
        const std::set<std::string> stemNodes = names(s.choices()[size_t(stem)].nodes);
        QVERIFY(stemNodes.count("se1_fc1") && stemNodes.count("project1"));
        QCOMPARE(s.choices()[size_t(stem)].options, (std::vector<int64_t>{8, 16}));
        QCOMPARE(s.choices()[size_t(expand)].options, (std::vector<int64_t>{48, 64, 96}));

        Genotype g = s.referenceGenotype();
        g[size_t(stem)] = 0;   // 8 channels
        g[size_t(expand)] = 2; // 96 channels: wider than the reference's 64
        const graph::Network sub = s.decode(g);
        QCOMPARE(nodeNamed(sub, "dw1")->attrs.getInt("groups"), int64_t(8));
        QCOMPARE(nodeNamed(sub, "se1_fc1")->inputShapes.at(0), (graph::Shape{1, 8, 1, 1}));
        QCOMPARE(nodeNamed(sub, "se1_fc1")->outputShapes.at(0), (graph::Shape{1, 8, 1, 1})); // its own width
        QCOMPARE(nodeNamed(sub, "se1_fc2")->outputShapes.at(0), (graph::Shape{1, 8, 1, 1}));
        QCOMPARE(nodeNamed(sub, "se1_scale")->outputShapes.at(0), (graph::Shape{1, 8, 16, 16}));
        QCOMPARE(nodeNamed(sub, "project1")->outputShapes.at(0), (graph::Shape{1, 16, 16, 16}));
        QCOMPARE(nodeNamed(sub, "dw2")->attrs.getInt("groups"), int64_t(96));
        QCOMPARE(nodeNamed(sub, "se2_fc1")->inputShapes.at(0), (graph::Shape{1, 96, 1, 1}));
        QCOMPARE(nodeNamed(sub, "se2_fc2")->outputShapes.at(0), (graph::Shape{1, 96, 1, 1}));
        QCOMPARE(nodeNamed(sub, "se2_scale")->outputShapes.at(0), (graph::Shape{1, 96, 16, 16}));
        QCOMPARE(shapeOf(sub, sub.outputs[0]), (graph::Shape{1, 10}));
        QVERIFY(s.describe(g).find("stem:w8") != std::string::npos);
    }

    // Every sub-network of a network with SE blocks decodes and analyzes: the extremes,
    // uniform samples, samples at a size, mutations and crossovers, with and without
    // operation substitutions (a depthwise conv with an SE block after it becomes dense).
    void everySubnetworkWithSqueezeExcitationDecodes_data()
    {
        QTest::addColumn<bool>("substitutions");
        QTest::newRow("choices") << false;
        QTest::newRow("with substitutions") << true;
    }
    void everySubnetworkWithSqueezeExcitationDecodes()
    {
        QFETCH(bool, substitutions);
        SupernetOptions o;
        o.substitutions = substitutions;
        const Supernet s(buildMobileNetV3Like(), o);
        std::set<std::string> widths;
        for (const ChoicePoint &c : s.choices())
            if (c.kind == ChoiceKind::Width)
                widths.insert(c.name);
        // se1_fc1's 8 channels have no narrower option; project1's output also feeds the skip.
        QCOMPARE(widths, (std::set<std::string>{"stem", "expand2", "se2_fc1"}));
        QCOMPARE(graph::networkContentHash(s.decode(s.referenceGenotype())), graph::networkContentHash(s.reference()));
        const int64_t refMacs = graph::networkCost(s.reference()).total.macs;
        QVERIFY(graph::networkCost(s.decode(s.smallestGenotype())).total.macs < refMacs);
        QVERIFY(graph::networkCost(s.decode(s.largestGenotype())).total.macs > refMacs);
        const graph::Network largest = s.decode(s.largestGenotype());
        Genotype all = s.largestGenotype();
        for (size_t i = 0; i < all.size(); ++i)
            all[i] = s.choices()[i].kind == ChoiceKind::Operation ? 1 : all[i];
        const graph::Network substituted = s.decode(all);
        std::mt19937_64 rng(11);
        for (int i = 0; i < 100; ++i) {
            const Genotype a = s.sample(rng), b = s.sampleAtSize(double(i % 5) / 4, rng);
            for (const Genotype &g : {a, b, s.mutate(a, 0.3, rng), s.crossover(a, b, rng)}) {
                const graph::Network net = s.decode(g); // analyzeNetwork inside: throws on a mismatch
                QCOMPARE(shapeOf(net, net.outputs[0]), (graph::Shape{1, 10}));
                QVERIFY(graph::networkCost(net).total.macs > 0);
                QVERIFY(weightsFit(net, largest, substituted));
            }
        }
    }

    // Where a width's channels reach an op that cannot narrow with them (here a concat),
    // the width is not offered, so no sub-network breaks.
    void widthNotOfferedWhereChannelsCannotFollow()
    {
        graph::NetworkBuilder b("concat");
        const std::string in = b.input("image", {1, 3, 32, 32});
        const std::string a = b.conv(b.conv(in, "a", 16, 3, 1), "a_dw", 16, 3, 1, 16);
        const std::string other = b.conv(in, "other", 16, 3, 1);
        const std::string cat = b.op(graph::OpType::Concat, "cat", {a, other}, {{"axis", int64_t(1)}});
        const Supernet s(b.build({b.conv(cat, "out", 8, 1, 1)}));
        QCOMPARE(calibra::test::choiceIndex(s, ChoiceKind::Width, "a"), -1);
        QVERIFY(calibra::test::choiceIndex(s, ChoiceKind::Kernel, "a_dw") >= 0); // the other choices stay
        QVERIFY(s.decode(s.smallestGenotype()).nodes.size() == s.reference().nodes.size());
    }

    // A head that flattens pixels into a Linear is sized for one resolution: none other is
    // offered. After a global pool, Flatten takes channels only and resolutions stay.
    void flattenedPixelsFixTheResolution()
    {
        for (const bool pooled : {false, true}) {
            graph::NetworkBuilder b("head");
            std::string x = b.conv(b.input("image", {1, 3, 32, 32}), "conv", 8, 3, 2);
            if (pooled)
                x = b.op(graph::OpType::GlobalAveragePool, "gap", {x});
            x = b.op(graph::OpType::Flatten, "flat", {x});
            const Supernet s(b.build({b.linear(x, "fc", 10)}));
            QCOMPARE(calibra::test::choiceIndex(s, ChoiceKind::Resolution, "image") >= 0, pooled);
        }
    }

    // AvgPool2d(7) after a 7x7 map, as torch models written for one input size pool:
    // global at the reference's size, and global at every other size offered, not a 7x7
    // window on a corner of a larger map nor one larger than a smaller map. A MaxPool
    // written the same way fits no other size: no resolution choice.
    void aPoolOverTheWholeMapStaysGlobal()
    {
        using graph::OpType;
        for (const OpType pool : {OpType::AveragePool, OpType::MaxPool}) {
            graph::NetworkBuilder b("fixed_pool");
            std::string x = b.input("image", {1, 3, 56, 56});
            for (const char *name : {"c1", "c2", "c3"})
                x = b.conv(x, name, 8, 3, 2); // 28, 14, 7
            x = b.op(pool, "pool", {x},
                     {{"kernel", std::vector<int64_t>{7, 7}}, {"stride", std::vector<int64_t>{7, 7}}});
            x = b.op(OpType::Flatten, "flat", {x});
            const Supernet s(b.build({b.linear(x, "fc", 10)}));
            const int r = calibra::test::choiceIndex(s, ChoiceKind::Resolution, "image");
            if (pool == OpType::MaxPool) {
                QCOMPARE(r, -1);
                continue;
            }
            QVERIFY(r >= 0);
            const ChoicePoint &c = s.choices()[size_t(r)];
            QCOMPARE(c.options, (std::vector<int64_t>{48, 56, 64}));
            for (int o = 0; o < int(c.options.size()); ++o) {
                Genotype g = s.referenceGenotype();
                g[size_t(r)] = o;
                const graph::Network net = s.decode(g);
                QCOMPARE(*net.tensorShape(net.outputs[0]), (graph::Shape{1, 10}));
                const auto at = std::find_if(net.nodes.begin(), net.nodes.end(),
                                             [](const graph::Node &n) { return n.name == "pool"; });
                QVERIFY(at != net.nodes.end());
                QCOMPARE(at->op, c.options[size_t(o)] == 56 ? OpType::AveragePool : OpType::GlobalAveragePool);
                QCOMPARE(at->outputShapes[0], (graph::Shape{1, 8, 1, 1}));
            }
        }
    }

    // A 1x1 conv feeding a depthwise conv that does not expand (a plain depthwise-separable
    // stack, 64 -> 64) narrows by the width ratios: ratios of its input would offer only
    // wider convs (192, 256, 384) to a search for a smaller network. One that expands keeps
    // the expansion ratios.
    void unexpandedPointwiseConvNarrows()
    {
        for (const int64_t expanded : {64, 384}) {
            graph::NetworkBuilder b("separable");
            std::string x = b.conv(b.input("image", {1, 3, 32, 32}), "stem", 64, 3, 2);
            x = b.activation(graph::OpType::ReLU, b.conv(x, "expand", expanded, 1, 1), "expand_act");
            x = b.activation(graph::OpType::ReLU, b.conv(x, "dw", expanded, 3, 1, expanded), "dw_act");
            x = b.conv(x, "project", 64, 1, 1);
            const Supernet s(b.build({x}));
            const int w = calibra::test::choiceIndex(s, ChoiceKind::Width, "expand");
            QVERIFY(w >= 0);
            QCOMPARE(s.choices()[size_t(w)].options,
                     expanded == 64 ? (std::vector<int64_t>{32, 48, 64}) : (std::vector<int64_t>{192, 256, 384}));
            QCOMPARE(s.decode(s.smallestGenotype()).nodes.size(), s.reference().nodes.size());
        }
    }

    void vitBlocksButNotItsPositionEmbedding()
    {
        const Supernet s(graph::loadNetwork("builtin:vit_small"));
        QCOMPARE(int(s.choices().size()), 12); // attention and MLP sub-blocks of 6 blocks
        for (const ChoicePoint &c : s.choices()) {
            QCOMPARE(c.kind, ChoiceKind::Depth);
            QVERIFY(c.name != "add_pos");
        }
    }
};

QTEST_GUILESS_MAIN(TestSupernet)
#include "tst_supernet.moc"
