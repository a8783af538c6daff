// SPDX-License-Identifier: GPL-3.0-or-later
// The Compare tab's queue of runs to read: each added directory is answered once, in
// order, also when a clear() dropped the read in flight.
#include "RunComparison.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
};

QTEST_MAIN(TestRunComparison)
#include "tst_runcomparison.moc"
