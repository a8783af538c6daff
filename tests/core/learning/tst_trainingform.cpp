// SPDX-License-Identifier: GPL-3.0-or-later
// The training form: a BatchNorm after each convolution with a bias whose output is not a
// network's, taking over the convolution's output name, and the map back to the network
// as written.
#include "graph/NetworkBuilder.h"
#include "learning/TrainingForm.h"

#include <QTest>

#include <algorithm>

using namespace calibra;
using namespace calibra::learning;
using graph::OpType;
using supernet::TrainingNormalization;

namespace {

// conv (bias) -> relu -> conv (no bias) -> relu, and a residual add of a third conv
// (bias), then a last conv (bias) that is the output.
graph::Network folded()
{
    graph::NetworkBuilder b("folded");
    const std::string x = b.input("image", {1, 3, 16, 16});
    const std::string a = b.activation(OpType::ReLU, b.conv(x, "c0", 8, 3, 1, 1, true), "r0");
    const std::string c = b.activation(OpType::ReLU, b.conv(a, "c1", 8, 3, 1, 1, false), "r1");
    const std::string s = b.add(c, b.conv(a, "c2", 8, 1, 1, 1, true), "sum");
    return b.build({b.conv(s, "out", 4, 1, 1, 1, true)});
}

} // namespace

