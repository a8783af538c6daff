// SPDX-License-Identifier: GPL-3.0-or-later
// The block finder on the built-in networks, the ONNX test models and random networks
// of every generated family: what it names and where, and that it places every node.
#include "augment/NetworkFamilies.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "supernet/Blocks.h"

#include <QFile>
#include <QTest>

#include <map>

using namespace calibra;
using namespace calibra::supernet;

namespace {

std::map<BlockKind, int> kindCounts(const BlockStructure &s)
{
    std::map<BlockKind, int> counts;
    for (const Block &b : s.blocks)
        ++counts[b.kind];
    return counts;
}

std::vector<int> blocksPerStage(const BlockStructure &s)
{
    std::vector<int> perStage(size_t(s.stages), 0);
    for (const Block &b : s.blocks)
        if (b.stage >= 0)
            ++perStage[size_t(b.stage)];
    return perStage;
}

// Every node but constants lies in exactly the block blockOfNode names.
QString placementProblem(const graph::Network &net, const BlockStructure &s)
{
    if (s.blockOfNode.size() != net.nodes.size())
        return "blockOfNode has the wrong size";
    std::vector<int> seen(net.nodes.size(), 0);
    for (size_t b = 0; b < s.blocks.size(); ++b)
        for (int n : s.blocks[b].nodes) {
            if (s.blockOfNode[size_t(n)] != int(b))
                return QString::fromStdString(net.nodes[size_t(n)].name) + " is in a block blockOfNode does not name";
            ++seen[size_t(n)];
        }
    for (size_t n = 0; n < net.nodes.size(); ++n)
        if (net.nodes[n].op != graph::OpType::Constant && seen[n] != 1)
            return QString::fromStdString(net.nodes[n].name) + " is in " + QString::number(seen[n]) + " blocks";
    return {};
}

} // namespace

