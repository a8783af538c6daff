// SPDX-License-Identifier: GPL-3.0-or-later
// What the views are given to draw blocks: each block's place in its stage, and the graph
// laid out when blocks are collapsed (items, which item draws each node, edges).
#include "graph/NetworkBuilder.h"
#include "supernet/BlockView.h"

#include <QTest>

#include <set>

using namespace calibra;
using namespace calibra::supernet;

class TestBlockView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void placesEachBlockInItsStage()
    {
        const graph::Network net = graph::buildResNet18();
        const NetworkBlocks blocks = placeBlocks(net);
        QCOMPARE(blocks.blockOfNode.size(), net.nodes.size());
        QCOMPARE(blocks.blocks.front().kind, BlockKind::Stem);
        QCOMPARE(blocks.blocks.front().stage, -1);
        QCOMPARE(blocks.blocks.front().indexInStage, -1);
        QCOMPARE(blocks.blocks.front().nodeCount, 4);
        std::vector<std::pair<int, int>> places;
        for (const BlockPlace &b : blocks.blocks)
            if (b.kind == BlockKind::Residual)
                places.emplace_back(b.stage, b.indexInStage);
        QCOMPARE(places,
                 (std::vector<std::pair<int, int>>{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}, {3, 0}, {3, 1}}));
        int placed = 0;
        for (const BlockPlace &b : blocks.blocks)
            placed += b.nodeCount;
        QCOMPARE(placed, int(std::count_if(blocks.blockOfNode.begin(), blocks.blockOfNode.end(),
                                           [](int b) { return b >= 0; })));
    }

    void nothingCollapsedDrawsEveryNode()
    {
        const graph::Network net = graph::buildResNet18();
        const ViewGraph view = buildViewGraph(net, {});
        QCOMPARE(view.items.size(), net.inputs.size() + net.nodes.size());
        QCOMPARE(view.items.front().input, 0);
        for (size_t i = 0; i < net.nodes.size(); ++i)
            QCOMPARE(view.items[size_t(view.itemOfNode[i])].node, int(i));
        // No ResNet-18 node reads one tensor twice: one edge per read.
        size_t reads = 0;
        for (const graph::Node &n : net.nodes)
            reads += n.inputs.size();
        QCOMPARE(view.edges.size(), reads);
    }

    void collapsedBlocksBecomeOneItemEach()
    {
        const graph::Network net = graph::buildResNet18();
        const NetworkBlocks blocks = placeBlocks(net);
        const ViewGraph view = buildViewGraph(net, blocks.blockOfNode);
        // Every block of ResNet-18 has at least two nodes, so the view is the input and
        // one item per block, in a chain: input, stem, 8 residual blocks, head.
        QCOMPARE(view.items.size(), net.inputs.size() + blocks.blocks.size());
        for (size_t b = 0; b < blocks.blocks.size(); ++b) {
            const ViewGraph::Item &item = view.items[net.inputs.size() + b];
            QCOMPARE(item.block, int(b));
            QCOMPARE(item.blockSize, blocks.blocks[b].nodeCount);
        }
        for (size_t i = 0; i < net.nodes.size(); ++i)
            QCOMPARE(view.items[size_t(view.itemOfNode[i])].block, blocks.blockOfNode[i]);
        std::vector<std::pair<int, int>> chain;
        for (int i = 0; i + 1 < int(view.items.size()); ++i)
            chain.emplace_back(i, i + 1);
        QCOMPARE(view.edges, chain);
    }

    void partlyCollapsedKeepsEdgesUniqueAndForward()
    {
        const graph::Network net = graph::buildMobileNetV2();
        const NetworkBlocks blocks = placeBlocks(net);
        std::vector<int> collapsed = blocks.blockOfNode;
        for (int &b : collapsed)
            if (b % 2 == 1) // odd blocks expanded again
                b = -1;
        const ViewGraph view = buildViewGraph(net, collapsed);
        std::set<std::pair<int, int>> distinct(view.edges.begin(), view.edges.end());
        QCOMPARE(distinct.size(), view.edges.size());
        for (const auto &[from, to] : view.edges)
            QVERIFY(from < to); // items follow the network's order
        for (size_t i = 0; i < net.nodes.size(); ++i) {
            const ViewGraph::Item &item = view.items[size_t(view.itemOfNode[i])];
            if (collapsed[i] >= 0 && blocks.blocks[size_t(collapsed[i])].nodeCount >= 2)
                QCOMPARE(item.block, collapsed[i]);
            else
                QCOMPARE(item.node, int(i));
        }
    }

    void aTensorNothingProducesIsNamed()
    {
        graph::Network net;
        net.inputs.push_back({"x", {1, 3, 8, 8}});
        net.nodes.push_back({"relu_1", graph::OpType::ReLU, {"y"}, {"z"}});
        try {
            buildViewGraph(net, {});
            QFAIL("no error");
        } catch (const std::invalid_argument &e) {
            QCOMPARE(QString(e.what()), QString("node 'relu_1' reads 'y', which no input or node produces"));
        }
    }
};

QTEST_GUILESS_MAIN(TestBlockView)
#include "tst_blockview.moc"
