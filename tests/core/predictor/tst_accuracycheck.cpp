// SPDX-License-Identifier: GPL-3.0-or-later
// Accuracy metrics and the finetune/bypass decision.
#include "predictor/AccuracyCheck.h"

#include <QTest>

#include <cmath>

using namespace calibra::predictor;

class TestAccuracyCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rankCorrelations()
    {
        QCOMPARE(spearmanRho({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
        QCOMPARE(spearmanRho({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
        QCOMPARE(kendallTau({1, 2, 3, 4}, {1, 3, 2, 4}), 4.0 / 6.0); // 5 concordant, 1 discordant
        // Ties share ranks: rho of [1,1,2] against [1,2,3] is pearson([1.5,1.5,3],[1,2,3]).
        QVERIFY(qFuzzyCompare(spearmanRho({1, 1, 2}, {1, 2, 3}), 0.8660254037844387));
    }

    void sharesAndErrors()
    {
        const MetricAccuracy a = accuracyOf({1.04, 0.92, 1.2, 2.0}, {1.0, 1.0, 1.0, 2.0});
        QCOMPARE(a.count, 4);
        QCOMPARE(a.within10, 0.75); // 4%, 8%, 20%, 0%
        QCOMPARE(a.within5, 0.5);
        QVERIFY(qFuzzyCompare(a.mape, (0.04 + 0.08 + 0.2 + 0.0) / 4));
        QVERIFY(qFuzzyCompare(a.rmse, std::sqrt((0.0016 + 0.0064 + 0.04) / 4)));
    }

    // A check with nothing to compare passes (there is nothing to finetune on) but says
    // it judged nothing, so a "bypass" never reads as a judgement.
    void nothingComparedIsNotAJudgement()
    {
        const AccuracyReport empty = checkAccuracy({}, {});
        QVERIFY(!empty.finetune);
        QCOMPARE(int(empty.notes.size()), 1);
        QVERIFY(empty.notes[0].english().rfind("nothing compared:", 0) == 0);
    }

    // Figures measured without latency have no energy (a table that measured power
    // alone): their power is not measured, never compared as 0 or with itself.
    void powerWithoutLatencyIsNotJudged()
    {
        const double nan = std::nan("");
        const Figures measured{nan, nan, 2e6};
        QVERIFY(std::isnan(measured.powerWatts()));
        const std::vector<Figures> validated(3, measured), predicted(3, Figures{1e-3, 2e-3, 2.5e6});
        const AccuracyReport r = checkAccuracy(predicted, validated);
        QCOMPARE(r.metric[CheckPower].count, 0);
        QCOMPARE(r.metric[CheckLatency].count, 0);
        QCOMPARE(r.metric[CheckDram].count, 3);
        QCOMPARE(r.metric[CheckDram].within10, 0.0);
    }

    void decidesAndNamesFailedMetric()
    {
        std::vector<Figures> truth, good, badLatency;
        for (int i = 1; i <= 20; ++i) {
            const Figures f{i * 1e-3, i * 2e-3, i * 1e6};
            truth.push_back(f);
            good.push_back({f.latencySeconds * 1.02, f.energyJoules * 0.99, f.dramBytes * 1.01});
            badLatency.push_back({f.latencySeconds * (i % 2 ? 1.3 : 0.7), f.energyJoules, f.dramBytes});
        }
        const AccuracyReport pass = checkAccuracy(good, truth);
        QVERIFY(!pass.finetune);
        QVERIFY(pass.failures.empty());
        QVERIFY(pass.metric[CheckPower].within10 == 1.0);

        const AccuracyReport fail = checkAccuracy(badLatency, truth);
        QVERIFY(fail.finetune);
        QVERIFY(!fail.failures.empty());
        // Latency and (through energy / latency) power fail; memory access does not.
        bool latency = false, memory = false;
        for (const calibra::TranslatableText &f : fail.failures) {
            latency |= f.english().rfind("latency:", 0) == 0;
            memory |= f.english().rfind("memory access:", 0) == 0;
        }
        QVERIFY(latency && !memory);

        // Thresholds are configurable: the same numbers pass a lenient check.
        CheckThresholds lenient;
        for (auto &m : lenient.metric)
            m = {0.0, 1.0, -1.0};
        QVERIFY(!checkAccuracy(badLatency, truth, lenient).finetune);
    }

    // A converged population: validated latencies within 4% of each other, every
    // prediction within 3%, ranks shuffled by those small errors. The order of near-equal
    // networks is noise: rank correlation is not judged, and the check passes.
    void rankIsJudgedOnlyBeyondTheTolerance()
    {
        std::vector<Figures> truth, predicted;
        for (int i = 0; i < 16; ++i) {
            const double latency = 1e-3 * (1.0 + 0.0025 * i); // spans 3.75%
            truth.push_back({latency, latency * 0.3, 1e6});
            const double error = (i % 2 ? 1.03 : 0.97);
            predicted.push_back({latency * error, latency * 0.3 * error, 1e6 * error});
        }
        const AccuracyReport narrow = checkAccuracy(predicted, truth);
        QVERIFY(narrow.metric[CheckLatency].spearman < 0.95); // the old rule failed this
        QVERIFY(!narrow.metric[CheckLatency].rankJudged);
        QVERIFY2(!narrow.finetune, narrow.failures.empty() ? "" : narrow.failures.front().english().c_str());
        QVERIFY(!narrow.notes.empty());
        QVERIFY2(narrow.notes.front().english().find("rank not judged") != std::string::npos,
                 narrow.notes.front().english().c_str());

        // The same errors over a wide spread swap no pairs that matter, but a predictor
        // that reverses a wide spread fails on rank even with a lenient share and MAPE.
        std::vector<Figures> wideTruth, reversed;
        for (int i = 0; i < 16; ++i) {
            const double latency = 1e-3 * (1.0 + 0.1 * i);
            wideTruth.push_back({latency, latency * 0.3, 1e6 * (1 + i)});
            const double swapped = 1e-3 * (1.0 + 0.1 * (15 - i));
            reversed.push_back({swapped, swapped * 0.3, 1e6 * (1 + i)});
        }
        CheckThresholds lenient;
        for (auto &m : lenient.metric)
            m = {0.0, 100.0, 0.5};
        const AccuracyReport wide = checkAccuracy(reversed, wideTruth, lenient);
        QVERIFY(wide.metric[CheckLatency].rankJudged);
        QVERIFY(wide.finetune);
        QVERIFY2(wide.failures.front().english().find("latency: Spearman rho") == 0,
                 wide.failures.front().english().c_str());
        QVERIFY2(wide.failures.front().english().find("out of order") != std::string::npos,
                 wide.failures.front().english().c_str());
    }

    // Validated values spread over 29%, in pairs 2% apart; every prediction within 5%
    // swaps each pair. Rho falls below 0.95, but no pair the tolerance can tell apart is
    // misordered: a note, not a failure. One prediction 40% off that misorders distant
    // pairs fails.
    void lowRankFromClosePairsIsNotAFailure()
    {
        std::vector<Figures> truth, swapped;
        for (int i = 0; i < 20; ++i) {
            const double latency = 1e-3 * (1.0 + 0.03 * (i / 2) + 0.02 * (i % 2));
            truth.push_back({latency, 0.3, 1e6});
            swapped.push_back({latency * (i % 2 ? 0.99 : 1.02), 0.3, 1e6});
        }
        CheckThresholds strict;
        strict.metric[CheckLatency].minSpearman = 0.999;
        const AccuracyReport close = checkAccuracy(swapped, truth, strict);
        QVERIFY(close.metric[CheckLatency].rankJudged);
        QVERIFY(close.metric[CheckLatency].spearman < 0.999);
        QVERIFY(close.metric[CheckLatency].distinctPairs > 0);
        QCOMPARE(close.metric[CheckLatency].misorderedDistinctPairs, 0);
        QVERIFY2(!close.finetune, close.failures.empty() ? "" : close.failures.front().english().c_str());
        bool noted = false;
        for (const auto &n : close.notes)
            noted = noted || n.english().find("no pair more than 22% apart is out of order") != std::string::npos;
        QVERIFY(noted);

        // Spread over 15% only: no two values the tolerance can tell apart, which the note says.
        std::vector<Figures> narrowTruth(truth.begin(), truth.begin() + 10),
            narrowSwapped(swapped.begin(), swapped.begin() + 10);
        const AccuracyReport narrow = checkAccuracy(narrowSwapped, narrowTruth, strict);
        QVERIFY(narrow.metric[CheckLatency].rankJudged);
        QCOMPARE(narrow.metric[CheckLatency].distinctPairs, 0);
        QVERIFY(!narrow.finetune);
        bool said = false;
        for (const auto &n : narrow.notes)
            said = said || n.english().find("no two validated values are more than 22% apart") != std::string::npos;
        QVERIFY(said);

        swapped[0].latencySeconds = truth[19].latencySeconds * 1.4;
        const AccuracyReport far = checkAccuracy(swapped, truth, strict);
        QVERIFY(far.metric[CheckLatency].misorderedDistinctPairs > 0);
        QVERIFY(far.finetune);
    }

    // A failure never reads "0.950 < 0.950": as many decimals as it takes.
    void comparisonsShowTheDifference()
    {
        QCOMPARE(comparison(0.9496, "<", 0.95), std::string("0.9496 < 0.9500"));
        QCOMPARE(comparison(0.941, "<", 0.95), std::string("0.941 < 0.950"));
        QCOMPARE(comparison(89.96, "<", 90.0, 1, "%"), std::string("89.96% < 90.00%"));
    }

    void unmeasuredMetricsAreNotFailures()
    {
        // Latency measured and right; power and memory access not measured (NaN).
        std::vector<Figures> predicted, validated;
        for (int i = 1; i <= 6; ++i) {
            predicted.push_back({i * 1e-3, i * 2e-4, i * 1e5});
            validated.push_back({i * 1.01e-3, std::nan(""), std::nan("")});
        }
        const AccuracyReport r = checkAccuracy(predicted, validated);
        QVERIFY(!r.finetune);
        QCOMPARE(r.metric[CheckPower].count, 0);
        QCOMPARE(shareWithin10(r.metric[CheckPower]), std::string("not measured"));
        QCOMPARE(shareWithin10(r.metric[CheckDram]), std::string("not measured"));
        QCOMPARE(shareWithin10(r.metric[CheckLatency]), std::string("100.0%"));
    }
};

QTEST_GUILESS_MAIN(TestAccuracyCheck)
#include "tst_accuracycheck.moc"
