// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli predictor predict | evaluate, and finetune --measurements: the predictor
// against a user's own networks and device measurements (docs/predictor.md).
#include "MeasurementCommands.h"
#include "PredictorTarget.h"

#include "graph/NetworkFile.h"
#include "hardware/Lowering.h"
#include "predictor/AccuracyCheck.h"
#include "model/DeviceTransfer.h"
#include "model/Finetune.h"
#include "model/ShippedModel.h"
#include "validate/MeasurementTable.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentMap>

#include <cmath>
#include <set>
#include <cstdio>

namespace calibra::cli {

using namespace predictor;
using namespace calibra::model;

namespace {

// Features of many networks, on every core (lowering and feature rows are per network).
std::vector<NetworkFeatures> featuresOf(const std::vector<std::shared_ptr<const graph::Network>> &networks,
                                        const Target &target)
{
    const std::function<NetworkFeatures(const std::shared_ptr<const graph::Network> &)> one =
        [&target](const std::shared_ptr<const graph::Network> &n) {
            return networkFeatures(hardware::lowerNetwork(*n), target.platform, target.setting);
        };
    const QList<NetworkFeatures> list = QtConcurrent::blockingMapped<QList<NetworkFeatures>>(networks, one);
    return {list.begin(), list.end()};
}

std::vector<Figures> predictAll(const PerformanceModel &model, const std::vector<NetworkFeatures> &features)
{
    std::vector<const NetworkFeatures *> batch;
    for (const NetworkFeatures &f : features)
        batch.push_back(&f);
    return model.predict(batch);
}

// The table's rows for one device as predictor samples (NaN where a metric was not
// measured), with the rows they came from.
struct MeasuredSamples
{
    std::vector<Sample> samples;
    std::vector<size_t> rows; // table row of each sample
};

MeasuredSamples measuredSamples(const validate::MeasurementTable &table, size_t device, const Target &target)
{
    MeasuredSamples out;
    std::vector<std::shared_ptr<const graph::Network>> networks;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const validate::Metrics m = table.metrics(device, r);
        if (std::isnan(m.latencyMs) && std::isnan(m.averagePowerMw) && std::isnan(m.dramBytes))
            continue; // this device did not measure this network
        Sample s;
        s.target = figuresOf(m);
        s.tag = table.rows[r].network;
        out.samples.push_back(std::move(s));
        out.rows.push_back(r);
        networks.push_back(table.rows[r].graph);
    }
    const std::vector<NetworkFeatures> features = featuresOf(networks, target);
    for (size_t i = 0; i < features.size(); ++i)
        out.samples[i].features = features[i];
    if (out.samples.empty())
        throw std::runtime_error(table.file + ": device '" + table.devices[device] + "' has no measured row");
    return out;
}

const char *const kUnits[kMetricCount] = {"ms", "mJ", "MB"};

double inTableUnits(const Figures &f, int metric)
{
    return metric == Latency ? f.latencySeconds * 1e3 : metric == Energy ? f.energyJoules * 1e3 : f.dramBytes / 1e6;
}

void printImplausible(const validate::MeasurementTable &table, const MeasuredSamples &measured,
                      const std::vector<RejectedMeasurement> &rejected)
{
    for (const RejectedMeasurement &x : rejected) {
        const validate::MeasurementTable::Row &row = table.rows[measured.rows[x.sample]];
        const Figures &f = measured.samples[x.sample].target;
        char why[128] = "zero";
        if (x.factor > 0)
            std::snprintf(why, sizeof why, "%.1fx %s than the other networks' measured / predicted ratio suggests",
                          x.factor < 1 ? 1 / x.factor : x.factor, x.factor < 1 ? "lower" : "higher");
        std::printf("  implausible, left out: %s:%d (%s): %s %.6g %s is %s\n", table.file.c_str(), row.line,
                    row.network.c_str(), metricName(x.metric), inTableUnits(f, x.metric), kUnits[x.metric], why);
    }
}

} // namespace

