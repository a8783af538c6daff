// SPDX-License-Identifier: GPL-3.0-or-later
// Pipeline benchmark (issue: search and the conditional-finetuning pipeline). For each
// reference DNN x target setting, runs the five modes and an oracle search that uses the
// simulator itself in place of the predictor, and reports: validations used, predictor
// accuracy at each check (latency within 10%), hypervolume of the final Pareto front
// relative to the oracle's, whether the final model meets its latency budget when
// validated, and wall time.
//
// Hypervolume is computed on validated figures: the front of the last search (feasible
// by prediction) is validated afterwards (not counted as the mode's validations), then
// the accuracy x latency area it dominates under the budget is compared with the
// oracle's. Accuracy is the parameter-count proxy for every mode (the benchmark compares
// predictors, not accuracy estimators).
// Every mode runs over --seeds seeds (default 3) at two budgets (population 50 x 10
// generations and 100 x 20) unless --population / --generations name one; the table gives
// the mean and worst hypervolume ratio. A fourth target, a synthetic platform unlike the
// general set, is where the offline predictor is wrong and the checks must catch it.
// Every search (the oracle's and each mode's) maximizes accuracy and minimizes latency
// under the budget, the two figures the hypervolume measures; --all-objectives also
// minimizes power and memory access, as a project does by default, which spreads a
// population over four dimensions and lowers every 2-D hypervolume alike.
// The oracle's reference front is exhaustive where the supernet has at most 10,000
// sub-networks (vit_small: 4,096); --converged PxG adds one simulator-in-the-loop search of
// that budget to the reference front elsewhere, to measure how far every search of the
// table's budget stops from a converged front (--modes none: the oracle rows alone).
// --mutation-probability P gives every search a per-gene probability in place of the
// default of one gene per child.
// Usage: bench_pipeline [--quick] [--seeds N] [--population N] [--generations N] [--no-online] [--all-objectives]
//        [--decision-agreement-percent P] [--modes offline,pre,post,both,online|none]
//        [--converged PxG] [--mutation-probability P] [--checks-at-once]
// --checks-at-once validates each check's whole sample at once (check.sequential: false).
//        [--references mobilenet_v2_cifar,resnet18,vit_small] [--agg P,O,S]
#include "graph/Cost.h"
#include "graph/NetworkFile.h"
#include "hardware/Simulator.h"
#include "pipeline/Pipeline.h"
#include "pipeline/RunStore.h"
#include "learning/AccuracyEstimator.h"
#include "validate/CachedValidator.h"
#include "validate/SimulatorValidator.h"

#include "BenchArgs.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <numeric>
#include <optional>
#include <stdexcept>

#include <chrono>
#include <cstdio>

using namespace calibra;
using namespace calibra::pipeline;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

struct Target
{
    const char *platform;
    const char *text; // target-setting YAML
    const char *label;
};

// Validated (accuracy, latency) of genotypes; infeasible ones are dropped by the HV.
std::vector<search::Evaluation> validatedFront(const supernet::Supernet &s,
                                               const std::vector<search::Genotype> &genotypes,
                                               const hardware::Platform &platform,
                                               const hardware::TargetSetting &setting)
{
    validate::SimulatorValidator v(platform);
    std::vector<validate::ValidationRequest> batch;
    for (const auto &g : genotypes)
        batch.push_back({std::make_shared<graph::Network>(s.decode(g)), setting});
    const auto metrics = v.validate(batch, nullptr);
    auto params = learning::makeParamsEstimator();
    std::vector<search::Evaluation> out;
    for (size_t i = 0; i < genotypes.size(); ++i)
        if (metrics[i].ok)
            out.push_back({params->estimate(*batch[i].network), metrics[i].latencyMs, metrics[i].averagePowerMw,
                           metrics[i].energyMj, metrics[i].dramBytes});
    return out;
}

// Every sub-network of a small space, or none when it has more than `limit`.
std::vector<search::Genotype> wholeSpace(const supernet::Supernet &s, size_t limit)
{
    double size = 1;
    for (const auto &c : s.choices())
        size *= double(c.options.size());
    if (size > double(limit))
        return {};
    std::vector<search::Genotype> out;
    search::Genotype g(s.choices().size(), 0);
    while (true) {
        out.push_back(g);
        size_t i = 0;
        while (i < g.size() && ++g[i] == int(s.choices()[i].options.size()))
            g[i++] = 0;
        if (i == g.size())
            return out;
    }
}

