// SPDX-License-Identifier: GPL-3.0-or-later
// When the first part of a check's sample decides alone: a unanimous pass, or a failure
// the rest of the sample could not undo; never on what the rest could still change.
#include "pipeline/CheckAndFinetune.h"
#include "pipeline/SequentialCheck.h"

#include <QTest>

using namespace calibra;
using namespace calibra::pipeline;

namespace {

// `n` networks predicted at 1-n ms; the first `off` of them validated `slower` times slower.
CheckSummary judged(const Project &project, int n, int off, double slower = 1.2)
{
    std::vector<predictor::Figures> predicted, validated;
    for (int i = 0; i < n; ++i) {
        const double latency = 1e-3 * (i + 1);
        predicted.push_back({latency, latency * 0.5, 1e6 * (i + 1)});
        validated.push_back({latency * (i < off ? slower : 1.0), latency * 0.5, 1e6 * (i + 1)});
    }
    return judgeFigures(project, predicted, validated, std::vector<double>(size_t(n), 0.9), CheckStage::Pre,
                        FinetunePolicy::WhenFailed);
}

Project lenientMape()
{
    Project p;
    for (auto &t : p.thresholds.metric) {
        t.maxMape = 1; // judged apart below
        t.minSpearman = -1;
    }
    return p;
}

} // namespace

class TestSequentialCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aUnanimousFirstPartPasses()
    {
        const Project p = lenientMape();
        const CheckSummary first = judged(p, 10, 0);
        QVERIFY(!first.report.finetune);
        QCOMPARE(earlyDecision(p, first, 20, false), EarlyDecision::Pass);
        QCOMPARE(earlyDecision(p, first, 20, true), EarlyDecision::Pass);
        // The whole sample already validated: nothing is left to spare.
        QCOMPARE(earlyDecision(p, first, 10, false), EarlyDecision::None);
    }

    // One network outside 10% passes the whole sample's 90% but is not unanimous: the
    // rest decides.
    void oneNetworkOutsideNeedsTheRest()
    {
        const Project p = lenientMape();
        const CheckSummary first = judged(p, 10, 1);
        QVERIFY(!first.report.finetune);
        QCOMPARE(earlyDecision(p, first, 20, false), EarlyDecision::None);
    }

    // 90% within 10% over 20 allows 2 outside: 2 in the first 10 could still pass, 3 cannot.
    void aFailureIsCertainOnlyBeyondWhatTheWholeSampleAllows()
    {
        const Project p = lenientMape();
        const CheckSummary two = judged(p, 10, 2);
        QVERIFY(two.report.finetune); // 80% of the first part
        QCOMPARE(earlyDecision(p, two, 20, false), EarlyDecision::None);
        const CheckSummary three = judged(p, 10, 3);
        QCOMPARE(earlyDecision(p, three, 20, false), EarlyDecision::Fail);
        // A finetune follows and trains on the whole sample: the rest is validated.
        QCOMPARE(earlyDecision(p, three, 20, true), EarlyDecision::None);
    }

    // The error already made, spread over the whole sample, exceeds max_mape: certain.
    // Each network validated 1.2x slower at the same energy is 20% off in power.
    void anErrorTheRestCannotDiluteFails()
    {
        Project p = lenientMape();
        for (auto &t : p.thresholds.metric) {
            t.maxMape = 0.025;
            t.minWithin10 = 0;
        }
        // Two: 4% over the first 10 (failed), 2% if spread over 20: not certain.
        const CheckSummary two = judged(p, 10, 2);
        QVERIFY(two.report.finetune);
        QCOMPARE(earlyDecision(p, two, 20, false), EarlyDecision::None);
        // Three: at least 3% over 20, whatever the other 10 show.
        QCOMPARE(earlyDecision(p, judged(p, 10, 3), 20, false), EarlyDecision::Fail);
    }

    // A unanimous pass needs at least 5 compared networks (others may have failed
    // validation); a certain failure does not.
    void aPassNeedsEnoughComparedNetworks()
    {
        const Project p = lenientMape();
        QCOMPARE(earlyDecision(p, judged(p, 4, 0), 20, false), EarlyDecision::None);
        QCOMPARE(earlyDecision(p, judged(p, 5, 0), 20, false), EarlyDecision::Pass);
        QCOMPARE(earlyDecision(p, judged(p, 3, 3), 20, false), EarlyDecision::Fail);
    }

    // A rank correlation the rest could raise never fails early: the fastest network
    // validated 3x slower swaps places with the next two.
    void aRankFailureWaitsForTheRest()
    {
        Project p = lenientMape();
        for (auto &t : p.thresholds.metric) {
            t.minWithin10 = 0;
            t.minSpearman = 0.99;
        }
        const CheckSummary first = judged(p, 10, 1, 3.0);
        QVERIFY(first.report.finetune);
        QVERIFY(first.report.metric[predictor::CheckLatency].misorderedDistinctPairs > 0);
        QCOMPARE(earlyDecision(p, first, 20, false), EarlyDecision::None);
    }

    // Feasibility decided wrongly on more networks than the threshold allows overall.
    void feasibilityDisagreementsCount()
    {
        Project p = lenientMape();
        for (auto &t : p.thresholds.metric)
            t.minWithin10 = 0;
        p.search.constraints.maxLatencyMs = 3.5; // networks 1-3 predicted feasible
        // Validated 20% slower: 3 ms becomes 3.6 ms, infeasible; 1 and 2 ms stay feasible.
        CheckSummary first = judged(p, 10, 3);
        QCOMPARE(first.decisions.feasibilityDisagreements, 1);
        QCOMPARE(earlyDecision(p, first, 20, false), EarlyDecision::None);
        p.search.constraints.maxLatencyMs = 1.1; // 1 ms feasible predicted, 1.2 ms validated: 1 of 20
        p.thresholds.minDecisionAgreement = 0.99;
        first = judged(p, 10, 3);
        QCOMPARE(first.decisions.feasibilityDisagreements, 1);
        QCOMPARE(earlyDecision(p, first, 20, false), EarlyDecision::Fail); // 19 of 20 < 99%
    }

    void theNoteSaysWhatWasLeftOut()
    {
        QCOMPARE(earlyDecisionNote(EarlyDecision::Pass, 10, 10).english(),
                 std::string("decided on the first part (10 sub-networks compared): every one within 10% and every "
                             "decision the same, so the other 10 were not validated"));
        QVERIFY(earlyDecisionNote(EarlyDecision::Fail, 9, 7)
                    .english()
                    .find("whatever the other 7 would show, and no finetune follows")
                != std::string::npos);
        QVERIFY(earlyDecisionNote(EarlyDecision::None, 9, 7).english().empty());
    }

    // Both parts take every other member of each stratum, the first part the extra one.
    void strataAreSplitEvenly()
    {
        std::vector<int> firstPartCounts;
        const std::vector<size_t> order = interleaveStrata({5, 2, 9}, &firstPartCounts);
        QCOMPARE(firstPartCounts, (std::vector<int>{3, 1, 5}));
        QCOMPARE(order, (std::vector<size_t>{0, 2, 4, 5, 7, 9, 11, 13, 15, 1, 3, 6, 8, 10, 12, 14}));
    }
};

QTEST_GUILESS_MAIN(TestSequentialCheck)
#include "tst_sequentialcheck.moc"
