// SPDX-License-Identifier: GPL-3.0-or-later
// Search: Pareto utilities on known points; NSGA-II, the constrained search and random
// search on the demo supernet with a cheap analytic evaluator (MACs as latency, params as
// accuracy), determinism per generation (what resume relies on), constraints.
#include "graph/ContentHash.h"
#include "graph/Cost.h"
#include "graph/NetworkBuilder.h"
#include "search/Pareto.h"
#include "search/Search.h"

#include <QTest>

#include <algorithm>
#include <random>
#include <set>

using namespace calibra;
using namespace calibra::search;

namespace {

// Accuracy grows with parameters, latency with MACs: a real trade-off.
Evaluator analyticEvaluator(const supernet::Supernet &s)
{
    return [&s](const std::vector<Genotype> &population) {
        std::vector<Evaluation> out;
        for (const Genotype &g : population) {
            const graph::Cost c = graph::networkCost(s.decode(g)).total;
            // Power follows latency and memory access is left out, so the front is accuracy x latency.
            out.push_back({std::log(double(c.params)), double(c.macs) / 1e8, double(c.macs) / 1e6, 0, 0});
        }
        return out;
    };
}

std::vector<Generation> runSearch(const supernet::Supernet &s, const SearchOptions &o)
{
    const EvolutionarySearch engine(s, o);
    const Evaluator eval = analyticEvaluator(s);
    std::vector<Generation> gens(1);
    gens[0].population = engine.initialPopulation();
    gens[0].evaluations = eval(gens[0].population);
    for (int g = 1; g <= o.generations; ++g) {
        Generation c;
        c.index = g;
        c.population = engine.nextPopulation(gens.back());
        c.evaluations = eval(c.population);
        gens.push_back(engine.select(gens.back(), c));
    }
    return gens;
}

} // namespace

class TestSearch : public QObject
{
    Q_OBJECT
    supernet::Supernet m_supernet{graph::buildMobileNetV2(32, 10, true)};

private Q_SLOTS:
    void paretoFrontMatchesTheDefinition()
    {
        // Random members on a coarse grid (ties and duplicates), some over a limit; the
        // front must be exactly the feasible members no other feasible member dominates,
        // one per distinct point, the first seen.
        std::mt19937_64 rng(4);
        std::uniform_int_distribution<int> grid(0, 12);
        std::vector<Generation> gens(3);
        for (auto &g : gens)
            for (int i = 0; i < 40; ++i) {
                g.population.push_back({i});
                g.evaluations.push_back({grid(rng) / 12.0, 0.1 + grid(rng) / 10.0, 0, 0, 0});
            }
        Constraints c;
        c.maxLatencyMs = 1.0;
        std::vector<std::pair<int, int>> expected;
        std::set<std::pair<double, double>> seen;
        for (int g = 0; g < 3; ++g)
            for (int m = 0; m < 40; ++m) {
                const Evaluation &e = gens[size_t(g)].evaluations[size_t(m)];
                if (c.violation(e) > 0)
                    continue;
                bool dominated = false;
                for (const auto &h : gens)
                    for (const Evaluation &o : h.evaluations)
                        if (c.violation(o) <= 0 && o.latencyMs <= e.latencyMs && o.accuracy >= e.accuracy
                            && (o.latencyMs < e.latencyMs || o.accuracy > e.accuracy))
                            dominated = true;
                if (!dominated && seen.insert({e.latencyMs, e.accuracy}).second)
                    expected.push_back({g, m});
            }
        QCOMPARE(paretoFront(gens, c), expected);
    }