// The validated front of one simulator-in-the-loop search.
std::vector<search::Evaluation> oracleSearchFront(const supernet::Supernet &s, const search::SearchOptions &so,
                                                  const search::Evaluator &evaluate)
{
    const search::EvolutionarySearch engine(s, so);
    std::vector<search::Generation> gens(1);
    gens[0].population = engine.initialPopulation();
    gens[0].evaluations = evaluate(gens[0].population);
    for (int g = 1; g <= so.generations; ++g) {
        search::Generation c;
        c.index = g;
        c.population = engine.nextPopulation(gens.back());
        c.evaluations = evaluate(c.population);
        gens.push_back(engine.select(gens.back(), c));
    }
    std::vector<search::Evaluation> front;
    for (const auto &[g, m] : search::paretoFront(gens, so.constraints))
        front.push_back(gens[size_t(g)].evaluations[size_t(m)]);
    return front;
}

} // namespace

// A platform unlike every preset and, by its extremes, unlike the general set the
// offline predictor was trained on: a tall narrow array, a small SRAM, few vector lanes,
// a large per-layer overhead and slow DRAM. The row family where a check must catch the
// predictor's error.
const char *const kSyntheticPlatform = R"(format: calibra-platform
version: 1
name: synthetic-odd
description: "Synthetic: 64x4 int8 array, 64 KiB SRAM, 4 vector lanes, 2 GB/s DRAM"
array: {rows: 64, cols: 4}
cores: 1
dataflows: [WS, OS]
sram_kib: 64
vector_lanes: 4
dvfs:
  - {mhz: 200, volts: 0.60}
  - {mhz: 400, volts: 0.70}
nominal_volts: 0.70
energy_pj: {mac_int8: 2.0, mac_fp16: 6.0, sram_per_bit: 0.5, dram_per_bit: 20.0}
leakage_mw: 40
dram: {peak_gbps: 2.0, efficiency: 0.5}
layer_overhead_cycles: 4000
)";

struct ModeTally
{
    std::vector<double> hv;
    double validations = 0;
    int checks = 0, failed = 0, changed = 0, runs = 0, meets = 0;
    double worstDecisions = 1;
};

