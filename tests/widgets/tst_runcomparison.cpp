// SPDX-License-Identifier: GPL-3.0-or-later
// The Compare tab's queue of runs to read: each added directory is answered once, in
// order, also when a clear() dropped the read in flight; a final model's test accuracy as
// its weights came.
#include "RunComparison.h"

#include "SmallRuns.h"

#include <QFile>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace calibra;
using namespace calibra::widgets;

class TestRunComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyQueuedRunIsAnsweredInOrder()
    {
        QTemporaryDir dir;
        RunComparison comparison;
        QSignalSpy added(&comparison, &RunComparison::runAdded);
        comparison.addRun(dir.filePath("first"));
        comparison.addRun(dir.filePath("second"));
        QTRY_COMPARE(added.count(), 2);
        QVERIFY(added.at(0).at(1).toString().contains("first"));
        QVERIFY(added.at(1).at(1).toString().contains("second"));
    }

    // The read of "dropped" is still in flight when clear() cancels it; "kept", added
    // after the clear, must still be read, though the cancelled read never answers.
    void aRunAddedAfterAClearIsRead()
    {
        QTemporaryDir dir;
        RunComparison comparison;
        QSignalSpy added(&comparison, &RunComparison::runAdded);
        comparison.addRun(dir.filePath("dropped"));
        comparison.clear(); // no event loop ran: the first read's end is not handled yet
        comparison.addRun(dir.filePath("kept"));
        QTRY_COMPARE(added.count(), 1);
        QVERIFY(added.at(0).at(1).toString().contains("kept"));
        QTest::qWait(50);
        QCOMPARE(added.count(), 1);
        QCOMPARE(comparison.runCount(), 0);
    }

    // A final model with the supernet's weights (no final training) says it was not
    // retrained beside its test accuracy.
    void anInheritedFinalModelIsMarkedNotRetrained()
    {
        if (!QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed (scripts/setup.sh installs it)");
        QTemporaryDir dir;
        pipeline::Project p =
            withSmallOneShot(smallResNetProject(dir.path(), "inherited"), supernet::EstimatorKind::OneShot);
        p.finalTraining.maxTestImages = 128;
        const pipeline::RunResult r = runCollecting(p, dir.filePath("run"));
        QVERIFY2(r.ok, r.error.c_str());
        RunComparison comparison;
        QSignalSpy added(&comparison, &RunComparison::runAdded);
        comparison.addRun(dir.filePath("run"));
        QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, 20000);
        QVERIFY(added.at(0).at(0).toBool());
        const QString cell = comparison.table()->item(0, 5)->text();
        QCOMPARE(cell, QStringLiteral("%1% (not retrained)").arg(r.final.testAccuracy * 100, 0, 'f', 1));
    }
};

QTEST_MAIN(TestRunComparison)
#include "tst_runcomparison.moc"
