// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportExport.h"

#include "CheckInspector.h"
#include "EstimateLabels.h"
#include "MetricNames.h"
#include "TranslatedText.h"

#include "graph/Cost.h"
#include "graph/NetworkFile.h"
#include "project/Project.h"
#include "pipeline/Pipeline.h"
#include "pipeline/RunSnapshot.h"
#include "supernet/EstimatorKind.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

#include <cmath>

namespace calibra::widgets {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString number(double v, int precision = 4)
{
    return std::isfinite(v) ? QString::number(v, 'g', precision) : QObject::tr("n/a");
}

// A decision as report.json names it, translated (a name this build does not know, as it is).
QString decisionText(const QString &name)
{
    pipeline::CheckDecision d;
    return pipeline::parseCheckDecision(name.toStdString(), &d) ? checkDecisionText(d) : name;
}

// report.json's stage word, translated; as written when this build does not know it.
QString stageText(const QJsonValue &stage)
{
    pipeline::CheckStage known = pipeline::CheckStage::Pre;
    return pipeline::parseCheckStage(stage.toString().toStdString(), &known) ? checkStageText(known) : stage.toString();
}

QString percent(double share)
{
    return QString::number(share * 100, 'f', 1) + QLatin1Char('%');
}

// One row of the final-model table: predicted, validated, the limit and whether it holds.
QString limitRow(const QString &name, double predicted, double validated, double limit, const QString &unit)
{
    const bool holds = limit <= 0 || !std::isfinite(validated) || validated <= limit;
    return QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
        .arg(esc(name), number(predicted), number(validated),
             limit > 0 ? number(limit) + QLatin1Char(' ') + unit : QObject::tr("none"),
             limit <= 0 ? QString()
             : holds    ? QObject::tr("met")
                        : QObject::tr("<b>broken</b>"));
}

QString referenceSummary(const pipeline::Project &project)
{
    try {
        const graph::Network net = pipeline::loadReference(project);
        const graph::NetworkCost cost = graph::networkCost(net);
        return QObject::tr("%1: %2 nodes, %3 M parameters, %4 M MACs")
            .arg(esc(QString::fromStdString(project.reference)))
            .arg(net.nodes.size())
            .arg(double(cost.total.params) / 1e6, 0, 'f', 2)
            .arg(double(cost.total.macs) / 1e6, 0, 'f', 1);
    } catch (const std::exception &e) {
        return esc(QString::fromStdString(project.reference))
               + QObject::tr(" (not readable here: %1)").arg(esc(e.what()));
    }
}

// The run's resolved target setting, one field a line (report.json's target_setting);
// a report from before it was recorded shows what the project wrote.
QString settingLines(const QJsonValue &setting, const pipeline::Project &project)
{
    if (!setting.isObject())
        return project.targetText.empty() ? QObject::tr("the platform's default setting")
                                          : QString::fromStdString(pipeline::targetSettingFileText(project));
    QStringList lines;
    for (const char *group : {"compile", "hardware"}) {
        const QJsonObject fields = setting[QLatin1String(group)].toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const QJsonValue v = it.value();
            QString text = v.isString() ? v.toString() : v.isNull() ? QObject::tr("none") : number(v.toDouble(), 8);
            if (v.isObject())
                text = QStringLiteral("%1 x %2 x %3")
                           .arg(v["m"].toInteger())
                           .arg(v["n"].toInteger())
                           .arg(v["k"].toInteger());
            lines << QStringLiteral("%1.%2: %3").arg(QLatin1String(group), it.key(), text);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

bool exportRunReport(const QString &runDirectory, const QString &targetDirectory, const ReportCharts &charts,
                     QString *error, QStringList *written)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QDir run(runDirectory);
    QFile jsonFile(run.filePath(QStringLiteral("report.json")));
    if (!jsonFile.open(QIODevice::ReadOnly))
        return fail(QObject::tr("%1: no report.json (the run has not finished)").arg(runDirectory));
    QJsonParseError parseError;
    const QJsonObject report = QJsonDocument::fromJson(jsonFile.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return fail(QObject::tr("%1: %2").arg(jsonFile.fileName(), parseError.errorString()));
    // The run store's texts, translated: its warnings, the final model's flags and why
    // each check failed (report.json has them in English).
    pipeline::RunSnapshot recorded;
    try {
        recorded = pipeline::readRunSnapshot(runDirectory.toStdString());
    } catch (const std::exception &e) {
        return fail(QString::fromStdString(e.what()));
    }
    const pipeline::Project &project = recorded.project;
    QDir target(targetDirectory);
    if (!target.mkpath(QStringLiteral(".")))
        return fail(QObject::tr("Cannot create %1").arg(targetDirectory));

    // Copies: the HTML report, the JSON summary, the CSV tables and the final model.
    const QJsonObject fm = report.value("final_model").toObject();
    QStringList copies{QStringLiteral("report.html"), QStringLiteral("report.json")};
    copies += run.entryList({QStringLiteral("*.csv")}, QDir::Files);
    for (const char *key : {"onnx", "yaml"})
        if (const QString path = fm.value(key).toString(); !path.isEmpty())
            copies << QFileInfo(path).fileName();
    for (const QString &name : copies) {
        const QString from = run.filePath(name), to = target.filePath(name);
        if (QFileInfo(from).absoluteFilePath() == QFileInfo(to).absoluteFilePath())
            continue;
        QFile::remove(to);
        if (!QFile::copy(from, to))
            return fail(QObject::tr("Cannot copy %1 to %2").arg(from, to));
        if (written)
            *written << to;
    }
    // The copied summary names the copied final model, not the run directory's.
    if (QFileInfo(run.filePath(QStringLiteral("report.json"))).absoluteFilePath()
        != QFileInfo(target.filePath(QStringLiteral("report.json"))).absoluteFilePath()) {
        QJsonObject copied = report;
        QJsonObject copiedFinal = fm;
        for (const char *key : {"onnx", "yaml"})
            if (const QString path = fm.value(key).toString(); !path.isEmpty())
                copiedFinal[QLatin1String(key)] = target.absoluteFilePath(QFileInfo(path).fileName());
        copied[QStringLiteral("final_model")] = copiedFinal;
        QFile json(target.filePath(QStringLiteral("report.json")));
        if (!json.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || json.write(QJsonDocument(copied).toJson(QJsonDocument::Indented)) < 0)
            return fail(QObject::tr("Cannot write %1").arg(json.fileName()));
    }

    // The PDF.
    QString h;
    h += QObject::tr("<h1>Calibra run report: %1</h1>").arg(esc(report.value("project").toString()));
    h += QObject::tr("<p>Mode %1, searched on %2, %3 search(es), %4 validations. Run directory: %5</p>")
             .arg(esc(modeText(pipeline::modeName(project.mode))), esc(estimateAxisLabel(project.estimator)))
             .arg(report.value("searches").toInt())
             .arg(report.value("validations").toInt())
             .arg(esc(runDirectory));
    h += QObject::tr("<h2>Reference DNN</h2><p>%1</p>").arg(referenceSummary(project));
    h += QObject::tr("<h2>Platform and target setting</h2><p>Platform %1, validated with %2.</p>")
             .arg(esc(QString::fromStdString(project.platform)),
                  esc(QString::fromUtf8(pipeline::validatorKindName(project.validator))));
    h += QStringLiteral("<pre>%1</pre>").arg(esc(settingLines(report.value("target_setting"), project)));

    const QJsonObject c = report.value("constraints").toObject();
    const QJsonObject pred = fm.value("predicted").toObject(), val = fm.value("validated").toObject();
    QStringList warnings;
    for (const pipeline::Event &e : recorded.events)
        if (e.kind == pipeline::EventKind::Warning)
            warnings << eventText(e);
    if (!warnings.isEmpty()) {
        h += QObject::tr("<h2>Warnings</h2><ul>");
        for (const QString &w : warnings)
            h += QStringLiteral("<li>%1</li>").arg(esc(w));
        h += QStringLiteral("</ul>");
    }
    h += QObject::tr("<h2>Final model</h2>");
    if (!fm.value("found").toBool()) {
        h += QObject::tr("<p>The search produced no final model.</p>");
    } else {
        h += QObject::tr("<p>Genotype %1: %2. Estimated %3 %4%5. %6</p>")
                 .arg(esc(fm.value("genotype").toString()), esc(fm.value("description").toString()),
                      esc(estimateName(project.estimator)),
                      // A share (an accuracy, a probability) as a percentage, like the test accuracy beside it.
                      supernet::estimatesShareAboveChance(project.estimator)
                          ? percent(fm.value("accuracy_estimate").toDouble())
                          : number(fm.value("accuracy_estimate").toDouble()),
                      fm.value("test_accuracy").toDouble(-1) >= 0
                          ? QObject::tr(", test accuracy %1").arg(percent(fm.value("test_accuracy").toDouble()))
                          : QString(),
                      fm.value("meets_constraints").toBool() ? QObject::tr("It meets the constraints.")
                                                             : QObject::tr("<b>It breaks the constraints.</b>"));
        if (!fm.value("parameters").isNull() && fm.contains(QLatin1String("parameters")))
            h += QObject::tr("<p>%1 M parameters, %2 M MACs.</p>")
                     .arg(fm.value("parameters").toDouble() / 1e6, 0, 'f', 2)
                     .arg(fm.value("macs").toDouble() / 1e6, 0, 'f', 1);
        h += QObject::tr("<table border=1 cellspacing=0 cellpadding=3><tr><th>metric</th><th>predicted</th>"
                         "<th>validated</th><th>limit</th><th></th></tr>");
        h += limitRow(QObject::tr("latency (ms)"), pred.value("latency_ms").toDouble(),
                      val.value("latency_ms").toDouble(), c.value("max_latency_ms").toDouble(), QStringLiteral("ms"));
        h += limitRow(QObject::tr("power (mW)"), pred.value("power_mw").toDouble(), val.value("power_mw").toDouble(),
                      c.value("max_power_mw").toDouble(), QStringLiteral("mW"));
        h +=
            limitRow(QObject::tr("memory access (MB)"), pred.value("dram_bytes").toDouble() / 1e6,
                     val.value("dram_bytes").toDouble() / 1e6, c.value("max_dram_mb").toDouble(), QStringLiteral("MB"));
        h += QStringLiteral("</table>");
        const double baseline = fm.value("baseline").toObject().value("test_accuracy").toDouble(-1);
        const bool inherited = pipeline::parseFinalWeights(fm.value("weights").toString().toStdString())
                               == pipeline::FinalWeights::Inherited;
        if (inherited)
            h += QObject::tr("<p>Not retrained: the final model has the weight-sharing supernet's weights.</p>");
        if (baseline >= 0)
            h += (inherited ? QObject::tr("<p>The smallest sub-network, given the supernet's weights the same way: "
                                          "test accuracy %1.</p>")
                            : QObject::tr("<p>The smallest sub-network, trained the same way: test accuracy %1.</p>"))
                     .arg(percent(baseline));
        for (const QString &flag : translatedTexts(pipeline::finalModelFlags(recorded.events)))
            h += QObject::tr("<p><b>Not a trustworthy result:</b> %1</p>").arg(esc(flag));
    }

    h += QObject::tr("<h2>Accuracy checks</h2><table border=1 cellspacing=0 cellpadding=3><tr><th>search</th>"
                     "<th>stage</th><th>samples</th><th>latency within 10%</th><th>power within 10%</th>"
                     "<th>memory within 10%</th><th>decision</th><th>failed thresholds</th></tr>");
    const QJsonArray checks = report.value("checks").toArray();
    for (qsizetype i = 0; i < checks.size(); ++i) {
        const QJsonObject ck = checks[i].toObject();
        const QJsonObject m = ck.value("metrics").toObject();
        const auto within = [&](const char *metric) {
            const QJsonObject a = m.value(metric).toObject();
            return a.value("count").toInt() == 0 ? QObject::tr("not measured")
                                                 : percent(a.value("within10").toDouble());
        };
        QStringList failures;
        if (recorded.checks.size() == size_t(checks.size()))
            failures = translatedTexts(recorded.checks[size_t(i)].summary.report.failures);
        else // report.json and the store disagree: the report's English
            for (const QJsonValue &f : ck.value("failures").toArray())
                failures << f.toString();
        h += QStringLiteral(
                 "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td><td>%8</td></tr>")
                 .arg(ck.value("search").toInt())
                 .arg(esc(stageText(ck.value("stage"))))
                 .arg(ck.value("samples").toInt())
                 .arg(within("latency"), within("power"), within("memory_access"),
                      esc(decisionText(ck.value("decision").toString())), esc(failures.join(QStringLiteral("; "))));
    }
    h += QStringLiteral("</table>");
    h += QObject::tr(
        "<h2>Finetunes</h2><table border=1 cellspacing=0 cellpadding=3><tr><th>stage</th><th>train</th>"
        "<th>held out</th><th>AGG models</th><th>held-out loss before</th><th>after</th><th>adopted</th></tr>");
    for (const QJsonValue &v : report.value("finetunes").toArray()) {
        const QJsonObject f = v.toObject();
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td></tr>")
                 .arg(esc(stageText(f.value("stage"))))
                 .arg(f.value("train_samples").toInt())
                 .arg(f.value("held_out_samples").toInt())
                 .arg(f.value("agg_models").toInt())
                 .arg(number(f.value("held_out_loss_before").toDouble()),
                      number(f.value("held_out_loss_after").toDouble()),
                      f.value("adopted").toBool()
                          ? (f.value("method").toString().isEmpty()
                                 ? QObject::tr("yes")
                                 : QObject::tr("yes (%1)").arg(esc(f.value("method").toString())))
                          : QObject::tr("no"));
    }
    h += QStringLiteral("</table>");

    QTextDocument doc;
    h += QObject::tr("<h2>Charts</h2>");
    int chartIndex = 0;
    std::vector<const QImage *> images;
    for (const QImage &image : charts.predictedVsValidated)
        images.push_back(&image);
    for (const QImage *image :
         {&charts.checks, &charts.pareto, &charts.hypervolume, &charts.generations, &charts.checkHistory})
        images.push_back(image);
    for (const QImage *image : images) {
        if (image->isNull())
            continue;
        const QUrl url(QStringLiteral("chart://%1").arg(chartIndex++));
        doc.addResource(QTextDocument::ImageResource, url, *image);
        h += QStringLiteral("<p><img src=\"%1\" width=\"640\"></p>").arg(url.toString());
    }
    doc.setHtml(h);

    const QString pdfPath = target.filePath(QStringLiteral("report.pdf"));
    {
        QPdfWriter pdf(pdfPath);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setTitle(QObject::tr("Calibra run report: %1").arg(report.value("project").toString()));
        pdf.setCreator(QStringLiteral("Calibra " CALIBRA_VERSION));
        pdf.setResolution(150);
        doc.print(&pdf);
    }
    if (QFileInfo(pdfPath).size() == 0)
        return fail(QObject::tr("Cannot write %1").arg(pdfPath));
    if (written)
        *written << pdfPath;
    return true;
}

} // namespace calibra::widgets
