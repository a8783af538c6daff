// SPDX-License-Identifier: GPL-3.0-or-later
// Measurement tables (validate/MeasurementTable.h): a user's table of networks and
// device columns loads with its empty cells, quoted names and built-in networks; every
// kind of bad table is refused naming file, line and column; the validator finds
// networks by content; and the FBNet latency table is one such table.
#include "augment/FbnetSpace.h"
#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "graph/NetworkFile.h"
#include "augment/FbnetTable.h"
#include "validate/MeasurementTableValidator.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "TestData.h"

#include <cmath>

using namespace calibra;

class TestMeasurementTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { CALIBRA_REQUIRE_TEST_DATA(); }

    // A table of three FBNet-space networks (files in a sub-folder) and a built-in one.
    static QString writeTable(const QTemporaryDir &dir, const QByteArray &body)
    {
        QDir(dir.path()).mkpath("nets");
        const char *ops[3] = {"k3_e1", "k5_e6", "skip"};
        for (int i = 0; i < 3; ++i) {
            std::vector<std::string> layers(22, ops[i]);
            layers[0] = "k3_e3"; // the first layer changes width: never a skip
            graph::saveNetwork(augment::buildFbnetSpaceNetwork(layers, std::string("n") + char('0' + i)),
                               dir.filePath(QString("nets/n%1.yaml").arg(i)).toStdString());
        }
        QFile f(dir.filePath("table.csv"));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(body);
        return f.fileName();
    }

    static QString loadError(const QByteArray &body)
    {
        QTemporaryDir dir;
        const QString file = writeTable(dir, body);
        try {
            validate::loadMeasurementTable(file.toStdString());
        } catch (const std::exception &e) {
            return QString::fromUtf8(e.what()).replace(file, QStringLiteral("T"));
        }
        return QStringLiteral("accepted");
    }

    void loadsAUsersTable()
    {
        QTemporaryDir dir;
        const QString file = writeTable(dir, "network,phone_ms,phone_mw,npu_ms,npu_mb\r\n"
                                             "nets/n0.yaml,12.5,900,1.25,3.5\r\n"
                                             "\"nets/n1.yaml\",20,,2.5,\r\n"
                                             "\r\n"
                                             "builtin:resnet_fmnist,,,0.5,0.25\r\n");
        const validate::MeasurementTable t = validate::loadMeasurementTable(file.toStdString());
        QCOMPARE(t.rows.size(), size_t(3));
        QCOMPARE(t.devices, (std::vector<std::string>{"phone", "npu"}));
        QCOMPARE(t.rows[1].line, 3);
        QCOMPARE(t.rows[2].line, 5);
        QCOMPARE(t.rows[2].network, std::string("builtin:resnet_fmnist"));
        const size_t phone = t.device("phone"), npu = t.device("npu");
        QVERIFY(t.hasColumn(phone, validate::TableMetric::Power));
        QVERIFY(!t.hasColumn(npu, validate::TableMetric::Power));
        validate::Metrics m = t.metrics(phone, 0);
        QVERIFY(m.ok);
        QCOMPARE(m.latencyMs, 12.5);
        QCOMPARE(m.averagePowerMw, 900.0);
        QCOMPARE(m.energyMj, 900.0 * 12.5 / 1000); // power x latency
        QVERIFY(std::isnan(m.dramBytes));
        m = t.metrics(phone, 1); // power not measured: neither is energy
        QVERIFY(std::isnan(m.averagePowerMw) && std::isnan(m.energyMj));
        QVERIFY(std::isnan(t.metrics(phone, 2).latencyMs));
        QCOMPARE(t.metrics(npu, 2).dramBytes, 0.25e6);

        // The validator finds a network by what it computes, whatever its file is called.
        validate::MeasurementTableValidator v(t, npu);
        QCOMPARE(v.backendId(), std::string("table/table.csv/npu"));
        auto renamed = std::make_shared<graph::Network>(graph::loadNetwork(dir.filePath("nets/n1.yaml").toStdString()));
        renamed->name = "another-name";
        const auto results = v.validate({{renamed, {}}}, nullptr);
        QVERIFY(results[0].ok);
        QCOMPARE(results[0].latencyMs, 2.5);
        // What the table's columns hold is what it measures; it applies no setting field.
        QVERIFY(!v.capabilities().energy && v.capabilities().memoryAccess);
        QCOMPARE(v.capabilities().ignoredSettingFields.size(), std::size(hardware::kSettingFields));
        QVERIFY(validate::MeasurementTableValidator(t, phone).capabilities().energy);

        // Power without latency is no energy: a device measured so measures no power the
        // checks could compare (energy over latency), and says so by its capabilities.
        const validate::MeasurementTable powerOnly =
            validate::parseMeasurementTable("network,meter_mw\nbuiltin:resnet_fmnist,700\n", file.toStdString());
        QVERIFY(std::isnan(powerOnly.metrics(0, 0).energyMj));
        QVERIFY(!validate::MeasurementTableValidator(powerOnly, 0).capabilities().energy);

        // A byte-order mark (a spreadsheet's "CSV UTF-8") is not part of the first column's name.
        const validate::MeasurementTable marked = validate::parseMeasurementTable(
            "\xEF\xBB\xBFnetwork,npu_ms\nbuiltin:resnet_fmnist,0.5\n", file.toStdString());
        QCOMPARE(marked.metrics(marked.device("npu"), 0).latencyMs, 0.5);

        try {
            t.device("laptop");
            QFAIL("an unknown device was accepted");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString(e.what()).contains("no device 'laptop' (the table has phone, npu)"), e.what());
        }
    }

    void badTablesNameFileLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("missing network file")
            << QByteArray("network,d_ms\nnets/n0.yaml,1\nnets/absent.yaml,2\n") << "T:3: column network: ";
        QTest::newRow("not a number") << QByteArray("network,d_ms\nnets/n0.yaml,1.5ms\n")
                                      << "T:2: column d_ms: not a number: '1.5ms'";
        QTest::newRow("negative") << QByteArray("network,d_ms,d_mw\nnets/n0.yaml,1,-3\n")
                                  << "T:2: column d_mw: negative: -3";
        QTest::newRow("duplicate network")
            << QByteArray("network,d_ms\nnets/n0.yaml,1\nnets/n1.yaml,2\nnets/./n0.yaml,3\n")
            << "T:4: column network: 'nets/./n0.yaml' is the same network as line 2";
        QTest::newRow("unknown column") << QByteArray("network,d_ms,d_seconds\nnets/n0.yaml,1,2\n")
                                        << "T:1: column 3 'd_seconds': expected network or <device>_ms";
        QTest::newRow("no network column")
            << QByteArray("file,d_ms\nnets/n0.yaml,1\n") << "T:1: column 1 'file': expected network";
        QTest::newRow("no device column") << QByteArray("network\nnets/n0.yaml\n") << "T:1: no measurement column";
        QTest::newRow("repeated column") << QByteArray("network,d_ms,d_ms\nnets/n0.yaml,1,2\n")
                                         << "T:1: column 3 'd_ms': the same column as column 2";
        QTest::newRow("short row") << QByteArray("network,d_ms,e_ms\nnets/n0.yaml,1\n")
                                   << "T:2: expected 3 cells, got 2";
        QTest::newRow("open quote") << QByteArray("network,d_ms\n\"nets/n0.yaml,1\n") << "T:2: unterminated quote";
        QTest::newRow("empty network") << QByteArray("network,d_ms\n,1\n") << "T:2: column network: empty";
        QTest::newRow("no rows") << QByteArray("network,d_ms\n") << "T: no rows after the header";
    }

    void badTablesNameFileLineAndColumn()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        const QString got = loadError(body);
        QVERIFY2(got.startsWith(error), qPrintable(got));
    }

    void missingTableIsNamed()
    {
        try {
            validate::loadMeasurementTable("/nonexistent/table.csv");
            QFAIL("a missing table was accepted");
        } catch (const std::exception &e) {
            QVERIFY2(QString(e.what()).contains("/nonexistent/table.csv"), e.what());
        }
    }

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
        const augment::FbnetTable fbnet = augment::loadFbnetTable(CALIBRA_TEST_DATA "/fbnet-latency/latency.csv", 50);
        const validate::MeasurementTable &table = fbnet.table;
        QCOMPARE(table.rows.size(), size_t(50));
        QCOMPARE(table.devices.size(), size_t(27));
        validate::MeasurementTableValidator v(table, table.device("pixel3"));
        QCOMPARE(v.backendId(), std::string("table/latency.csv/pixel3"));
        QCOMPARE(v.size(), 50);
        const auto results = v.validate({{table.rows[0].graph, {}}, {table.rows[1].graph, {}}}, nullptr);
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
            augment::loadFbnetTable(f.fileName().toStdString());
            QFAIL("a short ops list was accepted");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString(e.what()).contains("t.csv:2:") && QString(e.what()).contains("22 layers"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestMeasurementTable)
#include "tst_measurementtable.moc"