int predictNetworks(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Predicts latency, power, energy and memory access of networks on a platform and target setting, in one "
        "batch (the search's fast path).\nNETWORK is a .yaml, .onnx or .onnx.gz file or builtin:NAME."));
    parser.addPositionalArgument(QStringLiteral("NETWORK..."), QStringLiteral("The networks to predict."));
    const PredictorTargetOptions target;
    target.add(parser);
    const QCommandLineOption json("json", "Print one JSON list, one object per network in argument order.");
    const QCommandLineOption inputShape = inputShapeOption(NetworkCount::Several);
    parser.addOptions({json, inputShape});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "predictor predict", 1, 1 << 30, code))
        return code;
    if (!parser.isSet(target.platform)) {
        std::fprintf(stderr, "calibra-cli predictor predict: --platform is required\n");
        return kExitUsage;
    }
    try {
        const Target device = loadTarget(parser.value(target.platform), parser.value(target.setting));
        const PerformanceModel predictorModel = loadModel(parser.value(target.model).toStdString());
        const QStringList names = parser.positionalArguments();
        std::vector<std::string> paths;
        for (const QString &n : names)
            paths.push_back(n.toStdString());
        // Loaded on every core; QtConcurrent would rethrow a loader's exception without its
        // message, so each result carries its own.
        struct Loaded
        {
            std::shared_ptr<const graph::Network> network;
            std::string error;
        };
        const graph::InputShapes sizes = inputShapesOf(parser, inputShape);
        const std::function<Loaded(const std::string &)> load = [&sizes](const std::string &path) {
            try {
                return Loaded{std::make_shared<const graph::Network>(loadNetworkSizedIfOnnx(path, sizes)), {}};
            } catch (const std::exception &e) {
                return Loaded{nullptr, e.what()};
            }
        };
        std::vector<std::shared_ptr<const graph::Network>> networks;
        for (const Loaded &l : QtConcurrent::blockingMapped<QList<Loaded>>(paths, load)) {
            if (!l.network)
                throw std::runtime_error(l.error);
            networks.push_back(l.network);
        }
        const std::vector<Figures> figures = predictAll(predictorModel, featuresOf(networks, device));
        if (parser.isSet(json)) {
            QJsonArray list;
            for (size_t i = 0; i < figures.size(); ++i)
                list.append(QJsonObject{{"network", names[qsizetype(i)]},
                                        {"latency_ms", figures[i].latencySeconds * 1e3},
                                        {"power_mw", figures[i].powerWatts() * 1e3},
                                        {"energy_mj", figures[i].energyJoules * 1e3},
                                        {"memory_access_mb", figures[i].dramBytes / 1e6}});
            std::fputs(QJsonDocument(list).toJson(QJsonDocument::Indented).constData(), stdout);
            return kExitOk;
        }
        std::printf("%-40s %12s %10s %11s %18s\n", "network", "latency ms", "power mW", "energy mJ",
                    "memory access MB");
        for (size_t i = 0; i < figures.size(); ++i)
            std::printf("%-40s %12.4f %10.1f %11.4f %18.3f\n", qPrintable(names[qsizetype(i)]),
                        figures[i].latencySeconds * 1e3, figures[i].powerWatts() * 1e3, figures[i].energyJoules * 1e3,
                        figures[i].dramBytes / 1e6);
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("predictor predict", e);
    }
}