    void paretoUtilities()
    {
        const std::vector<Objectives> pts{{1, 5}, {2, 3}, {3, 4}, {4, 1}, {5, 5}};
        const auto fronts = nonDominatedFronts(pts);
        QCOMPARE(fronts.size(), size_t(3));
        QCOMPARE(std::set<int>(fronts[0].begin(), fronts[0].end()), (std::set<int>{0, 1, 3}));
        QCOMPARE(fronts[1], std::vector<int>{2});
        QCOMPARE(fronts[2], std::vector<int>{4});
        const auto crowd = crowdingDistances(pts, fronts[0]);
        QVERIFY(std::isinf(crowd[0]) && std::isinf(crowd[2]) && std::isfinite(crowd[1]));
        // Front {1,5},{2,3},{4,1} against (6, 6): 5x1 + 4x2 + 2x2 = 17.
        QCOMPARE(hypervolume2d(pts, {6, 6}), 17.0);
        QCOMPARE(hypervolume2d({{7, 0}}, {6, 6}), 0.0); // beyond the reference
        QVERIFY(dominates({1, 1}, {1, 2}) && !dominates({1, 2}, {1, 2}));
    }

    // The member adding the least area goes first, then the least of what remains (the
    // areas change as neighbours go); the extremes stay.
    void hypervolumeKeepOrderRemovesTheLeastContributor()
    {
        const std::vector<Objectives> pts{{6, 1}, {0, 10}, {2, 4.9}, {10, 0}, {1, 5}};
        const std::vector<int> front{0, 1, 2, 3, 4};
        const std::vector<double> keep = hypervolumeKeepOrder(pts, front);
        // {2, 4.9} adds 4 x 0.1; then {6, 1} adds 4 x 4 = 16 against {1, 5}'s 5 x 5 = 25.
        QCOMPARE(keep[2], 0.0);
        QCOMPARE(keep[0], 1.0);
        QCOMPARE(keep[4], 2.0);
        QVERIFY(std::isinf(keep[1]) && std::isinf(keep[3]));
        QVERIFY(std::isinf(hypervolumeKeepOrder(pts, {0, 1})[0]));
    }

    void nsga2ImprovesTheFront()
    {
        SearchOptions o;
        o.population = 24;
        o.generations = 6;
        o.seed = 5;
        const auto gens = runSearch(m_supernet, o);
        for (const Generation &g : gens) {
            QCOMPARE(int(g.population.size()), o.population);
            QCOMPARE(std::set<Genotype>(g.population.begin(), g.population.end()).size(), g.population.size());
            for (const Genotype &x : g.population)
                QVERIFY(m_supernet.isValid(x));
        }
        const auto hv = [&](const Generation &g) { return accuracyLatencyHypervolume(g.evaluations, 12, 5); };
        QVERIFY2(hv(gens.back()) > hv(gens.front()),
                 qPrintable(QString("%1 -> %2").arg(hv(gens.front())).arg(hv(gens.back()))));
    }

    void constrainedSearchMeetsTheBudget()
    {
        SearchOptions o;
        o.algorithm = Algorithm::Constrained;
        o.population = 20;
        o.generations = 5;
        o.constraints.maxLatencyMs = 0.5; // 50 M MACs in this evaluator
        const auto gens = runSearch(m_supernet, o);
        const auto [g, m] = bestFeasible(gens, o.constraints);
        QVERIFY(g >= 0);
        const Evaluation &best = gens[size_t(g)].evaluations[size_t(m)];
        QVERIFY(best.latencyMs <= 0.5);
        // Survivors are ranked: the first member of the last generation is the best feasible one there.
        QCOMPARE(o.constraints.violation(gens.back().evaluations[0]), 0.0);
        for (const auto &e : gens.back().evaluations)
            if (o.constraints.violation(e) == 0)
                QVERIFY(e.accuracy <= gens.back().evaluations[0].accuracy);
        for (const auto &[gi, mi] : paretoFront(gens, o.constraints))
            QVERIFY(gens[size_t(gi)].evaluations[size_t(mi)].latencyMs <= 0.5);
    }

    void generationsAreDeterministic()
    {
        SearchOptions o;
        o.population = 12;
        o.generations = 3;
        const auto a = runSearch(m_supernet, o), b = runSearch(m_supernet, o);
        for (size_t g = 0; g < a.size(); ++g)
            QCOMPARE(a[g].population, b[g].population);
        // The next population depends only on the previous generation (resume).
        const EvolutionarySearch engine(m_supernet, o);
        QCOMPARE(engine.nextPopulation(a[2]), engine.nextPopulation(a[2]));
        o.seed = 2;
        QVERIFY(runSearch(m_supernet, o)[1].population != a[1].population);
    }

