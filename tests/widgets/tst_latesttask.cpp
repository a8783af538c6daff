// SPDX-License-Identifier: GPL-3.0-or-later
// The views' background work: the newest request wins, a superseded or cancelled task's
// result never arrives, one task runs at a time until its result is delivered, and the
// destructor waits for the task.
#include "LatestTask.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

#include <thread>

using namespace calibra::widgets;

namespace {

// A task that waits until the test lets it go (or it is cancelled), then answers `value`.
struct Gate
{
    QSemaphore open;
    std::atomic<int> started{0}, sawCancel{0};
    LatestTask<int>::Work work(int value)
    {
        return [this, value](const std::atomic<bool> &cancelled) {
            ++started;
            while (!open.tryAcquire(1, 5))
                if (cancelled.load()) {
                    ++sawCancel;
                    return -1;
                }
            return value;
        };
    }
};

} // namespace

class TestLatestTask : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anIdleTaskAnswers()
    {
        QObject owner;
        std::vector<int> results;
        LatestTask<int> task(&owner, [&](int v) { results.push_back(v); });
        task.start([](const std::atomic<bool> &) { return 42; });
        QVERIFY(task.isRunning());
        QTRY_COMPARE(results, std::vector<int>{42});
        QVERIFY(!task.isRunning());
    }

    // The work has ended on its thread, but its result has not reached the owner's thread
    // yet: the task still counts as running, so a caller that waits for !isRunning() sees
    // the result.
    void aTaskRunsUntilItsResultIsDelivered()
    {
        QObject owner;
        std::vector<int> results;
        LatestTask<int> task(&owner, [&](int v) { results.push_back(v); });
        std::atomic<bool> ended{false};
        task.start([&ended](const std::atomic<bool> &) {
            ended = true;
            return 7;
        });
        while (!ended.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(50)); // no event loop runs
        QVERIFY(task.isRunning());
        QVERIFY(results.empty());
        QTRY_VERIFY(!task.isRunning());
        QCOMPARE(results, std::vector<int>{7});
    }

    // Three requests while the first runs: the first is asked to stop, the second never
    // starts (the third replaced it), only the third answers.
    void theNewestRequestWins()
    {
        QObject owner;
        Gate gate;
        std::vector<int> results;
        LatestTask<int> task(&owner, [&](int v) { results.push_back(v); });
        task.start(gate.work(1));
        QTRY_COMPARE(gate.started.load(), 1);
        task.start(gate.work(2));
        task.start(gate.work(3));
        QTRY_COMPARE(gate.sawCancel.load(), 1);
        QTRY_COMPARE(gate.started.load(), 2); // the third, after the first stopped
        gate.open.release();
        QTRY_VERIFY(!task.isRunning());
        QCOMPARE(results, std::vector<int>{3});
        QCOMPARE(gate.started.load(), 2);
    }

    void aCancelledTaskNeverAnswers()
    {
        QObject owner;
        Gate gate;
        int answers = 0;
        LatestTask<int> task(&owner, [&](int) { ++answers; });
        task.start(gate.work(1));
        QTRY_COMPARE(gate.started.load(), 1);
        task.cancel();
        QTRY_VERIFY(!task.isRunning());
        QCOMPARE(gate.sawCancel.load(), 1);
        QTest::qWait(20);
        QCOMPARE(answers, 0);
    }

    // The idle handler runs after a delivered result and after a dropped one, but not
    // while the result handler has started the next task.
    void theIdleHandlerRunsWhetherTheResultArrivedOrNot()
    {
        QObject owner;
        Gate gate;
        std::vector<int> results;
        int idles = 0;
        LatestTask<int> *self = nullptr;
        LatestTask<int> task(&owner, [&](int v) {
            results.push_back(v);
            if (v == 2) // chain a third task from the handler: not idle yet
                self->start([](const std::atomic<bool> &) { return 3; });
        });
        self = &task;
        task.onIdle([&] { ++idles; });
        task.start(gate.work(1));
        QTRY_COMPARE(gate.started.load(), 1);
        task.cancel();
        QTRY_COMPARE(idles, 1);
        QVERIFY(results.empty());
        task.start([](const std::atomic<bool> &) { return 2; });
        QTRY_VERIFY(!task.isRunning());
        QCOMPARE(results, (std::vector<int>{2, 3}));
        QCOMPARE(idles, 2);
    }

    // A task that ignores its flag still finishes before the helper is gone, and its
    // result goes nowhere.
    void theDestructorWaitsForTheRunningTask()
    {
        QObject owner;
        std::atomic<bool> finished{false};
        int answers = 0;
        {
            LatestTask<int> task(&owner, [&](int) { ++answers; });
            task.start([&finished](const std::atomic<bool> &) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                finished = true;
                return 1;
            });
        }
        QVERIFY(finished.load());
        QCoreApplication::processEvents();
        QCOMPARE(answers, 0);
    }
};

QTEST_GUILESS_MAIN(TestLatestTask)
#include "tst_latesttask.moc"
