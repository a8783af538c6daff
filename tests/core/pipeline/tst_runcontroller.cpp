// SPDX-License-Identifier: GPL-3.0-or-later
// A run driven by the controller the Runs tab and calibra-cli share: named in the runs
// folder, opened before its first event, its events in order on the caller's thread,
// one run at a time, cancelled after a step and resumed to the end.
#include "SmallRuns.h"
#include "pipeline/RunController.h"
#include "pipeline/RunStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace calibra;
using namespace calibra::pipeline;

class TestRunController : public QObject
{
    Q_OBJECT

    static Project quickProject(const QString &dir)
    {
        Project p = withChecks(smallResNetProject(dir, "quick"), Mode::Offline, true);
        p.estimator = supernet::EstimatorKind::Params;
        return p;
    }

private Q_SLOTS:
    void runsInANewDirectoryOfTheRunsFolder()
    {
        QTemporaryDir dir;
        RunController run;
        std::vector<std::string> seen; // "opened", then the events' kinds
        bool offThread = false;
        connect(&run, &RunController::opened, this, [&](int planned) {
            seen.push_back("opened " + std::to_string(planned));
            offThread = offThread || QThread::currentThread() != thread();
        });
        connect(&run, &RunController::eventArrived, this, [&](const Event &e) {
            seen.push_back(eventKindName(e.kind));
            offThread = offThread || QThread::currentThread() != thread();
        });
        QSignalSpy finished(&run, &RunController::finished);
        const std::string directory = run.start(quickProject(dir.path()), "", dir.filePath("runs").toStdString());
        QVERIFY2(QString::fromStdString(directory).startsWith(dir.filePath("runs/quick-")), directory.c_str());
        QVERIFY(run.isRunning());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, run.start(quickProject(dir.path()), "", "runs"));
        QVERIFY(finished.wait(300000));
        QVERIFY2(run.result().ok, run.result().error.c_str());
        QVERIFY(!offThread);
        QCOMPARE(seen.front(), std::string("opened 3")); // 2 generations and the initial population
        QCOMPARE(seen[1], std::string("started"));
        QCOMPARE(seen.back(), std::string("finished"));
        QCOMPARE(RunStore(directory, RunStore::ReadOnly{}).status(), RunStatus::Finished);
    }

    void aCancelledRunResumesToTheEnd()
    {
        QTemporaryDir dir;
        Project p = quickProject(dir.path());
        p.search.generations = 30;
        const std::string directory = dir.filePath("run").toStdString();
        {
            RunController run;
            connect(&run, &RunController::eventArrived, &run, [&run](const Event &e) {
                if (e.kind == EventKind::GenerationFinished)
                    run.cancel();
            });
            QSignalSpy finished(&run, &RunController::finished);
            QCOMPARE(run.start(p, directory), directory);
            QVERIFY(finished.wait(300000));
            QVERIFY(run.result().cancelled);
        }
        const int stopped = int(RunStore(directory, RunStore::ReadOnly{}).generations(0).size());
        QVERIFY2(stopped < 31, std::to_string(stopped).c_str());
        RunController again;
        QSignalSpy opened(&again, &RunController::opened);
        QSignalSpy finished(&again, &RunController::finished);
        again.resume(directory);
        QVERIFY(finished.wait(300000));
        QVERIFY2(again.result().ok, again.result().error.c_str());
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().at(0).toInt(), 31); // the recorded project's plan
        QCOMPARE(int(RunStore(directory, RunStore::ReadOnly{}).generations(0).size()), 31);
    }

    // A project that cannot open (its network is missing) finishes with the reason, never
    // opened.
    void aRunThatCannotOpenSaysWhy()
    {
        QTemporaryDir dir;
        Project p = quickProject(dir.path());
        p.reference = "missing.yaml";
        RunController run;
        QSignalSpy opened(&run, &RunController::opened);
        QSignalSpy finished(&run, &RunController::finished);
        run.start(p, dir.filePath("run").toStdString());
        QVERIFY(finished.wait(60000));
        QVERIFY(!run.result().ok);
        QVERIFY2(QString::fromStdString(run.result().error).contains("missing.yaml"), run.result().error.c_str());
        QCOMPARE(opened.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRunController)
#include "tst_runcontroller.moc"
