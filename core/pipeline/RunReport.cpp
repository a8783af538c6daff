// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunReport.h"

#include "ReportCharts.h"

#include "hardware/TargetSetting.h"
#include "pipeline/RunSnapshot.h"

#include <QDir>
#include <cmath>
#include <optional>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

#include <yaml-cpp/yaml.h>

namespace calibra::report {

using namespace pipeline;

namespace {

QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

// A metric the validator did not measure (NaN) is an empty CSV cell and "not measured"
// in the HTML, never a 0 or "nan" that reads as a figure.
QString csvNumber(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 8) : QString();
}
// NaN (a figure there is none of) as JSON null: Qt would write it as 0.
QJsonValue jsonNumber(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}
QString measuredText(double v)
{
    return std::isfinite(v) ? QString::number(v) : QStringLiteral("not measured");
}
QString rho(const predictor::MetricAccuracy &a)
{
    return a.count == 0 ? QStringLiteral("not measured") : QString::number(a.spearman, 'f', 3);
}

QJsonArray strings(const std::vector<std::string> &lines)
{
    QJsonArray out;
    for (const std::string &l : lines)
        out.append(str(l));
    return out;
}

// The reports are English (the GUI's PDF translates).
QJsonArray strings(const std::vector<TranslatableText> &texts)
{
    QJsonArray out;
    for (const TranslatableText &t : texts)
        out.append(str(t.english()));
    return out;
}

void writeText(const QDir &dir, const char *name, const QString &text)
{
    QFile f(dir.filePath(QString::fromUtf8(name)));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw RunStoreError(f.fileName().toStdString() + ": cannot write the report");
    f.write(text.toUtf8());
}

QJsonObject metricsJson(const predictor::AccuracyReport &r)
{
    QJsonObject o;
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        const auto &a = r.metric[size_t(m)];
        o[QString::fromUtf8(predictor::checkMetricName(m))] =
            QJsonObject{{"within10", a.within10}, {"within5", a.within5}, {"mape", a.mape},  {"rmse", a.rmse},
                        {"spearman", a.spearman}, {"kendall", a.kendall}, {"count", a.count}};
    }
    return o;
}

// Distinct networks validated, by what for ("unrecorded": a run from before purposes).
QJsonObject purposesJson(const ValidationCounts &counts)
{
    QJsonObject out;
    for (int k = 0; k < kValidationPurposeCount; ++k)
        out[QLatin1String(validationPurposeName(ValidationPurpose(k)))] = counts.byPurpose[size_t(k)];
    if (counts.unrecorded > 0)
        out[QStringLiteral("unrecorded")] = counts.unrecorded;
    return out;
}

// The target setting the run resolved (report.json's `target_setting`), or null for a run
// from before it was recorded.
QJsonValue targetSettingJson(const RunStore &store)
{
    const std::optional<std::string> yaml = store.meta("target_setting");
    if (!yaml)
        return QJsonValue::Null;
    const hardware::TargetSetting t = hardware::parseResolvedTargetSettingYaml(*yaml, "the run's target setting");
    const QJsonValue tiling =
        t.autoTiling
            ? QJsonValue(QStringLiteral("auto"))
            : QJsonValue(QJsonObject{{"m", qint64(t.tile.m)}, {"n", qint64(t.tile.n)}, {"k", qint64(t.tile.k)}});
    return QJsonObject{{"compile", QJsonObject{{"tiling", tiling},
                                               {"fusion", QLatin1String(hardware::fusionName(t.fusion))},
                                               {"dataflow", QLatin1String(hardware::dataflowName(t.dataflow))},
                                               {"precision", QLatin1String(hardware::precisionName(t.precision))}}},
                       {"hardware", QJsonObject{{"dvfs_mhz", t.dvfsMhz},
                                                {"dram_cap_gbps", t.dramCapGBps > 0 ? QJsonValue(t.dramCapGBps)
                                                                                    : QJsonValue(QJsonValue::Null)},
                                                {"active_cores", t.activeCores},
                                                {"sram_budget_kib", t.sramBudgetKiB}}}};
}

