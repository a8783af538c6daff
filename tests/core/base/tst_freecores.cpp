// SPDX-License-Identifier: GPL-3.0-or-later
// The free-core meter: /proc/stat's busy time, the thread count it leads to, and that
// other processes' work shows as cores taken.
#include "base/FreeCores.h"

#include <QFile>
#include <QProcess>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace calibra::base;

class TestFreeCores : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void busyTicksAreEverythingButIdleAndIowait()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        const auto machine = cpuBusyTicks("cpu  100 5 50 1000 20 3 2 7 0 0");
        QVERIFY(machine);
        QCOMPARE(machine->cpu, -1);
        QCOMPARE(machine->ticks, 100LL + 5 + 50 + 3 + 2 + 7);
        const auto one = cpuBusyTicks("cpu12 10 0 5 400"); // old kernels: four fields
        QVERIFY(one);
        QCOMPARE(one->cpu, 12);
        QCOMPARE(one->ticks, 15LL);
        QVERIFY(!cpuBusyTicks("cpux 1 2 3 4"));
        QVERIFY(!cpuBusyTicks("intr 12345 0 0"));
        QVERIFY(!cpuBusyTicks("cpu 1 2"));
        QVERIFY(!cpuBusyTicks(""));
    }

    void aCoreCountsWhenThreeQuartersOfItAreFree()
    {
        QCOMPARE(threadsForFreeCores(0.0, 2), 1); // never fewer than one
        QCOMPARE(threadsForFreeCores(0.8, 2), 1);
        QCOMPARE(threadsForFreeCores(1.7, 2), 1); // the second core is mostly taken
        QCOMPARE(threadsForFreeCores(1.8, 2), 2);
        QCOMPARE(threadsForFreeCores(2.0, 2), 2);
        QCOMPARE(threadsForFreeCores(7.9, 4), 4); // at most the limit
        QCOMPARE(threadsForFreeCores(3.0, 0), 1);
    }

    void otherProcessesWorkTakesTheCores()
    {
        FreeCoreMeter meter;
        if (!QFile::exists("/proc/stat"))
            QSKIP("no /proc/stat: every core counts as free on this system");
        // One busy process per core: whatever else runs beside this test, no core is left.
        std::vector<std::unique_ptr<QProcess>> busy;
        for (int i = 0; i < meter.cores(); ++i) {
            busy.push_back(std::make_unique<QProcess>());
            // Niced: still busy for the meter, and gentler on a test running beside this one.
            busy.back()->start("nice", {"-n", "19", "sh", "-c", "while :; do :; done"});
            QVERIFY(busy.back()->waitForStarted());
        }
        QThread::msleep(300);
        meter.sample(); // from here on every core is busy
        QThread::msleep(1500);
        const double free = meter.sample();
        for (auto &p : busy) {
            p->kill();
            p->waitForFinished();
        }
        QVERIFY2(free < 0.5, qPrintable(QString("%1 of %2 cores counted free").arg(free).arg(meter.cores())));
        QCOMPARE(threadsForFreeCores(free, meter.cores()), 1);
    }

    void theThreadCountStaysWithinItsLimit()
    {
        const int threads = parallelThreadsNow();
        QVERIFY(threads >= 1);
        QVERIFY(threads <= std::max(1, QThread::idealThreadCount()) || qEnvironmentVariableIsSet("OMP_NUM_THREADS"));
    }
};

QTEST_GUILESS_MAIN(TestFreeCores)
#include "tst_freecores.moc"
