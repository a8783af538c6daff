// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli predictor train-offline | check | finetune (and predict | evaluate, in
// MeasurementCommands.cpp)
#include "CliCommands.h"
#include "MeasurementCommands.h"
#include "PredictorTarget.h"

#include "augment/AggModels.h"
#include "augment/Variations.h"
#include "graph/ContentHash.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "predictor/AccuracyCheck.h"
#include "model/DeviceTransfer.h"
#include "model/Finetune.h"
#include "model/GeneralSet.h"
#include "model/ShippedModel.h"
#include "validate/SimulatorValidator.h"

#include <QCommandLineParser>

#include <chrono>
#include <cstdio>

namespace calibra::cli {

using namespace predictor;
using namespace calibra::model;

namespace {

void printReport(const AccuracyReport &r, const char *title)
{
    std::printf("%s\n  %-14s %8s %8s %8s %10s %9s %9s\n", title, "metric", "n", "<=10%", "<=5%", "MAPE", "Spearman",
                "Kendall");
    for (int m = 0; m < kCheckMetricCount; ++m) {
        const MetricAccuracy &a = r.metric[size_t(m)];
        std::printf("  %-14s %8d %7.1f%% %7.1f%% %9.2f%% %9.4f %9.4f\n", checkMetricName(m), a.count, a.within10 * 100,
                    a.within5 * 100, a.mape * 100, a.spearman, a.kendall);
    }
}

// The shared target options, and the variants sampled from the reference network.
struct TargetArgs : PredictorTargetOptions
{
    QCommandLineOption samples{"samples", "Sub-networks sampled for the check (default 30).", "N", "30"};
    QCommandLineOption seed{"seed", "Random seed (default 1).", "SEED", "1"};
    QCommandLineOption inputShape = inputShapeOption();
    void add(QCommandLineParser &p) const
    {
        PredictorTargetOptions::add(p);
        p.addOptions({samples, seed, inputShape});
    }
};

int trainOffline(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Trains the offline predictor on a general set of random networks of every family, each on random targets "
        "drawn from all presets' ranges, labelled by the simulator. The same seed and options reproduce the model."));
    const QCommandLineOption output({"o", "output"}, "Model file to write.", "FILE");
    const QCommandLineOption seed("seed", "Random seed (default 1).", "SEED", "1");
    const QCommandLineOption networks("networks", "Generated networks (default 2000).", "N", "2000");
    const QCommandLineOption targets("targets-per-network", "Targets per network (default 4).", "K", "4");
    const QCommandLineOption epochs("epochs", "Training epochs (default 40).", "E", "40");
    const QCommandLineOption hidden("hidden", "Hidden width of the layer MLP (default 128).", "H", "128");
    parser.addOptions({output, seed, networks, targets, epochs, hidden});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "predictor train-offline", 0, 0, code))
        return code;
    if (!parser.isSet(output)) {
        std::fprintf(stderr, "calibra-cli predictor train-offline: --output is required\n");
        return kExitUsage;
    }
    try {
        const auto start = std::chrono::steady_clock::now();
        GeneralSetOptions g;
        g.seed = parser.value(seed).toULongLong();
        g.networks = parser.value(networks).toInt();
        g.targetsPerNetwork = parser.value(targets).toInt();
        // Never train on the built-in reference networks' exact structure.
        for (const auto &[name, net] : graph::referenceNetworks())
            g.excludedNetworks.insert(graph::networkContentHash(net));
        std::vector<Sample> all = generateGeneralSet(g, [](int done, int total) {
            if (done % 250 == 0 || done == total)
                std::fprintf(stderr, "\rgeneral set: %d / %d networks", done, total);
        });
        std::fprintf(stderr, "\n");
        // Held-out: every tenth network's samples (whole networks, not single targets).
        std::vector<Sample> trainSet, heldOut;
        for (size_t i = 0; i < all.size(); ++i)
            ((i / size_t(g.targetsPerNetwork)) % 10 == 9 ? heldOut : trainSet).push_back(std::move(all[i]));
        ModelOptions mo;
        mo.hidden = parser.value(hidden).toInt();
        mo.seed = g.seed;
        PerformanceModel model(mo);
        fitNormalization(model, trainSet);
        TrainOptions to;
        to.epochs = parser.value(epochs).toInt();
        to.seed = g.seed;
        to.patience = 1000; // the offline run keeps its best held-out epoch, without stopping early
        const TrainReport report = train(model, trainSet, heldOut, to, [](int epoch, double trainLoss, double held) {
            std::fprintf(stderr, "epoch %3d  train %.5f  held-out %.5f\n", epoch, trainLoss, held);
        });
        const AccuracyReport acc = checkSamples(model, heldOut);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        char desc[512];
        std::snprintf(
            desc, sizeof desc,
            "calibra-cli predictor train-offline --seed %llu --networks %d --targets-per-network %d --epochs %d "
            "--hidden %d; %zu training and %zu held-out samples; held-out within 10%%: latency %.1f%%, power "
            "%.1f%%, memory access %.1f%%; %.0f s",
            static_cast<unsigned long long>(g.seed), g.networks, g.targetsPerNetwork, to.epochs, mo.hidden,
            trainSet.size(), heldOut.size(), acc.metric[CheckLatency].within10 * 100,
            acc.metric[CheckPower].within10 * 100, acc.metric[CheckDram].within10 * 100, seconds);
        model.setDescription(desc);
        model.save(parser.value(output).toStdString());
        printReport(acc, "held-out accuracy of the offline model (general-set networks never trained on):");
        std::printf("trained %d epochs in %.0f s; wrote %s\n", report.epochs, seconds,
                    qPrintable(parser.value(output)));
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("predictor train-offline", e);
    }
}

