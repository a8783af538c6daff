// SPDX-License-Identifier: GPL-3.0-or-later
// Predicted against validated per generation: a generation's members' predicted means,
// and for those validated (with their generation or at a check), the predicted and
// validated means side by side; an unmeasured metric stays NaN, never 0; where each
// check falls on the generation axis.
#include "pipeline/GenerationValidation.h"

#include <QTest>

#include <cmath>

using namespace calibra;
using namespace calibra::pipeline;

namespace {

search::Evaluation predicted(double latencyMs, double powerMw)
{
    search::Evaluation e;
    e.latencyMs = latencyMs;
    e.powerMw = powerMw;
    e.energyMj = latencyMs * powerMw / 1000;
    e.dramBytes = 2e6;
    return e;
}

predictor::Figures measured(double latencyMs, double energyMj)
{
    predictor::Figures f;
    f.latencySeconds = latencyMs / 1e3;
    f.energyJoules = energyMj / 1e3;
    f.dramBytes = std::nan(""); // the validator measures no memory traffic
    return f;
}

} // namespace

class TestGenerationValidation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validatedMembersSideBySide()
    {
        RunSnapshot run;
        search::Generation g0, g1;
        g0.index = 0;
        g0.population = {{0, 0}, {1, 0}, {0, 0}}; // a duplicate member counts once
        g0.evaluations = {predicted(1.0, 100), predicted(3.0, 300), predicted(1.0, 100)};
        g1.index = 1;
        g1.population = {{1, 1}, {2, 2}};
        g1.evaluations = {predicted(2.0, 200), predicted(4.0, 400)};
        run.searches = {{g0, g1}};
        StoredCheck check;
        check.samples.push_back({genotypeText({1, 0}), {}, measured(3.3, 0.9)}); // member of generation 0
        check.samples.push_back({genotypeText({2, 2}), {}, measured(4.4, std::nan(""))});
        check.samples.push_back({genotypeText({9, 9}), {}, {}}); // could not be validated
        run.checks = {check};

        const std::vector<GenerationValidation> v = generationValidations(run);
        QCOMPARE(int(v.size()), 2);
        QCOMPARE(v[0].members, 2);
        QCOMPARE(v[0].validated, 1);
        QCOMPARE(v[0].predictedAll[predictor::CheckLatency], 2.0); // (1 + 3) / 2
        QCOMPARE(v[0].predictedOfValidated[predictor::CheckLatency], 3.0);
        QCOMPARE(v[0].validatedOfValidated[predictor::CheckLatency], 3.3);
        QVERIFY(std::abs(v[0].validatedOfValidated[predictor::CheckPower] - 0.9 / 3.3 * 1e3) < 1e-9);
        QVERIFY(std::isnan(v[0].validatedOfValidated[predictor::CheckDram])); // unmeasured: NaN, not 0
        QCOMPARE(v[0].predictedOfValidated[predictor::CheckDram], 2.0);
        QCOMPARE(v[1].validated, 1);
        QCOMPARE(v[1].validatedOfValidated[predictor::CheckLatency], 4.4);
        QVERIFY(std::isnan(v[1].validatedOfValidated[predictor::CheckPower]));
    }

    void generationsWithoutValidationsHaveNoValidatedMeans()
    {
        RunSnapshot run;
        search::Generation g;
        g.population = {{0}};
        g.evaluations = {predicted(1.0, 100)};
        run.searches = {{g}, {g}}; // two searches
        const std::vector<GenerationValidation> v = generationValidations(run);
        QCOMPARE(int(v.size()), 2);
        QCOMPARE(v[1].search, 1);
        QCOMPARE(v[1].validated, 0);
        QVERIFY(std::isnan(v[1].validatedOfValidated[predictor::CheckLatency]));
        QCOMPARE(v[1].predictedAll[predictor::CheckPower], 100.0);
    }

    void generationSamplesCountAsValidated()
    {
        RunSnapshot run;
        search::Generation g;
        g.population = {{0}, {1}};
        g.evaluations = {predicted(1.0, 100), predicted(2.0, 100)};
        run.searches = {{g}};
        run.generationSamples = {{0, 0, {{genotypeText({1}), {}, measured(2.5, 0.25)}}}};
        const std::vector<GenerationValidation> v = generationValidations(run);
        QCOMPARE(v[0].validated, 1);
        QCOMPARE(v[0].predictedOfValidated[predictor::CheckLatency], 2.0);
        QCOMPARE(v[0].validatedOfValidated[predictor::CheckLatency], 2.5);
    }

    void checksFallBetweenTheGenerationsTheyJudged()
    {
        RunSnapshot run;
        search::Generation g;
        g.population = {{0}};
        g.evaluations = {predicted(1.0, 100)};
        run.searches = {{g, g, g}, {g, g, g}}; // axis: search 0 at 0-2, search 1 at 3-5
        const auto check = [](int search, CheckStage stage, int generation) {
            StoredCheck c;
            c.search = search;
            c.generation = generation;
            c.summary.stage = stage;
            return c;
        };
        run.checks = {check(0, CheckStage::Pre, -1), check(0, CheckStage::Post, -1), check(1, CheckStage::Online, 1),
                      check(1, CheckStage::Post, -1),
                      check(2, CheckStage::Post, -1)}; // the last: its search has no generation yet
        const std::vector<CheckMark> marks = checkMarks(run);
        QCOMPARE(int(marks.size()), 4);
        QCOMPARE(marks[0].x, -0.5);
        QCOMPARE(marks[1].x, 2.5);
        QCOMPARE(marks[2].x, 4.5);
        QCOMPARE(marks[3].x, 5.5);
        QCOMPARE(int(marks[3].check), 3);
    }
};

QTEST_GUILESS_MAIN(TestGenerationValidation)
#include "tst_generationvalidation.moc"
