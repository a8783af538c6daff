// SPDX-License-Identifier: GPL-3.0-or-later
// The Calibra network YAML format: round trips, and errors that name file and line.
#include "graph/GraphError.h"
#include "graph/NetworkBuilder.h"
#include "graph/YamlFormat.h"

#include <QTest>

using namespace calibra::graph;

namespace {

QString errorOf(const std::string &yaml)
{
    try {
        parseNetworkYaml(yaml, "net.yaml");
    } catch (const GraphError &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const std::string kHeader = "format: calibra-network\nversion: 1\nname: t\n"
                            "inputs:\n  - {name: x, shape: [1, 3, 8, 8]}\noutputs: [y]\nnodes:\n";

} // namespace

class TestYamlFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsEveryReferenceNetwork()
    {
        for (const auto &[name, net] : referenceNetworks()) {
            const std::string yaml = networkToYaml(net);
            const Network back = parseNetworkYaml(yaml, name);
            std::string diff;
            QVERIFY2(sameNetwork(net, back, &diff), (name + ": " + diff).c_str());
            QCOMPARE(networkToYaml(back), yaml); // byte-identical second save
        }
    }

    void roundTripsWeightsAndFloatAttributes()
    {
        NetworkBuilder b("w");
        auto x = b.input("x", {1, 2, 4, 4});
        x = b.conv(x, "c", 2, 1, 1, 1, true);
        x = b.op(OpType::Clip, "clip", {x}, {{"min", -0.1}, {"max", 1.0 / 3.0}});
        Network net = b.build({x});
        net.nodes[0].weights["weight"] = {{2, 2, 1, 1}, {0.1f, -2.5f, 3e-8f, 1e10f}};
        net.nodes[0].weights["bias"] = {{2}, {}};
        analyzeNetwork(net);
        const Network back = parseNetworkYaml(networkToYaml(net), "w.yaml");
        std::string diff;
        QVERIFY2(sameNetwork(net, back, &diff), diff.c_str());
        QCOMPARE(back.nodes[1].attrs.getFloat("max"), 1.0 / 3.0);
    }

    // An ONNX file's symbolic batch is kept by name, so that a network converted to YAML
    // is exported with it later; a fixed batch writes no key.
    void keepsTheBatchName()
    {
        NetworkBuilder b("n");
        Network net = b.build({b.activation(OpType::ReLU, b.input("x", {1, 2, 4, 4}), "r")});
        QVERIFY(networkToYaml(net).find("batch") == std::string::npos);
        net.batchSymbol = "batch_size";
        const Network back = parseNetworkYaml(networkToYaml(net), "n.yaml");
        QCOMPARE(back.batchSymbol, std::string("batch_size"));
    }

    void acceptsAliasesAndScalarsForPairs()
    {
        const Network net =
            parseNetworkYaml(kHeader
                                 + "  - {name: c, op: Conv2d, inputs: [x], out_channels: 12, kernel: 3, pads: 1}\n"
                                   "  - {name: y, op: PixelShuffle, inputs: [c], block_size: 2}\n",
                             "alias.yaml");
        QCOMPARE(net.nodes[1].op, OpType::DepthToSpace);
        QCOMPARE(net.nodes[1].attrs.getString("mode"), std::string("CRD"));
        QCOMPARE(net.nodes[1].outputShapes[0], (Shape{1, 3, 16, 16}));
    }

    void errorsNameFileAndLine_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("expected");
        const QString h = QString::fromStdString(kHeader);
        QTest::newRow("invalid yaml") << h + "  - {name: y, op: ReLU, inputs: [x]\n"
                                      << "net.yaml:9";
        QTest::newRow("unknown op") << h + "  - {name: y, op: Conv3d, inputs: [x]}\n"
                                    << "net.yaml:8:19: node 'y': unknown op 'Conv3d'";
        QTest::newRow("bad attribute") << h + "  - {name: y, op: ReLU, inputs: [x], slope: 2}\n"
                                       << "net.yaml:8: node 'y' (ReLU): unknown attribute 'slope'";
        QTest::newRow("wrong shape") << h
                                            + "  - {name: c, op: Conv2d, inputs: [x], out_channels: 4, kernel: 3, "
                                              "groups: 2}\n  - {name: y, op: ReLU, inputs: [c]}\n"
                                     << "net.yaml:8: node 'c' (Conv2d): input channels 3 are not divisible by groups 2";
        QTest::newRow("dangling") << h + "  - {name: y, op: ReLU, inputs: [z]}\n"
                                  << "input 'z' is not produced";
        QTest::newRow("cycle") << h + "  - {name: a, op: Add, inputs: [x, y]}\n  - {name: y, op: ReLU, inputs: [a]}\n"
                               << "cycle through nodes 'a', 'y'";
        QTest::newRow("no format") << "name: t\n"
                                   << "not a Calibra network";
        QTest::newRow("future version") << "format: calibra-network\nversion: 7\n"
                                        << "net.yaml:2:10: format version 7 is not supported";
        QTest::newRow("shape not ints") << QString(h).replace("[1, 3, 8, 8]", "[1, 3, a, 8]")
                                               + "  - {name: y, op: ReLU, inputs: [x]}\n"
                                        << "net.yaml:5";
        QTest::newRow("not a map") << "- 1\n- 2\n"
                                   << "not a Calibra network";
        QTest::newRow("empty") << ""
                               << "not a Calibra network";
        QTest::newRow("huge conv")
            << h + "  - {name: y, op: Conv2d, inputs: [x], out_channels: 1000000000, kernel: 3}\n"
            << "out_channels' is 1000000000";
        QTest::newRow("repeated key") << h + "  - {name: y, op: ReLU, inputs: [x], name: z}\n"
                                      << "net.yaml:8: key 'name' appears twice in one mapping (first on line 8)";
        QTest::newRow("repeated top key") << h + "  - {name: y, op: ReLU, inputs: [x]}\nname: again\n"
                                          << "net.yaml:9: key 'name' appears twice in one mapping (first on line 3)";
        QTest::newRow("second document") << h + "  - {name: y, op: ReLU, inputs: [x]}\n---\nname: u\n"
                                         << "net.yaml:9: a second YAML document";
        QTest::newRow("byte-order mark") << QString(QChar(0xFEFF)) + h + "  - {name: y, op: ReLU, inputs: [x]}\n"
                                         << "net.yaml:1: starts with a byte-order mark";
        QTest::newRow("alias cycle") << h + "  - &a {name: y, op: ReLU, inputs: [x], outputs: *a}\n"
                                     << "net.yaml:8: a YAML alias makes this node contain itself";
        // Aliases share nodes: 40 anchors each aliased twice would be 2^40 visits if expanded.
        QString doubling = h + "  - {name: y, op: ReLU, inputs: [x]}\nx0: &a0 [q, q]\n";
        for (int i = 1; i < 40; ++i)
            doubling += QString("x%1: &a%1 [*a%2, *a%2]\n").arg(i).arg(i - 1);
        QTest::newRow("alias doubling") << doubling << "net.yaml:9:1: unknown key 'x0'";
        QTest::newRow("weight data") << h
                                            + "  - {name: y, op: Conv2d, inputs: [x], out_channels: 1, kernel: 1, "
                                              "weights: {weight: {shape: [1, 3, 1, 1], data: xx}}}\n"
                                     << "net.yaml:8";
    }
    void errorsNameFileAndLine()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, expected);
        const QString msg = errorOf(yaml.toStdString());
        QVERIFY2(msg.contains(expected), qPrintable("got: " + msg));
    }
};

QTEST_GUILESS_MAIN(TestYamlFormat)
#include "tst_yamlformat.moc"
