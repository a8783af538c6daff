// SPDX-License-Identifier: GPL-3.0-or-later
// IR -> LibTorch: every built-in network and ONNX test model runs forward with the
// IR's output shapes at any batch size; op semantics checked against identities that
// do not reuse the builder's own code path.
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "supernet/Supernet.h"
#include "learning/TorchNetwork.h"

#include <QTest>

#include "TestData.h"

using namespace calibra;
using namespace calibra::supernet;
using namespace calibra::learning;
using graph::OpType;

namespace {

std::vector<int64_t> withBatch(graph::Shape shape, int64_t batch)
{
    shape[0] = batch;
    return {shape.begin(), shape.end()};
}

// An eval-mode export's shape: convolutions with a bias (one of them grouped), no
// normalisation, a classifier.
graph::Network withoutNormalization()
{
    graph::NetworkBuilder b("folded");
    std::string x = b.input("image", {1, 3, 12, 12});
    x = b.activation(OpType::ReLU, b.conv(x, "c0", 8, 3, 1, 1, true), "r0");
    x = b.activation(OpType::ReLU, b.conv(x, "dw", 8, 3, 2, 8, true), "r1");
    x = b.add(x, b.conv(x, "pw", 8, 1, 1, 1, true), "sum");
    x = b.op(OpType::Flatten, "flat", {b.op(OpType::GlobalAveragePool, "gap", {x})});
    return b.build({b.linear(x, "fc", 5)});
}

} // namespace

