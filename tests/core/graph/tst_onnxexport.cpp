// SPDX-License-Identifier: GPL-3.0-or-later
// ONNX export: the files pass libonnx's checker and read back as the same network.
#include "graph/OpTraits.h"
#include "graph/Cost.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "graph/OnnxFormat.h"
#include "graph/YamlFormat.h"

#include <QTest>

#include "TestData.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

using namespace calibra::graph;

namespace {

void checkModel(const std::string &bytes, const std::string &name)
{
    onnx::ModelProto model;
    QVERIFY2(model.ParseFromString(bytes), name.c_str());
    try {
        onnx::checker::check_model(model);
    } catch (const std::exception &e) {
        QFAIL((name + ": " + e.what()).c_str());
    }
}

} // namespace

class TestOnnxExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { CALIBRA_REQUIRE_TEST_DATA(); }

    // Networks whose ops all have a one-to-one ONNX form come back identical.
    void roundTripsOneToOne_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"mobilenet_v2", "mobilenet_v2_cifar", "resnet18", "espcn_x3"})
            QTest::newRow(n) << n;
    }
    void roundTripsOneToOne()
    {
        QFETCH(QString, name);
        const Network net = loadNetwork("builtin:" + name.toStdString());
        const std::string bytes = networkToOnnx(net);
        checkModel(bytes, name.toStdString());
        const Network back = parseOnnx(bytes, name.toStdString());
        std::string diff;
        QVERIFY2(sameNetwork(net, back, &diff), diff.c_str());
    }

    // Attention and GELU are decomposed, into standard ops only: the totals must survive,
    // and GELU reads back as one op.
    void vitKeepsItsTotals()
    {
        const Network net = loadNetwork("builtin:vit_small");
        const std::string bytes = networkToOnnx(net);
        onnx::ModelProto model;
        QVERIFY(model.ParseFromString(bytes));
        QCOMPARE(model.opset_import_size(), 1);
        QCOMPARE(model.opset_import(0).domain(), std::string());
        for (const onnx::NodeProto &n : model.graph().node())
            QVERIFY2(n.domain().empty(), n.op_type().c_str());
        const Network back = parseOnnx(bytes, "vit.onnx");
        const auto gelus = [](const Network &n) {
            return std::count_if(n.nodes.begin(), n.nodes.end(), [](const Node &x) { return x.op == OpType::GELU; });
        };
        QVERIFY(gelus(net) > 0);
        QCOMPARE(gelus(back), gelus(net));
        const Cost a = networkCost(net).total, b = networkCost(back).total;
        QCOMPARE(b.params, a.params);
        QCOMPARE(b.macs, a.macs);
        QCOMPARE(back.nodes.back().outputShapes, net.nodes.back().outputShapes);
    }

    // The remaining decompositions: SiLU, ChannelShuffle, ReLU6, Clip, Linear on 3-D,
    // Split, Resize, Pad, SpaceToDepth, ConvTranspose, HardSigmoid.
    void decompositionsKeepShapes()
    {
        NetworkBuilder b("mix");
        auto x = b.input("x", {1, 8, 16, 16});
        x = b.activation(OpType::SiLU, x, "silu");
        x = b.op(OpType::ChannelShuffle, "shuffle", {x}, {{"groups", int64_t(2)}});
        x = b.activation(OpType::ReLU6, x, "relu6");
        x = b.op(OpType::Clip, "clip", {x}, {{"min", -1.0}, {"max", 2.0}});
        x = b.op(OpType::HardSigmoid, "hsig", {x});
        x = b.op(OpType::SpaceToDepth, "s2d", {x}, {{"block_size", int64_t(2)}});
        x = b.op(OpType::Resize, "up", {x}, {{"scales", std::vector<double>{2.0, 2.0}}});
        x = b.op(OpType::Pad, "pad", {x}, {{"pads", std::vector<int64_t>{0, 0, 1, 1, 0, 0, 1, 1}}});
        x = b.op(OpType::ConvTranspose2d, "deconv", {x},
                 {{"out_channels", int64_t(4)}, {"kernel", int64_t(2)}, {"stride", int64_t(2)}});
        Node split;
        x = b.op(OpType::Reshape, "tokens", {x}, {{"shape", std::vector<int64_t>{1, 4, -1}}});
        x = b.linear(x, "proj", 6);
        x = b.op(OpType::Softmax, "softmax", {x});
        const Network net = b.build({x});
        const std::string bytes = networkToOnnx(net);
        checkModel(bytes, "mix");
        const Network back = parseOnnx(bytes, "mix.onnx");
        QCOMPARE(back.nodes.back().outputShapes, net.nodes.back().outputShapes);
        QCOMPARE(networkCost(back).total.params, networkCost(net).total.params);
        QCOMPARE(networkCost(back).total.macs, networkCost(net).total.macs);

        // Read from a file with a symbolic batch, the same network is written with one: its
        // reshapes copy the batch (0) and it reads back at any batch.
        Network dynamic = net;
        dynamic.batchSymbol = "N";
        const std::string dynamicBytes = networkToOnnx(dynamic);
        checkModel(dynamicBytes, "mix, symbolic batch");
        onnx::ModelProto model;
        QVERIFY(model.ParseFromString(dynamicBytes));
        QCOMPARE(model.graph().input(0).type().tensor_type().shape().dim(0).dim_param(), std::string("N"));
        QCOMPARE(model.graph().output(0).type().tensor_type().shape().dim(0).dim_param(), std::string("N"));
        OnnxImportOptions three;
        three.inputShapes["x"] = {3, 8, 16, 16};
        const Network batch3 = parseOnnx(dynamicBytes, "mix.onnx", three);
        QCOMPARE(batch3.batchSymbol, std::string("N"));
        Shape expected = net.nodes.back().outputShapes[0];
        expected[0] = 3;
        QCOMPARE(batch3.nodes.back().outputShapes[0], expected);
        QCOMPARE(networkCost(batch3).total.macs, 3 * networkCost(net).total.macs);
    }

    // A network that folds its batch into another axis (a reshape from [1, 8, 4, 4] to
    // [8, 16]), or may have moved it (a unit axis inserted beside it: ONNX's Unsqueeze(0)
    // read at batch 1), cannot be trusted with another batch: it is written with the batch
    // it was read at.
    void foldedBatchStaysFixed()
    {
        for (const std::vector<int64_t> &target : {std::vector<int64_t>{8, 16}, std::vector<int64_t>{1, 1, 128}}) {
            NetworkBuilder b("folded");
            auto x = b.op(OpType::Reshape, "fold", {b.input("x", {1, 8, 4, 4})}, {{"shape", target}});
            Network net = b.build({b.linear(x, "fc", 4)});
            net.batchSymbol = "N";
            onnx::ModelProto model;
            QVERIFY(model.ParseFromString(networkToOnnx(net)));
            QCOMPARE(model.graph().input(0).type().tensor_type().shape().dim(0).dim_value(), int64_t(1));
            QVERIFY(model.graph().input(0).type().tensor_type().shape().dim(0).dim_param().empty());
        }
    }

    // LeakyReLU keeps its slope through ONNX's LeakyRelu, which a model checker accepts.
    void leakyReluRoundTrips()
    {
        NetworkBuilder b("leaky");
        auto x = b.conv(b.input("x", {1, 3, 8, 8}), "conv", 4, 3, 1);
        x = b.op(OpType::LeakyReLU, "leaky", {x}, {{"alpha", 0.2}});
        const Network net = b.build({x});
        const std::string bytes = networkToOnnx(net);
        checkModel(bytes, "leaky");
        const Network back = parseOnnx(bytes, "leaky.onnx");
        QCOMPARE(back.nodes.back().op, OpType::LeakyReLU);
        QCOMPARE(back.nodes.back().attrs.getFloat("alpha"), 0.2);
        QVERIFY(isElementwiseUnary(OpType::LeakyReLU)); // a conv's output stage absorbs it
    }

    // PReLU's learned slopes go out as PRelu with a C x 1 x 1 slope (a model checker accepts
    // it) and come back per channel; a shared slope stays one.
    void preluRoundTrips()
    {
        for (const bool shared : {false, true}) {
            NetworkBuilder b("prelu");
            auto x = b.conv(b.input("x", {1, 3, 8, 8}), "conv", 4, 3, 1);
            x = b.op(OpType::PReLU, "prelu", {x}, {{"shared", shared}});
            Network net = b.build({x});
            const std::vector<float> slopes =
                shared ? std::vector<float>{0.3f} : std::vector<float>{0.1f, 0.2f, 0.3f, 0.4f};
            net.nodes.back().weights["weight"] = WeightTensor{{int64_t(slopes.size())}, slopes};
            const std::string bytes = networkToOnnx(net);
            checkModel(bytes, "prelu");
            const Network back = parseOnnx(bytes, "prelu.onnx");
            QCOMPARE(back.nodes.back().op, OpType::PReLU);
            QCOMPARE(back.nodes.back().attrs.getBool("shared"), shared);
            QCOMPARE(back.nodes.back().weights.at("weight").data, slopes);
            QCOMPARE(networkCost(back).total.params, networkCost(net).total.params); // the slopes count
        }
    }

    // Export writes SiLU as x * Sigmoid(x) (ONNX has no SiLU); import recombines it, so a
    // network comes back with its node count, costs and supernet choice points.
    void gatedActivationsRoundTrip()
    {
        const Network net = parseNetworkYaml(R"(format: calibra-network
version: 1
name: s
inputs:
  - {name: input, shape: [1, 3, 32, 32]}
outputs: [fc]
nodes:
  - {name: conv, op: Conv2d, inputs: [input], out_channels: 16, kernel: 3, pads: 1}
  - {name: block/act, op: SiLU, inputs: [conv]}
  - {name: conv2, op: Conv2d, inputs: [block/act], out_channels: 16, kernel: 3, pads: 1}
  - {name: hswish, op: HardSwish, inputs: [conv2]}
  - {name: pool, op: GlobalAveragePool, inputs: [hswish]}
  - {name: flat, op: Flatten, inputs: [pool]}
  - {name: fc, op: Linear, inputs: [flat], out_features: 10}
)",
                                             "s.yaml");
        const std::string bytes = networkToOnnx(net);
        checkModel(bytes, "s");
        const Network back = parseOnnx(bytes, "s.onnx");
        std::string diff;
        QVERIFY2(sameNetwork(net, back, &diff), diff.c_str());
    }

    // A real model with its weights: every stored value survives the round trip.
    void keepsWeights()
    {
        const Network net = loadNetwork(CALIBRA_TEST_DATA "/onnx/squeezenet1_1.onnx.gz");
        const std::string bytes = networkToOnnx(net);
        checkModel(bytes, "squeezenet");
        const Network back = parseOnnx(bytes, "squeezenet.onnx");
        std::string diff;
        QVERIFY2(sameNetwork(net, back, &diff), diff.c_str());
        QCOMPARE(networkCost(back).storedWeightValues, qint64(1235496));
    }
};

QTEST_GUILESS_MAIN(TestOnnxExport)
#include "tst_onnxexport.moc"