class TestTrainingForm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void asWrittenIsTheNetwork()
    {
        const graph::Network net = folded();
        const TrainingForm form = trainingFormOf(net, TrainingNormalization::AsWritten);
        QVERIFY(graph::sameNetwork(form.network, net));
        QVERIFY(form.added.empty());
        QCOMPARE(form.trainingIndex, (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6}));
    }

    void batchNormsAfterBiasedConvolutions()
    {
        const graph::Network net = folded();
        const TrainingForm form = trainingFormOf(net, TrainingNormalization::AfterConvolutions);
        QCOMPARE(form.network.nodes.size(), net.nodes.size() + 2);
        std::vector<std::string> added;
        for (const AddedBatchNorm &a : form.added) {
            const graph::Node &bn = form.network.nodes[a.batchNorm];
            const graph::Node &conv = form.network.nodes[a.convolution];
            QCOMPARE(bn.op, OpType::BatchNorm);
            QCOMPARE(bn.attrs.getFloat("eps"), 1e-3);
            QCOMPARE(bn.name, conv.name + "#bn");
            QCOMPARE(bn.inputs, conv.outputs);
            QCOMPARE(bn.outputShapes, conv.outputShapes);
            // Its consumers read the name the convolution's output had.
            QCOMPARE(bn.outputs, net.findNode(conv.name)->outputs);
            added.push_back(conv.name);
        }
        std::sort(added.begin(), added.end());
        // c1 has no bias (folding into it would add one); "out" is the network's output.
        QCOMPARE(added, (std::vector<std::string>{"c0", "c2"}));
        for (size_t i = 0; i < net.nodes.size(); ++i)
            QCOMPARE(form.network.nodes[form.trainingIndex[i]].name, net.nodes[i].name);
        QCOMPARE(form.network.outputs, net.outputs);
    }

    // A convolutional classifier's last convolution gives its scores through pooling
    // and a flatten: not normalised.
    void notAClassifiersScores()
    {
        graph::NetworkBuilder b("head");
        std::string x = b.input("image", {1, 3, 16, 16});
        x = b.activation(OpType::ReLU, b.conv(x, "c0", 8, 3, 1, 1, true), "r0");
        x = b.conv(x, "classes", 10, 1, 1, 1, true);
        x = b.op(OpType::Flatten, "flat", {b.op(OpType::GlobalAveragePool, "gap", {x})});
        const graph::Network net = b.build({x});
        const TrainingForm form = trainingFormOf(net, TrainingNormalization::AfterConvolutions);
        QCOMPARE(form.added.size(), size_t(1));
        QCOMPARE(form.network.nodes[form.added[0].convolution].name, std::string("c0"));
        QCOMPARE(convolutionsGettingBatchNorm(net), size_t(1));
    }

    // A squeeze-and-excitation gate's convolutions act on a 1x1 map: not normalised.
    void notASqueezeAndExcitationGate()
    {
        graph::NetworkBuilder b("se");
        const std::string x =
            b.activation(OpType::ReLU, b.conv(b.input("image", {1, 3, 16, 16}), "c0", 8, 3, 1, 1, true), "r0");
        std::string g = b.op(OpType::GlobalAveragePool, "squeeze", {x});
        g = b.activation(OpType::ReLU, b.conv(g, "fc1", 2, 1, 1, 1, true), "r1");
        g = b.activation(OpType::Sigmoid, b.conv(g, "fc2", 8, 1, 1, 1, true), "gate");
        const graph::Network net = b.build({b.op(OpType::Mul, "excite", {x, g})});
        const TrainingForm form = trainingFormOf(net, TrainingNormalization::AfterConvolutions);
        QCOMPARE(form.added.size(), size_t(1));
        QCOMPARE(form.network.nodes[form.added[0].convolution].name, std::string("c0"));
    }

    // The network's own names stay; an added node or tensor whose name is taken is numbered.
    void namesAlreadyTakenAreNotReused()
    {
        graph::NetworkBuilder b("taken");
        std::string x = b.input("image", {1, 3, 16, 16});
        x = b.conv(x, "c0", 8, 3, 1, 1, true);
        x = b.activation(OpType::ReLU, x, "c0#bn");
        x = b.activation(OpType::ReLU, b.conv(x, "c1", 8, 3, 1, 1, true), "c0#conv");
        const graph::Network net = b.build({b.op(OpType::GlobalAveragePool, "gap", {x})});
        const TrainingForm form = trainingFormOf(net, TrainingNormalization::AfterConvolutions);
        QCOMPARE(form.added.size(), size_t(2));
        QCOMPARE(form.network.nodes[form.added[0].batchNorm].name, std::string("c0#bn2"));
        QCOMPARE(form.network.nodes[form.added[0].convolution].outputs[0], std::string("c0#conv2"));
        for (size_t i = 0; i < net.nodes.size(); ++i)
            QCOMPARE(form.network.nodes[form.trainingIndex[i]].name, net.nodes[i].name);
    }

    void countsWhatIsUnnormalized()
    {
        QCOMPARE(unnormalizedWeightLayers(folded()), 4LL);
        QCOMPARE(convolutionsGettingBatchNorm(folded()), size_t(2));
        graph::NetworkBuilder b("normalized");
        const std::string x = b.input("image", {1, 3, 16, 16});
        const graph::Network net = b.build({b.batchNorm(b.conv(x, "c", 8, 3), "bn")});
        QCOMPARE(unnormalizedWeightLayers(net), 0LL);
    }

    // The exporter folds only a BatchNorm right after a convolution: one after a linear
    // layer (a BatchNorm1d head) or after a residual sum stays, and the convolutions are
    // still unnormalised.
    void aBatchNormNotAfterAConvolutionDoesNotCount()
    {
        graph::NetworkBuilder b("head");
        const std::string x = b.input("image", {1, 3, 16, 16});
        const std::string c = b.activation(OpType::ReLU, b.conv(x, "c0", 8, 3, 1, 1, true), "r0");
        const std::string s = b.batchNorm(b.add(c, b.conv(c, "c1", 8, 3, 1, 1, true), "sum"), "bn_sum");
        const std::string p = b.op(OpType::Flatten, "flat", {b.op(OpType::GlobalAveragePool, "gap", {s})});
        const graph::Network net = b.build({b.linear(b.batchNorm(b.linear(p, "fc0", 16), "bn_fc"), "fc1", 4)});
        QCOMPARE(unnormalizedWeightLayers(net), 4LL);
        QCOMPARE(convolutionsGettingBatchNorm(net), size_t(2));
        const TrainingForm form = trainingFormOf(net, TrainingNormalization::AfterConvolutions);
        QCOMPARE(form.added.size(), size_t(2));
        for (const char *kept : {"bn_sum", "bn_fc"})
            QVERIFY(std::any_of(form.network.nodes.begin(), form.network.nodes.end(),
                                [&](const graph::Node &n) { return n.name == kept; }));
    }

    // A BatchNorm after a convolution, directly or after its activation, means the
    // network is normalised as written, whatever else it has.
    void aBatchNormAfterAConvolutionCounts_data()
    {
        QTest::addColumn<bool>("afterActivation");
        QTest::addColumn<bool>("withHeadBatchNorm");
        QTest::newRow("conv-bn") << false << false;
        QTest::newRow("conv-relu-bn") << true << false;
        QTest::newRow("conv-bn and a BatchNorm1d head") << false << true;
    }
    void aBatchNormAfterAConvolutionCounts()
    {
        QFETCH(bool, afterActivation);
        QFETCH(bool, withHeadBatchNorm);
        graph::NetworkBuilder b("normalized");
        const std::string x = b.input("image", {1, 3, 16, 16});
        std::string c = b.conv(x, "c0", 8, 3, 1, 1, true);
        c = afterActivation ? b.batchNorm(b.activation(OpType::ReLU, c, "r0"), "bn0")
                            : b.activation(OpType::ReLU, b.batchNorm(c, "bn0"), "r0");
        c = b.activation(OpType::ReLU, b.conv(c, "c1", 8, 3, 1, 1, true), "r1");
        const std::string p = b.op(OpType::Flatten, "flat", {b.op(OpType::GlobalAveragePool, "gap", {c})});
        std::string h = b.linear(p, "fc0", 16);
        if (withHeadBatchNorm)
            h = b.batchNorm(h, "bn_fc");
        const graph::Network net = b.build({b.linear(h, "fc1", 4)});
        QCOMPARE(unnormalizedWeightLayers(net), 0LL);
    }

    // A BatchNorm of the input images normalises no convolution.
    void aBatchNormOfTheInputDoesNotCount()
    {
        graph::NetworkBuilder b("input-norm");
        const std::string x = b.batchNorm(b.input("image", {1, 3, 16, 16}), "bn_in");
        std::string c = x;
        for (const char *name : {"c0", "c1", "c2", "c3"})
            c = b.activation(OpType::ReLU, b.conv(c, name, 8, 3, 1, 1, true), std::string(name) + "_relu");
        const graph::Network net = b.build({c});
        QCOMPARE(unnormalizedWeightLayers(net), 4LL);
    }
};

QTEST_GUILESS_MAIN(TestTrainingForm)
#include "tst_trainingform.moc"
