// SPDX-License-Identifier: GPL-3.0-or-later
// Structural analysis of the IR: ordering, shape inference, and the errors users see
// for broken networks (each must name the node or tensor at fault).
#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "graph/NetworkBuilder.h"

#include <QTest>

#include "ErrorOf.h"

using namespace calibra::graph;

namespace {

Node node(const std::string &name, OpType op, std::vector<std::string> inputs)
{
    Node n;
    n.name = name;
    n.op = op;
    n.inputs = std::move(inputs);
    n.outputs = {name};
    return n;
}

Network twoReluChain()
{
    Network net;
    net.inputs = {{"x", {1, 8, 4, 4}}};
    net.nodes = {node("b", OpType::ReLU, {"a"}), node("a", OpType::ReLU, {"x"})};
    net.outputs = {"b"};
    return net;
}

} // namespace

class TestGraph : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ordersNodesTopologically()
    {
        Network net = twoReluChain();
        analyzeNetwork(net);
        QCOMPARE(net.nodes[0].name, std::string("a"));
        QCOMPARE(net.nodes[1].name, std::string("b"));
        QCOMPARE(net.nodes[1].outputShapes[0], (Shape{1, 8, 4, 4}));
        QCOMPARE(net.producerOf("b"), 1);
        QCOMPARE(net.consumersOf("a"), std::vector<int>{1});
    }

    void reportsCycleWithItsNodes()
    {
        Network net = twoReluChain();
        net.nodes[1].inputs = {"b"}; // a <- b <- a
        const QString msg = calibra::test::errorOf<GraphError>([&] { analyzeNetwork(net); });
        QVERIFY2(msg.contains("cycle") && msg.contains("'a'") && msg.contains("'b'"), qPrintable(msg));
    }

    void reportsDanglingInput()
    {
        Network net = twoReluChain();
        net.nodes[0].inputs = {"nowhere"};
        const QString msg = calibra::test::errorOf<GraphError>([&] { analyzeNetwork(net); });
        QVERIFY2(msg.contains("node 'b' (ReLU)") && msg.contains("'nowhere'"), qPrintable(msg));
    }

    void reportsDuplicateNamesAndOutputs()
    {
        Network net = twoReluChain();
        net.nodes[0].name = "a";
        QVERIFY(calibra::test::errorOf<GraphError>([&] { analyzeNetwork(net); }).contains("same name"));
        net = twoReluChain();
        net.outputs = {"missing"};
        QVERIFY(calibra::test::errorOf<GraphError>([&] { analyzeNetwork(net); }).contains("network output 'missing'"));
    }

    void wrongShapeNamesNodeAndShapes()
    {
        NetworkBuilder b("bad");
        const auto x = b.input("x", {1, 6, 8, 8});
        b.conv(x, "grouped", 8, 3, 1, 4); // 6 channels, 4 groups
        const QString msg = calibra::test::errorOf<GraphError>([&] { b.build({"grouped"}); });
        QVERIFY2(msg.contains("node 'grouped' (Conv2d)") && msg.contains("6") && msg.contains("groups 4"),
                 qPrintable(msg));

        NetworkBuilder m("matmul");
        const auto a = m.input("a", {1, 4, 5});
        const auto c = m.input("c", {1, 6, 7});
        m.op(OpType::MatMul, "mm", {a, c});
        const QString mm = calibra::test::errorOf<GraphError>([&] { m.build({"mm"}); });
        QVERIFY2(mm.contains("[1, 4, 5]") && mm.contains("[1, 6, 7]"), qPrintable(mm));
    }

    void absurdSizesAreRefused()
    {
        NetworkBuilder b("huge");
        const auto x = b.input("x", {1, 3, 224, 224});
        b.conv(x, "wide", 1'000'000'000, 3);
        const QString msg = calibra::test::errorOf<GraphError>([&] { b.build({"wide"}); });
        QVERIFY2(msg.contains("node 'wide'") && msg.contains("out_channels"), qPrintable(msg));

        Network net;
        net.inputs = {{"x", {1, 3, 100000000, 100000000}}};
        net.nodes = {node("r", OpType::ReLU, {"x"})};
        net.outputs = {"r"};
        QVERIFY(calibra::test::errorOf<GraphError>([&] { analyzeNetwork(net); }).contains("invalid extent"));

        NetworkBuilder r("reshape");
        const auto y = r.input("y", {1, 16, 4, 4});
        r.op(OpType::Reshape, "flat", {y}, {{"shape", std::vector<int64_t>{1, -1, 3}}});
        QVERIFY(calibra::test::errorOf<GraphError>([&] { r.build({"flat"}); }).contains("cannot infer -1"));
    }

    void attributeErrorsNameTheAttribute()
    {
        NetworkBuilder b("attrs");
        const auto x = b.input("x", {1, 3, 8, 8});
        b.op(OpType::Conv2d, "c", {x}, {{"out_channels", int64_t(4)}, {"kernal", int64_t(3)}});
        QVERIFY(calibra::test::errorOf<GraphError>([&] { b.build({"c"}); }).contains("unknown attribute 'kernal'"));

        NetworkBuilder m("missing");
        const auto y = m.input("y", {1, 3, 8, 8});
        m.op(OpType::Conv2d, "c", {y}, {{"out_channels", int64_t(4)}});
        QVERIFY(calibra::test::errorOf<GraphError>([&] { m.build({"c"}); }).contains("required attribute 'kernel'"));
    }

    void weightsMustMatchTheirShape()
    {
        NetworkBuilder b("w");
        const auto x = b.input("x", {1, 3, 8, 8});
        b.conv(x, "c", 4, 3);
        Network net = b.build({"c"});
        net.nodes[0].weights["weight"] = {{4, 3, 3, 3}, std::vector<float>(108, 0.5f)};
        analyzeNetwork(net);
        QCOMPARE(networkCost(net).storedWeightValues, int64_t(108));
        net.nodes[0].weights["weight"] = {{4, 3, 5, 5}, {}};
        QVERIFY(calibra::test::errorOf<GraphError>([&] { analyzeNetwork(net); }).contains("expected [4, 3, 3, 3]"));
        net.nodes[0].weights["weight"] = {{4, 3, 3, 3}, std::vector<float>(7)};
        QVERIFY(calibra::test::errorOf<GraphError>([&] { analyzeNetwork(net); }).contains("holds 7 values"));
        net.nodes[0].weights.clear();
        net.nodes[0].weights["gamma"] = {{4}, {}};
        QVERIFY(calibra::test::errorOf<GraphError>([&] { analyzeNetwork(net); }).contains("'gamma'"));
    }

    void costsOfAConvBlock()
    {
        NetworkBuilder b("cost");
        auto x = b.input("x", {1, 16, 32, 32});
        x = b.conv(x, "c", 32, 3, 2, 1, true);
        x = b.batchNorm(x, "bn");
        const Network net = b.build({x});
        const NetworkCost cost = networkCost(net);
        QCOMPARE(cost.perNode[0].params, int64_t(32 * 16 * 9 + 32));
        QCOMPARE(cost.perNode[0].macs, int64_t(32) * 16 * 16 * 16 * 9);
        QCOMPARE(cost.perNode[0].inputBytes, int64_t(16 * 32 * 32 * 4));
        QCOMPARE(cost.perNode[0].outputBytes, int64_t(32 * 16 * 16 * 4));
        QCOMPARE(cost.perNode[1].params, int64_t(64));
        QCOMPARE(cost.perNode[1].buffers, int64_t(64));
        QCOMPARE(cost.total.weightBytes, int64_t((32 * 16 * 9 + 32 + 128) * 4));
    }
};

QTEST_GUILESS_MAIN(TestGraph)
#include "tst_graph.moc"