// The setting in words for report.html's first paragraph.
QString targetSettingText(const QJsonValue &setting)
{
    if (!setting.isObject())
        return QStringLiteral("the platform's setting (not recorded)");
    const QJsonObject c = setting["compile"].toObject(), hw = setting["hardware"].toObject();
    const QJsonValue tiling = c["tiling"];
    const QString tile = tiling.isString() ? QStringLiteral("auto tiling")
                                           : QStringLiteral("tiles %1x%2x%3")
                                                 .arg(tiling["m"].toInteger())
                                                 .arg(tiling["n"].toInteger())
                                                 .arg(tiling["k"].toInteger());
    const QString cap = hw["dram_cap_gbps"].isNull()
                            ? QStringLiteral("no DRAM cap")
                            : QStringLiteral("DRAM capped at %1 GB/s").arg(hw["dram_cap_gbps"].toDouble());
    return QStringLiteral("%1, %2 fusion, %3 dataflow, %4; %5 MHz, %6, %7 core(s), %8 KiB SRAM")
        .arg(tile, c["fusion"].toString(), c["dataflow"].toString(), c["precision"].toString())
        .arg(hw["dvfs_mhz"].toDouble())
        .arg(cap)
        .arg(hw["active_cores"].toInt())
        .arg(hw["sram_budget_kib"].toDouble());
}

QString escape(const QString &s)
{
    return s.toHtmlEscaped();
}

// generations.csv's columns: keys that scripts read, kept as they are whatever the
// estimator (best_accuracy holds its figure, docs/pipeline.md).
const char *const kGenerationsCsvHeader = "search,generation,size,evaluated,feasible,best_accuracy,min_latency_ms,"
                                          "mean_latency_ms,mean_power_mw,mean_dram_mb";

// report.html's headers for the same columns, in words: the best column names the
// estimator's figure ("best feasible log10 parameters"), never an accuracy it is not.
QStringList generationsHtmlHeaders(supernet::EstimatorKind estimator)
{
    return {QStringLiteral("search"),
            QStringLiteral("generation"),
            QStringLiteral("members"),
            QStringLiteral("new candidates"),
            QStringLiteral("feasible"),
            QStringLiteral("best feasible %1").arg(QLatin1String(supernet::estimateNoun(estimator))),
            QStringLiteral("fastest predicted latency (ms)"),
            QStringLiteral("mean predicted latency (ms)"),
            QStringLiteral("mean predicted power (mW)"),
            QStringLiteral("mean predicted memory access (MB)")};
}

// One generation's cells, in generations.csv's column order; the best is empty when no
// member is feasible (a 0 would read as an estimate).
QStringList generationCells(int search, const search::Generation &g, int evaluated, const PopulationStats &st)
{
    return {QString::number(search),
            QString::number(g.index),
            QString::number(g.population.size()),
            QString::number(evaluated),
            QString::number(st.feasible),
            st.bestAccuracy ? QString::number(*st.bestAccuracy, 'g', 8) : QString(),
            QString::number(st.minLatencyMs, 'g', 6),
            QString::number(st.meanLatencyMs, 'g', 6),
            QString::number(st.meanPowerMw, 'g', 6),
            QString::number(st.meanDramBytes / 1e6, 'g', 6)};
}

// report.json's generation: best_accuracy is null when no member is feasible.
QJsonObject generationJson(int search, const search::Generation &g, const PopulationStats &st)
{
    return QJsonObject{{"search", search},
                       {"generation", g.index},
                       {"feasible", st.feasible},
                       {"best_accuracy", st.bestAccuracy ? QJsonValue(*st.bestAccuracy) : QJsonValue(QJsonValue::Null)},
                       {"mean_latency_ms", st.meanLatencyMs}};
}

// report.html's Generations table: worded headers, "none feasible" for an empty best.
void writeGenerationsTable(QTextStream &h, const QStringList &headers, const std::vector<QStringList> &rows)
{
    h << "<h2>Generations</h2>\n<table><tr>";
    for (const QString &col : headers)
        h << "<th>" << escape(col) << "</th>";
    h << "</tr>\n";
    const qsizetype best = 5; // the best column's index (generationCells)
    for (const QStringList &row : rows) {
        h << "<tr>";
        for (qsizetype i = 0; i < row.size(); ++i)
            h << "<td>" << (i == best && row[i].isEmpty() ? QStringLiteral("none feasible") : escape(row[i]))
              << "</td>";
        h << "</tr>\n";
    }
    h << "</table>\n";
}

