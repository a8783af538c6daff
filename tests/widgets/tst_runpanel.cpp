// SPDX-License-Identifier: GPL-3.0-or-later
// Runs from the GUI: a short seeded run goes to completion on a worker thread and fills
// the charts from its events; a run can be cancelled and says how to resume; the main
// window hands the open network and setting to the panel.
#include "CheckInspector.h"
#include "MainWindow.h"
#include "ParetoChart.h"
#include "RunComparison.h"
#include "QCustomPlotInclude.h"
#include "SupernetPanel.h"
#include "RunCharts.h"
#include "GenerationValidationChart.h"
#include "RunPanel.h"
#include "graph/NetworkFile.h"
#include "project/ProjectLimits.h"
#include "pipeline/RunStore.h"

#include "SmallRuns.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDir>
#include <QFile>
#include <QGridLayout>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QSet>
#include <QSignalSpy>
#include <QWheelEvent>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace calibra;
using namespace calibra::widgets;

namespace {

pipeline::Project smallProject()
{
    pipeline::Project p = pipeline::demoProject();
    p.estimator = supernet::EstimatorKind::Params; // no dataset or training: the test is about the panel
    // Population 10: at 6 the re-run's members were sometimes all finetuned on before,
    // leaving its post check nothing to compare.
    p.search.population = 10;
    p.search.generations = 2;
    p.checkSamples = 6;
    p.aggPredefined = p.aggOperations = p.aggStructural = 1;
    for (auto &t : p.thresholds.metric)
        t = {1.0, 0.0, 1.0}; // every check fails: finetune, re-run
    p.finalTraining.epochs = 0;
    return p;
}

} // namespace

class TestRunPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A generation with no feasible member has no best estimate: the chart leaves a gap
    // there (NaN), never a 0 that pulls the axis down to it.
    void aGenerationWithNoFeasibleMemberHasNoBestPoint()
    {
        GenerationChart chart;
        pipeline::PopulationStats none, some;
        none.size = some.size = 8;
        none.minLatencyMs = some.minLatencyMs = 1.14;
        some.feasible = 2;
        some.bestAccuracy = 5.06;
        chart.addGeneration(0, 0, none);
        chart.addGeneration(0, 1, some);
        QCOMPARE(chart.pointCount(), 2); // one per generation, the first a gap
        QCPGraph *best = chart.plot()->graph(0);
        QVERIFY(std::isnan(best->data()->at(0)->value));
        QCOMPARE(best->data()->at(1)->value, 5.06);
        QVERIFY2(best->valueAxis()->range().lower > 4, qPrintable(QString::number(best->valueAxis()->range().lower)));
    }

    void runToCompletion()
    {
        QTemporaryDir dir;
        RunPanel panel;
        panel.resize(1200, 700);
        panel.show();
        panel.setProject(smallProject());
        QSignalSpy finished(&panel, &RunPanel::runFinished);
        QVERIFY(panel.start(dir.filePath("run")));
        QVERIFY(panel.isRunning());
        QVERIFY(!panel.start(dir.filePath("other"))); // one run at a time
        QVERIFY(finished.wait(180000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel.status()));
        QVERIFY2(panel.status().contains("Finished"), qPrintable(panel.status()));
        QVERIFY(panel.log().contains("final model"));
        QCOMPARE(panel.lastResult().searches, 2);
        // Charts hold the run's points: the last check's sub-networks, every generation.
        const pipeline::RunStore store(dir.filePath("run").toStdString(), false);
        const auto checks = store.checks();
        QVERIFY(!checks.empty());
        QCOMPARE(panel.checkChart()->pointCount(), checks.back().summary.samples);
        QCOMPARE(panel.generationChart()->pointCount(), 2 * 3);
        QVERIFY(QFile::exists(dir.filePath("run/report.html")));

        // The views read from the store: the Pareto chart has every generation and the
        // shown generation's members; the inspector every check and its samples.
        QSignalSpy refreshed(&panel, &RunPanel::refreshed);
        QVERIFY(refreshed.wait(20000));
        while (refreshed.wait(1000)) {
        } // the last read after the run finished
        ParetoChart *pareto = panel.paretoChart();
        // The parameter count ranks sub-networks; no chart calls it an accuracy.
        QCOMPARE(pareto->plot()->yAxis->label(), QString("log10 parameters (a proxy, not an accuracy)"));
        QCOMPARE(panel.generationChart()->plot()->yAxis->label(), QString("best feasible log10 parameters"));
        QCOMPARE(pareto->generationCount(), 6);
        QCOMPARE(pareto->shownGeneration(), 5); // follows the newest
        QCOMPARE(pareto->feasiblePointCount() + pareto->infeasiblePointCount(), 10);
        QVERIFY(pareto->frontPointCount() >= 1);
        pareto->showGeneration(0);
        QCOMPARE(pareto->feasiblePointCount() + pareto->infeasiblePointCount(), 10);
        QCOMPARE(pareto->hypervolumePlot()->graph(0)->dataCount(), 6);

        // Clicking a member selects it: its genotype and figures.
        QSignalSpy selected(&panel, &RunPanel::candidateSelected);
        panel.viewTabs()->setCurrentWidget(pareto);
        QTest::qWait(50); // laid out
        pareto->plot()->replot();
        QCPGraph *graph = pareto->feasiblePointCount() > 0 ? pareto->feasibleGraph() : pareto->infeasibleGraph();
        const double x = graph->data()->at(0)->key, y = graph->data()->at(0)->value;
        const QPoint at(int(pareto->plot()->xAxis->coordToPixel(x)), int(pareto->plot()->yAxis->coordToPixel(y)));
        QTest::mouseClick(pareto->plot(), Qt::LeftButton, {}, at);
        QCOMPARE(selected.count(), 1);
        const auto genotype = selected.at(0).at(0).value<search::Genotype>();
        QVERIFY(pareto->selectionText().contains(QString::fromStdString(pipeline::genotypeText(genotype))));
        QVERIFY2(pareto->selectionText().contains(": log10 parameters "), qPrintable(pareto->selectionText()));
        // Another generation shown: the text no longer describes a member of it.
        pareto->showGeneration(1);
        QVERIFY2(!pareto->selectionText().contains(QString::fromStdString(pipeline::genotypeText(genotype))),
                 qPrintable(pareto->selectionText()));
        pareto->showGeneration(0);

        // Predicted against validated for each generation: every generation's prediction,
        // and beside it the validated mean of its best members (validated with it), each
        // with its +-10% bar; every check a labelled line.
        GenerationValidationChart *perGeneration = panel.validationChart();
        QCOMPARE(perGeneration->predictedPointCount(), 6);
        QCOMPARE(perGeneration->validatedPointCount(), 6);
        QCOMPARE(perGeneration->checkMarkCount(), int(checks.size()));
        QVERIFY2(perGeneration->checkMarkLabels().front().startsWith("pre-search check: "),
                 qPrintable(perGeneration->checkMarkLabels().join('|')));
        QVERIFY2(perGeneration->checkMarkLabels().contains("post-search check: would finetune (no re-run left)"),
                 qPrintable(perGeneration->checkMarkLabels().join('|')));
        QCOMPARE(perGeneration->plot()->itemCount(), 2 * int(checks.size())); // a line and a label each
        perGeneration->setMetric(predictor::CheckEnergy);
        QCOMPARE(perGeneration->predictedPointCount(), 6);
        QCOMPARE(perGeneration->validatedPointCount(), 6); // the simulator measures energy

        // The check history: one mark per check; finetune marks where checks finetuned,
        // "would finetune" marks where a failed check had no re-run left.
        QCOMPARE(panel.checkHistoryChart()->checkCount(), int(checks.size()));
        int finetuned = 0, would = 0;
        for (const auto &c : checks) {
            finetuned += c.summary.decision == pipeline::CheckDecision::Finetune ? 1 : 0;
            would += c.summary.decision == pipeline::CheckDecision::WouldFinetune ? 1 : 0;
        }
        QCOMPARE(panel.checkHistoryChart()->finetuneMarkCount(), finetuned);
        QCOMPARE(panel.checkHistoryChart()->wouldFinetuneMarkCount(), would);
        QCOMPARE(would, 1); // the last post check: every check fails, one re-run allowed
        QVERIFY(panel.checkHistoryChart()->plot()->itemCount() >= 2); // the re-run line and its label

        CheckInspector *inspector = panel.checkInspector();
        QCOMPARE(inspector->checkCount(), int(checks.size()));
        QCOMPARE(inspector->table()->model()->rowCount(), int(checks.back().samples.size()));
        // The decision first: below the figures it was cut off at 1366x768.
        QVERIFY2(inspector->decisionText().startsWith("Decision: would finetune (no re-run left)"),
                 qPrintable(inspector->decisionText()));
        // Every metric the check judged, energy included, by its name (not its file key).
        for (const char *metric : {"\nLatency: ", "\nPower: ", "\nEnergy: ", "\nMemory access: "})
            QVERIFY2(inspector->decisionText().contains(metric), qPrintable(inspector->decisionText()));
        QVERIFY(!inspector->decisionText().contains("memory_access:"));
        // Before and after: the check before is drawn behind the last one.
        QVERIFY(panel.checkChart()->previousPointCount() > 0);
        panel.checkChart()->setMetric(predictor::CheckPower);
        QCOMPARE(panel.checkChart()->pointCount(), checks.back().summary.samples);
        // Sorted, filtered, exported.
        inspector->table()->sortByColumn(CheckSampleModel::LatencyErr, Qt::DescendingOrder);
        const QString csvPath = dir.filePath("check.csv");
        QVERIFY(inspector->exportCsv(csvPath));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + int(checks.back().samples.size()));
        QVERIFY(lines[0].startsWith("genotype,latency_pred_ms"));
        QCOMPARE(lines[1].count(','), 9);
        inspector->filter()->setText(QString::fromStdString(checks.back().samples.front().genotype));
        QVERIFY(inspector->table()->model()->rowCount() >= 1);
        QVERIFY(inspector->table()->model()->rowCount() <= int(checks.back().samples.size()));
        QVERIFY(!inspector->exportCsv(dir.filePath("no-such-dir/check.csv")));

        // Every artefact exported, and each parses.
        QStringList written;
        QString exportError;
        const QString out = dir.filePath("export");
        QVERIFY2(panel.exportReport(out, &exportError, &written), qPrintable(exportError));
        for (const char *name : {"report.pdf", "report.html", "report.json", "generations.csv", "population.csv",
                                 "checks.csv", "final_model.onnx", "final_model.yaml"})
            QVERIFY2(written.contains(QDir(out).filePath(name)), name);
        QFile pdf(QDir(out).filePath("report.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray pdfBytes = pdf.readAll();
        QVERIFY(pdfBytes.startsWith("%PDF-"));
        QVERIFY(pdfBytes.trimmed().endsWith("%%EOF"));
        QVERIFY(pdfBytes.size() > 20000); // text and four chart images
        QFile json(QDir(out).filePath("report.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject exportedFinal = QJsonDocument::fromJson(json.readAll()).object()["final_model"].toObject();
        // It names the copies beside it, not the run directory's files.
        QCOMPARE(exportedFinal["onnx"].toString(), QDir(out).absoluteFilePath("final_model.onnx"));
        QCOMPARE(exportedFinal["yaml"].toString(), QDir(out).absoluteFilePath("final_model.yaml"));
        const graph::Network onnx = graph::loadNetwork(QDir(out).filePath("final_model.onnx").toStdString());
        const graph::Network yaml = graph::loadNetwork(QDir(out).filePath("final_model.yaml").toStdString());
        QCOMPARE(onnx.nodes.size(), yaml.nodes.size());
        for (const char *table : {"generations.csv", "population.csv", "checks.csv"}) {
            QFile t(QDir(out).filePath(table));
            QVERIFY(t.open(QIODevice::ReadOnly));
            const QList<QByteArray> rows = t.readAll().trimmed().split('\n');
            QVERIFY2(rows.size() >= 2, table);
            for (const QByteArray &row : rows)
                QCOMPARE(row.count(','), rows[0].count(',')); // rectangular
        }
        if (!qgetenv("CALIBRA_SCREENSHOT_DIR").isEmpty())
            QFile::copy(pdf.fileName(), QString::fromLocal8Bit(qgetenv("CALIBRA_SCREENSHOT_DIR")) + "/report.pdf");
        QVERIFY(!panel.exportReport(QStringLiteral("/proc/calibra-cannot-write"), &exportError));
        QVERIFY(!exportError.isEmpty());

        // Reopened from its directory, the run shows the same points.
        RunPanel reopened;
        QSignalSpy opened(&reopened, &RunPanel::runOpened);
        QVERIFY(reopened.openRun(dir.filePath("run")));
        QVERIFY(opened.wait(20000));
        QVERIFY(opened.at(0).at(0).toBool());
        QCOMPARE(reopened.checkChart()->pointCount(), panel.checkChart()->pointCount());
        QCOMPARE(reopened.generationChart()->pointCount(), 6);
        QCOMPARE(reopened.paretoChart()->generationCount(), 6);
        QCOMPARE(reopened.checkInspector()->checkCount(), int(checks.size()));
        QVERIFY(reopened.log().contains("final model"));
        QVERIFY(reopened.openRun(dir.filePath("nothing-here")));
        QVERIFY(opened.wait(20000));
        QVERIFY(!opened.at(1).at(0).toBool());
        QVERIFY2(opened.at(1).at(1).toString().contains("not a run directory"),
                 qPrintable(opened.at(1).at(1).toString()));

        const QByteArray shots = qgetenv("CALIBRA_SCREENSHOT_DIR"); // the README's screenshot, when asked
        if (!shots.isEmpty()) {
            panel.viewTabs()->setCurrentIndex(0);
            QTest::qWait(100); // queued replots
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(shots) + "/run-panel.png"));
            panel.viewTabs()->setCurrentWidget(pareto);
            QTest::qWait(100);
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(shots) + "/run-pareto.png"));
            panel.viewTabs()->setCurrentIndex(2);
            QTest::qWait(100);
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(shots) + "/run-history.png"));
            panel.viewTabs()->setCurrentWidget(panel.validationChart());
            QTest::qWait(100);
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(shots) + "/run-validation.png"));
        }

        // A second run (mode pre) joins the comparison beside the first.
        QCOMPARE(panel.comparison()->runCount(), 1);
        pipeline::Project pre = smallProject();
        pre.mode = pipeline::Mode::Pre;
        panel.setProject(pre);
        QSignalSpy added(panel.comparison(), &RunComparison::runAdded);
        QVERIFY(panel.start(dir.filePath("run2")));
        QVERIFY(finished.wait(180000));
        while (panel.comparison()->runCount() < 2 && added.wait(20000)) {
        }
        QCOMPARE(panel.comparison()->runCount(), 2);
        QCOMPARE(panel.comparison()->table()->rowCount(), 2);
        QCOMPARE(panel.comparison()->table()->item(0, 1)->text(), QStringLiteral("both"));
        QCOMPARE(panel.comparison()->table()->item(1, 1)->text(), QStringLiteral("pre"));
        QCOMPARE(panel.comparison()->table()->horizontalHeaderItem(5)->text(), QStringLiteral("Test accuracy"));
        QCOMPARE(panel.comparison()->table()->item(0, 5)->text(), QStringLiteral("-")); // no final training here
        QCOMPARE(panel.comparison()->hypervolumePlot()->graph(0)->dataCount(), 6);      // two searches of three
        QCOMPARE(panel.comparison()->hypervolumePlot()->graph(1)->dataCount(), 3);
        QVERIFY(panel.comparison()->frontPlot()->graph(1)->dataCount() >= 1);
        panel.comparison()->addRun(dir.filePath("nothing-here"));
        // The finished run may still be re-added by the panel's last store read (true);
        // the bad directory's answer is the one that says false.
        while (added.wait(20000) && added.last().at(0).toBool()) {
        }
        QVERIFY(!added.last().at(0).toBool());
        QVERIFY(added.last().at(1).toString().contains("not a run directory"));
        QCOMPARE(panel.comparison()->runCount(), 2);
        if (!shots.isEmpty()) {
            panel.viewTabs()->setCurrentWidget(panel.comparison());
            QTest::qWait(100);
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(shots) + "/run-compare.png"));
        }
    }

    // A check that compared nothing (the validator measured none of its sample) is not
    // called passed in the inspector's list.
    void aCheckThatComparedNothingIsNotCalledPassed()
    {
        pipeline::StoredCheck check;
        check.summary.stage = pipeline::CheckStage::Post;
        check.summary.samples = 0;
        QVERIFY2(checkTitle(check).endsWith(": not judged (nothing compared)"), qPrintable(checkTitle(check)));
        check.summary.samples = 5;
        QVERIFY2(checkTitle(check).endsWith(": passed"), qPrintable(checkTitle(check)));
        check.summary.report.finetune = true;
        QVERIFY2(checkTitle(check).endsWith(": failed"), qPrintable(checkTitle(check)));
    }

    // A result that looks fine but is not stays in sight: a final model trained with a zero
    // learning rate (at chance) is a warning across the top of the tab, live and when the
    // run is reopened.
    void warningsStayInSight()
    {
        QTemporaryDir dir;
        RunPanel panel;
        panel.resize(1366, 768);
        panel.show();
        pipeline::Project p = withFinalModelAtChance(smallProject());
        p.mode = pipeline::Mode::Offline;
        p.search.generations = 1;
        p.finalBaseline = false;
        panel.setProject(p);
        QSignalSpy finished(&panel, &RunPanel::runFinished);
        QVERIFY(panel.start(dir.filePath("chance")));
        QVERIFY(finished.wait(180000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel.status()));
        QVERIFY2(!panel.warnings().isEmpty(), qPrintable(panel.log()));
        QVERIFY2(panel.warnings().front().contains("near chance"), qPrintable(panel.warnings().front()));
        auto *banner = panel.findChild<QLabel *>(QStringLiteral("runWarnings"));
        QVERIFY(banner && banner->isVisible());
        QVERIFY(banner->mapTo(&panel, QPoint(0, 0)).y() < 10); // across the top, not under the form

        RunPanel reopened;
        reopened.show();
        QSignalSpy opened(&reopened, &RunPanel::runOpened);
        QVERIFY(reopened.openRun(dir.filePath("chance")));
        QVERIFY(opened.wait(20000));
        QCOMPARE(reopened.warnings(), panel.warnings());
        // Compare Runs marks the untrustworthy accuracy, with the reason as its tooltip.
        QTRY_COMPARE_WITH_TIMEOUT(reopened.comparison()->runCount(), 1, 20000);
        const QTableWidgetItem *accuracy = reopened.comparison()->table()->item(0, 5);
        QVERIFY2(accuracy->text().endsWith("(not trustworthy)"), qPrintable(accuracy->text()));
        QVERIFY2(accuracy->toolTip().contains("near chance"), qPrintable(accuracy->toolTip()));
    }

    void cancelSaysHowToResume()
    {
        QTemporaryDir dir;
        RunPanel panel;
        pipeline::Project p = smallProject();
        p.search.generations = 50;
        p.mode = pipeline::Mode::Pre; // one search: the resumed run is short
        panel.setProject(p);
        QSignalSpy finished(&panel, &RunPanel::runFinished);
        QVERIFY(panel.start(dir.filePath("run")));
        panel.cancel();
        QVERIFY(finished.wait(180000));
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY(panel.lastResult().cancelled || !panel.lastResult().error.empty());
        QVERIFY2(panel.status().contains("--resume") || panel.status().contains("Failed"), qPrintable(panel.status()));
        QVERIFY(!panel.isRunning());
        // Opened elsewhere, the stopped run shows its own plan and how far it got.
        {
            RunPanel reopened;
            QSignalSpy opened(&reopened, &RunPanel::runOpened);
            QVERIFY(reopened.openRun(dir.filePath("run")));
            QVERIFY(opened.wait(20000));
            QCOMPARE(reopened.projectToRun().search.generations, 50);
            QCOMPARE(reopened.projectToRun().mode, pipeline::Mode::Pre);
            QCOMPARE(reopened.progressMaximum(), 51);
            QCOMPARE(reopened.progressValue(),
                     int(pipeline::RunStore(dir.filePath("run").toStdString(), false).generations(0).size()));
        }
        // Resumed from the GUI, it runs to the end with the project it recorded.
        panel.setProject(smallProject()); // the form's 2 generations: the recorded 50 must win
        QSignalSpy resumed(&panel, &RunPanel::resumedProject);
        QVERIFY(panel.resume(dir.filePath("run")));
        QVERIFY(finished.wait(300000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(panel.status()));
        // The form, and the window (resumedProject), show the project the run went on with.
        QCOMPARE(resumed.count(), 1);
        QCOMPARE(panel.projectToRun().search.generations, 50);
        QCOMPARE(panel.projectToRun().mode, pipeline::Mode::Pre);
        QCOMPARE(panel.progressValue(), panel.progressMaximum()); // finished: a full bar
        QVERIFY(panel.log().contains("final model"));
        const pipeline::RunStore store(dir.filePath("run").toStdString(), false);
        QCOMPARE(int(store.generations(0).size()), 51);
    }

    // A project opened in the GUI reaches the run as the file has it: every value the
    // file may hold fits its field, and a value finer than the field's decimals is kept
    // unless the user edits the field.
    void formKeepsEveryValueTheFileAllows()
    {
        RunPanel panel;
        pipeline::Project p = smallProject();
        p.search.population = pipeline::limits::kPopulation.max;
        p.search.generations = pipeline::limits::kGenerations.max;
        p.search.constraints.maxLatencyMs = 0.0375;
        p.search.constraints.maxPowerMw = pipeline::limits::kMaxPowerMw.max;
        p.search.constraints.maxDramBytes = 1234567;
        p.checkSamples = pipeline::limits::kCheckSamples.max;
        p.thresholds.metric[predictor::CheckLatency] = {0.905, 1.5, 0.955};
        p.thresholds.minDecisionAgreement = 0.875;
        panel.setProject(p);
        const pipeline::Project back = panel.projectToRun();
        QCOMPARE(back.search.population, p.search.population);
        QCOMPARE(back.search.generations, p.search.generations);
        QCOMPARE(back.search.constraints.maxLatencyMs, 0.0375);
        QCOMPARE(back.search.constraints.maxPowerMw, p.search.constraints.maxPowerMw);
        QCOMPARE(back.search.constraints.maxDramBytes, 1234567.0);
        QCOMPARE(back.checkSamples, p.checkSamples);
        QCOMPARE(back.thresholds.metric[predictor::CheckLatency].minWithin10, 0.905);
        QCOMPARE(back.thresholds.metric[predictor::CheckLatency].maxMape, 1.5);
        QCOMPARE(back.thresholds.metric[predictor::CheckLatency].minSpearman, 0.955);
        QCOMPARE(back.thresholds.minDecisionAgreement, 0.875);
        // A field the user edits gives its own value.
        auto *agreement = panel.findChild<QDoubleSpinBox *>("minDecisionAgreement");
        QVERIFY(agreement);
        agreement->setValue(60);
        QCOMPARE(panel.projectToRun().thresholds.minDecisionAgreement, 0.6);
    }

    void formOverridesTheProject()
    {
        RunPanel panel;
        panel.setProject(smallProject());
        QCOMPARE(panel.projectToRun().search.population, 10);
        pipeline::Project other = smallProject();
        other.search.population = 40;
        panel.setProject(other, false); // keeps the form
        QCOMPARE(panel.projectToRun().search.population, 10);
        panel.setProject(other);
        QCOMPARE(panel.projectToRun().search.population, 40);
        // Limits, check size and thresholds round-trip through the form.
        other.search.constraints.maxPowerMw = 250;
        other.search.constraints.maxDramBytes = 1.5e6;
        other.checkSamples = 12;
        other.finetuneMethod = predictor::FinetuneMethod::Calibrate;
        other.thresholds.metric[predictor::CheckPower] = {0.8, 0.12, 0.9};
        other.thresholds.metric[predictor::CheckEnergy] = {0.7, 0.15, 0.85}; // energy decides too: in the form
        other.thresholds.minDecisionAgreement = 0.75;
        panel.setProject(other);
        const pipeline::Project back = panel.projectToRun();
        QCOMPARE(back.search.constraints.maxPowerMw, 250.0);
        QCOMPARE(back.search.constraints.maxDramBytes, 1.5e6);
        QCOMPARE(back.checkSamples, 12);
        QCOMPARE(back.finetuneMethod, predictor::FinetuneMethod::Calibrate);
        QCOMPARE(back.thresholds.metric[predictor::CheckPower].minWithin10, 0.8);
        QCOMPARE(back.thresholds.metric[predictor::CheckPower].maxMape, 0.12);
        QCOMPARE(back.thresholds.metric[predictor::CheckPower].minSpearman, 0.9);
        QCOMPARE(back.thresholds.metric[predictor::CheckEnergy].minWithin10, 0.7);
        QCOMPARE(back.thresholds.metric[predictor::CheckEnergy].maxMape, 0.15);
        QCOMPARE(back.thresholds.metric[predictor::CheckEnergy].minSpearman, 0.85);
        // The wheel over a field the user has not clicked scrolls the form, never edits it.
        auto *agreement = panel.findChild<QDoubleSpinBox *>("minDecisionAgreement");
        QVERIFY(agreement && !agreement->hasFocus());
        const double before = agreement->value();
        QWheelEvent wheel(QPointF(5, 5), agreement->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(agreement, &wheel);
        QCOMPARE(agreement->value(), before);
        // No two widgets of the thresholds grid share a cell (the decision-agreement row
        // once sat on the memory-access row, hiding its box).
        QGroupBox *box = nullptr;
        for (QGroupBox *b : panel.findChildren<QGroupBox *>())
            if (b->title() == "Check thresholds")
                box = b;
        QVERIFY(box);
        auto *grid = qobject_cast<QGridLayout *>(box->layout());
        QVERIFY(grid);
        QSet<QPair<int, int>> cells;
        for (int i = 0; i < grid->count(); ++i) {
            int row = 0, column = 0, rows = 0, columns = 0;
            grid->getItemPosition(i, &row, &column, &rows, &columns);
            QVERIFY2(!cells.contains({row, column}), qPrintable(QString("row %1, column %2").arg(row).arg(column)));
            cells.insert({row, column});
        }
        QCOMPARE(back.thresholds.minDecisionAgreement, 0.75);
        QCOMPARE(back.thresholds.metric[predictor::CheckLatency].minWithin10,
                 other.thresholds.metric[predictor::CheckLatency].minWithin10);
        // Transfer is offered only when the project names reference devices, and the
        // form keeps them.
        auto *method = panel.findChild<QComboBox *>("finetuneMethod");
        QVERIFY(method);
        const int transferRow = method->findData(int(predictor::FinetuneMethod::Transfer));
        const auto *items = qobject_cast<QStandardItemModel *>(method->model());
        QVERIFY(!items->item(transferRow)->isEnabled());
        other.finetuneMethod = predictor::FinetuneMethod::Transfer;
        other.referenceModels = {"/models/gpu.pt"};
        panel.setProject(other);
        QVERIFY(items->item(transferRow)->isEnabled());
        QCOMPARE(panel.projectToRun().finetuneMethod, predictor::FinetuneMethod::Transfer);
        QCOMPARE(panel.projectToRun().referenceModels, other.referenceModels);
    }

    void clickedCandidateOpensItsSubnetwork()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openNetwork(QStringLiteral("builtin:mobilenet_v2_fmnist"));
        QVERIFY(loaded.wait(20000));
        const supernet::Supernet *s = w.supernetPanel()->supernet();
        QVERIFY(s);
        const search::Genotype smallest = s->smallestGenotype();
        Q_EMIT w.runPanel()->candidateSelected(smallest);
        QCOMPARE(w.supernetPanel()->genotype(), smallest);
        QVERIFY(w.supernetPanel()->isVisible()); // the Supernet tab came to the front
    }

    void mainWindowHandsOverTheNetwork()
    {
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openNetwork(QStringLiteral("builtin:resnet18"));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(w.runPanel()->projectToRun().reference, std::string("builtin:resnet18"));
    }

    // Run on the NAS service: Start hands the project over instead of running it here, and
    // stays off until the run shows here or the service says no (tst_naspanel submits to
    // a real service).
    void startOnTheNasServiceSubmitsInsteadOfRunning()
    {
        RunPanel panel;
        panel.setProject(smallResNetProject(QDir::tempPath(), "remote"));
        panel.setRunPlace(RunPlace::NasService);
        QCOMPARE(panel.runPlace(), RunPlace::NasService);
        QSignalSpy submitted(&panel, &RunPanel::submitToNasService);
        QVERIFY(panel.start());
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted.first().first().value<pipeline::Project>().name, std::string("remote"));
        QVERIFY(!panel.isRunning());
        QVERIFY2(panel.status().contains("NAS service"), qPrintable(panel.status()));
        QVERIFY(!panel.start()); // no second submission while the first is on its way
        QCOMPARE(submitted.size(), 1);
        panel.submissionFailed(QStringLiteral("refused for a test"));
        QVERIFY2(panel.status().contains("refused for a test"), qPrintable(panel.status()));
        QVERIFY(panel.start());
        QCOMPARE(submitted.size(), 2);
        panel.setRunPlace(RunPlace::ThisComputer);
        QCOMPARE(panel.runPlace(), RunPlace::ThisComputer);
    }
};

QTEST_MAIN(TestRunPanel)
#include "tst_runpanel.moc"
