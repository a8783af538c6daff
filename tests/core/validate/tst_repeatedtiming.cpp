// SPDX-License-Identifier: GPL-3.0-or-later
// Summaries of repeated timed runs: the median's interval, outliers, spread.
#include "validate/RepeatedTiming.h"

#include <QTest>

#include <random>
#include <stdexcept>

using namespace calibra::validate;

class TestRepeatedTiming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A preempted run (ten times the others) is set aside: it moves neither the median
    // nor the p90 nor the spread.
    void setsOutliersAside()
    {
        std::vector<double> runs;
        for (int i = 0; i < 97; ++i)
            runs.push_back(2.0 + 0.01 * (i % 11 - 5)); // 1.95 .. 2.05
        runs.insert(runs.end(), {20.0, 25.0, 19.0});
        const TimingSummary s = summarizeRuns(runs);
        QCOMPARE(s.outliers, 3);
        QCOMPARE(s.runs, 97);
        QCOMPARE(s.medianMs, 2.0);
        QVERIFY(s.p90Ms <= 2.05);
        QVERIFY2(s.spread > 0 && s.spread < 0.03, qPrintable(QString::number(s.spread))); // 1.4826 x 0.03 / 2
        QVERIFY(s.lowMs <= s.medianMs && s.medianMs <= s.highMs);
        QVERIFY(s.highMs <= 2.05);
    }

    // The interval narrows as runs accumulate (about as 1/sqrt(n)), which is what lets a
    // measurement stop once it is precise enough; with few runs it is wide.
    void intervalNarrowsWithMoreRuns()
    {
        std::mt19937 rng(3);
        std::lognormal_distribution<double> noise(0.0, 0.05);
        std::vector<double> runs;
        double precisionAt10 = 0, precisionAt1000 = 0;
        for (int i = 1; i <= 1000; ++i) {
            runs.push_back(5.0 * noise(rng));
            if (i == 10)
                precisionAt10 = summarizeRuns(runs).relativePrecision();
        }
        const TimingSummary s = summarizeRuns(runs);
        precisionAt1000 = s.relativePrecision();
        QVERIFY2(precisionAt10 > 0.02, qPrintable(QString::number(precisionAt10)));
        QVERIFY2(precisionAt1000 < 0.01, qPrintable(QString::number(precisionAt1000)));
        QVERIFY(precisionAt1000 < precisionAt10 / 4);
        // The true median (5.0) lies inside the interval.
        QVERIFY2(s.lowMs <= 5.0 && 5.0 <= s.highMs, qPrintable(QString("%1 .. %2").arg(s.lowMs).arg(s.highMs)));
        QVERIFY2(std::abs(s.spread - 0.05) < 0.01, qPrintable(QString::number(s.spread)));
    }

    void singleRunAndIdenticalRuns()
    {
        const TimingSummary one = summarizeRuns({3.0});
        QCOMPARE(one.medianMs, 3.0);
        QCOMPARE(one.lowMs, 3.0);
        QCOMPARE(one.highMs, 3.0);
        const TimingSummary same = summarizeRuns(std::vector<double>(50, 1.5));
        QCOMPARE(same.outliers, 0);
        QCOMPARE(same.spread, 0.0);
        QCOMPARE(same.relativePrecision(), 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, summarizeRuns({}));
    }
};

QTEST_GUILESS_MAIN(TestRepeatedTiming)
#include "tst_repeatedtiming.moc"
