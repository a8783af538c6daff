// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs tab's progress line: before the first generation the line names the step with
// the time so far, redrawn every second, and a training's steps fill the bar; then
// generations count against the plan (re-runs extend it); the bar is busy again while the
// final model trains, and the end text stays.
#include "RunProgressView.h"

#include <QTest>

using namespace calibra;
using namespace calibra::widgets;

namespace {

pipeline::Event pipelineEvent(pipeline::EventKind kind, const std::string &message, int search = 0, int generation = -1)
{
    pipeline::Event e;
    e.kind = kind;
    e.message = message;
    e.search = search;
    e.generation = generation;
    return e;
}

} // namespace

class TestRunProgressView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void longStepsNeverLookHung()
    {
        RunProgressView view;
        view.startRun(3, QStringLiteral("Starting a run in /tmp/x"));
        QCOMPARE(view.maximum(), 0); // busy: nothing counted yet
        pipeline::Event training =
            pipelineEvent(pipeline::EventKind::SupernetTraining, "supernet training: step 10 of 150, loss 2.1, 4 s");
        training.stepsDone = 10;
        training.stepsPlanned = 150;
        view.onEvent(training);
        // The supernet's steps fill the bar until the first generation.
        QCOMPARE(view.maximum(), 150);
        QCOMPARE(view.value(), 10);
        QVERIFY2(view.text().startsWith("supernet training: step 10 of 150, loss 2.1, 4 s ("), qPrintable(view.text()));
        const QString before = view.text();
        QTRY_VERIFY_WITH_TIMEOUT(view.text() != before, 3000); // the time so far moves on its own
        QVERIFY2(view.text().contains(" s so far)"), qPrintable(view.text()));

        view.onEvent(pipelineEvent(pipeline::EventKind::GenerationFinished, "search 0 generation 0: ...", 0, 0));
        QCOMPARE(view.maximum(), 3);
        QCOMPARE(view.value(), 1);
        // Generation 0 is the initial population: a plan of 3 populations evolves 2 generations.
        QVERIFY2(view.text().startsWith("Search 0, generation 0 of 2, "), qPrintable(view.text()));
        view.onEvent(pipelineEvent(pipeline::EventKind::AccuracyCheck, "post check on 20 sub-networks ..."));
        QVERIFY2(view.text().endsWith("\npost check on 20 sub-networks ..."), qPrintable(view.text()));
        view.onEvent(pipelineEvent(pipeline::EventKind::SearchRerun, "re-running the search", 1));
        QCOMPARE(view.maximum(), 6); // a re-run extends the plan at once
        view.onEvent(pipelineEvent(pipeline::EventKind::GenerationFinished, "search 1 generation 0: ...", 1, 0));
        QCOMPARE(view.maximum(), 6);
        QCOMPARE(view.value(), 2);
        QVERIFY2(view.text().startsWith("Search 1, generation 0 of 2, "), qPrintable(view.text()));

        view.onEvent(pipelineEvent(pipeline::EventKind::Warning, "power is not measured by host", 1));
        QVERIFY2(!view.text().contains("power is not measured"), qPrintable(view.text())); // the banner's
        view.setStep(QStringLiteral("Cancelling after the current step..."));
        QVERIFY(view.text().endsWith("Cancelling after the current step..."));
        view.onEvent(pipelineEvent(pipeline::EventKind::SupernetTraining, "supernet training: step 20 of 150", 1));
        QVERIFY2(view.text().endsWith("Cancelling after the current step..."), qPrintable(view.text()));
        view.stopRun(QStringLiteral("Stopped."));
        QVERIFY(!view.isLive());
        QTest::qWait(1200);
        QCOMPARE(view.text(), QString("Stopped.")); // the ticker stopped with the run
    }

    // After the last generation the final model trains for minutes: the bar is busy, not
    // full, and the line says what runs; the final model's event fills the bar.
    void theFinalModelsTrainingIsNotShownAsDone()
    {
        RunProgressView view;
        view.startRun(2, QStringLiteral("Starting"));
        view.onEvent(pipelineEvent(pipeline::EventKind::GenerationFinished, "search 0 generation 0: ..."));
        view.onEvent(pipelineEvent(pipeline::EventKind::GenerationFinished, "search 0 generation 1: ..."));
        QCOMPARE(view.maximum(), 2);
        QCOMPARE(view.value(), 2);
        view.onEvent(
            pipelineEvent(pipeline::EventKind::FinalTraining, "final model training: step 140 of 1400, loss 0.412"));
        QCOMPARE(view.maximum(), 0); // busy
        QVERIFY2(view.text().startsWith("Every generation done; training the final model, "), qPrintable(view.text()));
        QVERIFY2(view.text().endsWith("\nfinal model training: step 140 of 1400, loss 0.412"), qPrintable(view.text()));
        QVERIFY2(!view.text().contains("left"), qPrintable(view.text()));
        view.onEvent(pipelineEvent(pipeline::EventKind::FinalModel, "final model: ..."));
        QCOMPARE(view.maximum(), 2);
        QCOMPARE(view.value(), 2);
        view.onEvent(pipelineEvent(pipeline::EventKind::FinalTraining, "baseline training: step 1 of 9"));
        view.stopRun(QStringLiteral("Stopped."));
        QCOMPARE(view.maximum(), 2); // a run stopped while training is not left busy
        QCOMPARE(view.value(), 2);
    }

    void aStoppedRunBeforeItsFirstGenerationIsNotBusy()
    {
        RunProgressView view;
        view.startRun(5, QStringLiteral("Starting"));
        view.stopRun(QStringLiteral("Failed: no dataset"));
        QCOMPARE(view.maximum(), 5);
        QCOMPARE(view.value(), 0);
    }
};

QTEST_MAIN(TestRunProgressView)
#include "tst_runprogressview.moc"