static int benchMain(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains("--quick");
    const auto valueOf = [&](const char *name, int fallback) { return bench::intOption(args, name, fallback); };
    const int seeds = std::max(1, valueOf("--seeds", quick ? 1 : 3));
    std::vector<std::pair<int, int>> budgets; // population x generations
    if (args.contains("--population") || args.contains("--generations") || quick)
        budgets.push_back({valueOf("--population", quick ? 24 : 50), valueOf("--generations", quick ? 4 : 10)});
    else
        budgets = {{50, 10}, {100, 20}};
    const bool withOnline = !args.contains("--no-online");
    const QString modesOption = bench::textOption(args, "--modes");
    std::vector<Mode> modes;
    for (Mode m : {Mode::Offline, Mode::Pre, Mode::Post, Mode::Both, Mode::Online})
        if (modesOption.isEmpty() ? m != Mode::Online || withOnline
                                  : modesOption.split(',').contains(QString::fromLatin1(modeName(m))))
            modes.push_back(m);
    const QStringList converged = bench::textOption(args, "--converged").split('x');
    const std::pair<int, int> convergedBudget =
        converged.size() == 2 ? std::pair(converged[0].toInt(), converged[1].toInt()) : std::pair(0, 0);
    const QString mutationOption = bench::textOption(args, "--mutation-probability");
    std::optional<double> mutationProbability;
    if (!mutationOption.isEmpty())
        mutationProbability = mutationOption.toDouble();
    const bool allObjectives = args.contains("--all-objectives");
    const bool checksAtOnce = args.contains("--checks-at-once");
    const double decisionAgreement =
        valueOf("--decision-agreement-percent", int(predictor::CheckThresholds{}.minDecisionAgreement * 100)) / 100.0;
    const QString only = bench::textOption(args, "--references");
    // --agg P,O,S: the AGG models of each finetune (predefined, operation and structural
    // variations); the project's defaults otherwise.
    const QStringList agg = bench::textOption(args, "--agg").split(',', Qt::SkipEmptyParts);
    const Project defaults;
    int aggCounts[3] = {defaults.aggPredefined, defaults.aggOperations, defaults.aggStructural};
    if (!agg.isEmpty()) {
        bool ok = agg.size() == 3;
        for (int i = 0; ok && i < 3; ++i)
            aggCounts[i] = agg[i].toInt(&ok);
        if (!ok || aggCounts[0] < 0 || aggCounts[1] < 0 || aggCounts[2] < 0) {
            std::fprintf(stderr, "bench_pipeline: --agg takes three counts, P,O,S (for example 4,8,4)\n");
            return 2;
        }
    }
    std::vector<const char *> references =
        quick ? std::vector<const char *>{"builtin:mobilenet_v2_cifar"}
              : std::vector<const char *>{"builtin:mobilenet_v2_cifar", "builtin:resnet18", "builtin:vit_small"};
    if (!only.isEmpty())
        references.erase(std::remove_if(references.begin(), references.end(),
                                        [&](const char *r) { return !only.contains(QString::fromUtf8(r + 8)); }),
                         references.end());
    QTemporaryDir tmp;
    const QString synthetic = tmp.filePath("synthetic-odd.yaml");
    {
        QFile f(synthetic);
        if (!f.open(QIODevice::WriteOnly))
            throw std::runtime_error("cannot write " + synthetic.toStdString());
        f.write(kSyntheticPlatform);
    }
    const std::string syntheticPath = synthetic.toStdString();
    const std::vector<Target> targets = {
        {"builtin:edge-npu-s", "format: calibra-target-setting\nversion: 1\n", "edge-npu-s default"},
        {"builtin:mobile-npu-m",
         "format: calibra-target-setting\nversion: 1\nhardware:\n  dram_cap_gbps: 4\n  active_cores: 1\n",
         "mobile-npu-m 1 core, 4 GB/s"},
        {"builtin:mobile-apu-l", "format: calibra-target-setting\nversion: 1\ncompile:\n  fusion: depth_first\n",
         "mobile-apu-l depth-first"},
        {syntheticPath.c_str(), "format: calibra-target-setting\nversion: 1\n", "synthetic-odd (unseen)"}};
    char mutationText[64] = "one gene per child";
    if (mutationProbability)
        std::snprintf(mutationText, sizeof mutationText, "%.3g per gene", *mutationProbability);
    char convergedText[96] = "";
    if (convergedBudget.first > 0)
        std::snprintf(convergedText, sizeof convergedText, " and one %dx%d search", convergedBudget.first,
                      convergedBudget.second);
    std::printf("seeds 1..%d; latency budget 0.8 x the reference's; accuracy: params proxy; mutation: %s; checks: 20 "
                "samples %s, decision agreement >= %.0f%%; AGG models per finetune %d, %d, %d; oracle: the whole space "
                "where it has at most 10,000 "
                "sub-networks, elsewhere the best front of the simulator-in-the-loop searches over all seeds%s\n",
                seeds, mutationText, checksAtOnce ? "at once" : "in two parts", decisionAgreement * 100, aggCounts[0],
                aggCounts[1], aggCounts[2], convergedText);
    std::printf("%-9s %-18s %-28s %-8s %9s %9s %9s %8s %-16s %8s %6s %7s\n", "budget", "reference", "target", "mode",
                "HV mean", "HV worst", "vs 1 run", "valid.", "checks fail/chg", "decis.", "meets", "time s");
    int runIndex = 0;
    for (const auto &[population, generations] : budgets) {
        char budgetLabel[32];
        std::snprintf(budgetLabel, sizeof budgetLabel, "%dx%d", population, generations);
        for (const char *ref : references) {
            for (const Target &t : targets) {
                const graph::Network reference = graph::loadNetwork(ref);
                const hardware::Platform platform = hardware::loadPlatform(t.platform);
                const hardware::TargetSetting setting = hardware::parseTargetSettingYaml(t.text, t.label, platform);
                const double refLatency =
                    hardware::simulate(hardware::lowerNetwork(reference), platform, setting).latencySeconds * 1e3;
                const double budget = 0.8 * refLatency;
                const supernet::Supernet sn(reference);
                auto params = learning::makeParamsEstimator();
                const double floor = params->estimate(sn.decode(sn.smallestGenotype())) - 0.01;
                auto oracleValidator = std::make_shared<validate::CachedValidator>(
                    std::make_shared<validate::SimulatorValidator>(platform));
                auto t0 = Clock::now();
                const auto evaluate = [&](const std::vector<search::Genotype> &pop) {
                    std::vector<validate::ValidationRequest> batch;
                    for (const auto &g : pop)
                        batch.push_back({std::make_shared<graph::Network>(sn.decode(g)), setting});
                    const auto m = oracleValidator->validate(batch, nullptr);
                    std::vector<search::Evaluation> out;
                    for (size_t i = 0; i < pop.size(); ++i)
                        out.push_back({params->estimate(*batch[i].network), m[i].latencyMs, m[i].averagePowerMw,
                                       m[i].energyMj, m[i].dramBytes});
                    return out;
                };
                // The oracle: the same search with validated figures as its objectives, over
                // every seed; its reference front is the best of all their fronts (with the
                // converged search's), or the whole space's where that is small.
                search::SearchOptions so;
                so.population = population;
                so.generations = generations;
                so.constraints.maxLatencyMs = budget;
                so.minimizePower = so.minimizeMemoryAccess = allObjectives;
                so.mutationProbability = mutationProbability;
                std::vector<search::Evaluation> oraclePoints;
                std::vector<std::vector<search::Evaluation>> oracleSeedFronts;
                for (int seed = 1; seed <= seeds; ++seed) {
                    so.seed = uint64_t(seed);
                    oracleSeedFronts.push_back(oracleSearchFront(sn, so, evaluate));
                    oraclePoints.insert(oraclePoints.end(), oracleSeedFronts.back().begin(),
                                        oracleSeedFronts.back().end());
                }
                const long long oracleValidations = static_cast<long long>(oracleValidator->misses() / seeds);
                const double oracleSeconds = since(t0) / seeds;
                if (const auto all = wholeSpace(sn, 10000); !all.empty()) {
                    search::Generation everything;
                    everything.population = all;
                    everything.evaluations = evaluate(all);
                    oraclePoints.clear();
                    for (const auto &[g, m] : search::paretoFront({everything}, so.constraints))
                        oraclePoints.push_back(everything.evaluations[size_t(m)]);
                } else if (convergedBudget.first > 0) {
                    so.population = convergedBudget.first;
                    so.generations = convergedBudget.second;
                    so.seed = 1;
                    const auto front = oracleSearchFront(sn, so, evaluate);
                    oraclePoints.insert(oraclePoints.end(), front.begin(), front.end());
                }
                const double oracleHv = search::accuracyLatencyHypervolume(oraclePoints, floor, budget);
                // One seed of the oracle's own search against the reference front: the
                // ceiling a single search of this budget reaches with perfect figures.
                double seedMean = 0, seedWorst = 1;
                for (const auto &front : oracleSeedFronts) {
                    const double r =
                        oracleHv > 0 ? search::accuracyLatencyHypervolume(front, floor, budget) / oracleHv : 0;
                    seedMean += r / double(oracleSeedFronts.size());
                    seedWorst = std::min(seedWorst, r);
                }
                std::printf("%-9s %-18s %-28s %-8s %9.3f %9.3f %9.3f %8lld %-16s %8s %6s %7.1f\n", budgetLabel, ref + 8,
                            t.label, "oracle", seedMean, seedWorst, 1.0, oracleValidations, "-", "-", "-",
                            oracleSeconds);
                for (Mode mode : modes) {
                    ModeTally tally;
                    t0 = Clock::now();
                    for (int seed = 1; seed <= seeds; ++seed) {
                        Project p;
                        p.name = "bench";
                        p.reference = ref;
                        p.platform = t.platform;
                        p.targetText = t.text;
                        p.estimator = supernet::EstimatorKind::Params;
                        p.mode = mode;
                        p.checkSamples = 20;
                        p.aggPredefined = aggCounts[0];
                        p.aggOperations = aggCounts[1];
                        p.aggStructural = aggCounts[2];
                        p.sequentialChecks = !checksAtOnce;
                        // Validations counted here are the checks' and finetunes' cost: none for the
                        // per-generation chart.
                        p.validatePerGeneration = 0;
                        p.search.population = population;
                        p.search.generations = generations;
                        p.search.seed = uint64_t(seed);
                        p.search.mutationProbability = mutationProbability;
                        p.search.constraints.maxLatencyMs = budget;
                        p.search.minimizePower = p.search.minimizeMemoryAccess = allObjectives;
                        p.finalTraining.epochs = 0;
                        p.thresholds.minDecisionAgreement = decisionAgreement;
                        const std::string dir = tmp.filePath(QString::number(runIndex++)).toStdString();
                        Pipeline pipe(p, dir);
                        const RunResult r = pipe.run();
                        if (!r.ok) {
                            std::printf("%-9s %-18s %-28s %-8s seed %d failed: %s\n", budgetLabel, ref + 8, t.label,
                                        modeName(mode), seed, r.error.c_str());
                            continue;
                        }
                        const RunStore store(dir, false);
                        for (const StoredCheck &c : store.checks()) {
                            if (c.summary.stage == pipeline::CheckStage::Online)
                                continue; // retrains every generation by design
                            ++tally.checks;
                            tally.failed += c.summary.report.finetune ? 1 : 0;
                            if (c.summary.decisions.candidates > 0)
                                tally.worstDecisions = std::min(tally.worstDecisions, c.summary.decisions.worst());
                        }
                        for (const FinetuneSummary &f : store.finetunes())
                            tally.changed += f.adopted && f.stage != pipeline::CheckStage::Online ? 1 : 0;
                        const auto last = store.generations(r.searches - 1);
                        std::vector<search::Genotype> front;
                        for (const auto &[g, m] : search::paretoFront(last, p.search.constraints))
                            front.push_back(last[size_t(g)].population[size_t(m)]);
                        const double hv = search::accuracyLatencyHypervolume(
                            validatedFront(sn, front, platform, setting), floor, budget);
                        tally.hv.push_back(oracleHv > 0 ? hv / oracleHv : 0.0);
                        tally.validations += r.validations;
                        tally.meets += r.final.meetsConstraints ? 1 : 0;
                        ++tally.runs;
                    }
                    if (tally.runs == 0)
                        continue;
                    const double mean = std::accumulate(tally.hv.begin(), tally.hv.end(), 0.0) / double(tally.runs);
                    const double worst = *std::min_element(tally.hv.begin(), tally.hv.end());
                    char checks[32] = "-", decisions[16] = "-", meets[16];
                    if (tally.checks > 0) {
                        std::snprintf(checks, sizeof checks, "%d/%d of %d", tally.failed, tally.changed, tally.checks);
                        std::snprintf(decisions, sizeof decisions, "%.0f%%", tally.worstDecisions * 100);
                    }
                    std::snprintf(meets, sizeof meets, "%d/%d", tally.meets, tally.runs);
                    std::printf("%-9s %-18s %-28s %-8s %9.3f %9.3f %9.3f %8.0f %-16s %8s %6s %7.1f\n", budgetLabel,
                                ref + 8, t.label, modeName(mode), mean, worst, seedMean > 0 ? mean / seedMean : 0.0,
                                tally.validations / tally.runs, checks, decisions, meets, since(t0) / tally.runs);
                    std::fflush(stdout);
                }
            }
        }
    }
    std::printf("HV: hypervolume of the last search's front (validated afterwards) over the oracle's "
                "reference front (first line), mean and worst over the seeds (the oracle row: each seed's own front); "
                "vs 1 run: the "
                "mean over the oracle row's mean (what one simulator-in-the-loop search of this budget reaches); "
                "valid.: mean validations per run; checks fail/chg: failed checks / adopted finetunes / checks (pre "
                "and post); decis.: the lowest decision agreement of any check\n");
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_pipeline", [&] { return benchMain(argc, argv); });
}
