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
// Usage: bench_pipeline [--quick] [--population N] [--generations N]
#include "graph/Cost.h"
#include "graph/NetworkFile.h"
#include "hardware/Simulator.h"
#include "pipeline/Pipeline.h"
#include "pipeline/RunStore.h"
#include "supernet/AccuracyEstimator.h"
#include "validate/CachedValidator.h"
#include "validate/SimulatorValidator.h"

#include "BenchArgs.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>

using namespace calibra;
using namespace calibra::pipeline;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Target
{
    const char *platform;
    const char *text; // target-setting YAML
    const char *label;
};

// Validated (accuracy, latency) of genotypes; infeasible ones are dropped by the HV.
std::vector<search::Evaluation> validatedFront(const supernet::Supernet &s, const std::vector<search::Genotype> &genotypes,
                                               const hardware::Platform &platform, const hardware::TargetSetting &setting)
{
    validate::SimulatorValidator v(platform);
    std::vector<validate::ValidationRequest> batch;
    for (const auto &g : genotypes)
        batch.push_back({std::make_shared<graph::Network>(s.decode(g)), setting});
    const auto metrics = v.validate(batch, nullptr);
    auto params = supernet::makeParamsEstimator();
    std::vector<search::Evaluation> out;
    for (size_t i = 0; i < genotypes.size(); ++i)
        if (metrics[i].ok)
            out.push_back({params->estimate(*batch[i].network), metrics[i].latencyMs, metrics[i].averagePowerMw,
                           metrics[i].energyMj, metrics[i].dramBytes});
    return out;
}

} // namespace

