// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli as users run it: exit codes, --json output, and clear errors (never a
// crash) on malformed inputs; the predictor against a user's own measurement table;
// commands that need no LibTorch start without it.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "augment/FbnetSpace.h"
#include "graph/NetworkFile.h"

#include <sys/stat.h>

#include "TestData.h"

namespace {

struct Result
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out, err;
};

Result runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(CALIBRA_CLI), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitCode(), p.exitStatus() == QProcess::CrashExit, p.readAllStandardOutput(), p.readAllStandardError()};
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

const QByteArray kHeader = "format: calibra-network\nversion: 1\nname: t\n"
                           "inputs:\n  - {name: x, shape: [1, 3, 8, 8]}\noutputs: [y]\nnodes:\n";

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { CALIBRA_REQUIRE_TEST_DATA(); }

    void helpVersionAndUsage()
    {
        Result r = runCli({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("inspect"));
        r = runCli({"--version"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(CALIBRA_VERSION));
        r = runCli({});
        QCOMPARE(r.exitCode, 2);
        r = runCli({"frobnicate"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown command 'frobnicate'"));
        r = runCli({"inspect"});
        QCOMPARE(r.exitCode, 2);
        r = runCli({"inspect", "--bogus", "x.yaml"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("bogus"));
        r = runCli({"inspect", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--json"));
    }

    void inspectJson()
    {
        const Result r = runCli({"inspect", "--json", CALIBRA_TEST_DATA "/onnx/resnet18.onnx.gz"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(r.out).object();
        const QJsonObject totals = root.value("totals").toObject();
        QVERIFY(totals.value("params").isDouble());
        QCOMPARE(totals.value("params").toInteger(), qint64(11684712));
        QCOMPARE(totals.value("macs").toInteger(), qint64(1814073344));
        QCOMPARE(root.value("layers").toArray().size(), 49);
        QCOMPARE(root.value("layers").toArray().at(0).toObject().value("op").toString(), QString("Conv2d"));
    }

    void inspectTableAndNetworks()
    {
        Result r = runCli({"inspect", "builtin:mobilenet_v2"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("3504872 parameters"), r.out.right(300).constData());
        QVERIFY(r.out.contains("300774272 MACs"));
        r = runCli({"networks"});
        QCOMPARE(r.exitCode, 0);
        for (const char *n : {"mobilenet_v2", "mobilenet_v2_cifar", "resnet18", "espcn_x3", "vit_small"})
            QVERIFY(r.out.contains(n));
    }

    void convertRoundTrip()
    {
        QTemporaryDir dir;
        const QString onnx = dir.filePath("espcn.onnx"), yaml = dir.filePath("espcn.yaml");
        QCOMPARE(runCli({"convert", "builtin:espcn_x3", onnx}).exitCode, 0);
        QCOMPARE(runCli({"convert", onnx, yaml}).exitCode, 0);
        const Result r = runCli({"inspect", "--json", yaml});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["totals"].toObject()["params"].toInteger(), qint64(31131));
    }

    void malformedInputsFailClearly_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("expected");
        QFile mobilenet(CALIBRA_TEST_DATA "/onnx/mobilenet_v2.onnx.gz");
        mobilenet.open(QIODevice::ReadOnly);
        const QByteArray gz = mobilenet.readAll();
        QTest::newRow("truncated onnx.gz") << gz.left(gz.size() / 2) << "m.onnx.gz"
                                           << "truncated";
        QTest::newRow("garbage onnx") << QByteArray("\x08\x07garbage\xff\xff", 11) << "m.onnx"
                                      << "not a valid ONNX model";
        QTest::newRow("invalid yaml") << kHeader + "  - {name: y, op: ReLU"
                                      << "n.yaml"
                                      << "n.yaml:8:1: invalid YAML";
        QTest::newRow("wrong shape")
            << kHeader + "  - {name: y, op: Add, inputs: [x, c]}\n  - {name: c, op: Constant, shape: [1, 4, 1, 1]}\n"
            << "n.yaml"
            << "shapes [1, 3, 8, 8] and [1, 4, 1, 1] cannot be broadcast";
        QTest::newRow("cycle") << kHeader
                                      + "  - {name: y, op: Add, inputs: [x, z]}\n  - {name: z, op: ReLU, inputs: [y]}\n"
                               << "n.yaml"
                               << "cycle";
        QTest::newRow("absurd conv")
            << kHeader + "  - {name: y, op: Conv2d, inputs: [x], out_channels: 1000000000, kernel: 3}\n"
            << "n.yaml"
            << "node 'y' (Conv2d)";
        QTest::newRow("absurd input") << QByteArray(kHeader).replace("[1, 3, 8, 8]", "[1, 3, 4000000000, 8]")
                                             + "  - {name: y, op: ReLU, inputs: [x]}\n"
                                      << "n.yaml"
                                      << "invalid extent";
        QTest::newRow("unknown type") << QByteArray("x") << "n.txt"
                                      << "unknown network file type";
    }
    void malformedInputsFailClearly()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, fileName);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        writeFile(dir.filePath(fileName), content);
        const Result r = runCli({"inspect", dir.filePath(fileName)});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("error:") && r.err.contains(expected.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void simulate()
    {
        Result r = runCli({"simulate", "builtin:resnet18", "--platform", "builtin:mobile-npu-m", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(r.out).object();
        const QJsonObject totals = root["totals"].toObject();
        QVERIFY(totals["latency_ms"].toDouble() > 0.1 && totals["latency_ms"].toDouble() < 100);
        QVERIFY(totals["energy_mj"].toDouble() > 0);
        QVERIFY(totals["dram_mb"].toDouble() > 11); // at least the int8 weights
        QCOMPARE(root["platform"].toString(), QString("mobile-npu-m"));
        QVERIFY(!root["layers"].toArray().isEmpty());

        QTemporaryDir dir;
        writeFile(dir.filePath("s.yaml"), "format: calibra-target-setting\nversion: 1\ncompile: {fusion: none}\n");
        r = runCli({"simulate", "builtin:resnet18", "-p", "builtin:mobile-npu-m", "-s", dir.filePath("s.yaml"),
                    "--per-layer"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("none fusion"));
        QVERIFY(r.out.contains("stem.conv"));

        writeFile(dir.filePath("bad.yaml"),
                  "format: calibra-target-setting\nversion: 1\nhardware: {active_cores: 9}\n");
        r = runCli({"simulate", "builtin:resnet18", "-p", "builtin:mobile-npu-m", "-s", dir.filePath("bad.yaml")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bad.yaml:3: hardware.active_cores"), r.err.constData());

        r = runCli({"simulate", "builtin:resnet18"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--platform is required"));
        QVERIFY(r.err.contains("builtin:edge-npu-s"));

        r = runCli({"platforms"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("mobile-apu-l"));
    }

    void predictorCommands()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("tiny.pt"), tuned = dir.filePath("tuned.pt");
        Result r = runCli({"predictor", "train-offline", "--networks", "14", "--targets-per-network", "1", "--epochs",
                           "2", "--hidden", "16", "-o", model});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(model));
        QVERIFY(r.out.contains("held-out accuracy"));

        r = runCli({"predictor", "check", "builtin:mobilenet_v2_cifar", "-p", "builtin:edge-npu-s", "--model", model,
                    "--samples", "5"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("decision:") && r.out.contains("memory_access"), r.out.constData());

        r = runCli({"predictor", "finetune", "builtin:mobilenet_v2_cifar", "-p", "builtin:edge-npu-s", "--model", model,
                    "--samples", "6", "--agg", "1,2,1", "-o", tuned});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("finetuned on"));
        QVERIFY(r.out.contains("validations used: 11")); // reference + 6 variants + 4 AGG models
        QVERIFY(QFile::exists(tuned));

        // A reference device profiled, then transferred from; transfer needs --reference.
        const QString profile = dir.filePath("profile.pt"), transferred = dir.filePath("transferred.pt");
        r = runCli({"predictor", "finetune", "builtin:mobilenet_v2_cifar", "-p", "builtin:edge-npu-s", "--model", model,
                    "--samples", "12", "--agg", "0,0,0", "--method", "profile", "-o", profile});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("finetuned on"), r.out.constData());
        r = runCli({"predictor", "finetune", "builtin:mobilenet_v2_cifar", "-p", "builtin:edge-npu-s", "--model", model,
                    "--samples", "6", "--agg", "0,0,0", "--method", "transfer", "--reference", profile, "-o",
                    transferred});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(transferred));
        r = runCli({"predictor", "finetune", "builtin:mobilenet_v2_cifar", "-p", "builtin:edge-npu-s", "--model", model,
                    "--method", "transfer", "-o", transferred});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--reference"), r.err.constData());
        r = runCli({"predictor", "finetune", "builtin:mobilenet_v2_cifar", "-p", "builtin:edge-npu-s", "--model", model,
                    "--samples", "6", "--method", "transfer", "--reference", dir.filePath("junk-ref.pt"), "-o",
                    transferred});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("junk-ref.pt"), r.err.constData());

        // The shipped model loads and checks.
        r = runCli({"predictor", "check", "builtin:resnet18", "-p", "builtin:mobile-npu-m", "--samples", "3"});
        QCOMPARE(r.exitCode, 0);

        // Errors: missing output, a file that is not a model, an unknown subcommand.
        QCOMPARE(runCli({"predictor", "train-offline"}).exitCode, 2);
        writeFile(dir.filePath("junk.pt"), "junk");
        r = runCli({"predictor", "check", "builtin:resnet18", "-p", "builtin:mobile-npu-m", "--model",
                    dir.filePath("junk.pt")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("junk.pt: not a readable Calibra predictor model"), r.err.constData());
        QCOMPARE(runCli({"predictor", "retrain"}).exitCode, 2);
    }

    void simulateManyNetworks()
    {
        const Result r = runCli(
            {"simulate", "-p", "builtin:edge-npu-s", "--json", "builtin:resnet_fmnist", "builtin:mobilenet_v2_fmnist"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject()["network"].toString(), QString("resnet_fmnist"));
        QCOMPARE(list[1].toObject()["network"].toString(), QString("mobilenet_v2_fmnist"));
        QVERIFY(list[1].toObject()["totals"].toObject()["latency_ms"].toDouble() > 0);
    }

    void lightCommandsDoNotLoadLibTorch()
    {
        // inspect, convert, simulate, networks, platforms and supernet run in calibra-cli
        // itself, which must not depend on LibTorch (0.6 s of CPU at every start).
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), {QStringLiteral(CALIBRA_CLI)});
        if (!ldd.waitForStarted())
            QSKIP("ldd is not available");
        QVERIFY(ldd.waitForFinished());
        const QByteArray libs = ldd.readAllStandardOutput();
        QVERIFY2(libs.contains("libQt6Core"), libs.constData()); // ldd did list the libraries
        QVERIFY2(!libs.contains("libtorch") && !libs.contains("libc10"), libs.constData());
    }

    // Twelve FBNet-space networks, a table of their latencies on a device three times
    // slower than the offline model thinks (from `predictor predict`), and one row a
    // hundred times too fast.
    void predictorOnAMeasurementTable()
    {
        QTemporaryDir dir;
        QStringList files;
        const char *blocks[] = {"k3_e1", "k3_e3", "k3_e6", "k5_e1", "k5_e3", "k5_e6", "skip"};
        for (int i = 0; i < 12; ++i) {
            std::vector<std::string> ops(calibra::augment::kFbnetLayers, blocks[i % 7]);
            ops[0] = blocks[(i * 5 + 1) % 6];
            ops[9] = blocks[(i / 2) % 6];
            const QString file = QString("n%1.onnx").arg(i);
            calibra::graph::saveNetwork(calibra::augment::buildFbnetSpaceNetwork(ops, "n" + std::to_string(i)),
                                        dir.filePath(file).toStdString());
            files << file;
        }
        QStringList paths;
        for (const QString &f : files)
            paths << dir.filePath(f);
        Result r = runCli(QStringList{"predictor", "predict", "-p", "builtin:mobile-npu-m", "--json"} + paths);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray predicted = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(predicted.size(), 12);
        QByteArray table = "network,board_ms\n";
        for (int i = 0; i < 12; ++i) {
            const QJsonObject p = predicted[i].toObject();
            QCOMPARE(p["network"].toString(), paths[i]); // argument order
            QVERIFY(p["power_mw"].toDouble() > 0 && p["memory_access_mb"].toDouble() > 0
                    && p["energy_mj"].toDouble() > 0);
            const double latency = 3 * p["latency_ms"].toDouble() * (i == 7 ? 0.01 : 1 + 0.01 * (i % 3));
            table += files[i].toUtf8() + "," + QByteArray::number(latency, 'g', 9) + "\n";
        }
        writeFile(dir.filePath("table.csv"), table);
        const QStringList target{
            "-p", "builtin:mobile-npu-m", "--measurements", dir.filePath("table.csv"), "--device", "board"};

        // The offline model ranks right but is three times too fast; row 7 (line 9) is named.
        r = runCli(QStringList{"predictor", "evaluate", "--json"} + target);
        QCOMPARE(r.exitCode, 0);
        QJsonObject report = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(report["rows"].toInt(), 12);
        QJsonObject latency = report["metrics"].toObject()["latency"].toObject();
        QCOMPARE(latency["count"].toInt(), 11);
        QCOMPARE(latency["within_10"].toDouble(), 0.0);
        QVERIFY(latency["spearman"].toDouble() > 0.9);
        QCOMPARE(report["implausible"].toArray().size(), 1);
        QCOMPARE(report["implausible"].toArray()[0].toObject()["line"].toInt(), 9);
        QVERIFY(!report["metrics"].toObject().contains("power")); // not measured: not scored
        r = runCli(QStringList{"predictor", "evaluate"} + target);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("table.csv:9 (n7.onnx): latency") && r.out.contains("x lower"), r.out.constData());

        // Calibrated on the table (no simulator anywhere), the model is within 10%.
        const QString tuned = dir.filePath("tuned.pt");
        r = runCli(QStringList{"predictor", "finetune", "--method", "calibrate", "-o", tuned} + target);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("adopted (calibrate)") && r.out.contains("implausible, left out"), r.out.constData());
        r = runCli(QStringList{"predictor", "evaluate", "--json", "-m", tuned} + target);
        QCOMPARE(r.exitCode, 0);
        latency = QJsonDocument::fromJson(r.out).object()["metrics"].toObject()["latency"].toObject();
        QVERIFY2(latency["within_10"].toDouble() == 1.0, r.out.constData());

        // Errors name the table: an unknown device, a bad cell, usage.
        r = runCli({"predictor", "evaluate", "-p", "builtin:mobile-npu-m", "--measurements", dir.filePath("table.csv"),
                    "--device", "phone"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("table.csv: no device 'phone' (the table has board)"), r.err.constData());
        writeFile(dir.filePath("bad.csv"), "network,board_ms\nn0.onnx,fast\n");
        r = runCli({"predictor", "finetune", "-p", "builtin:mobile-npu-m", "--measurements", dir.filePath("bad.csv"),
                    "--device", "board", "-o", tuned});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bad.csv:2: column board_ms: not a number: 'fast'"), r.err.constData());
        r = runCli({"predictor", "finetune", "builtin:resnet18", "-p", "builtin:mobile-npu-m", "--measurements",
                    dir.filePath("table.csv"), "--device", "board", "-o", tuned});
        QCOMPARE(r.exitCode, 2); // a network and a table
        r = runCli({"predictor", "predict", "-p", "builtin:mobile-npu-m", dir.filePath("absent.onnx")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("absent.onnx"), r.err.constData());
    }

    void supernet()
    {
        Result r = runCli({"supernet", "builtin:mobilenet_v2_cifar", "--samples", "2"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("48 choice points") && r.out.contains("sample 2"), r.out.constData());
        QVERIFY2(r.out.contains("resolutions 32x32 (reference), 48x48"), r.out.constData());
        r = runCli({"supernet", "/nonexistent.onnx"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("/nonexistent.onnx: cannot open"));
    }

    // Inputs are regular files of bounded size: a pipe or a device would block or never
    // end, a small gzip bomb would take gigabytes before failing.
    void boundedInputs()
    {
        QTemporaryDir dir;
        const QByteArray fifo = QFile::encodeName(dir.filePath("pipe.yaml"));
        QCOMPARE(mkfifo(fifo.constData(), 0600), 0);
        Result r = runCli({"inspect", dir.filePath("pipe.yaml")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("pipe.yaml: not a regular file (a pipe, socket or device)"), r.err.constData());
        QVERIFY(QFile::link("/dev/zero", dir.filePath("zero.onnx")));
        r = runCli({"inspect", dir.filePath("zero.onnx")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("zero.onnx: not a regular file"), r.err.constData());
        r = runCli({"simulate", "builtin:resnet18", "-p", dir.filePath("pipe.yaml")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("pipe.yaml: not a regular file"), r.err.constData());

        // Three megabytes of zeros gzip to a few kilobytes; with a 1 MB limit the read
        // stops at the limit, naming it and how to raise it.
        QProcess gzip;
        gzip.start(QStringLiteral("gzip"), {QStringLiteral("-c")});
        QVERIFY(gzip.waitForStarted());
        gzip.write(QByteArray(3 << 20, '\0'));
        gzip.closeWriteChannel();
        QVERIFY(gzip.waitForFinished());
        writeFile(dir.filePath("bomb.onnx.gz"), gzip.readAllStandardOutput());
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CALIBRA_MAX_INPUT_MB"), QStringLiteral("1"));
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(CALIBRA_CLI), {"inspect", dir.filePath("bomb.onnx.gz")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        const QByteArray err = cli.readAllStandardError();
        QVERIFY2(err.contains("bomb.onnx.gz: decompresses to more than 1 MB (set CALIBRA_MAX_INPUT_MB"),
                 err.constData());
    }

    void missingFile()
    {
        const Result r = runCli({"inspect", "/nonexistent/net.yaml"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("/nonexistent/net.yaml: cannot open"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