struct Loaded
{
    graph::Network reference;
    hardware::Platform platform;
    hardware::TargetSetting setting;
    PerformanceModel model;
};

Loaded loadReferenceAndTarget(const QCommandLineParser &parser, const TargetArgs &a)
{
    Target t = loadTarget(parser.value(a.platform), parser.value(a.setting));
    return {graph::loadNetwork(parser.positionalArguments().at(0).toStdString(), inputShapesOf(parser, a.inputShape)),
            std::move(t.platform), t.setting, loadModel(parser.value(a.model).toStdString())};
}

int check(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Accuracy check: validates the reference network and sampled variants on the local simulator, predicts them, "
        "and decides whether the predictor needs finetuning for this target."));
    parser.addPositionalArgument("NETWORK", "The reference network.");
    TargetArgs a;
    a.add(parser);
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "predictor check", 1, 1, code))
        return code;
    if (!parser.isSet(a.platform)) {
        std::fprintf(stderr, "calibra-cli predictor check: --platform is required\n");
        return kExitUsage;
    }
    try {
        Loaded l = loadReferenceAndTarget(parser, a);
        validate::SimulatorValidator validator(l.platform);
        const auto nets = augment::sampleVariants(l.reference, parser.value(a.samples).toInt(),
                                                  parser.value(a.seed).toULongLong(), true);
        int failed = 0;
        const std::vector<Sample> samples = validatedSamples(nets, l.platform, l.setting, validator, "check", &failed);
        const AccuracyReport r = checkSamples(l.model, samples);
        printReport(r, "accuracy check:");
        std::printf("decision: %s\n", r.finetune ? "FINETUNE" : "bypass (the predictor is accurate enough here)");
        for (const TranslatableText &f : r.failures)
            std::printf("  failed %s\n", f.english().c_str());
        if (failed)
            std::printf("%d sampled networks could not be validated\n", failed);
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("predictor check", e);
    }
}

int finetuneCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Finetunes the predictor for one target on the reference network, sampled variants and AGG models, all "
        "validated on the local simulator; or, with --measurements, on every network of a table measured on a real "
        "device (docs/predictor.md). Keeps the old weights unless held-out accuracy improves."));
    parser.addPositionalArgument("NETWORK", "The reference network (not with --measurements).");
    TargetArgs a;
    a.add(parser);
    const QCommandLineOption output({"o", "output"}, "Where to write the finetuned model.", "FILE");
    const QCommandLineOption agg("agg",
                                 "AGG models to add: PREDEFINED,OPERATION,STRUCTURAL (default 8,16,8; 0,0,0 for none).",
                                 "A,B,C", "8,16,8");
    const QCommandLineOption method("method",
                                    "auto (calibrate, then retrain under the calibration), retrain (the layer MLP), "
                                    "calibrate (per-category scale and per-layer cost only), profile (a table of this "
                                    "device's per-layer costs, from many samples: makes a reference device) or "
                                    "transfer (mix the --reference devices' costs); default auto.",
                                    "METHOD", "auto");
    const QCommandLineOption reference("reference",
                                       "A reference device's model file, for --method transfer or auto "
                                       "(repeat for several).",
                                       "FILE");
    const QCommandLineOption measurements("measurements",
                                          "Finetune on this measurement table (CSV, docs/formats.md) "
                                          "instead of simulated variants of NETWORK.",
                                          "TABLE");
    const QCommandLineOption device("device", "The table's device column to adapt to (with --measurements).", "NAME");
    const QCommandLineOption heldOut("held-out",
                                     "Share of the measured networks held out to judge adoption "
                                     "(default 0.2; 0 for profile: fit every network).",
                                     "SHARE");
    parser.addOptions({output, agg, method, reference, measurements, device, heldOut});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "predictor finetune", 0, 1, code))
        return code;
    FinetuneMethod finetuneMethod = FinetuneMethod::Auto;
    if (!parseFinetuneMethod(parser.value(method).toStdString(), &finetuneMethod)) {
        std::fprintf(stderr,
                     "calibra-cli predictor finetune: --method takes auto, retrain, calibrate, profile or transfer, "
                     "not '%s'\n",
                     qPrintable(parser.value(method)));
        return kExitUsage;
    }
    if (finetuneMethod == FinetuneMethod::Transfer
            ? !parser.isSet(reference)
            : parser.isSet(reference) && finetuneMethod != FinetuneMethod::Auto) {
        std::fprintf(stderr, "calibra-cli predictor finetune: --reference goes with --method transfer (which needs "
                             "at least one) or auto\n");
        return kExitUsage;
    }
    if (parser.isSet(measurements) != parser.positionalArguments().isEmpty()
        || parser.isSet(measurements) != parser.isSet(device)) {
        std::fprintf(stderr, "calibra-cli predictor finetune: give either NETWORK or --measurements TABLE with "
                             "--device NAME\n");
        return kExitUsage;
    }
    bool shareOk = true;
    const double share = parser.isSet(heldOut)                       ? parser.value(heldOut).toDouble(&shareOk)
                         : finetuneMethod == FinetuneMethod::Profile ? 0.0
                                                                     : 0.2;
    if (!shareOk || share < 0 || share >= 1) {
        std::fprintf(stderr, "calibra-cli predictor finetune: --held-out takes a share in [0, 1), not '%s'\n",
                     qPrintable(parser.value(heldOut)));
        return kExitUsage;
    }
    if (parser.isSet(measurements)) {
        if (!parser.isSet(a.platform) || !parser.isSet(output)) {
            std::fprintf(stderr, "calibra-cli predictor finetune: --platform and --output are required\n");
            return kExitUsage;
        }
        MeasuredFinetune job;
        job.measurements = parser.value(measurements);
        job.device = parser.value(device);
        job.platform = parser.value(a.platform);
        job.setting = parser.value(a.setting);
        job.model = parser.value(a.model);
        job.output = parser.value(output);
        job.method = finetuneMethod;
        job.references = parser.values(reference);
        job.heldOutShare = share;
        job.seed = parser.value(a.seed).toULongLong();
        return finetuneOnMeasurements(job);
    }
    if (!parser.isSet(a.platform) || !parser.isSet(output)) {
        std::fprintf(stderr, "calibra-cli predictor finetune: --platform and --output are required\n");
        return kExitUsage;
    }
    const QStringList counts = parser.value(agg).split(QLatin1Char(','));
    if (counts.size() != 3) {
        std::fprintf(stderr, "calibra-cli predictor finetune: --agg takes three counts, for example 8,16,8\n");
        return kExitUsage;
    }
    try {
        Loaded l = loadReferenceAndTarget(parser, a);
        validate::SimulatorValidator validator(l.platform);
        const uint64_t seed = parser.value(a.seed).toULongLong();
        const auto nets = augment::sampleVariants(l.reference, parser.value(a.samples).toInt(), seed, true);
        std::vector<std::shared_ptr<const graph::Network>> aggNets;
        augment::AggOptions ao{counts[0].toInt(), counts[1].toInt(), counts[2].toInt(), seed};
        for (graph::Network &n : augment::generateAggModels(l.reference, ao))
            aggNets.push_back(std::make_shared<const graph::Network>(std::move(n)));
        const std::vector<Sample> data = validatedSamples(nets, l.platform, l.setting, validator, "finetune");
        const std::vector<Sample> agg = validatedSamples(aggNets, l.platform, l.setting, validator, "agg");
        FinetuneOptions fo;
        fo.seed = seed;
        fo.method = finetuneMethod;
        fo.heldOutShare = share;
        for (const QString &file : parser.values(reference))
            fo.references.push_back(loadReferenceModel(file.toStdString(), l.model));
        const FinetuneReport r = finetune(l.model, data, agg, fo);
        const std::string how = r.adopted ? "adopted (" + r.adoptedMethod + ")" : "old model kept";
        std::printf("finetuned on %d samples (%d held out): held-out loss %.5f -> %.5f, %s (%d epochs, %.1f s)\n",
                    r.trainSamples, r.heldOutSamples, r.heldOutLossBefore, r.heldOutLossAfter, how.c_str(),
                    r.train.epochs, r.train.seconds);
        std::printf("validations used: %zu\n", nets.size() + aggNets.size());
        l.model.save(parser.value(output).toStdString());
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("predictor finetune", e);
    }
}

} // namespace