// [{"name": "image", "shape": [1, 3, 32, 32]}, ...]
QJsonArray tensorsJson(const std::vector<graph::TensorDecl> &tensors)
{
    QJsonArray out;
    for (const graph::TensorDecl &t : tensors) {
        QJsonArray shape;
        for (int64_t d : t.shape)
            shape.append(qint64(d));
        out.append(QJsonObject{{"name", QString::fromStdString(t.name)}, {"shape", shape}});
    }
    return out;
}

// "image [1, 3, 32, 32]" for each, joined; where `reference` differs, its shape after.
QString tensorsText(const std::vector<graph::TensorDecl> &tensors, const std::vector<graph::TensorDecl> &reference)
{
    QStringList parts;
    for (size_t i = 0; i < tensors.size(); ++i) {
        QString part = QString::fromStdString(tensors[i].name + " " + graph::shapeToString(tensors[i].shape));
        if (i < reference.size() && reference[i].shape != tensors[i].shape)
            part += QString::fromStdString(" (the reference's " + graph::shapeToString(reference[i].shape) + ")");
        parts << part;
    }
    return parts.join(", ");
}

} // namespace

void writeRunReport(const RunStore &store, const RunResult &result)
{
    const QDir dir(str(store.directory()));
    const RunSnapshot run = snapshotOf(store);
    const Project &project = run.project;

    // Generations of every search.
    QString generationsCsv = QString::fromLatin1(kGenerationsCsvHeader) + QLatin1Char('\n');
    std::vector<QStringList> generationRows;
    QString populationCsv =
        "search,generation,member,genotype,accuracy,latency_ms,power_mw,energy_mj,dram_bytes,feasible\n";
    QJsonArray generationsJson;
    for (int s = 0; s < int(run.searches.size()); ++s) {
        const std::vector<search::Generation> &gens = run.searches[size_t(s)];
        const auto evaluated = store.evaluatedCounts(s);
        for (size_t gi = 0; gi < gens.size(); ++gi) {
            const auto &g = gens[gi];
            const PopulationStats st = populationStats(g, project.search.constraints);
            for (size_t m = 0; m < g.evaluations.size(); ++m) {
                const auto &e = g.evaluations[m];
                populationCsv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10\n")
                                     .arg(s)
                                     .arg(g.index)
                                     .arg(m)
                                     .arg(str(genotypeText(g.population[m])))
                                     .arg(e.accuracy, 0, 'g', 8)
                                     .arg(e.latencyMs, 0, 'g', 8)
                                     .arg(e.powerMw, 0, 'g', 8)
                                     .arg(e.energyMj, 0, 'g', 8)
                                     .arg(e.dramBytes, 0, 'g', 10)
                                     .arg(int(project.search.constraints.violation(e) == 0));
            }
            generationRows.push_back(generationCells(s, g, gi < evaluated.size() ? evaluated[gi] : 0, st));
            generationsCsv += generationRows.back().join(QLatin1Char(',')) + QLatin1Char('\n');
            generationsJson.append(generationJson(s, g, st));
        }
    }

    QString checksCsv = "check,search,stage,genotype,pred_latency_ms,val_latency_ms,pred_power_mw,val_power_mw,"
                        "pred_dram_mb,val_dram_mb\n";
    QJsonArray checksJson;
    int checkIndex = 0;
    for (const StoredCheck &c : run.checks) {
        QJsonArray points;
        for (const StoredCheckSample &x : c.samples) {
            if (!x.wasValidated())
                continue;
            checksCsv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10\n")
                             .arg(checkIndex)
                             .arg(c.search)
                             .arg(QString::fromLatin1(pipeline::checkStageName(c.summary.stage)))
                             .arg(str(x.genotype))
                             .arg(csvNumber(x.predicted.latencySeconds * 1e3))
                             .arg(csvNumber(x.validated.latencySeconds * 1e3))
                             .arg(csvNumber(x.predicted.powerWatts() * 1e3))
                             .arg(csvNumber(x.validated.powerWatts() * 1e3))
                             .arg(csvNumber(x.predicted.dramBytes / 1e6))
                             .arg(csvNumber(x.validated.dramBytes / 1e6));
            if (std::isfinite(x.validated.latencySeconds)) // a table may measure memory access alone
                points.append(QJsonArray{x.predicted.latencySeconds * 1e3, x.validated.latencySeconds * 1e3});
        }
        QJsonArray failures;
        for (const auto &f : c.summary.report.failures)
            failures.append(str(f.english()));
        checksJson.append(
            QJsonObject{{"search", c.search},
                        {"generation", c.generation},
                        {"stage", QString::fromLatin1(pipeline::checkStageName(c.summary.stage))},
                        {"samples", c.summary.samples},
                        {"decision", QString::fromUtf8(checkDecisionName(c.summary.decision))},
                        {"failures", failures},
                        {"notes", strings(c.summary.report.notes)},
                        {"decisions", QJsonObject{{"compared", c.summary.decisions.candidates},
                                                  {"feasibility_agreement", c.summary.decisions.feasibility},
                                                  {"front_agreement", c.summary.decisions.front},
                                                  {"threshold", project.thresholds.minDecisionAgreement}}},
                        {"sample", QJsonObject{{"front", c.summary.origins.front},
                                               {"near_limits", c.summary.origins.nearLimits},
                                               {"random", c.summary.origins.random}}},
                        {"metrics", metricsJson(c.summary.report)},
                        {"latency_points_ms", points}});
        ++checkIndex;
    }
    QJsonArray finetunesJson;
    for (const FinetuneSummary &f : run.finetunes)
        finetunesJson.append(
            QJsonObject{{"stage", QString::fromLatin1(pipeline::checkStageName(f.stage))},
                        {"train_samples", f.trainSamples},
                        {"held_out_samples", f.heldOutSamples},
                        {"agg_models", f.aggModels},
                        {"held_out_loss_before", jsonNumber(f.heldOutLossBefore)},
                        {"held_out_loss_after", jsonNumber(f.heldOutLossAfter)},
                        {"adopted", f.adopted},
                        {"method", str(f.method)},
                        {"finetune_set", QJsonObject{{"reference", f.composition.reference},
                                                     {"sub_networks", f.composition.subnetworks},
                                                     {"agg_predefined", f.composition.aggPredefined},
                                                     {"agg_operation_variations", f.composition.aggOperation},
                                                     {"agg_structural_variations", f.composition.aggStructural}}},
                        {"seconds", f.seconds}});
    const FinalModel &fm = result.final;
    std::vector<std::string> warnings;
    for (const Event &e : run.events)
        if (e.kind == EventKind::Warning)
            warnings.push_back(e.message);
    QJsonArray violations;
    for (const auto &v : fm.violations)
        violations.append(str(v));
    // Figures of a step that did not happen are null, never a -1 or 0 that reads as one.
    const bool hasWeights = fm.weights != FinalWeights::None; // trained or inherited: tested
    const auto ifTested = [&](QJsonValue v) { return hasWeights ? v : QJsonValue(QJsonValue::Null); };
    const auto ifRetrained = [&](QJsonValue v) {
        return fm.weights == FinalWeights::Trained ? v : QJsonValue(QJsonValue::Null);
    };
    const auto ifFound = [&](QJsonValue v) { return fm.found ? v : QJsonValue(QJsonValue::Null); };
    const auto ifValidated = [&](QJsonValue v) { return fm.validated.ok ? v : QJsonValue(QJsonValue::Null); };
    QJsonObject validatedJson{{"ok", fm.validated.ok},
                              {"latency_ms", ifValidated(fm.validated.latencyMs)},
                              {"power_mw", ifValidated(fm.validated.averagePowerMw)},
                              {"energy_mj", ifValidated(fm.validated.energyMj)},
                              {"dram_bytes", ifValidated(fm.validated.dramBytes)}};
    if (fm.validated.ok && fm.validated.latencyHighMs > 0) { // a repeated measurement: its median's interval and spread
        validatedJson["latency_high_ms"] = fm.validated.latencyHighMs;
        validatedJson["latency_spread"] = fm.validated.latencySpread;
    }
    const QJsonValue baselineJson =
        fm.baselineTestAccuracy < 0
            ? QJsonValue(QJsonValue::Null)
            : QJsonObject{{"what", fm.weights == FinalWeights::Inherited
                                       ? "the smallest sub-network, given the supernet's weights the same way"
                                       : "the smallest sub-network, trained the same way"},
                          {"genotype", str(genotypeText(fm.baselineGenotype))},
                          {"test_accuracy", fm.baselineTestAccuracy}};
    const QJsonObject finalJson{{"found", fm.found},
                                {"genotype", str(genotypeText(fm.genotype))},
                                {"description", str(fm.description)},
                                {"parameters", ifFound(qint64(fm.parameters))},
                                {"macs", ifFound(qint64(fm.macs))},
                                {"predicted", QJsonObject{{"latency_ms", ifFound(fm.predicted.latencyMs)},
                                                          {"power_mw", ifFound(fm.predicted.powerMw)},
                                                          {"energy_mj", ifFound(fm.predicted.energyMj)},
                                                          {"dram_bytes", ifFound(fm.predicted.dramBytes)}}},
                                {"validated", validatedJson},
                                {"meets_constraints", fm.meetsConstraints},
                                {"rank", ifFound(fm.rank)},
                                {"candidates_validated", fm.candidatesValidated},
                                {"ranked_above_over_limits", fm.rankedAboveOverLimits},
                                {"violations", violations},
                                {"accuracy_estimate", ifFound(fm.estimate)},
                                {"test_accuracy", ifTested(fm.testAccuracy)},
                                {"test_images", ifTested(fm.testImages)},
                                {"training_seconds", ifRetrained(fm.trainingSeconds)},
                                {"training_epochs", ifRetrained(fm.trainingEpochs)},
                                {"weights", finalWeightsName(fm.weights)},
                                {"baseline", baselineJson},
                                {"chance_accuracy", ifTested(fm.chanceAccuracy)},
                                {"flags", strings(fm.flags)},
                                {"inputs", tensorsJson(fm.inputs)},
                                {"outputs", tensorsJson(fm.outputs)},
                                {"reference_inputs", tensorsJson(fm.referenceInputs)},
                                {"reference_outputs", tensorsJson(fm.referenceOutputs)},
                                {"trained_weights", fm.found && hasWeights},
                                {"onnx", str(fm.onnxPath)},
                                {"yaml", str(fm.yamlPath)}};
    const QJsonValue setting = targetSettingJson(store);
    const auto &c = project.search.constraints;
    const QJsonObject summary{{"project", str(project.name)},
                              {"mode", QString::fromUtf8(modeName(project.mode))},
                              {"reference", str(project.reference)},
                              {"reference_input_shape", str(project.referenceInputShape)},
                              {"platform", str(platformLabel(project))},
                              {"target_setting", setting},
                              {"accuracy_estimator", QLatin1String(supernet::estimatorKindName(project.estimator))},
                              {"constraints", QJsonObject{{"max_latency_ms", c.maxLatencyMs},
                                                          {"max_power_mw", c.maxPowerMw},
                                                          {"max_dram_mb", c.maxDramBytes / 1e6}}},
                              {"searches", result.searches},
                              {"validations", result.validations},
                              {"validations_by_purpose", purposesJson(result.validationsByPurpose)},
                              {"warnings", strings(warnings)},
                              {"checks", checksJson},
                              {"finetunes", finetunesJson},
                              {"generations", generationsJson},
                              {"final_model", finalJson}};
    const QString json = QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Indented));
    writeText(dir, "report.json", json);
    writeText(dir, "generations.csv", generationsCsv);
    writeText(dir, "population.csv", populationCsv);
    writeText(dir, "checks.csv", checksCsv);

    QString html;
    QTextStream h(&html);
    h << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Calibra run " << escape(str(project.name))
      << "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
         "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}</style></head><body>\n";
    h << "<h1>Calibra run: " << escape(str(project.name)) << "</h1>\n<p>Mode <b>" << modeName(project.mode)
      << "</b>, reference " << escape(str(project.reference)) << " on " << escape(str(platformLabel(project))) << " ("
      << escape(targetSettingText(setting)) << "); " << result.searches << " search(es), " << result.validations
      << " validations (" << str(validationBreakdown(result.validationsByPurpose)) << ").</p>\n";
    if (!warnings.empty()) {
        h << "<div style=\"border:2px solid #c60;background:#fff3e0;padding:4px 12px\"><h2>Warnings</h2><ul>\n";
        for (const std::string &w : warnings)
            h << "<li>" << escape(str(w)) << "</li>\n";
        h << "</ul></div>\n";
    }
    h << "<h2>Final model</h2>\n";
    if (fm.found) {
        h << "<p>" << escape(str(fm.description)) << "; " << QLocale::c().toString(qlonglong(fm.parameters))
          << " parameters, " << QLocale::c().toString(double(fm.macs) / 1e6, 'f', 2)
          << " M multiply-accumulates.</p><table><tr><th></th><th>latency (ms)</th><th>power (mW)</th>"
          << "<th>memory access (MB)</th></tr>";
        h << "<tr><th>predicted</th><td>" << fm.predicted.latencyMs << "</td><td>" << fm.predicted.powerMw
          << "</td><td>" << fm.predicted.dramBytes / 1e6 << "</td></tr>";
        h << "<tr><th>validated</th><td>" << measuredText(fm.validated.latencyMs)
          << (fm.validated.latencyHighMs > 0 ? QString(" (median; 95% interval up to %1, spread %2%)")
                                                   .arg(fm.validated.latencyHighMs, 0, 'g', 4)
                                                   .arg(fm.validated.latencySpread * 100, 0, 'f', 1)
                                             : QString())
          << "</td><td>" << measuredText(fm.validated.averagePowerMw) << "</td><td>"
          << measuredText(fm.validated.dramBytes / 1e6) << "</td></tr>";
        h << "<tr><th>limit</th><td>" << (c.maxLatencyMs > 0 ? QString::number(c.maxLatencyMs) : "-") << "</td><td>"
          << (c.maxPowerMw > 0 ? QString::number(c.maxPowerMw) : "-") << "</td><td>"
          << (c.maxDramBytes > 0 ? QString::number(c.maxDramBytes / 1e6) : "-") << "</td></tr></table>\n";
        h << "<p>" << (fm.meetsConstraints ? "Meets the constraints." : "<b>Breaks the constraints:</b> ");
        for (const auto &v : fm.violations)
            h << escape(str(v)) << "; ";
        const bool inherited = fm.weights == FinalWeights::Inherited;
        if (inherited)
            h << " Test accuracy with the weight-sharing supernet's weights (BatchNorm statistics, if any, "
                 "recalibrated), not retrained: "
              << QString::number(fm.testAccuracy * 100, 'f', 2) << "% on " << fm.testImages << " test images.";
        else if (fm.testAccuracy >= 0)
            h << " Test accuracy after the final training (" << fm.trainingEpochs
              << " epoch(s)): " << QString::number(fm.testAccuracy * 100, 'f', 2) << "% on " << fm.testImages
              << " test images.";
        if (fm.baselineTestAccuracy >= 0)
            h << (inherited ? " The smallest sub-network, given the supernet's weights the same way: "
                            : " The smallest sub-network, trained the same way: ")
              << QString::number(fm.baselineTestAccuracy * 100, 'f', 2) << "%.";
        h << "</p>\n";
        for (const TranslatableText &flag : fm.flags)
            h << "<p><b>Not a trustworthy result:</b> " << escape(str(flag.english())) << "</p>\n";
        h << "<p>Inputs: " << escape(tensorsText(fm.inputs, fm.referenceInputs))
          << "; outputs: " << escape(tensorsText(fm.outputs, fm.referenceOutputs)) << ".</p>\n";
        h << "<p>"
          << (inherited    ? "final_model.onnx and final_model.yaml hold the network with the supernet's weights, "
                             "not retrained; a run with final_training.epochs above 0 trains it on from them."
              : hasWeights ? "final_model.onnx and final_model.yaml hold the trained network."
                           : "final_model.onnx and final_model.yaml hold the network's structure only: it was "
                             "not trained (final_training.epochs is 0), so its weights are empty (ONNX graph "
                             "inputs); a one-shot accuracy estimator would have given it the supernet's weights.")
          << "</p>\n";
    } else {
        h << "<p>No final model.</p>\n";
    }
    h << "<h2>Charts</h2>\n<p>Each generation: the mean prediction over its members, and for the members that "
         "were validated (its best "
      << project.validatePerGeneration
      << " and any a check sampled) their mean prediction beside their validated mean, with a band of +-10% "
         "around it. Dashed lines: the accuracy checks and their decisions.</p>\n";
    for (const SvgChart &chart : generationValidationCharts(run))
        h << QString::fromStdString(renderSvg(chart)) << "\n";
    for (const SvgChart &chart : checkSampleCharts(run))
        h << QString::fromStdString(renderSvg(chart, 480, 400)) << "\n";
    h << QString::fromStdString(renderSvg(hypervolumeChart(run))) << "\n";
    h << "<h2>Accuracy checks</h2>\n<table><tr><th>search</th><th>stage</th><th>samples</th><th>latency within 10%</th>"
         "<th>power within 10%</th><th>memory within 10%</th><th>rho latency / power / memory</th><th>decision</th>"
         "<th>why</th></tr>\n";
    for (const StoredCheck &k : run.checks) {
        const auto &r = k.summary.report;
        h << "<tr><td>" << k.search << "</td><td>"
          << escape(QString::fromLatin1(pipeline::checkStageName(k.summary.stage))) << "</td><td>" << k.summary.samples
          << "</td><td>" << str(predictor::shareWithin10(r.metric[0])) << "</td><td>"
          << str(predictor::shareWithin10(r.metric[1])) << "</td><td>" << str(predictor::shareWithin10(r.metric[3]))
          << "</td><td>" << rho(r.metric[0]) << " / " << rho(r.metric[1]) << " / " << rho(r.metric[3]) << "</td><td>"
          << checkDecisionName(k.summary.decision) << "</td><td style=\"text-align:left\">";
        for (const TranslatableText &f : r.failures)
            h << escape(str(f.english())) << "<br>";
        for (const TranslatableText &n : r.notes)
            h << "<i>" << escape(str(n.english())) << "</i><br>";
        h << "</td></tr>\n";
    }
    h << "</table>\n<h2>Finetunes</h2>\n<table><tr><th>stage</th><th>training samples</th><th>held out</th>"
         "<th>AGG models</th><th>held-out loss before</th><th>after</th><th>adopted</th><th>seconds</th></tr>\n";
    for (const FinetuneSummary &f : run.finetunes)
        h << "<tr><td>" << escape(QString::fromLatin1(pipeline::checkStageName(f.stage))) << "</td><td>"
          << f.trainSamples << "</td><td>" << f.heldOutSamples << "</td><td>" << f.aggModels << "</td><td>"
          << QString::number(f.heldOutLossBefore, 'g', 4) << "</td><td>" << QString::number(f.heldOutLossAfter, 'g', 4)
          << "</td><td>"
          << (f.adopted ? (f.method.empty() ? QString("yes") : "yes (" + escape(str(f.method)) + ")") : QString("no"))
          << "</td><td>" << QString::number(f.seconds, 'f', 1) << "</td></tr>\n";
    h << "</table>\n";
    writeGenerationsTable(h, generationsHtmlHeaders(project.estimator), generationRows);
    h << "<h2>Data</h2><p>The charts' data (also in report.json):</p>\n"
      << "<script type=\"application/json\" id=\"calibra-run\">\n"
      << json << "</script>\n</body></html>\n";
    writeText(dir, "report.html", html);
}

} // namespace calibra::report
