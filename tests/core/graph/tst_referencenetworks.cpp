// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in reference networks: the shipped YAML resources are exactly what the
// builders produce, and their sizes match torchvision's.
//
// Regenerate resources/models after changing a builder:
//   CALIBRA_REGENERATE_MODELS=1 build/tests/core/tst_referencenetworks
#include "graph/Cost.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "graph/YamlFormat.h"

#include <QFile>
#include <QTest>

using namespace calibra::graph;

class TestReferenceNetworks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!qEnvironmentVariableIsSet("CALIBRA_REGENERATE_MODELS"))
            return;
        for (const auto &[name, net] : referenceNetworks()) {
            QFile f(QStringLiteral(CALIBRA_SOURCE_DIR "/resources/models/%1.yaml").arg(QString::fromStdString(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(networkToYaml(net)));
        }
        QSKIP("regenerated resources/models; rebuild to embed them");
    }

    void resourcesMatchBuilders()
    {
        const auto nets = referenceNetworks();
        QCOMPARE(builtinNetworkNames().size(), nets.size());
        for (const auto &[name, built] : nets) {
            const Network shipped = loadNetwork(kBuiltinPrefix + name);
            std::string diff;
            QVERIFY2(sameNetwork(shipped, built, &diff), (name + ": " + diff).c_str());
        }
    }

    // torchvision.models.mobilenet_v2() / resnet18(): parameter counts with BatchNorm
    // unfolded, and the conv + linear MACs of tests/data/onnx/truth.json.
    void torchvisionSizes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("params");
        QTest::addColumn<qint64>("macs");
        QTest::newRow("mobilenet_v2") << "mobilenet_v2" << qint64(3504872) << qint64(300774272);
        QTest::newRow("resnet18") << "resnet18" << qint64(11689512) << qint64(1814073344);
    }
    void torchvisionSizes()
    {
        QFETCH(QString, name);
        QFETCH(qint64, params);
        QFETCH(qint64, macs);
        const Cost total = networkCost(loadNetwork("builtin:" + name.toStdString())).total;
        QCOMPARE(total.params, params);
        QCOMPARE(total.macs, macs);
    }

    void otherNetworksHaveExpectedShapes()
    {
        const Network cifar = loadNetwork("builtin:mobilenet_v2_cifar");
        QCOMPARE(cifar.nodes.back().outputShapes[0], (Shape{1, 10}));
        // Same parameters as the 224 model but for the 10-class head: 1280 * 990 fewer.
        QCOMPARE(networkCost(cifar).total.params, 3504872 - 1281 * 990);

        const Network sr = loadNetwork("builtin:espcn_x3");
        QCOMPARE(sr.nodes.back().op, OpType::DepthToSpace);
        QCOMPARE(sr.nodes.back().outputShapes[0], (Shape{1, 3, 1080, 1920}));

        const Network vit = loadNetwork("builtin:vit_small");
        QCOMPARE(vit.nodes.back().outputShapes[0], (Shape{1, 10}));
        int attention = 0;
        for (const Node &n : vit.nodes)
            attention += n.op == OpType::Attention;
        QCOMPARE(attention, 6);
        // patch embed 3*16*192+192, pos 64*192, 6 blocks of (4*192^2+4*192 attention,
        // 2*192*768+768+192 MLP, 2*2*192 norms), final norm 384, head 1930.
        const qint64 block = 4 * 192 * 192 + 4 * 192 + 2 * 192 * 768 + 768 + 192 + 4 * 192;
        QCOMPARE(networkCost(vit).total.params, qint64(3 * 16 * 192 + 192 + 64 * 192 + 6 * block + 384 + 1930));
    }
};

QTEST_GUILESS_MAIN(TestReferenceNetworks)
#include "tst_referencenetworks.moc"