int predictorCommand(const QStringList &arguments)
{
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("train-offline"))
        return trainOffline(arguments.mid(1));
    if (sub == QLatin1String("check"))
        return check(arguments.mid(1));
    if (sub == QLatin1String("finetune"))
        return finetuneCommand(arguments.mid(1));
    if (sub == QLatin1String("predict"))
        return predictNetworks(arguments.mid(1));
    if (sub == QLatin1String("evaluate"))
        return evaluateOnMeasurements(arguments.mid(1));
    const bool help = sub == QLatin1String("--help") || sub == QLatin1String("-h");
    std::fprintf(help ? stdout : stderr,
                 "%scalibra-cli predictor SUBCOMMAND [--help]\n"
                 "  train-offline  train the offline predictor on a general set of networks\n"
                 "  check          accuracy check for one network and target (simulator-labelled)\n"
                 "  finetune       adapt to a target: simulated variants, or a measurement table\n"
                 "  predict        predict networks' latency, power, energy and memory access\n"
                 "  evaluate       score a model against a measurement table\n",
                 help || sub.isEmpty()
                     ? ""
                     : qPrintable(QStringLiteral("calibra-cli predictor: unknown subcommand '%1'\n").arg(sub)));
    return help ? kExitOk : kExitUsage;
}

} // namespace calibra::cli
