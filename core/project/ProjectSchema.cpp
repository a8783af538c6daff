// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectSchema.h"

#include "ProjectLimits.h"

#include <algorithm>
#include <stdexcept>

namespace calibra::pipeline::schema {

namespace {

using limits::IntRange;
using limits::RealRange;

template <typename T> ScalarField field(const char *key, FieldRef (*ref)(Project &), T range, double fileUnit = 1)
{
    return {key, ref, double(range.min), double(range.max), fileUnit};
}

ScalarField flag(const char *key, FieldRef (*ref)(Project &))
{
    return {key, ref};
}

// `ref` gives the project's E that the choice sets.
template <typename E, size_t N, typename Ref>
ChoiceField choice(const char *key, const E (&values)[N], const char *(*name)(E), Ref ref)
{
    ChoiceField c;
    c.key = key;
    const std::vector<E> all(values, values + N);
    for (const E v : all)
        c.names.push_back(name(v));
    c.get = [all, ref](Project &p) { return int(std::find(all.begin(), all.end(), ref(p)) - all.begin()); };
    c.set = [all, ref](Project &p, int index) { ref(p) = all.at(size_t(index)); };
    return c;
}

TextField text(const char *key, std::string *(*ref)(Project &), TextShape shape = TextShape::Plain,
               Presence presence = Presence::Required)
{
    return {key, ref, shape, presence};
}

// Keeps its default when absent; always written.
TextField optionalText(const char *key, std::string *(*ref)(Project &), TextShape shape = TextShape::Plain)
{
    return text(key, ref, shape, Presence::Optional);
}

// Keeps its default (empty) when absent; written only when set.
TextField omittedWhenEmpty(const char *key, std::string *(*ref)(Project &), TextShape shape = TextShape::Plain)
{
    return text(key, ref, shape, Presence::OmitEmpty);
}

// Metrics a project may trust unvalidated (latency is always measured).
constexpr search::CostMetric kTrustable[] = {search::CostMetric::Power, search::CostMetric::MemoryAccess};

NameListField trustUnvalidated()
{
    NameListField l;
    l.key = "trust_unvalidated";
    for (const search::CostMetric m : kTrustable)
        l.names.push_back(search::costMetricName(m));
    l.get = [](Project &p) {
        // Latency put in the list from code changes nothing (it is always measured) and
        // has no name in the file: it is left out rather than written as an unknown name.
        std::vector<int> indices;
        for (const search::CostMetric m : p.trustUnvalidated)
            if (const auto *it = std::find(std::begin(kTrustable), std::end(kTrustable), m); it != std::end(kTrustable))
                indices.push_back(int(it - kTrustable));
        return indices;
    };
    l.set = [](Project &p, const std::vector<int> &indices) {
        p.trustUnvalidated.clear();
        for (const int i : indices)
            p.trustUnvalidated.push_back(kTrustable[i]);
    };
    l.why = "latency is always measured";
    return l;
}

constexpr Mode kModes[] = {Mode::Pre, Mode::Post, Mode::Both, Mode::Offline, Mode::Online};
constexpr PoorEstimates kPoorEstimates[] = {PoorEstimates::Warn, PoorEstimates::Extend};
constexpr search::Algorithm kAlgorithms[] = {search::Algorithm::Nsga2, search::Algorithm::Constrained,
                                             search::Algorithm::Random};

} // namespace

// The order of each table is the order the writer uses.

const Section &topSection()
{
    // The reference, the platform and the predictor keep their paths as written: the run
    // resolves them, so a project written elsewhere keeps pointing at the same files.
    // Without a finetuner: section the platform is required (Project.cpp).
    static const Section s{
        .key = "",
        .choices = {choice("accuracy_estimator", supernet::kEstimatorKinds, supernet::estimatorKindName,
                           [](Project &p) -> supernet::EstimatorKind & { return p.estimator; }),
                    choice("mode", kModes, modeName, [](Project &p) -> Mode & { return p.mode; })},
        .texts = {
            optionalText("name", [](Project &p) { return &p.name; }),
            text("reference", [](Project &p) { return &p.reference; }),
            omittedWhenEmpty(
                "reference_input_shape", [](Project &p) { return &p.referenceInputShape; }, TextShape::InputShapes),
            optionalText("platform", [](Project &p) { return &p.platform; }),
            optionalText("predictor", [](Project &p) { return &p.predictor; }),
            optionalText("dataset", [](Project &p) { return &p.dataset; })}};
    return s;
}

const Section &checkSection()
{
    static const Section s{
        "check",
        {field(
             "samples", [](Project &p) -> FieldRef { return &p.checkSamples; }, limits::kCheckSamples),
         flag("sequential", [](Project &p) -> FieldRef { return &p.sequentialChecks; }),
         field(
             "per_generation", [](Project &p) -> FieldRef { return &p.validatePerGeneration; },
             limits::kValidatedPerGeneration),
         field(
             "max_reruns", [](Project &p) -> FieldRef { return &p.maxReruns; }, IntRange{0, 10})},
        {choice("finetune", predictor::kFinetuneMethods, predictor::finetuneMethodName,
                [](Project &p) -> predictor::FinetuneMethod & { return p.finetuneMethod; })},
        "",
        {},
        {},
        {{"references", [](Project &p) -> TextsRef { return &p.referenceModels; }, TextShape::Path, false,
          "predictor model files"}}};
    return s;
}

const Section &aggSection()
{
    static const Section s{
        "agg",
        {field(
             "predefined", [](Project &p) -> FieldRef { return &p.aggPredefined; }, IntRange{0, 1000}),
         field(
             "operations", [](Project &p) -> FieldRef { return &p.aggOperations; }, IntRange{0, 1000}),
         field(
             "structural", [](Project &p) -> FieldRef { return &p.aggStructural; }, IntRange{0, 1000}),
         field(
             "max_cost_ratio", [](Project &p) -> FieldRef { return &p.aggMaxCostRatio; }, RealRange{1, 1e6})},
        {},
        "check"};
    return s;
}

const Section &searchSection()
{
    static const Section s{
        "search",
        {field(
             "population", [](Project &p) -> FieldRef { return &p.search.population; }, limits::kPopulation),
         field(
             "generations", [](Project &p) -> FieldRef { return &p.search.generations; }, limits::kGenerations),
         field(
             "parent_ratio", [](Project &p) -> FieldRef { return &p.search.parentRatio; }, RealRange{0.01, 1}),
         field(
             "mutated_genes", [](Project &p) -> FieldRef { return &p.search.mutatedGenes; }, RealRange{0, 1000}),
         field(
             "mutation_ratio", [](Project &p) -> FieldRef { return &p.search.mutationRatio; }, RealRange{0, 1}),
         field(
             "seed", [](Project &p) -> FieldRef { return &p.search.seed; }, limits::kSeed)},
        {choice("algorithm", kAlgorithms, search::algorithmName,
                [](Project &p) -> search::Algorithm & { return p.search.algorithm; })},
        "",
        {},
        {},
        {},
        {trustUnvalidated()}};
    return s;
}

const Section &constraintsSection()
{
    static const Section s{
        "constraints",
        {field(
             "max_latency_ms", [](Project &p) -> FieldRef { return &p.search.constraints.maxLatencyMs; },
             limits::kMaxLatencyMs),
         field(
             "max_power_mw", [](Project &p) -> FieldRef { return &p.search.constraints.maxPowerMw; },
             limits::kMaxPowerMw),
         field(
             "max_dram_mb", [](Project &p) -> FieldRef { return &p.search.constraints.maxDramBytes; },
             limits::kMaxDramMb, 1e6)}};
    return s;
}

const Section &oneShotSection()
{
    static const Section s{
        "oneshot",
        {field(
             "steps", [](Project &p) -> FieldRef { return &p.oneShot.steps; }, IntRange{1, 10000000}),
         field(
             "random_per_step", [](Project &p) -> FieldRef { return &p.oneShot.randomPerStep; }, IntRange{0, 16}),
         field(
             "batch_size", [](Project &p) -> FieldRef { return &p.oneShot.batchSize; }, IntRange{2, 65536}),
         field(
             "learning_rate", [](Project &p) -> FieldRef { return &p.oneShot.learningRate; }, RealRange{0, 10}),
         field(
             "time_budget_s", [](Project &p) -> FieldRef { return &p.oneShot.timeBudgetSeconds; }, RealRange{0, 1e7}),
         flag("distill", [](Project &p) -> FieldRef { return &p.oneShot.distill; }),
         field(
             "warmup_share", [](Project &p) -> FieldRef { return &p.oneShot.warmupShare; }, RealRange{0, 0.9}),
         flag("smallest_every_step", [](Project &p) -> FieldRef { return &p.oneShot.smallestEveryStep; }),
         field(
             "test_images", [](Project &p) -> FieldRef { return &p.oneShotTestImages; }, IntRange{10, 1000000})},
        {choice("on_poor_estimates", kPoorEstimates, poorEstimatesName,
                [](Project &p) -> PoorEstimates & { return p.poorEstimates; })}};
    return s;
}

const Section &finalTrainingSection()
{
    static const Section s{
        "final_training",
        {field(
             "epochs", [](Project &p) -> FieldRef { return &p.finalTraining.epochs; }, limits::kFinalEpochs),
         field(
             "batch_size", [](Project &p) -> FieldRef { return &p.finalTraining.batchSize; }, IntRange{2, 65536}),
         field(
             "learning_rate", [](Project &p) -> FieldRef { return &p.finalTraining.learningRate; }, RealRange{0, 10}),
         field(
             "max_train_images", [](Project &p) -> FieldRef { return &p.finalTraining.maxTrainImages; },
             IntRange{0, 1 << 30}),
         field(
             "max_test_images", [](Project &p) -> FieldRef { return &p.finalTraining.maxTestImages; },
             IntRange{0, 1 << 30}),
         field(
             "time_budget_s", [](Project &p) -> FieldRef { return &p.finalTraining.timeBudgetSeconds; },
             RealRange{0, 1e7}),
         flag("baseline", [](Project &p) -> FieldRef { return &p.finalBaseline; })}};
    return s;
}

const Section &supernetSection()
{
    static const Section s{
        "supernet",
        {flag("depth", [](Project &p) -> FieldRef { return &p.supernet.depth; }),
         flag("substitutions", [](Project &p) -> FieldRef { return &p.supernet.substitutions; })},
        {},
        "",
        {{"kernels", [](Project &p) -> ListRef { return &p.supernet.kernels; }, 1, 15, true},
         {"expand_ratios", [](Project &p) -> ListRef { return &p.supernet.expandRatios; }, 0.25, 16},
         {"width_ratios", [](Project &p) -> ListRef { return &p.supernet.widthRatios; }, 0.1, 4},
         {"resolution_scales", [](Project &p) -> ListRef { return &p.supernet.resolutionScales; }, 0.25, 4}}};
    return s;
}

const Section &boardSection()
{
    static const Section s{
        "validator",
        {field(
             "deadline_s", [](Project &p) -> FieldRef { return &p.board.deadlineSeconds; }, limits::kDeadlineSeconds),
         field(
             "chunk_size", [](Project &p) -> FieldRef { return &p.board.chunkSize; }, limits::kChunkSize),
         field(
             "max_failures", [](Project &p) -> FieldRef { return &p.board.maxFailures; }, IntRange{1, 1000}),
         field(
             "probe_every", [](Project &p) -> FieldRef { return &p.probeEvery; }, IntRange{0, 1000})},
        {},
        "",
        {},
        {text(
             "ca", [](Project &p) { return &p.board.caFile; }, TextShape::Path),
         text(
             "cert", [](Project &p) { return &p.board.certFile; }, TextShape::Path),
         text(
             "key", [](Project &p) { return &p.board.keyFile; }, TextShape::Path),
         omittedWhenEmpty("server_name", [](Project &p) { return &p.board.serverName; })},
        {{"services", [](Project &p) -> TextsRef { return &p.board.services; }, TextShape::Address, true,
          "host:port addresses"}}};
    return s;
}

const Section &farmSection()
{
    static const Section s{
        "validator",
        {field(
             "time_limit_s", [](Project &p) -> FieldRef { return &p.farm.timeLimitSeconds; }, RealRange{1, 1e7}),
         field(
             "batch_size", [](Project &p) -> FieldRef { return &p.farm.batchSize; }, IntRange{1, 100000}),
         field(
             "max_attempts", [](Project &p) -> FieldRef { return &p.farm.maxAttempts; }, IntRange{1, 100}),
         field(
             "poll_s", [](Project &p) -> FieldRef { return &p.farm.pollSeconds; }, RealRange{0.05, 3600}),
         field(
             "deadline_s", [](Project &p) -> FieldRef { return &p.farm.board.deadlineSeconds; },
             limits::kDeadlineSeconds),
         field(
             "chunk_size", [](Project &p) -> FieldRef { return &p.farm.board.chunkSize; }, limits::kChunkSize)},
        {},
        "",
        {},
        // Absolute: jobs read them on other hosts, from other directories.
        {text(
             "spool", [](Project &p) { return &p.farm.spool; }, TextShape::SharedPath),
         optionalText("gres", [](Project &p) { return &p.farm.gres; }),
         omittedWhenEmpty("partition", [](Project &p) { return &p.farm.partition; }),
         omittedWhenEmpty(
             "slurm_conf", [](Project &p) { return &p.farm.slurmConf; }, TextShape::SharedPath),
         omittedWhenEmpty(
             "worker", [](Project &p) { return &p.farm.worker; }, TextShape::SharedPath),
         text(
             "ca", [](Project &p) { return &p.farm.board.caFile; }, TextShape::SharedPath),
         text(
             "cert", [](Project &p) { return &p.farm.board.certFile; }, TextShape::SharedPath),
         text(
             "key", [](Project &p) { return &p.farm.board.keyFile; }, TextShape::SharedPath),
         omittedWhenEmpty("server_name", [](Project &p) { return &p.farm.board.serverName; })},
        {{"services", [](Project &p) -> TextsRef { return &p.farm.services; }, TextShape::Address, true,
          "Slurm node names (or '*') to host:port of their calibra-board"}}};
    return s;
}

const Section &tableSection()
{
    static const Section s{
        .key = "validator",
        .texts = {text(
                      "measurements", [](Project &p) { return &p.measurementTable; }, TextShape::Path),
                  text("device", [](Project &p) { return &p.measurementDevice; })}};
    return s;
}

const Section &finetunerSection()
{
    static const Section s{
        "finetuner",
        {field(
             "deadline_s", [](Project &p) -> FieldRef { return &p.finetuner.deadlineSeconds; },
             limits::kDeadlineSeconds),
         field(
             "reconnect_s", [](Project &p) -> FieldRef { return &p.finetuner.reconnectSeconds; }, RealRange{0, 86400})},
        {},
        "",
        {},
        {text(
             "address", [](Project &p) { return &p.finetuner.address; }, TextShape::Address),
         text("platform", [](Project &p) { return &p.finetuner.platformId; }),
         text(
             "ca", [](Project &p) { return &p.finetuner.caFile; }, TextShape::Path),
         text(
             "cert", [](Project &p) { return &p.finetuner.certFile; }, TextShape::Path),
         text(
             "key", [](Project &p) { return &p.finetuner.keyFile; }, TextShape::Path),
         omittedWhenEmpty("server_name", [](Project &p) { return &p.finetuner.serverName; })}};
    return s;
}

const Section &thresholdsSection()
{
    static const Section s{
        "thresholds",
        {field(
            "decision_agreement", [](Project &p) -> FieldRef { return &p.thresholds.minDecisionAgreement; },
            limits::kMinDecisionAgreement)}};
    return s;
}

namespace {

template <int M> Section metricThresholds(const char *key)
{
    return {key,
            {field(
                 "min_within10", [](Project &p) -> FieldRef { return &p.thresholds.metric[M].minWithin10; },
                 limits::kMinWithin10),
             field(
                 "max_mape", [](Project &p) -> FieldRef { return &p.thresholds.metric[M].maxMape; }, limits::kMaxMape),
             field(
                 "min_spearman", [](Project &p) -> FieldRef { return &p.thresholds.metric[M].minSpearman; },
                 limits::kMinSpearman)},
            {},
            "thresholds"};
}

} // namespace

const Section &metricThresholdsSection(int metric)
{
    static_assert(predictor::kCheckMetricCount == 4, "one section per checked metric");
    static const Section sections[] = {metricThresholds<0>("latency"), metricThresholds<1>("power"),
                                       metricThresholds<2>("energy"), metricThresholds<3>("memory_access")};
    return sections[metric];
}

const std::vector<const Section *> &allSections()
{
    static const std::vector<const Section *> all{&topSection(),
                                                  &checkSection(),
                                                  &aggSection(),
                                                  &searchSection(),
                                                  &constraintsSection(),
                                                  &oneShotSection(),
                                                  &finalTrainingSection(),
                                                  &supernetSection(),
                                                  &boardSection(),
                                                  &farmSection(),
                                                  &tableSection(),
                                                  &finetunerSection(),
                                                  &thresholdsSection(),
                                                  &metricThresholdsSection(0),
                                                  &metricThresholdsSection(1),
                                                  &metricThresholdsSection(2),
                                                  &metricThresholdsSection(3)};
    return all;
}

std::set<std::string> keysOf(const Section &section, std::initializer_list<const char *> others)
{
    std::set<std::string> keys(others.begin(), others.end());
    for (const ScalarField &f : section.fields)
        keys.insert(f.key);
    for (const ChoiceField &c : section.choices)
        keys.insert(c.key);
    for (const ListField &l : section.lists)
        keys.insert(l.key);
    for (const TextField &t : section.texts)
        keys.insert(t.key);
    for (const TextsField &t : section.textLists)
        keys.insert(t.key);
    for (const NameListField &l : section.nameLists)
        keys.insert(l.key);
    return keys;
}

const ChoiceField &choiceOf(const Section &section, const char *key)
{
    for (const ChoiceField &c : section.choices)
        if (std::string(c.key) == key)
            return c;
    throw std::logic_error(std::string("no choice '") + key + "' in section '" + section.key + "'");
}

const TextField &textOf(const Section &section, const char *key)
{
    for (const TextField &t : section.texts)
        if (std::string(t.key) == key)
            return t;
    throw std::logic_error(std::string("no text '") + key + "' in section '" + section.key + "'");
}

std::string namesText(const std::vector<std::string> &names)
{
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return out;
}

std::string ChoiceField::namesText() const
{
    return schema::namesText(names);
}

} // namespace calibra::pipeline::schema