    // Every member of every generation is a network of its own: genotypes that differ only
    // in the genes of skipped blocks are one network, and only one of them is kept.
    void populationsHoldDistinctNetworks()
    {
        SearchOptions o;
        o.population = 16;
        o.generations = 6;
        for (const Generation &g : runSearch(m_supernet, o)) {
            std::set<QByteArray> networks;
            for (const Genotype &member : g.population) {
                QCOMPARE(m_supernet.canonical(member), member);
                networks.insert(graph::networkContentHash(m_supernet.decode(member)));
            }
            QCOMPARE(networks.size(), g.population.size());
        }
    }

    // Generation 0 reaches both ends of the cost range beyond what uniform samples
    // cover: its smallest member (past the three anchors) is smaller, and its largest
    // larger, than any of 200 uniform samples.
    void theFirstGenerationSpansTheSizes()
    {
        SearchOptions o;
        o.population = 40;
        const std::vector<Genotype> first = EvolutionarySearch(m_supernet, o).initialPopulation();
        QCOMPARE(int(first.size()), o.population);
        QCOMPARE(first[0], m_supernet.referenceGenotype());
        const auto macs = [&](const Genotype &g) {
            return double(graph::networkCost(m_supernet.decode(g)).total.macs);
        };
        std::vector<double> sampled;
        for (size_t i = 3; i < first.size(); ++i) // past the reference, the smallest and the largest
            sampled.push_back(macs(first[i]));
        std::mt19937_64 rng(11);
        std::vector<double> uniform;
        for (int k = 0; k < 200; ++k)
            uniform.push_back(macs(m_supernet.sample(rng)));
        const double sampledMin = *std::min_element(sampled.begin(), sampled.end());
        const double sampledMax = *std::max_element(sampled.begin(), sampled.end());
        const double uniformMin = *std::min_element(uniform.begin(), uniform.end());
        const double uniformMax = *std::max_element(uniform.begin(), uniform.end());
        QVERIFY2(sampledMin < uniformMin && sampledMax > uniformMax,
                 qPrintable(QString("generation 0: %1-%2 MACs, uniform: %3-%4")
                                .arg(sampledMin)
                                .arg(sampledMax)
                                .arg(uniformMin)
                                .arg(uniformMax)));
    }

    void randomBaseline()
    {
        SearchOptions o;
        o.algorithm = Algorithm::Random;
        o.population = 10;
        o.generations = 2;
        const auto gens = runSearch(m_supernet, o);
        QCOMPARE(gens.size(), size_t(3));
        QVERIFY(gens[1].population != gens[2].population);
        QCOMPARE(algorithmFromName("random"), Algorithm::Random);
        QVERIFY_EXCEPTION_THROWN(algorithmFromName("hill-climb"), std::invalid_argument);
    }

    // A child's mutation redraws about mutated_genes genes whatever the supernet's size;
    // a per-gene probability from an older project wins.
    void mutationScalesWithTheGenes()
    {
        SearchOptions o;
        const double genes = double(m_supernet.choices().size());
        QCOMPARE(EvolutionarySearch(m_supernet, o).mutationProbability(), 1.0 / genes);
        o.mutatedGenes = 3;
        QCOMPARE(EvolutionarySearch(m_supernet, o).mutationProbability(), 3.0 / genes);
        o.mutatedGenes = 2 * genes;
        QCOMPARE(EvolutionarySearch(m_supernet, o).mutationProbability(), 1.0);
        o.mutationProbability = 0.1;
        QCOMPARE(EvolutionarySearch(m_supernet, o).mutationProbability(), 0.1);
    }

    void constraintViolation()
    {
        Constraints c;
        QVERIFY(c.empty());
        c.maxLatencyMs = 2;
        c.maxDramBytes = 100;
        QCOMPARE(c.violation({0, 1, 0, 0, 50}), 0.0);
        QCOMPARE(c.violation({0, 3, 0, 0, 150}), 1.0); // 50% + 50%
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