static int benchMain(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains("--quick");
    const auto valueOf = [&](const char *name, int fallback) { return bench::intOption(args, name, fallback); };
    const int population = valueOf("--population", quick ? 24 : 50);
    const int generations = valueOf("--generations", quick ? 4 : 10);
    const std::vector<const char *> references =
        quick ? std::vector<const char *>{"builtin:mobilenet_v2_cifar"}
              : std::vector<const char *>{"builtin:mobilenet_v2_cifar", "builtin:resnet18", "builtin:vit_small"};
    const std::vector<Target> targets = {
        {"builtin:edge-npu-s", "format: calibra-target-setting\nversion: 1\n", "edge-npu-s default"},
        {"builtin:mobile-npu-m",
         "format: calibra-target-setting\nversion: 1\nhardware:\n  dram_cap_gbps: 4\n  active_cores: 1\n",
         "mobile-npu-m 1 core, 4 GB/s"},
        {"builtin:mobile-apu-l", "format: calibra-target-setting\nversion: 1\ncompile:\n  fusion: depth_first\n",
         "mobile-apu-l depth-first"}};
    std::printf("population %d, %d generations, latency budget 0.8 x the reference's, accuracy: params proxy\n",
                population, generations);
    std::printf("%-20s %-28s %-8s %6s %-22s %8s %6s %7s\n", "reference", "target", "mode", "valid.", "checks (lat. within 10%)",
                "HV/oracle", "meets", "time s");
    QTemporaryDir tmp;
    int runIndex = 0;
    for (const char *ref : references) {
        for (const Target &t : targets) {
            const graph::Network reference = graph::loadNetwork(ref);
            const hardware::Platform platform = hardware::loadPlatform(t.platform);
            const hardware::TargetSetting setting = hardware::parseTargetSettingYaml(t.text, t.label, platform);
            const double refLatency =
                hardware::simulate(hardware::lowerNetwork(reference), platform, setting).latencySeconds * 1e3;
            const double budget = 0.8 * refLatency;
            const supernet::Supernet sn(reference);
            auto params = supernet::makeParamsEstimator();
            const double floor = params->estimate(sn.decode(sn.smallestGenotype())) - 0.01;

            // The oracle: the same search with validated figures as its objectives.
            search::SearchOptions so;
            so.population = population;
            so.generations = generations;
            so.constraints.maxLatencyMs = budget;
            auto oracleValidator = std::make_shared<validate::CachedValidator>(std::make_shared<validate::SimulatorValidator>(platform));
            auto t0 = Clock::now();
            const search::EvolutionarySearch engine(sn, so);
            const auto evaluate = [&](const std::vector<search::Genotype> &pop) {
                std::vector<validate::ValidationRequest> batch;
                for (const auto &g : pop)
                    batch.push_back({std::make_shared<graph::Network>(sn.decode(g)), setting});
                const auto m = oracleValidator->validate(batch, nullptr);
                std::vector<search::Evaluation> out;
                for (size_t i = 0; i < pop.size(); ++i)
                    out.push_back({params->estimate(*batch[i].network), m[i].latencyMs, m[i].averagePowerMw, m[i].energyMj,
                                   m[i].dramBytes});
                return out;
            };
            std::vector<search::Generation> gens(1);
            gens[0].population = engine.initialPopulation();
            gens[0].evaluations = evaluate(gens[0].population);
            for (int g = 1; g <= generations; ++g) {
                search::Generation c;
                c.index = g;
                c.population = engine.nextPopulation(gens.back());
                c.evaluations = evaluate(c.population);
                gens.push_back(engine.select(gens.back(), c));
            }
            std::vector<search::Evaluation> oracleFront;
            for (const auto &[g, m] : search::paretoFront(gens, so.constraints))
                oracleFront.push_back(gens[size_t(g)].evaluations[size_t(m)]);
            const double oracleHv = search::accuracyLatencyHypervolume(oracleFront, floor, budget);
            std::printf("%-20s %-28s %-8s %6lld %-22s %8.3f %6s %7.1f\n", ref + 8, t.label, "oracle",
                        static_cast<long long>(oracleValidator->misses()), "-", 1.0, "yes", since(t0));

            for (Mode mode : {Mode::Offline, Mode::Pre, Mode::Post, Mode::Both, Mode::Online}) {
                Project p;
                p.name = "bench";
                p.reference = ref;
                p.platform = t.platform;
                p.targetText = t.text;
                p.estimator = "params";
                p.mode = mode;
                p.checkSamples = 20;
                p.search = so;
                p.finalTraining.epochs = 0;
                t0 = Clock::now();
                const std::string dir = tmp.filePath(QString::number(runIndex++)).toStdString();
                Pipeline pipe(p, dir);
                const RunResult r = pipe.run();
                const double seconds = since(t0);
                if (!r.ok) {
                    std::printf("%-20s %-28s %-8s failed: %s\n", ref + 8, t.label, modeName(mode), r.error.c_str());
                    continue;
                }
                const RunStore store(dir, false);
                std::string checks;
                for (const StoredCheck &c : store.checks()) {
                    if (c.summary.stage == "online" && c.generation > 0 && c.generation < generations - 1)
                        continue; // online: first and last only, to keep the column short
                    char b[32];
                    std::snprintf(b, sizeof b, "%s%.0f%%%s ", c.summary.stage.substr(0, 2).c_str(),
                                  c.summary.report.metric[0].within10 * 100, c.summary.report.finetune ? "*" : "");
                    checks += b;
                }
                const auto last = store.generations(r.searches - 1);
                std::vector<search::Genotype> front;
                for (const auto &[g, m] : search::paretoFront(last, so.constraints))
                    front.push_back(last[size_t(g)].population[size_t(m)]);
                const double hv = search::accuracyLatencyHypervolume(validatedFront(sn, front, platform, setting), floor, budget);
                std::printf("%-20s %-28s %-8s %6d %-22s %8.3f %6s %7.1f\n", ref + 8, t.label, modeName(mode), r.validations,
                            checks.empty() ? "-" : checks.c_str(), oracleHv > 0 ? hv / oracleHv : 0.0,
                            r.final.meetsConstraints ? "yes" : "NO", seconds);
                std::fflush(stdout);
            }
        }
    }
    std::printf("checks: pr = pre, po = post, on = online (first and last); * = finetuned\n");
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_pipeline", [&] { return benchMain(argc, argv); });
}
