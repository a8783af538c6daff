// SPDX-License-Identifier: GPL-3.0-or-later
#include "Search.h"

#include "Pareto.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

namespace calibra::search {

double Constraints::violation(const Evaluation &e) const
{
    const auto excess = [](double value, double limit) { return limit > 0 ? std::max(0.0, value / limit - 1.0) : 0.0; };
    return excess(e.latencyMs, maxLatencyMs) + excess(e.powerMw, maxPowerMw) + excess(e.dramBytes, maxDramBytes);
}

const char *costMetricName(CostMetric m)
{
    switch (m) {
    case CostMetric::Latency: return "latency";
    case CostMetric::Power: return "power";
    case CostMetric::MemoryAccess: return "memory_access";
    }
    return "?";
}

bool parseCostMetric(const std::string &name, CostMetric *out)
{
    for (const CostMetric m : {CostMetric::Latency, CostMetric::Power, CostMetric::MemoryAccess})
        if (name == costMetricName(m)) {
            *out = m;
            return true;
        }
    return false;
}

std::vector<double> frontObjectives(const Evaluation &e, const SearchOptions &options)
{
    std::vector<double> out{-e.accuracy, e.latencyMs};
    if (options.minimizePower)
        out.push_back(e.powerMw);
    if (options.minimizeMemoryAccess)
        out.push_back(e.dramBytes);
    return out;
}

const char *algorithmName(Algorithm a)
{
    switch (a) {
    case Algorithm::Nsga2: return "nsga2";
    case Algorithm::Constrained: return "constrained";
    case Algorithm::Random: return "random";
    }
    return "?";
}

Algorithm algorithmFromName(const std::string &name)
{
    for (Algorithm a : {Algorithm::Nsga2, Algorithm::Constrained, Algorithm::Random})
        if (name == algorithmName(a))
            return a;
    throw std::invalid_argument("unknown search algorithm '" + name + "' (use nsga2, constrained or random)");
}

namespace {

// A generation's random stream depends only on the seed and the generation index.
std::mt19937_64 generationRng(uint64_t seed, int generation)
{
    std::seed_seq seq{uint32_t(seed), uint32_t(seed >> 32), uint32_t(generation), 0x5ea4c4u};
    return std::mt19937_64(seq);
}

// Adds `g` in its canonical form unless the population already has that sub-network
// (genotypes that differ only in the genes of skipped blocks are one network); returns
// whether it was added.
bool addUnique(const supernet::Supernet &space, std::vector<Genotype> &population, std::set<Genotype> &seen,
               const Genotype &candidate)
{
    Genotype g = space.canonical(candidate);
    if (!seen.insert(g).second)
        return false;
    population.push_back(std::move(g));
    return true;
}

} // namespace

EvolutionarySearch::EvolutionarySearch(const supernet::Supernet &supernet, SearchOptions options)
    : m_supernet(supernet), m_options(options)
{
    if (m_options.population < 4)
        throw std::invalid_argument("population must be at least 4");
    if (m_options.generations < 1)
        throw std::invalid_argument("generations must be at least 1");
}

std::vector<Genotype> EvolutionarySearch::initialPopulation() const
{
    std::mt19937_64 rng = generationRng(m_options.seed, 0);
    std::vector<Genotype> population;
    std::set<Genotype> seen;
    if (m_options.algorithm != Algorithm::Random)
        for (Genotype g : {m_supernet.referenceGenotype(), m_supernet.smallestGenotype(), m_supernet.largestGenotype()})
            addUnique(m_supernet, population, seen, std::move(g));
    // Half of the rest spread from small to large (one size per stratum), so that the
    // first fronts reach both ends of the cost range; uniform sampling puts nearly every
    // sub-network near the middle, and a small search then stalls short of the ends
    // (docs/benchmarks.md, "Search: the first generation spread by size").
    const int spread =
        m_options.algorithm == Algorithm::Random ? 0 : (m_options.population - int(population.size())) / 2;
    std::uniform_real_distribution<double> withinStratum(0, 1);
    for (int i = 0, attempts = 0; i < spread && attempts < 50 * m_options.population; ++attempts)
        if (addUnique(m_supernet, population, seen, m_supernet.sampleAtSize((i + withinStratum(rng)) / spread, rng)))
            ++i;
    // A tiny space may hold fewer distinct genotypes than the population: stop trying.
    for (int attempts = 0; int(population.size()) < m_options.population && attempts < 50 * m_options.population;
         ++attempts)
        addUnique(m_supernet, population, seen, m_supernet.sample(rng));
    return population;
}

double EvolutionarySearch::mutationProbability() const
{
    const double genes = double(std::max<size_t>(1, m_supernet.choices().size()));
    return m_options.mutationProbability.value_or(std::min(1.0, m_options.mutatedGenes / genes));
}

std::vector<double> EvolutionarySearch::objectives(const Evaluation &e) const
{
    if (m_options.algorithm == Algorithm::Constrained)
        return {-e.accuracy};
    return frontObjectives(e, m_options);
}

bool EvolutionarySearch::better(const Evaluation &a, const Evaluation &b) const
{
    const double va = m_options.constraints.violation(a), vb = m_options.constraints.violation(b);
    if (va != vb)
        return va < vb;
    return a.accuracy > b.accuracy;
}

// Members of `g` best first: Deb's constrained domination (feasible before infeasible,
// less violation first), then NSGA-II fronts and, within one, hypervolume contribution or
// crowding; or accuracy for Constrained.
std::vector<int> EvolutionarySearch::rankedOrder(const Generation &g) const
{
    const int n = int(g.population.size());
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    const auto violation = [&](int i) { return m_options.constraints.violation(g.evaluations[size_t(i)]); };
    if (m_options.algorithm != Algorithm::Nsga2) {
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return better(g.evaluations[size_t(a)], g.evaluations[size_t(b)]); });
        return order;
    }
    std::vector<int> feasible, infeasible;
    for (int i = 0; i < n; ++i)
        (violation(i) > 0 ? infeasible : feasible).push_back(i);
    std::vector<Objectives> points;
    for (int i : feasible)
        points.push_back(objectives(g.evaluations[size_t(i)]));
    std::vector<int> ranked;
    for (const std::vector<int> &front : nonDominatedFronts(points)) {
        // With two objectives a front keeps the members that add the most hypervolume
        // (SMS-EMOA), the measure the search is judged by; crowding, with more, where
        // exact contributions are costly. Over 10 seeds on the pipeline benchmark's
        // oracle rows: +0.4 points at 50 x 10, +0.2 at 100 x 20 (docs/benchmarks.md).
        const std::vector<double> spread = !points.empty() && points[0].size() == 2
                                               ? hypervolumeKeepOrder(points, front)
                                               : crowdingDistances(points, front);
        std::vector<size_t> bySpread(front.size());
        std::iota(bySpread.begin(), bySpread.end(), 0);
        std::stable_sort(bySpread.begin(), bySpread.end(), [&](size_t a, size_t b) { return spread[a] > spread[b]; });
        for (size_t k : bySpread)
            ranked.push_back(feasible[size_t(front[k])]);
    }
    std::stable_sort(infeasible.begin(), infeasible.end(), [&](int a, int b) { return violation(a) < violation(b); });
    ranked.insert(ranked.end(), infeasible.begin(), infeasible.end());
    return ranked;
}

