// FBNet-space networks and the measurement-table validator on the real latency table.
#include "augment/FbnetSpace.h"
#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "validate/MeasurementTableValidator.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "../TestData.h"

#include <cmath>

using namespace calibra;

class TestMeasurementTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { CALIBRA_REQUIRE_TEST_DATA(); }

    void buildsTheSpace()
    {
        const std::vector<std::string> allSkip(22, "skip");
        const graph::Network skip = augment::buildFbnetSpaceNetwork(allSkip);
        // Stem, the 1x1 convs of the 6 width changes, head, classifier.
        int convs = 0;
        for (const graph::Node &n : skip.nodes)
            convs += n.op == graph::OpType::Conv2d;
        QCOMPARE(convs, 1 + 6 + 1);
        QCOMPARE(skip.nodes.back().outputShapes[0], (graph::Shape{1, 100}));

        std::vector<std::string> ops(22, "k5_e6_g2");
        const graph::Network big = augment::buildFbnetSpaceNetwork(ops);
        int shuffles = 0, adds = 0;
        for (const graph::Node &n : big.nodes) {
            shuffles += n.op == graph::OpType::ChannelShuffle;
            adds += n.op == graph::OpType::Add;
        }
        QCOMPARE(shuffles, 22);
        // Residual where Cin == Cout and stride 1: all but the first layer of stages 2-7
        // (stage 1 keeps the stem's 16 channels at stride 1).
        QCOMPARE(adds, 22 - 6);
        QVERIFY(graph::networkCost(big).total.macs > graph::networkCost(skip).total.macs);

        ops[3] = "k7_e6";
        try {
            augment::buildFbnetSpaceNetwork(ops);
            QFAIL("an unknown block was accepted");
        } catch (const graph::GraphError &e) {
            QVERIFY2(QString(e.what()).contains("layer 3: unknown block 'k7_e6'"), e.what());
        }
    }

    void looksUpRealMeasurements()
    {
        const validate::FbnetTable table = validate::loadFbnetTable(CALIBRA_TEST_DATA "/fbnet-latency/latency.csv", 50);
        QCOMPARE(table.networks.size(), size_t(50));
        QCOMPARE(table.devices.size(), size_t(27));
        const auto pixel3 = std::find(table.devices.begin(), table.devices.end(), "pixel3_ms") - table.devices.begin();
        validate::MeasurementTableValidator v = table.validatorFor(size_t(pixel3));
        QCOMPARE(v.size(), 50);
        const auto results = v.validate({{table.networks[0], {}}, {table.networks[1], {}}}, nullptr);
        QVERIFY(results[0].ok);
        QCOMPARE(results[0].latencyMs, 17.557745); // row 0's pixel3 column, as in the CSV
        QCOMPARE(results[1].latencyMs, 17.134482);
        QVERIFY(std::isnan(results[0].energyMj)); // not measured

        std::vector<std::string> ops(22, "k3_e1");
        const auto absent = std::make_shared<const graph::Network>(augment::buildFbnetSpaceNetwork(ops, "absent"));
        const auto miss = v.validate({{absent, {}}}, nullptr);
        QVERIFY(!miss[0].ok);
        QVERIFY(QString::fromStdString(miss[0].error).contains("not in the measurement table"));
    }

    void malformedTablesNameTheLine()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("t.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("index,ops,dev_ms\n0,skip skip,1.0\n");
        f.close();
        try {
            validate::loadFbnetTable(f.fileName().toStdString());
            QFAIL("a short ops list was accepted");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString(e.what()).contains("t.csv:2:") && QString(e.what()).contains("22 layers"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestMeasurementTable)
#include "tst_measurementtable.moc"
