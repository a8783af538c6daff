// SPDX-License-Identifier: GPL-3.0-or-later
// Project files: errors name the file, the line and the field; a project round-trips
// through YAML with its schedules, choices and the reference devices' files.
#include "ErrorOf.h"
#include "base/InputError.h"
#include "hardware/Platform.h"
#include "hardware/TargetSetting.h"
#include "project/Project.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace calibra;
using namespace calibra::pipeline;

namespace {

// The message parseProject throws for `text` read as p.yaml; empty when it is accepted.
QString projectError(const std::string &text)
{
    try {
        parseProject(text, "p.yaml");
    } catch (const std::exception &e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestProject : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A wrong file names the file, the line where known, and the field.
    void badProjectFilesNameTheField()
    {
        const std::string head = "format: calibra-project\nversion: 1\n";
        QString e = projectError(head + "platform: builtin:edge-npu-s\n");
        QVERIFY2(e.contains("p.yaml") && e.contains("reference"), qPrintable(e));
        e = projectError(head + "reference: a.yaml\nplatform: b\nmode: sometimes\n");
        QVERIFY2(e.contains("p.yaml:5") && e.contains("sometimes"), qPrintable(e));
        e = projectError(head + "reference: a.yaml\nplatform: b\nsearch:\n  populaton: 5\n");
        QVERIFY2(e.contains("populaton"), qPrintable(e));
        e = projectError(head + "reference: a.yaml\nplatform: b\nsearch:\n  population: 2\n");
        QVERIFY2(e.contains("search.population"), qPrintable(e));
        e = projectError(head + "reference: a.yaml\nplatform: b\nsupernet:\n  kernels: [3, 4]\n");
        QVERIFY2(e.contains("supernet.kernels") && e.contains("odd"), qPrintable(e));
        // A misspelt key is named by its line before anything it leaves missing.
        e = projectError(head + "reference: a.yaml\nplatfrom: b\n");
        QVERIFY2(e.contains("p.yaml:4") && e.contains("platfrom: unknown field"), qPrintable(e));
        e = projectError("format: calibra-target-setting\nversion: 1\n");
        QVERIFY2(e.contains("calibra-project"), qPrintable(e));
    }

    // A target setting's errors, found against the platform when the run opens, name the
    // line the field is written on: the setting file's, or the project file's (and the
    // field under target.) for one written inline, in block or flow style.
    void targetSettingErrorsNameTheirLine()
    {
        const hardware::Platform npu = hardware::loadPlatform("builtin:edge-npu-s");
        const auto settingError = [&](const Project &p) {
            return calibra::test::errorOf<base::InputError>([&] { targetSettingOf(p, npu); });
        };
        const std::string head = "format: calibra-project\nversion: 1\nreference: builtin:resnet18\nplatform: b\n";
        Project p = parseProject(head
                                     + "target:\n  compile:\n    fusion: none\n\n    precision: int8\n  hardware:\n"
                                       "    active_cores: 1\n    dvfs_mhz: 750\nmode: both\n",
                                 "p.yaml");
        QString e = settingError(p);
        QVERIFY2(e.startsWith("p.yaml:12: target.hardware.dvfs_mhz: 750 MHz is not a DVFS point"), qPrintable(e));
        p = parseProject(head + "target:\n  compile: {fusion: bogus}\n", "p.yaml");
        e = settingError(p);
        QVERIFY2(e.startsWith("p.yaml:6: target.compile.fusion: 'bogus' is not none"), qPrintable(e));
        p = parseProject(head + "name: x\ntarget: {hardware: {dram_cap_gbps: 1000}}\n", "p.yaml");
        e = settingError(p);
        QVERIFY2(e.startsWith("p.yaml:6: target.hardware.dram_cap_gbps: 1000 GB/s is above the peak"), qPrintable(e));
        // Still the same setting when the project is written out and read again.
        const Project again = parseProject(projectToYaml(p), "q.yaml");
        QVERIFY2(settingError(again).contains("target.hardware.dram_cap_gbps: 1000 GB/s"),
                 qPrintable(settingError(again)));
        // A valid inline setting reads as written.
        p = parseProject(head + "target:\n  hardware:\n    dvfs_mhz: 800\n", "p.yaml");
        QCOMPARE(targetSettingOf(p, npu).dvfsMhz, 800.0);
        // A setting file: its own name and line, its fields as the file names them.
        QTemporaryDir dir;
        QFile f(dir.filePath("s.yaml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("format: calibra-target-setting\nversion: 1\nhardware:\n  active_cores: 9\n");
        f.close();
        p = parseProject(head + "target: s.yaml\n", dir.filePath("p.yaml").toStdString());
        e = settingError(p);
        QVERIFY2(e.startsWith(dir.filePath("s.yaml") + ":4: hardware.active_cores: 9"), qPrintable(e));
    }

    // `calibra FILE` opens a project file as a project and anything else as a network.
    void projectFilesAreTold()
    {
        QTemporaryDir dir;
        const auto write = [&](const char *name, const char *text) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(text);
            return dir.filePath(name).toStdString();
        };
        QVERIFY(isProjectFile(write("p.yaml", "format: calibra-project\nversion: 1\n")));
        QVERIFY(!isProjectFile(write("n.yaml", "format: calibra-network\nversion: 1\n")));
        QVERIFY(!isProjectFile(write("m.onnx", "\x08\x07\x12\x04\x00\xff binary")));
        QVERIFY(!isProjectFile(dir.filePath("missing.yaml").toStdString()));
        QVERIFY(!isProjectFile("builtin:resnet18"));
        // A network given where a project belongs is named as one, not a YAML error.
        QVERIFY(isNetworkFile(dir.filePath("n.yaml").toStdString()));
        QVERIFY(isNetworkFile(dir.filePath("m.onnx").toStdString()));
        QVERIFY(!isNetworkFile(dir.filePath("p.yaml").toStdString()));
        for (const char *network : {"n.yaml", "m.onnx"}) {
            try {
                loadProject(dir.filePath(network).toStdString());
                QFAIL("a network loaded as a project");
            } catch (const base::InputError &e) {
                QVERIFY2(QString(e.what()).endsWith(QString(network)
                                                    + ": a network, not a project file; a project names its "
                                                      "network as its 'reference' (docs/pipeline.md)"),
                         e.what());
            }
        }
    }

    // The reference's input sizes: checked where they are written, kept as written,
    // refused by a network whose sizes are fixed.
    void referenceInputSizes()
    {
        const std::string head = "format: calibra-project\nversion: 1\nreference: builtin:resnet18\nplatform: b\n";
        QCOMPARE(projectError(head + "reference_input_shape: 1x3xHx224\n"),
                 QString("p.yaml:5: reference_input_shape: '1x3xHx224': 'H' is not a whole number (expected "
                         "1x3x224x224, or NAME=1x3x224x224 for a named input)"));
        const Project p = parseProject(head + "reference_input_shape: \" image=1x3x64x64 \"\n", "p.yaml");
        QCOMPARE(p.referenceInputShape, std::string("image=1x3x64x64"));
        QCOMPARE(parseProject(projectToYaml(p), "x.yaml").referenceInputShape, p.referenceInputShape);
        // Not written when the reference's sizes are fixed.
        QVERIFY(!QString::fromStdString(projectToYaml(demoProject())).contains("reference_input_shape"));
        try {
            loadReference(p);
            QFAIL("a built-in network took input sizes");
        } catch (const std::exception &e) {
            QVERIFY2(QString(e.what()).contains("input sizes apply only to ONNX models"), e.what());
        }
    }

    // A run records every file the project names absolute, a relative one found where
    // the project file is (the dataset's folder too), so it resumes from any folder.
    void pathsAreMadeAbsoluteAgainstTheProjectFile()
    {
        Project p;
        p.file = "/projects/mine/p.yaml";
        p.reference = "net.onnx";
        p.platform = "builtin:edge-npu-s";
        p.predictor = "../models/tuned.pt";
        p.dataset = "folder:data/images";
        makePathsAbsolute(p);
        QCOMPARE(p.reference, std::string("/projects/mine/net.onnx"));
        QCOMPARE(p.platform, std::string("builtin:edge-npu-s"));
        QCOMPARE(p.predictor, std::string("/projects/models/tuned.pt"));
        QCOMPARE(p.dataset, std::string("folder:/projects/mine/data/images"));
        makePathsAbsolute(p); // already absolute: unchanged
        QCOMPARE(p.dataset, std::string("folder:/projects/mine/data/images"));
        p.dataset = "fashion-mnist";
        makePathsAbsolute(p);
        QCOMPARE(p.dataset, std::string("fashion-mnist"));
    }

    // A project round-trips through YAML; wrong values name their field.
    void projectsRoundTrip()
    {
        const std::string head = "format: calibra-project\nversion: 1\n";
        QString e;
        Project p = demoProject();
        p.mode = Mode::Online;
        p.search.population = 8;
        const Project back = parseProject(projectToYaml(p), "x.yaml");
        QCOMPARE(projectToYaml(back), projectToYaml(p));
        // Numbers read as a person wrote them, not as their nearest double's 17 digits.
        QVERIFY(projectToYaml(p).find("decision_agreement: 0.9\n") != std::string::npos);
        QVERIFY(projectToYaml(p).find("0.90000000000000002") == std::string::npos);
        // A computed number reads back exactly: a resumed run searches with the same budget.
        Project computed = p;
        computed.search.constraints.maxLatencyMs = 0.8 * 0.358123456789;
        QVERIFY(parseProject(projectToYaml(computed), "c.yaml").search.constraints.maxLatencyMs
                == computed.search.constraints.maxLatencyMs); // QCOMPARE would forgive the last bits
        QCOMPARE(back.search.population, 8);
        QCOMPARE(back.mode, Mode::Online);
        Project withSubstitutions = p;
        withSubstitutions.supernet.substitutions = true;
        QVERIFY(parseProject(projectToYaml(withSubstitutions), "s.yaml").supernet.substitutions);
        e = projectError(head + "reference: a.yaml\nplatform: b\nsupernet:\n  substitutions: maybe\n");
        QVERIFY2(e.contains("supernet.substitutions"), qPrintable(e));
        Project labelled = p;
        labelled.oneShot.distill = false;
        QVERIFY(!parseProject(projectToYaml(labelled), "d.yaml").oneShot.distill);
        QVERIFY(parseProject(projectToYaml(p), "d.yaml").oneShot.distill); // the default
        // The one-shot schedule, the estimator probe's choice, the baseline and the
        // decision threshold round-trip; bad values name their field.
        Project tuned = p;
        tuned.oneShot.warmupShare = 0.3;
        tuned.oneShot.smallestEveryStep = true;
        tuned.poorEstimates = PoorEstimates::Extend;
        tuned.finalBaseline = false;
        tuned.thresholds.minDecisionAgreement = 0.8;
        const Project tunedBack = parseProject(projectToYaml(tuned), "t.yaml");
        QCOMPARE(tunedBack.oneShot.warmupShare, 0.3);
        QVERIFY(tunedBack.oneShot.smallestEveryStep);
        QVERIFY(tunedBack.poorEstimates == PoorEstimates::Extend);
        QVERIFY(!tunedBack.finalBaseline);
        QCOMPARE(tunedBack.thresholds.minDecisionAgreement, 0.8);
        e = projectError(head + "reference: a.yaml\nplatform: b\noneshot:\n  on_poor_estimates: retry\n");
        QVERIFY2(e.contains("oneshot.on_poor_estimates") && e.contains("warn or extend"), qPrintable(e));
        e = projectError(head + "reference: a.yaml\nplatform: b\nthresholds:\n  decision_agreement: 1.5\n");
        QVERIFY2(e.contains("thresholds.decision_agreement"), qPrintable(e));
        e = projectError(head + "reference: a.yaml\nplatform: b\noneshot:\n  distill: 3\n");
        QVERIFY2(e.contains("oneshot.distill") && e.contains("true or false"), qPrintable(e));
        Project calibrating = p;
        calibrating.finetuneMethod = predictor::FinetuneMethod::Calibrate;
        QCOMPARE(parseProject(projectToYaml(calibrating), "c.yaml").finetuneMethod,
                 predictor::FinetuneMethod::Calibrate);
        // A misspelt validator kind is named as such (not the keys of the kind meant), and a
        // key no validator has is named before it.
        e = projectError(head + "reference: a.yaml\nplatform: b\nvalidator: {kind: tabel, measurements: m.csv}\n");
        QVERIFY2(e.contains("validator.kind") && e.contains("must be board, farm or table"), qPrintable(e));
        e = projectError(head + "reference: a.yaml\nplatform: b\nvalidator: {kind: tabel, mesurements: m.csv}\n");
        QVERIFY2(e.contains("validator.mesurements: unknown field"), qPrintable(e));
        e = projectError(head + "reference: a.yaml\nplatform: b\ncheck:\n  finetune: sometimes\n");
        QVERIFY2(e.contains("check.finetune") && e.contains("auto, retrain, calibrate, profile or transfer"),
                 qPrintable(e));
        // Transfer names its reference devices' model files, relative to the project.
        const Project transferring = parseProject(head
                                                      + "reference: a.yaml\nplatform: b\ncheck:\n  finetune: "
                                                        "transfer\n  references: [gpu.pt, /abs/npu.pt]\n",
                                                  "/projects/t.yaml");
        QCOMPARE(transferring.finetuneMethod, predictor::FinetuneMethod::Transfer);
        QCOMPARE(transferring.referenceModels, (std::vector<std::string>{"/projects/gpu.pt", "/abs/npu.pt"}));
        QCOMPARE(parseProject(projectToYaml(transferring), "/elsewhere/t.yaml").referenceModels,
                 transferring.referenceModels);
        e = projectError(head + "reference: a.yaml\nplatform: b\ncheck:\n  finetune: transfer\n");
        QVERIFY2(e.contains("check.finetune") && e.contains("check.references"), qPrintable(e));
        e = projectError(head + "reference: a.yaml\nplatform: b\ncheck:\n  finetune: transfer\n  references: gpu.pt\n");
        QVERIFY2(e.contains("check.references") && e.contains("list"), qPrintable(e));
    }

    // mutated_genes is the mutation setting; a per-gene probability from an older project
    // still reads, wins, and is written back.
    void mutationSettingsOldAndNew()
    {
        const std::string head = "format: calibra-project\nversion: 1\nreference: a.yaml\nplatform: b\n";
        const Project fresh = parseProject(head, "n.yaml");
        QCOMPARE(fresh.search.mutatedGenes, 1.0);
        QVERIFY(!fresh.search.mutationProbability);
        QCOMPARE(parseProject(head + "search:\n  mutated_genes: 2.5\n", "n.yaml").search.mutatedGenes, 2.5);
        const Project old = parseProject(head + "search:\n  mutation_probability: 0.1\n", "o.yaml");
        QCOMPARE(old.search.mutationProbability.value_or(-1), 0.1);
        QCOMPARE(parseProject(projectToYaml(old), "o.yaml").search.mutationProbability.value_or(-1), 0.1);
        QVERIFY(!parseProject(projectToYaml(fresh), "n.yaml").search.mutationProbability);
        const QString e = projectError(head + "search:\n  mutation_probability: 2\n");
        QVERIFY2(e.contains("search.mutation_probability"), qPrintable(e));
    }

    // A project that checks through a finetuning service names the service and a
    // platform id, and no platform, predictor or validator of its own (the service holds
    // them); it is written back the same way.
    void aFinetunerProjectNamesNoPlatform()
    {
        const std::string text = "format: calibra-project\nversion: 1\nreference: /nets/a.yaml\n"
                                 "finetuner: {address: 'nas.example:50061', platform: npu-a, ca: /c/ca.pem, "
                                 "cert: /c/me.pem, key: /c/me.key, deadline_s: 900}\n";
        const Project p = parseProject(text, "/p/f.yaml");
        QVERIFY(p.finetuner.enabled());
        QCOMPARE(p.finetuner.address, std::string("nas.example:50061"));
        QCOMPARE(p.finetuner.platformId, std::string("npu-a"));
        QCOMPARE(p.finetuner.certFile, std::string("/c/me.pem"));
        QVERIFY(p.finetuner.deadlineSeconds == 900);
        QVERIFY(p.platform.empty());
        const std::string written = projectToYaml(p);
        QVERIFY2(written.find("platform: npu-a") != std::string::npos, written.c_str());
        QVERIFY2(written.find("predictor:") == std::string::npos, written.c_str());
        QVERIFY2(written.find("validator:") == std::string::npos, written.c_str());
        const Project back = parseProject(written, "/p/f.yaml");
        QCOMPARE(back.finetuner.address, p.finetuner.address);
        QCOMPARE(back.finetuner.keyFile, p.finetuner.keyFile);
        for (const char *own : {"platform: b\n", "predictor: x.pt\n", "validator: simulator\n"}) {
            const QString e = projectError(text + own);
            QVERIFY2(e.contains("leaves it out"), qPrintable(e));
        }
        QVERIFY2(projectError("format: calibra-project\nversion: 1\nreference: a\nfinetuner: {address: nowhere, "
                              "platform: x, ca: a, cert: b, key: c}\n")
                     .contains("'nowhere' is not host:port"),
                 "an address without a port was accepted");
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "tst_project.moc"