std::vector<Genotype> EvolutionarySearch::nextPopulation(const Generation &previous) const
{
    std::mt19937_64 rng = generationRng(m_options.seed, previous.index + 1);
    const int n = m_options.population;
    std::vector<Genotype> children;
    std::set<Genotype> seen(previous.population.begin(), previous.population.end());
    if (m_options.algorithm == Algorithm::Random || previous.population.empty()) {
        for (int attempts = 0; int(children.size()) < n && attempts < 50 * n; ++attempts)
            addUnique(m_supernet, children, seen, m_supernet.sample(rng));
        return children;
    }
    const std::vector<int> ranked = rankedOrder(previous);
    std::vector<int> position(ranked.size());
    for (size_t r = 0; r < ranked.size(); ++r)
        position[size_t(ranked[r])] = int(r);
    std::uniform_int_distribution<size_t> any(0, ranked.size() - 1);
    // NSGA-II: binary tournament on rank; Constrained (OFA): uniform among the top parents.
    const size_t parents = std::max<size_t>(2, size_t(std::lround(m_options.parentRatio * double(ranked.size()))));
    std::uniform_int_distribution<size_t> top(0, std::min(parents, ranked.size()) - 1);
    const auto pick = [&]() -> const Genotype & {
        if (m_options.algorithm == Algorithm::Constrained)
            return previous.population[size_t(ranked[top(rng)])];
        const size_t a = any(rng), b = any(rng);
        return previous.population[position[a] < position[b] ? a : b];
    };
    std::bernoulli_distribution mutateOnly(m_options.mutationRatio);
    const double mutation = mutationProbability();
    for (int attempts = 0; int(children.size()) < n && attempts < 50 * n; ++attempts) {
        Genotype child;
        if (m_options.algorithm == Algorithm::Constrained && mutateOnly(rng))
            child = m_supernet.mutate(pick(), mutation, rng);
        else
            child = m_supernet.mutate(m_supernet.crossover(pick(), pick(), rng), mutation, rng);
        addUnique(m_supernet, children, seen, std::move(child));
    }
    return children;
}

