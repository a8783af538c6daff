// SPDX-License-Identifier: GPL-3.0-or-later
// Every operator: registered once, and its shape inference on a typical input.
#include "graph/GraphError.h"
#include "graph/NetworkBuilder.h"
#include "graph/OpSchema.h"

#include <QTest>

using namespace calibra::graph;

Q_DECLARE_METATYPE(Shape)

namespace {

using Attrs = std::vector<std::pair<const char *, AttrValue>>;

// Analyzes a single-node network over inputs of the given shapes.
Node analyzeOne(OpType op, const std::vector<Shape> &inputs, const Attrs &attrs, size_t outputs = 1)
{
    Network net;
    Node n;
    n.name = "n";
    n.op = op;
    for (size_t i = 0; i < inputs.size(); ++i) {
        net.inputs.push_back({"in" + std::to_string(i), inputs[i]});
        n.inputs.push_back("in" + std::to_string(i));
    }
    for (size_t i = 0; i < outputs; ++i)
        n.outputs.push_back("out" + std::to_string(i));
    for (const auto &[k, v] : attrs)
        n.attrs.set(k, v);
    net.nodes = {n};
    net.outputs = {"out0"};
    analyzeNetwork(net);
    return net.nodes[0];
}

using I = std::vector<int64_t>;

} // namespace

class TestOpSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyOpHasOneSchemaAndAName()
    {
        for (int i = 0; i < kOpTypeCount; ++i) {
            const OpType t = static_cast<OpType>(i);
            QCOMPARE(schemaFor(t).type, t);
            QVERIFY(schemaFor(t).inferShapes);
            QCOMPARE(opTypeFromName(opTypeName(t)), std::optional<OpType>(t));
        }
        QCOMPARE(opTypeFromName("PixelShuffle"), std::optional<OpType>(OpType::DepthToSpace));
        QVERIFY(!opTypeFromName("Conv3d"));
    }

    void shapes_data()
    {
        QTest::addColumn<int>("op");
        QTest::addColumn<QVariant>("attrs"); // index into a table below
        QTest::addColumn<Shape>("expected");
        const Shape x{1, 16, 32, 32};
        auto row = [](const char *name, OpType op, int attrs, Shape expected) {
            QTest::newRow(name) << int(op) << QVariant(attrs) << expected;
        };
        row("conv s2 dilated", OpType::Conv2d, 0, {1, 32, 15, 15});
        row("depthwise", OpType::Conv2d, 1, {1, 16, 32, 32});
        row("transposed", OpType::ConvTranspose2d, 2, {1, 8, 64, 64});
        row("depth-to-space", OpType::DepthToSpace, 3, {1, 4, 64, 64});
        row("space-to-depth", OpType::SpaceToDepth, 3, {1, 64, 16, 16});
        row("maxpool ceil", OpType::MaxPool, 4, {1, 16, 16, 16});
        row("avgpool", OpType::AveragePool, 5, {1, 16, 16, 16});
        row("global pool", OpType::GlobalAveragePool, -1, {1, 16, 1, 1});
        row("flatten", OpType::Flatten, -1, {1, 16 * 32 * 32});
        row("transpose", OpType::Transpose, 6, {1, 32, 32, 16});
        row("reshape", OpType::Reshape, 7, {1, 16, 1024});
        row("resize x2", OpType::Resize, 8, {1, 16, 64, 64});
        row("pad", OpType::Pad, 9, {1, 16, 34, 36});
        row("reduce mean", OpType::ReduceMean, 10, {1, 16});
        row("channel shuffle", OpType::ChannelShuffle, 11, {1, 16, 32, 32});
        row("hardswish", OpType::HardSwish, -1, x);
        row("batchnorm", OpType::BatchNorm, -1, x);
        row("softmax", OpType::Softmax, -1, x);
        row("linear", OpType::Linear, 12, {1, 16, 32, 10});
        row("layernorm", OpType::LayerNorm, -1, x);
    }
    void shapes()
    {
        QFETCH(int, op);
        QFETCH(QVariant, attrs);
        QFETCH(Shape, expected);
        const std::vector<Attrs> table = {
            {{"out_channels", int64_t(32)},
             {"kernel", int64_t(3)},
             {"stride", int64_t(2)},
             {"dilation", int64_t(2)},
             {"pads", int64_t(1)}},
            {{"out_channels", int64_t(16)}, {"kernel", int64_t(3)}, {"groups", int64_t(16)}, {"pads", int64_t(1)}},
            {{"out_channels", int64_t(8)}, {"kernel", int64_t(4)}, {"stride", int64_t(2)}, {"pads", int64_t(1)}},
            {{"block_size", int64_t(2)}},
            {{"kernel", int64_t(3)}, {"stride", int64_t(2)}, {"ceil_mode", true}},
            {{"kernel", int64_t(2)}, {"stride", int64_t(2)}},
            {{"perm", I{0, 2, 3, 1}}},
            {{"shape", I{0, 16, -1}}},
            {{"scales", std::vector<double>{2.0, 2.0}}},
            {{"pads", I{0, 0, 1, 2, 0, 0, 1, 2}}},
            {{"axes", I{2, 3}}, {"keepdims", false}},
            {{"groups", int64_t(4)}},
            {{"out_features", int64_t(10)}},
        };
        const int index = attrs.toInt();
        const Node n =
            analyzeOne(static_cast<OpType>(op), {{1, 16, 32, 32}}, index < 0 ? Attrs{} : table[size_t(index)]);
        QCOMPARE(n.outputShapes.at(0), expected);
    }

    void multiInputAndMultiOutputOps()
    {
        QCOMPARE(analyzeOne(OpType::Add, {{1, 8, 4, 4}, {1, 8, 1, 1}}, {}).outputShapes[0], (Shape{1, 8, 4, 4}));
        QCOMPARE(analyzeOne(OpType::Concat, {{1, 8, 4, 4}, {1, 3, 4, 4}}, {}).outputShapes[0], (Shape{1, 11, 4, 4}));
        QCOMPARE(analyzeOne(OpType::MatMul, {{2, 3, 4, 5}, {5, 6}}, {}).outputShapes[0], (Shape{2, 3, 4, 6}));
        const Node split = analyzeOne(OpType::Split, {{1, 12, 4, 4}}, {{"split", I{4, 8}}}, 2);
        QCOMPARE(split.outputShapes[1], (Shape{1, 8, 4, 4}));
        const Node attn = analyzeOne(OpType::Attention, {{1, 65, 192}}, {{"num_heads", int64_t(3)}});
        QCOMPARE(attn.outputShapes[0], (Shape{1, 65, 192}));
        bool threw = false;
        try {
            analyzeOne(OpType::Concat, {{1, 8, 4, 4}, {1, 3, 5, 4}}, {});
        } catch (const GraphError &e) {
            threw = QString::fromUtf8(e.what()).contains("[1, 3, 5, 4]");
        }
        QVERIFY(threw);
    }

    void listAttributesBroadcast()
    {
        const Node n = analyzeOne(OpType::Conv2d, {{1, 3, 8, 8}},
                                  {{"out_channels", int64_t(4)}, {"kernel", int64_t(3)}, {"pads", I{1, 0}}});
        QCOMPARE(n.attrs.getInts("kernel"), (I{3, 3}));
        QCOMPARE(n.attrs.getInts("pads"), (I{1, 0, 1, 0}));
        QCOMPARE(n.outputShapes[0], (Shape{1, 4, 8, 6}));
    }
};

QTEST_GUILESS_MAIN(TestOpSchema)
#include "tst_opschema.moc"
