// SPDX-License-Identifier: GPL-3.0-or-later
// Supernet generation and genotypes on every built-in network and the shared ONNX
// models: what is found, decode round trip, extremes, sampling, mutation, crossover.
#include "graph/ContentHash.h"
#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "supernet/Supernet.h"

#include <QDir>
#include <QTest>

#include <algorithm>
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

    // Size 0 draws the smallest kernels and widths and skips every block, size 1 the
    // largest and keeps them; between, sub-networks grow with the size asked. The input
    // resolution stays uniform.
    void samplesLeanTowardTheSizeAsked()
    {
        const Supernet s(graph::buildMobileNetV2(32, 10, true));
        std::mt19937_64 rng(7);
        const Genotype smallest = s.smallestGenotype(), largest = s.largestGenotype();
        std::set<int> resolutions;
        for (int k = 0; k < 20; ++k) {
            const Genotype low = s.sampleAtSize(0, rng), high = s.sampleAtSize(1, rng);
            QVERIFY(s.isValid(low) && s.isValid(high));
            for (size_t i = 0; i < s.choices().size(); ++i) {
                if (s.choices()[i].kind == ChoiceKind::Resolution) {
                    resolutions.insert(low[i]);
                    continue;
                }
                QCOMPARE(low[i], smallest[i]);
                QCOMPARE(high[i], largest[i]);
            }
        }
        QVERIFY(resolutions.size() > 1);
        const auto meanMacs = [&](double size) {
            double sum = 0;
            for (int k = 0; k < 20; ++k)
                sum += double(graph::networkCost(s.decode(s.sampleAtSize(size, rng))).total.macs);
            return sum / 20;
        };
        const double quarter = meanMacs(0.25), half = meanMacs(0.5), threeQuarters = meanMacs(0.75);
        QVERIFY2(quarter < half && half < threeQuarters,
                 qPrintable(QString("%1 %2 %3").arg(quarter).arg(half).arg(threeQuarters)));
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

    void vitBlocksButNotItsPositionEmbedding()
    {
        const Supernet s(graph::loadNetwork("builtin:vit_small"));
        QCOMPARE(int(s.choices().size()), 12); // attention and MLP sub-blocks of 6 blocks
        for (const ChoicePoint &c : s.choices()) {
            QCOMPARE(c.kind, ChoiceKind::Depth);
            QVERIFY(c.name != "add_pos");
        }
    }

    void refusesInvalidGenotypes()
    {
        const Supernet s(graph::loadNetwork("builtin:resnet18"));
        Genotype g = s.referenceGenotype();
        g.push_back(0);
        QVERIFY(!s.isValid(g));
        QVERIFY_THROWS_EXCEPTION(graph::GraphError, s.decode(g));
        g = s.referenceGenotype();
        g[0] = 99;
        QVERIFY_THROWS_EXCEPTION(graph::GraphError, s.decode(g));
    }
};

QTEST_GUILESS_MAIN(TestSupernet)
#include "tst_supernet.moc"