class TestBlocks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mobileNetV2()
    {
        const graph::Network net = graph::buildMobileNetV2();
        const BlockStructure s = findBlocks(net);
        QVERIFY2(placementProblem(net, s).isEmpty(), qPrintable(placementProblem(net, s)));
        auto kinds = kindCounts(s);
        QCOMPARE(kinds[BlockKind::Stem], 1);
        QCOMPARE(kinds[BlockKind::Separable], 1);         // the first block has no expansion
        QCOMPARE(kinds[BlockKind::InvertedResidual], 16); // with and without a skip
        QCOMPARE(kinds[BlockKind::Head], 1);
        // MobileNetV2's table (t, c, n, s): 1, 2, 3, 4, 3, 3, 1 blocks per stage, then the 1x1 conv to 1280.
        QCOMPARE(blocksPerStage(s), (std::vector<int>{1, 2, 3, 4, 3, 3, 1, 1}));
        QCOMPARE(s.blocks.front().kind, BlockKind::Stem);
        QCOMPARE(s.blocks.back().output, (graph::Shape{1, 1000}));
        QCOMPARE(net.nodes[size_t(s.blocks[1].nodes.front())].name, std::string("features.1.dw.conv"));
    }

    void resNet18()
    {
        const graph::Network net = graph::buildResNet18();
        const BlockStructure s = findBlocks(net);
        QVERIFY2(placementProblem(net, s).isEmpty(), qPrintable(placementProblem(net, s)));
        QCOMPARE(kindCounts(s)[BlockKind::Residual], 8); // three with a projection shortcut
        QCOMPARE(blocksPerStage(s), (std::vector<int>{2, 2, 2, 2}));
        // The stem: conv, norm, activation, max pool.
        QCOMPARE(s.blocks.front().kind, BlockKind::Stem);
        QCOMPARE(s.blocks.front().nodes.size(), size_t(4));
        QCOMPARE(s.blocks.front().output, (graph::Shape{1, 64, 56, 56}));
        QCOMPARE(s.blocks[3].output, (graph::Shape{1, 128, 28, 28}));
    }

    void visionTransformer()
    {
        const graph::Network net = graph::buildVitSmall();
        const BlockStructure s = findBlocks(net);
        QVERIFY2(placementProblem(net, s).isEmpty(), qPrintable(placementProblem(net, s)));
        auto kinds = kindCounts(s);
        QCOMPARE(kinds[BlockKind::Attention], 6);
        QCOMPARE(kinds[BlockKind::FeedForward], 6);
        QCOMPARE(s.stages, 1);
        QCOMPARE(s.blocks.back().kind, BlockKind::Head);
        // The position embedding's add is part of the stem, not a block.
        QCOMPARE(s.blocks.front().kind, BlockKind::Stem);
    }

    void superResolutionTail()
    {
        const graph::Network net = graph::buildEspcn();
        const BlockStructure s = findBlocks(net);
        QVERIFY2(placementProblem(net, s).isEmpty(), qPrintable(placementProblem(net, s)));
        const Block &tail = s.blocks.back();
        QCOMPARE(tail.kind, BlockKind::UpsamplingTail);
        // The sub-pixel conv and the pixel shuffle.
        QCOMPARE(tail.nodes.size(), size_t(2));
        QCOMPARE(net.nodes[size_t(tail.nodes.back())].op, graph::OpType::DepthToSpace);
        QCOMPARE(net.nodes[size_t(tail.nodes.front())].op, graph::OpType::Conv2d);
        QCOMPARE(kindCounts(s)[BlockKind::Head], 0);
        const auto lines = describeBlocks(s, std::vector<int>(s.blocks.size(), 1));
        QCOMPARE(QString::fromStdString(lines.back()),
                 QStringLiteral("upsampling tail (2 nodes) -> [1, 3, 1080, 1920], 1 choice point"));
    }

    void squeezeNetFireModules()
    {
        const QString path = QStringLiteral(CALIBRA_TEST_DATA "/onnx/squeezenet1_1.onnx.gz");
        QVERIFY2(QFile::exists(path), qPrintable(path + " is missing from the repository"));
        const graph::Network net = graph::loadNetwork(path.toStdString());
        const BlockStructure s = findBlocks(net);
        QVERIFY2(placementProblem(net, s).isEmpty(), qPrintable(placementProblem(net, s)));
        // Eight fire modules: squeeze conv, two expand convs, concat (two opened by the
        // max pool before them), in four stages of two.
        QCOMPARE(kindCounts(s)[BlockKind::MultiBranch], 8);
        int pooled = 0;
        for (const Block &b : s.blocks) {
            if (b.kind != BlockKind::MultiBranch)
                continue;
            int convs = 0;
            for (int n : b.nodes)
                convs += net.nodes[size_t(n)].op == graph::OpType::Conv2d;
            QCOMPARE(convs, 3);
            QCOMPARE(net.nodes[size_t(b.nodes.back())].op, graph::OpType::Concat);
            pooled += net.nodes[size_t(b.nodes.front())].op == graph::OpType::MaxPool;
        }
        QCOMPARE(pooled, 2);
        QCOMPARE(blocksPerStage(s), (std::vector<int>{2, 2, 2, 2, 1}));
    }

    // Whatever the generators make, every node lands in one block and the lines print.
    void everyGeneratedFamily()
    {
        std::mt19937_64 rng(17);
        for (augment::Family family : augment::allFamilies())
            for (int i = 0; i < 6; ++i) {
                graph::Network net = augment::randomNetwork(family, rng, "g");
                const BlockStructure s = findBlocks(net);
                const QString problem = placementProblem(net, s);
                QVERIFY2(problem.isEmpty(), qPrintable(QString(augment::familyName(family)) + ": " + problem));
                QVERIFY(!describeBlocks(s).empty());
            }
    }
};

QTEST_GUILESS_MAIN(TestBlocks)
#include "tst_blocks.moc"