int evaluateOnMeasurements(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Scores a predictor model against a table of measurements (docs/formats.md): per measured metric, Spearman "
        "and Kendall rank correlation, the share of predictions within 10% and 5%, and MAPE. Rows whose "
        "measurement is implausible (docs/predictor.md) are named and left out."));
    const PredictorTargetOptions target;
    target.add(parser);
    const QCommandLineOption measurements("measurements", "The measurement table (CSV).", "TABLE");
    const QCommandLineOption device("device", "The device column to score against.", "NAME");
    const QCommandLineOption json("json", "Print one JSON object.");
    parser.addOptions({measurements, device, json});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "predictor evaluate", 0, 0, code))
        return code;
    if (!parser.isSet(target.platform) || !parser.isSet(measurements) || !parser.isSet(device)) {
        std::fprintf(stderr, "calibra-cli predictor evaluate: --platform, --measurements and --device are required\n");
        return kExitUsage;
    }
    try {
        const validate::MeasurementTable table =
            validate::loadMeasurementTable(parser.value(measurements).toStdString());
        const size_t d = table.device(parser.value(device).toStdString());
        const Target onDevice = loadTarget(parser.value(target.platform), parser.value(target.setting));
        const PerformanceModel predictorModel = loadModel(parser.value(target.model).toStdString());
        const MeasuredSamples measured = measuredSamples(table, d, onDevice);
        const std::vector<RejectedMeasurement> rejected = screenMeasurements(predictorModel, measured.samples);
        std::vector<bool> left(measured.samples.size(), false);
        for (const RejectedMeasurement &x : rejected)
            left[x.sample] = true;
        std::vector<Figures> truth, predicted;
        const std::vector<Figures> all = [&] {
            std::vector<NetworkFeatures> f;
            for (const Sample &s : measured.samples)
                f.push_back(s.features);
            return predictAll(predictorModel, f);
        }();
        for (size_t i = 0; i < measured.samples.size(); ++i)
            if (!left[i]) {
                truth.push_back(measured.samples[i].target);
                predicted.push_back(all[i]);
            }
        const AccuracyReport r = checkAccuracy(predicted, truth);
        if (parser.isSet(json)) {
            QJsonObject metrics;
            for (int m = 0; m < kCheckMetricCount; ++m) {
                const MetricAccuracy &a = r.metric[size_t(m)];
                if (a.count == 0)
                    continue;
                metrics.insert(QLatin1String(checkMetricName(m)), QJsonObject{{"count", a.count},
                                                                              {"spearman", a.spearman},
                                                                              {"kendall", a.kendall},
                                                                              {"within_10", a.within10},
                                                                              {"within_5", a.within5},
                                                                              {"mape", a.mape}});
            }
            QJsonArray implausible;
            for (const RejectedMeasurement &x : rejected)
                implausible.append(
                    QJsonObject{{"line", table.rows[measured.rows[x.sample]].line},
                                {"network", QString::fromStdString(table.rows[measured.rows[x.sample]].network)},
                                {"metric", QLatin1String(metricName(x.metric))},
                                {"factor", x.factor}});
            const QJsonObject root{{"device", parser.value(device)},
                                   {"rows", int(measured.samples.size())},
                                   {"metrics", metrics},
                                   {"implausible", implausible}};
            std::fputs(QJsonDocument(root).toJson(QJsonDocument::Indented).constData(), stdout);
            return kExitOk;
        }
        std::printf("%s against %s, device %s: %zu measured networks", qPrintable(parser.value(target.model)),
                    table.file.c_str(), table.devices[d].c_str(), measured.samples.size());
        // A network is left out of the metrics it measured implausibly: count networks,
        // not their implausible figures.
        std::set<size_t> implausibleNetworks;
        for (const RejectedMeasurement &x : rejected)
            implausibleNetworks.insert(x.sample);
        if (!implausibleNetworks.empty())
            std::printf(", %zu with implausible figures left out", implausibleNetworks.size());
        std::printf("\n  %-14s %8s %9s %9s %8s %8s %9s\n", "metric", "n", "Spearman", "Kendall", "<=10%", "<=5%",
                    "MAPE");
        for (int m = 0; m < kCheckMetricCount; ++m) {
            const MetricAccuracy &a = r.metric[size_t(m)];
            if (a.count > 0)
                std::printf("  %-14s %8d %9.4f %9.4f %7.1f%% %7.1f%% %8.2f%%\n", checkMetricName(m), a.count,
                            a.spearman, a.kendall, a.within10 * 100, a.within5 * 100, a.mape * 100);
        }
        printImplausible(table, measured, rejected);
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("predictor evaluate", e);
    }
}

int finetuneOnMeasurements(const MeasuredFinetune &job)
{
    try {
        const validate::MeasurementTable table = validate::loadMeasurementTable(job.measurements.toStdString());
        const size_t d = table.device(job.device.toStdString());
        const Target target = loadTarget(job.platform, job.setting);
        PerformanceModel model = loadModel(job.model.toStdString());
        const MeasuredSamples measured = measuredSamples(table, d, target);
        FinetuneOptions fo;
        fo.seed = job.seed;
        fo.method = job.method;
        fo.heldOutShare = job.heldOutShare;
        for (const QString &file : job.references)
            fo.references.push_back(loadReferenceModel(file.toStdString(), model));
        const FinetuneReport r = finetune(model, measured.samples, {}, fo);
        std::printf("device %s: %zu measured networks from %s\n", table.devices[d].c_str(), measured.samples.size(),
                    table.file.c_str());
        printImplausible(table, measured, r.implausible);
        if (!std::isnan(r.transferHeldOutError))
            std::printf("auto: leave-one-out error (mean |log ratio|): transfer %.4f, calibration %.4f -> %s\n",
                        r.transferHeldOutError, r.calibrationHeldOutError,
                        r.transferHeldOutError < r.calibrationHeldOutError ? "transfer" : "calibration");
        const std::string how = r.adopted ? "adopted (" + r.adoptedMethod + ")" : "old model kept";
        std::printf("finetuned on %d samples (%d held out): %s loss %.5f -> %.5f, %s\n", r.trainSamples,
                    r.heldOutSamples, r.heldOutSamples ? "held-out" : "training", r.heldOutLossBefore,
                    r.heldOutLossAfter, how.c_str());
        model.save(job.output.toStdString());
        std::printf("wrote %s\n", qPrintable(job.output));
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("predictor finetune", e);
    }
}

} // namespace calibra::cli
