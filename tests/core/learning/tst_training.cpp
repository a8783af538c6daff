// SPDX-License-Identifier: GPL-3.0-or-later
// Training and estimators on tiny seeded configurations: a few SGD steps lower the loss
// of a small CNN on Fashion-MNIST; NASWOT is deterministic and finite; trained weights
// survive an ONNX export and re-import; mismatched classifiers are refused.
#include "graph/NetworkBuilder.h"
#include "graph/OnnxFormat.h"
#include "learning/AccuracyEstimator.h"
#include "supernet/Supernet.h"
#include "learning/Training.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace calibra;
using namespace calibra::supernet;
using namespace calibra::learning;
using graph::OpType;

namespace {

graph::Network smallCnn(int width)
{
    graph::NetworkBuilder b("small_cnn");
    auto x = b.input("image", {1, 1, 28, 28});
    x = b.activation(OpType::ReLU, b.batchNorm(b.conv(x, "c1", width, 3, 2), "bn1"), "r1");
    x = b.activation(OpType::ReLU, b.batchNorm(b.conv(x, "c2", 2 * width, 3, 2), "bn2"), "r2");
    x = b.op(OpType::GlobalAveragePool, "gap", {x});
    x = b.op(OpType::Flatten, "flat", {x});
    return b.build({b.linear(x, "fc", 10)});
}

} // namespace

class TestTraining : public QObject
{
    Q_OBJECT
    std::shared_ptr<TrainTestSplit> m_data;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed (scripts/setup.sh installs it)");
        const TrainTestSplit all = loadDataset("fashion-mnist");
        m_data = std::make_shared<TrainTestSplit>(TrainTestSplit{all.train.slice(0, 2048), all.test.slice(0, 500)});
    }

    void stepsLowerTheLoss()
    {
        graph::Network net = smallCnn(16);
        TrainingOptions o;
        o.batchSize = 64;
        o.epochs = 2;
        o.learningRate = 0.1;
        int calls = 0;
        const TrainingResult r = trainNetwork(net, *m_data, o, nullptr, [&](const TrainingProgress &) { ++calls; });
        QCOMPARE(r.steps, 64);
        QCOMPARE(calls, 64);
        QVERIFY2(r.lastLoss < 0.8 * r.firstLoss, qPrintable(QString("%1 -> %2").arg(r.firstLoss).arg(r.lastLoss)));
        QVERIFY2(r.testAccuracy > 0.4, qPrintable(QString::number(r.testAccuracy))); // chance: 0.1
        QVERIFY(!net.nodes.front().weights.at("weight").data.empty());

        // Trained weights go through ONNX and come back the same; so does the accuracy.
        const graph::Network back = graph::parseOnnx(graph::networkToOnnx(net), "trained.onnx");
        std::string diff;
        QVERIFY2(graph::sameNetwork(net, back, &diff), diff.c_str());
        QCOMPARE(evaluateAccuracy(back, m_data->test), evaluateAccuracy(net, m_data->test));
        QCOMPARE(evaluateAccuracy(net, m_data->test), r.testAccuracy);
    }

    // Fewer training images than a batch: one batch of all of them per epoch, not a read
    // past the set (it crashed the final training of a project with max_train_images 64).
    void fewerImagesThanABatch()
    {
        graph::Network net = smallCnn(8);
        TrainingOptions o;
        o.batchSize = 128;
        o.maxTrainImages = 64;
        o.epochs = 2;
        const TrainingResult r = trainNetwork(net, *m_data, o);
        QCOMPARE(r.steps, 2);
        o.maxTrainImages = 1;
        QVERIFY_EXCEPTION_THROWN(trainNetwork(net, *m_data, o), DatasetError);
    }

    void cancellationAndBudget()
    {
        graph::Network net = smallCnn(8);
        std::atomic<bool> cancel{true};
        TrainingResult r = trainNetwork(net, *m_data, {}, &cancel);
        QVERIFY(r.cancelled);
        QCOMPARE(r.steps, 0);
        TrainingOptions o;
        o.batchSize = 16;
        o.timeBudgetSeconds = 1e-6;
        r = trainNetwork(net, *m_data, o);
        QVERIFY(r.budgetReached);
        QVERIFY(r.steps <= 1);
    }

    void naswot()
    {
        auto estimator = makeNaswotEstimator(m_data->train, {32, 1});
        QVERIFY(!estimator->isAccuracy());
        const double a = estimator->estimate(smallCnn(8));
        QVERIFY(std::isfinite(a) && a > 0);
        QCOMPARE(estimator->estimate(smallCnn(8)), a); // seeded weights and batch
        QVERIFY(estimator->estimate(smallCnn(32)) != a);

        // Works on decoded sub-networks of the demo supernet (RGB 32x32 input).
        const Supernet s(graph::buildMobileNetV2(32, 10, true));
        QVERIFY(std::isfinite(estimator->estimate(s.decode(s.smallestGenotype()))));
    }

    void mismatchedClassifierRefused()
    {
        graph::Network net = graph::buildMobileNetV2(32, 100, true);
        try {
            trainNetwork(net, *m_data, {});
            QFAIL("a 100-class network trained on 10 classes");
        } catch (const DatasetError &e) {
            QVERIFY2(QString(e.what()).contains("10 classes"), e.what());
        }
        // A network with two outputs (a class head and a box head) is named with both.
        graph::NetworkBuilder b("two_heads");
        const std::string x = b.op(OpType::Flatten, "flat", {b.input("image", {1, 1, 28, 28})});
        graph::Network heads = b.build({b.linear(x, "cls", 10), b.linear(x, "box", 4)});
        try {
            trainNetwork(heads, *m_data, {});
            QFAIL("a two-output network trained as a classifier");
        } catch (const DatasetError &e) {
            QCOMPARE(QString(e.what()), QString("two_heads: has 2 outputs (cls, box); an image classifier has one, "
                                                "[N, 10] logits for the classes of ")
                                            + QString::fromStdString(m_data->train.name));
        }
        EstimatorKind kind;
        QVERIFY(!parseEstimatorKind("oracle", &kind));
        // The one-shot estimate comes from its trained supernet, never from here.
        QVERIFY_EXCEPTION_THROWN(makeEstimator(EstimatorKind::OneShot, m_data), std::invalid_argument);
    }
};

QTEST_GUILESS_MAIN(TestTraining)
#include "tst_training.moc"
