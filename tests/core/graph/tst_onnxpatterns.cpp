// SPDX-License-Identifier: GPL-3.0-or-later
// Real exports of the forms the ONNX exporter decomposes or computes shapes for
// (tests/data/onnx/patterns, made by make_patterns.py at opsets 13 and 17): ConvNeXt's
// LayerNorm and GELU, ShuffleNetV2's channel split and shuffle (one ChannelShuffle),
// ViT's class token and attention. Each imports with torch's parameter count and output shape, computes
// torch's output from the same input, and round-trips through YAML and ONNX.
#include "graph/Cost.h"
#include "graph/NetworkFile.h"
#include "graph/OnnxFormat.h"
#include "graph/YamlFormat.h"
#include "learning/TorchNetwork.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "TestData.h"

#include <set>

using namespace calibra;
using namespace calibra::graph;

namespace {

const QString kData = QStringLiteral(CALIBRA_TEST_DATA "/onnx/patterns");

QJsonObject truthOf(const QString &name)
{
    QFile f(kData + "/patterns.json");
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(name).toObject();
}

std::vector<int64_t> ints(const QJsonValue &v)
{
    std::vector<int64_t> out;
    for (const QJsonValue &x : v.toArray())
        out.push_back(x.toInteger());
    return out;
}

std::multiset<OpType> opsOf(const Network &net)
{
    std::multiset<OpType> ops;
    for (const Node &n : net.nodes)
        ops.insert(n.op);
    return ops;
}

} // namespace

class TestOnnxPatterns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { CALIBRA_REQUIRE_TEST_DATA(); }

    void importsLikeTorch_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *model : {"layernorm", "shuffle", "classtoken"})
            for (int opset : {13, 17}) {
                const QString name = QStringLiteral("%1_op%2").arg(model).arg(opset);
                QTest::newRow(qPrintable(name)) << name;
            }
    }
    void importsLikeTorch()
    {
        QFETCH(QString, name);
        const QJsonObject truth = truthOf(name);
        QVERIFY2(!truth.isEmpty(), "patterns.json has no entry");
        const Network net = loadNetwork((kData + "/" + name + ".onnx").toStdString());
        QCOMPARE(QString::fromStdString(net.name), name); // torch's "torch_jit" gives way to the file's name
        QCOMPARE(networkCost(net).total.params, truth.value("expected_params").toInteger());
        QCOMPARE(net.nodes.back().outputShapes.at(0), ints(truth.value("output_shape")));

        // The decompositions became the IR's ops; the shape arithmetic left nothing.
        const std::multiset<OpType> ops = opsOf(net);
        if (name.startsWith("layernorm") || name.startsWith("classtoken")) {
            QVERIFY(ops.count(OpType::LayerNorm) >= 1);
            QCOMPARE(ops.count(OpType::GELU), size_t(1));
        }
        if (name.startsWith("shuffle")) {
            QCOMPARE(ops.count(OpType::Slice), size_t(2));          // the stride-1 unit's channel split
            QCOMPARE(ops.count(OpType::ChannelShuffle), size_t(2)); // one per unit
            QCOMPARE(ops.count(OpType::Transpose), size_t(0));
        }
        if (name.startsWith("classtoken")) {
            QVERIFY(ops.count(OpType::Slice) >= 1); // x[:, 0] and the q/k/v split
            bool classToken = false;
            for (const Node &n : net.nodes)
                classToken = classToken
                             || (n.op == OpType::Constant && n.attrs.getInts("shape") == Shape{1, 1, 32}
                                 && n.attrs.getBool("trainable"));
            QVERIFY2(classToken, "the class token is a trainable [1, 1, 32] constant");
        }

        // Torch's output for the same input, through the IR's LibTorch module.
        const std::vector<int64_t> inShape = ints(truth.value("input"));
        std::vector<float> input, expected;
        for (const QJsonValue &v : truth.value("input_values").toArray())
            input.push_back(float(v.toDouble()));
        for (const QJsonValue &v : truth.value("output_values").toArray())
            expected.push_back(float(v.toDouble()));
        learning::TorchNetwork module(net);
        module->eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::from_blob(input.data(), inShape, torch::kFloat).clone();
        const torch::Tensor y = module->forward(x).flatten().contiguous();
        QCOMPARE(y.numel(), int64_t(expected.size()));
        const torch::Tensor want = torch::from_blob(expected.data(), {int64_t(expected.size())}, torch::kFloat);
        const double err = (y - want).abs().max().item<double>(), scale = want.abs().max().item<double>();
        QVERIFY2(err <= 1e-4 * std::max(1.0, scale),
                 qPrintable(QString("max error %1 (scale %2)").arg(err).arg(scale)));

        // Round trips: YAML and ONNX give the same network back.
        std::string diff;
        const Network fromYaml = parseNetworkYaml(networkToYaml(net), "back.yaml");
        QVERIFY2(sameNetwork(net, fromYaml, &diff), diff.c_str());
        const Network fromOnnx = parseOnnx(networkToOnnx(net), "back.onnx");
        QVERIFY2(sameNetwork(net, fromOnnx, &diff), diff.c_str());
    }
};

QTEST_GUILESS_MAIN(TestOnnxPatterns)
#include "tst_onnxpatterns.moc"