Generation EvolutionarySearch::select(const Generation &previous, Generation candidates) const
{
    if (m_options.algorithm == Algorithm::Random)
        return candidates;
    Generation merged;
    merged.index = candidates.index;
    merged.population = previous.population;
    merged.evaluations = previous.evaluations;
    merged.population.insert(merged.population.end(), candidates.population.begin(), candidates.population.end());
    merged.evaluations.insert(merged.evaluations.end(), candidates.evaluations.begin(), candidates.evaluations.end());
    std::vector<int> ranked = rankedOrder(merged);
    ranked.resize(std::min(ranked.size(), size_t(m_options.population)));
    Generation survivors;
    survivors.index = candidates.index;
    for (int i : ranked) {
        survivors.population.push_back(merged.population[size_t(i)]);
        survivors.evaluations.push_back(merged.evaluations[size_t(i)]);
    }
    return survivors;
}

std::pair<int, int> bestFeasible(const std::vector<Generation> &generations, const Constraints &constraints)
{
    std::pair<int, int> best{-1, -1};
    const Evaluation *bestEval = nullptr;
    for (size_t g = 0; g < generations.size(); ++g)
        for (size_t m = 0; m < generations[g].evaluations.size(); ++m) {
            const Evaluation &e = generations[g].evaluations[m];
            const double v = constraints.violation(e);
            if (!bestEval || v < constraints.violation(*bestEval)
                || (v == constraints.violation(*bestEval) && e.accuracy > bestEval->accuracy)) {
                bestEval = &e;
                best = {int(g), int(m)};
            }
        }
    return best;
}

std::vector<std::pair<int, int>> paretoFront(const std::vector<Generation> &generations, const Constraints &constraints)
{
    // Two objectives: sorted by latency (then accuracy, best first), a member is on the
    // front when it is more accurate than every faster one. O(n log n): the GUI asks
    // this of 100,000-member populations, where a general non-dominated sort takes
    // minutes. A sub-network that survives several generations counts once (its first
    // appearance).
    struct Member
    {
        double latency, accuracy;
        int g, m;
    };
    std::vector<Member> members;
    for (size_t g = 0; g < generations.size(); ++g)
        for (size_t m = 0; m < generations[g].evaluations.size(); ++m) {
            const Evaluation &e = generations[g].evaluations[m];
            if (constraints.violation(e) <= 0)
                members.push_back({e.latencyMs, e.accuracy, int(g), int(m)});
        }
    std::sort(members.begin(), members.end(), [](const Member &a, const Member &b) {
        if (a.latency != b.latency)
            return a.latency < b.latency;
        if (a.accuracy != b.accuracy)
            return a.accuracy > b.accuracy;
        return std::pair(a.g, a.m) < std::pair(b.g, b.m);
    });
    std::vector<std::pair<int, int>> front;
    double best = -std::numeric_limits<double>::infinity();
    for (const Member &x : members)
        if (x.accuracy > best) {
            best = x.accuracy;
            front.push_back({x.g, x.m});
        }
    std::sort(front.begin(), front.end()); // in generation and member order, as before
    return front;
}

double accuracyLatencyHypervolume(const std::vector<Evaluation> &points, double accuracyFloor, double latencyReference)
{
    std::vector<Objectives> p;
    for (const Evaluation &e : points)
        p.push_back({-e.accuracy, e.latencyMs});
    return hypervolume2d(p, {-accuracyFloor, latencyReference});
}

} // namespace calibra::search