class TestTorchNetwork : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        CALIBRA_REQUIRE_TEST_DATA();
        torch::set_num_threads(2);
    }

    void forwardShapes_data()
    {
        QTest::addColumn<QString>("source");
        for (const std::string &name : graph::builtinNetworkNames())
            QTest::newRow(name.c_str()) << QString::fromStdString("builtin:" + name);
        for (const char *f : {"mobilenet_v2", "resnet18", "squeezenet1_1"})
            QTest::newRow(f) << QStringLiteral(CALIBRA_TEST_DATA "/onnx/%1.onnx.gz").arg(f);
    }
    void forwardShapes()
    {
        QFETCH(QString, source);
        graph::Network net = graph::loadNetwork(source.toStdString());
        TorchNetwork module(net);
        module->eval();
        torch::NoGradGuard noGrad;
        const int64_t batch = source.contains("espcn") || source.endsWith(".gz") ? 1 : 2;
        std::vector<torch::Tensor> inputs;
        for (const auto &in : net.inputs)
            inputs.push_back(torch::randn(withBatch(in.shape, batch)));
        const auto outputs = module->forwardAll(inputs);
        QCOMPARE(outputs.size(), net.outputs.size());
        for (size_t i = 0; i < outputs.size(); ++i) {
            const auto expected = withBatch(*net.tensorShape(net.outputs[i]), batch);
            QCOMPARE(outputs[i].sizes().vec(), expected);
            QVERIFY(torch::isfinite(outputs[i]).all().item<bool>());
        }
        // Parameters: one torch tensor per IR weight, same element count as the cost model.
        int64_t count = 0;
        for (const auto &p : module->parameters())
            count += p.numel();
        QVERIFY(count > 0);
    }

    void decodedSubnetworksRun()
    {
        const Supernet s(graph::loadNetwork("builtin:mobilenet_v2_cifar"));
        std::mt19937_64 rng(5);
        for (const Genotype &g : {s.smallestGenotype(), s.largestGenotype(), s.sample(rng)}) {
            const graph::Network net = s.decode(g);
            TorchNetwork module(net);
            const torch::Tensor y = module->forward(torch::randn(withBatch(net.inputs[0].shape, 2)));
            QCOMPARE(y.sizes().vec(), (std::vector<int64_t>{2, 10}));
        }
    }

    // ONNX: SpaceToDepth is the inverse of DepthToSpace in DCR mode; CRD is pixel shuffle.
    void depthToSpaceModes()
    {
        for (const char *mode : {"DCR", "CRD"}) {
            graph::NetworkBuilder b("d2s");
            const auto x = b.input("x", {1, 2, 4, 6});
            const auto s2d = b.op(OpType::SpaceToDepth, "s2d", {x}, {{"block_size", int64_t(2)}});
            const auto d2s =
                b.op(OpType::DepthToSpace, "d2s", {s2d}, {{"block_size", int64_t(2)}, {"mode", std::string(mode)}});
            TorchNetwork module(b.build({d2s}));
            const torch::Tensor in = torch::arange(48, torch::kFloat).reshape({1, 2, 4, 6});
            const torch::Tensor out = module->forward(in);
            if (std::string(mode) == "DCR")
                QVERIFY(torch::equal(out, in));
            else
                QVERIFY(!torch::equal(out, in)); // CRD orders channels differently
        }
    }

    // Average pooling with asymmetric pads that exclude the padding: a constant image
    // stays constant, including the border windows.
    void asymmetricAveragePool()
    {
        graph::NetworkBuilder b("pool");
        const auto x = b.input("x", {1, 1, 5, 5});
        const auto p = b.op(OpType::AveragePool, "p", {x},
                            {{"kernel", std::vector<int64_t>{3, 3}},
                             {"stride", std::vector<int64_t>{2, 2}},
                             {"pads", std::vector<int64_t>{0, 0, 1, 1}},
                             {"count_include_pad", false}});
        const graph::Network net = b.build({p});
        TorchNetwork module(net);
        const torch::Tensor out = module->forward(torch::full({1, 1, 5, 5}, 3.0f));
        QCOMPARE(out.sizes().vec(), withBatch(*net.tensorShape(p), 1));
        QVERIFY(torch::allclose(out, torch::full_like(out, 3.0f)));
    }

    // LeakyReLU keeps positives and scales negatives by its slope.
    void leakyRelu()
    {
        graph::NetworkBuilder b("leaky");
        const auto x = b.input("x", {1, 1, 2, 2});
        const graph::Network net = b.build({b.op(OpType::LeakyReLU, "l", {x}, {{"alpha", 0.25}})});
        TorchNetwork module(net);
        const torch::Tensor in = torch::tensor({-4.0f, -1.0f, 0.0f, 2.0f}).reshape({1, 1, 2, 2});
        const torch::Tensor expected = torch::tensor({-1.0f, -0.25f, 0.0f, 2.0f}).reshape({1, 1, 2, 2});
        QVERIFY(torch::allclose(module->forward(in), expected));
    }

    // PReLU scales each channel's negatives by its own learned slope.
    void prelu()
    {
        graph::NetworkBuilder b("prelu");
        const auto x = b.input("x", {1, 2, 1, 2});
        graph::Network net = b.build({b.op(OpType::PReLU, "p", {x}, {{"shared", false}})});
        net.nodes.back().weights["weight"] = graph::WeightTensor{{2}, {0.5f, 0.1f}};
        TorchNetwork module(net);
        const torch::Tensor in = torch::tensor({-4.0f, 2.0f, -10.0f, 3.0f}).reshape({1, 2, 1, 2});
        const torch::Tensor expected = torch::tensor({-2.0f, 2.0f, -1.0f, 3.0f}).reshape({1, 2, 1, 2});
        QVERIFY(torch::allclose(module->forward(in), expected));
        // One slope for every channel.
        graph::NetworkBuilder s("shared");
        graph::Network one = s.build({s.op(OpType::PReLU, "p", {s.input("x", {1, 2, 1, 2})}, {{"shared", true}})});
        one.nodes.back().weights["weight"] = graph::WeightTensor{{1}, {0.5f}};
        TorchNetwork shared(one);
        QVERIFY(torch::allclose(shared->forward(in), torch::tensor({-2.0f, 2.0f, -5.0f, 3.0f}).reshape({1, 2, 1, 2})));
    }

    // A classifier exported with its Softmax trains on the scores before it: logits()
    // returns those (their softmax is the output), and the output itself without one.
    void logitsBeforeAFinalSoftmax()
    {
        for (const bool softmax : {true, false}) {
            graph::NetworkBuilder b("classifier");
            std::string x = b.op(OpType::Flatten, "flat", {b.input("x", {1, 2, 2, 2})}, {{"axis", int64_t(1)}});
            x = b.linear(x, "fc", 3);
            if (softmax)
                x = b.op(OpType::Softmax, "probs", {x}, {{"axis", int64_t(-1)}});
            TorchNetwork module(b.build({x}));
            const torch::Tensor in = torch::randn({4, 2, 2, 2});
            const torch::Tensor out = module->forward(in), scores = module->logits(in);
            QCOMPARE(scores.sizes(), out.sizes());
            QVERIFY(torch::allclose(softmax ? torch::softmax(scores, 1) : scores, out, 1e-5, 1e-6));
            QCOMPARE(torch::allclose(scores, out), !softmax);
        }
    }

    // A convolutional head's Softmax over the channels of [N, C, 1, 1], flattened after.
    void logitsBeforeASoftmaxOverChannels()
    {
        graph::NetworkBuilder b("head");
        std::string x = b.conv(b.input("x", {1, 2, 4, 4}), "classes", 3, 1, 1, 1, true);
        x = b.op(OpType::GlobalAveragePool, "gap", {x});
        x = b.op(OpType::Softmax, "probs", {x}, {{"axis", int64_t(1)}});
        x = b.op(OpType::Flatten, "flat", {x}, {{"axis", int64_t(1)}});
        TorchNetwork module(b.build({x}));
        const torch::Tensor in = torch::randn({4, 2, 4, 4});
        const torch::Tensor out = module->forward(in), scores = module->logits(in);
        QCOMPARE(scores.sizes(), out.sizes());
        QVERIFY(torch::allclose(torch::softmax(scores, 1), out, 1e-5, 1e-6));
        QVERIFY(!torch::allclose(scores, out));
    }

    // Trained with BatchNorms added after its convolutions, a network is handed back as
    // written, each BatchNorm folded into its convolution: the same function in inference.
    void addedBatchNormsFoldIntoTheirConvolutions()
    {
        const graph::Network net = withoutNormalization();
        TorchNetwork module(net, 3, TrainingNormalization::AfterConvolutions);
        QVERIFY(module->addsBatchNorms());
        QCOMPARE(module->trainingNetwork().nodes.size(), net.nodes.size() + 3);
        {
            // Statistics and affine parameters far from the identity, as training leaves them.
            torch::NoGradGuard noGrad;
            for (auto &p : module->named_parameters())
                p.value().copy_(torch::randn_like(p.value()) * 0.5);
            for (auto &b : module->named_buffers())
                b.value().copy_(b.key().find("running_var") != std::string::npos ? torch::rand_like(b.value()) + 0.5
                                                                                 : torch::randn_like(b.value()));
        }
        module->eval();
        const torch::Tensor in = torch::randn({4, 3, 12, 12});
        const torch::Tensor trained = module->forward(in);

        graph::Network written = net;
        module->copyWeightsTo(written);
        QCOMPARE(written.nodes.size(), net.nodes.size());
        for (const graph::Node &n : written.nodes)
            QVERIFY(n.op != OpType::BatchNorm);
        TorchNetwork plain(written);
        plain->eval();
        QVERIFY(torch::allclose(plain->forward(in), trained, 1e-4, 1e-5));
    }

    // A network with weights (inherited, pretrained) starts training with its added
    // BatchNorms undoing their own normalisation: the function its weights compute.
    void addedBatchNormsStartAsTheIdentity()
    {
        graph::Network net = withoutNormalization();
        TorchNetwork(net, 5)->copyWeightsTo(net);
        // Outputs far from a normalised network's: convolutions that scale and shift,
        // scores of a size that shows it.
        for (graph::Node &n : net.nodes)
            for (auto &[role, w] : n.weights)
                for (float &v : w.data)
                    v = role == "bias" ? v + 1.0f : v * (n.op == OpType::Linear ? 100.0f : 2.5f);
        TorchNetwork plain(net);
        plain->eval();
        const torch::Tensor in = torch::randn({64, 3, 12, 12});
        const torch::Tensor expected = plain->forward(in);

        TorchNetwork module(net, 5, TrainingNormalization::AfterConvolutions);
        module->startAddedBatchNormsAsIdentity({in.slice(0, 0, 32), in.slice(0, 32, 64)});
        module->eval();
        QVERIFY(torch::allclose(module->forward(in), expected, 1e-4, 1e-5));
        // In training mode each batch is normalised by its own statistics: close to it.
        module->train();
        torch::NoGradGuard noGrad;
        QVERIFY(torch::allclose(module->forward(in), expected, 0.05, 0.05));
        // Without it, the same module normalises the convolutions' outputs to unit variance.
        TorchNetwork fresh(net, 5, TrainingNormalization::AfterConvolutions);
        fresh->train();
        QVERIFY(!torch::allclose(fresh->forward(in), expected, 0.05, 0.05));
    }

    // A 1x1 convolution with given weights is a per-pixel matrix product.
    void weightsFromIr()
    {
        graph::NetworkBuilder b("w");
        const auto x = b.input("x", {1, 2, 3, 3});
        const auto c = b.conv(x, "c", 2, 1, 1, 1, true);
        graph::Network net = b.build({c});
        net.nodes[0].weights["weight"].data = {1, 2, 3, 4};
        net.nodes[0].weights["bias"].data = {0.5f, -1};
        TorchNetwork module(net);
        const torch::Tensor in = torch::randn({1, 2, 3, 3});
        const torch::Tensor out = module->forward(in);
        QVERIFY(torch::allclose(out[0][0], in[0][0] * 1 + in[0][1] * 2 + 0.5));
        QVERIFY(torch::allclose(out[0][1], in[0][0] * 3 + in[0][1] * 4 - 1));

        graph::Network copy = net;
        module->copyWeightsTo(copy);
        QCOMPARE(copy.nodes[0].weights.at("weight").data, net.nodes[0].weights.at("weight").data);
    }
};

QTEST_GUILESS_MAIN(TestTorchNetwork)
#include "tst_torchnetwork.moc"
