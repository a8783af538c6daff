// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Evolutionary search over a supernet's genotypes. The search does not know where its
// figures come from: an evaluator (the pipeline's predictor plus accuracy estimator, or
// the simulator itself for an oracle) scores whole generations in one batch.
//
// Each generation is derived from the previous one and the seed alone, so a search
// resumed from a stored generation continues exactly as the uninterrupted one would.
#include "supernet/Supernet.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace calibra::search {

using supernet::Genotype;

struct Evaluation
{
    double accuracy = 0; // higher is better (a test accuracy or a proxy score)
    double latencyMs = 0, powerMw = 0, energyMj = 0, dramBytes = 0;
};

// Hard limits; 0 means "no limit".
struct Constraints
{
    double maxLatencyMs = 0, maxPowerMw = 0, maxDramBytes = 0;
    // Sum of relative excesses (0 when every limit is met).
    double violation(const Evaluation &e) const;
    bool empty() const { return maxLatencyMs <= 0 && maxPowerMw <= 0 && maxDramBytes <= 0; }
};

// The figures besides accuracy that limits and objectives are set on.
enum class CostMetric { Latency, Power, MemoryAccess };
const char *costMetricName(CostMetric m); // latency, power, memory_access
bool parseCostMetric(const std::string &name, CostMetric *out);

enum class Algorithm {
    Nsga2,       // maximize accuracy; minimize latency and, as the options say, power and memory access
    Constrained, // single objective: maximize accuracy subject to the constraints (OFA's search)
    Random,      // baseline: every generation sampled uniformly
};
const char *algorithmName(Algorithm a);
Algorithm algorithmFromName(const std::string &name); // throws std::invalid_argument

struct SearchOptions
{
    Algorithm algorithm = Algorithm::Nsga2;
    int population = 100;
    int generations = 20;
    double parentRatio = 0.25; // Constrained: share of the population kept as parents
    // Each gene of a child is redrawn with probability mutatedGenes / genes (Deb's 1/n
    // for the default), so a mutation redraws about one gene whatever the supernet's size.
    // 0.1 per gene, used before, redrew about five of MobileNetV2's 48 genes and reached a
    // worse front at small budgets (docs/benchmarks.md).
    double mutatedGenes = 1.0;
    // Per gene, from a project written before mutated_genes existed; wins when set.
    std::optional<double> mutationProbability;
    double mutationRatio = 0.5; // Constrained: share of children made by mutation
    Constraints constraints;
    // NSGA-II minimizes these besides latency; a run turns one off when its validator
    // cannot measure it and the project does not trust the predictor's figure unvalidated.
    bool minimizePower = true, minimizeMemoryAccess = true;
    uint64_t seed = 1;
};

// The minimized objectives a front is made of: -accuracy, latency, and power and memory
// access where `options` minimizes them.
std::vector<double> frontObjectives(const Evaluation &e, const SearchOptions &options);

struct Generation
{
    int index = 0;
    std::vector<Genotype> population;
    std::vector<Evaluation> evaluations; // one per member, same order
};

using Evaluator = std::function<std::vector<Evaluation>(const std::vector<Genotype> &)>;

class EvolutionarySearch
{
public:
    EvolutionarySearch(const supernet::Supernet &supernet, SearchOptions options);

    const SearchOptions &options() const { return m_options; }

    // Generation 0: the reference, the largest and smallest sub-networks, then half of the
    // rest spread from small to large (Supernet::sampleAtSize) and half uniform samples.
    std::vector<Genotype> initialPopulation() const;
    // The next generation's candidates from an evaluated generation.
    std::vector<Genotype> nextPopulation(const Generation &previous) const;

    // Environmental selection of NSGA-II (or the constrained ranking) over previous +
    // candidates; returns the survivors. Random search keeps the candidates.
    Generation select(const Generation &previous, Generation candidates) const;

    // Objective vector (all minimized) and Deb's constrained ordering.
    std::vector<double> objectives(const Evaluation &e) const;
    bool better(const Evaluation &a, const Evaluation &b) const; // Constrained ranking
    double mutationProbability() const;                          // per gene

private:
    std::vector<int> rankedOrder(const Generation &g) const;
    const supernet::Supernet &m_supernet;
    SearchOptions m_options;
};

// Best member over `generations` for reporting: the highest accuracy among those that
// meet the constraints, or the least violating one when none does. Returns {generation,
// member} or {-1, -1} for no members.
std::pair<int, int> bestFeasible(const std::vector<Generation> &generations, const Constraints &constraints);

// The non-dominated members (accuracy against latency) over all generations that meet
// the constraints, as {generation, member}.
std::vector<std::pair<int, int>> paretoFront(const std::vector<Generation> &generations,
                                             const Constraints &constraints);

// Hypervolume of (accuracy, latency) points against reference (accuracy 0 or the given
// floor, latency reference): the area they dominate.
double accuracyLatencyHypervolume(const std::vector<Evaluation> &points, double accuracyFloor, double latencyReference);

} // namespace calibra::search
