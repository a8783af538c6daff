// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The pipeline's state and steps, shared by its source files: Pipeline.cpp (opening,
// the searches, run()), PipelineChecks.cpp (accuracy checks), PipelineFinetune.cpp
// (finetuning after a failed check) and PipelineTraining.cpp (the one-shot supernet, the
// estimator's health, the final model).
#include "CheckAndFinetune.h"
#include "Pipeline.h"
#include "finetunerclient/FinetunerClient.h"
#include "RecordingValidator.h"
#include "RunLock.h"
#include "RunStore.h"
#include "validate/ProbedValidator.h"
#include "model/PerformanceModel.h"
#include "learning/AccuracyEstimator.h"
#include "learning/OneShot.h"
#include "supernet/Supernet.h"

#include <QElapsedTimer>
#include <QThreadPool>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>

namespace calibra::pipeline {

// Thrown inside the pipeline to unwind when cancelled or when the stop hook fires.
struct Interrupted
{
    bool cancelled = true;
};

inline std::string percent(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.1f%%", v * 100);
    return b;
}

// Distinct members of `generations`, best first: predicted-feasible by accuracy, then the
// least violating (the order the final model's candidates and each generation's
// validated members are taken in).
inline std::vector<std::pair<const search::Genotype *, const search::Evaluation *>>
bestFirst(const std::vector<search::Generation> &generations, const search::Constraints &c)
{
    std::vector<std::pair<const search::Genotype *, const search::Evaluation *>> ranked;
    std::set<search::Genotype> seen;
    for (const auto &g : generations)
        for (size_t m = 0; m < g.population.size() && m < g.evaluations.size(); ++m)
            if (seen.insert(g.population[m]).second)
                ranked.push_back({&g.population[m], &g.evaluations[m]});
    std::stable_sort(ranked.begin(), ranked.end(), [&](const auto &a, const auto &b) {
        const double va = c.violation(*a.second), vb = c.violation(*b.second);
        return va != vb ? va < vb : a.second->accuracy > b.second->accuracy;
    });
    return ranked;
}

// Where a run's time goes: each phase's own (exclusive) wall time, for the closing line.
class PhaseClock
{
public:
    PhaseClock() { m_timer.start(); }
    void push(const char *phase)
    {
        flush();
        m_stack.push_back(phase);
    }
    void pop()
    {
        flush();
        m_stack.pop_back();
    }
    // "supernet training 60 s, search 30 s, ..." in order of first use (the phases'
    // names are TranslatableText words).
    void addSummaryTo(TranslatableText &text)
    {
        flush();
        for (size_t i = 0; i < m_seconds.size(); ++i)
            text.add(i == 0 ? QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 %2 s")
                            : QT_TRANSLATE_NOOP("calibra::TranslatableText", ", %1 %2 s"),
                     {TranslatableText::word(m_seconds[i].first.c_str()),
                      TranslatableText::number(m_seconds[i].second, "%.0f")});
    }

private:
    void flush()
    {
        const double s = double(m_timer.restart()) / 1000.0;
        if (m_stack.empty())
            return;
        for (auto &[phase, seconds] : m_seconds)
            if (phase == m_stack.back()) {
                seconds += s;
                return;
            }
        m_seconds.push_back({m_stack.back(), s});
    }
    QElapsedTimer m_timer;
    std::vector<std::string> m_stack;
    std::vector<std::pair<std::string, double>> m_seconds;
};

// The current phase for the scope's lifetime (nested phases' time is theirs alone).
class Phase
{
public:
    Phase(PhaseClock &clock, const char *phase) : m_clock(clock) { m_clock.push(phase); }
    ~Phase() { m_clock.pop(); }
    Phase(const Phase &) = delete;
    Phase &operator=(const Phase &) = delete;

private:
    PhaseClock &m_clock;
};

// The project as an error names it: its file, or "the project" (one made in memory).
std::string projectSource(const Project &p);

// The final model's rank when the search's better candidates were validated over the
// limits ("" for its best): what the predictor's errors near a limit cost.
TranslatableText rankNote(const FinalModel &f);

struct Pipeline::Impl
{
    PhaseClock phases;
    Project project;
    std::string directory;
    std::unique_ptr<RunLock> lock; // held from opening until the run ends
    std::unique_ptr<RunStore> store;
    graph::Network reference;
    hardware::Platform platform;
    hardware::TargetSetting setting;
    model::PerformanceModel model; // not used when a finetuning service holds the predictor
    // project.finetuner set: the service that predicts, validates, checks and finetunes,
    // the run's session there and the predictor version the run uses now.
    std::shared_ptr<finetuner::FinetunerClient> remote;
    finetuner::Session session;
    unsigned predictorVersion = 0;
    std::unique_ptr<supernet::Supernet> supernet;
    std::shared_ptr<learning::TrainTestSplit> dataset;
    // The search's split of the training set (learning::holdOutForSearch): the supernet
    // trains on its train images, the estimators estimate on its held-out ones, and the
    // test set stays for the final model and its baseline.
    std::shared_ptr<learning::TrainTestSplit> searchDataset;
    std::unique_ptr<learning::AccuracyEstimator> estimator;
    std::shared_ptr<learning::OneShotSupernet> oneShot; // estimator oneshot: trained once per run
    std::map<std::string, double> estimates;
    std::unique_ptr<RecordingValidator> validator;
    std::shared_ptr<validate::ProbedValidator> probed; // the board's probe, when on
    // Sub-networks (genotype text) a finetune has used: a later check's sample never holds
    // one, so that a check judges the predictor on networks it was not fitted to.
    std::set<std::string> finetunedOn;
    // Metrics the validator cannot measure that the project trusts on predictions: the
    // final model is judged on their predicted figures (MeasuredMetrics.h).
    std::vector<search::CostMetric> onPredictionsOnly;
    // Chosen when the run starts and kept: the supernet's checkpoint is of that form.
    supernet::TrainingNormalization trainingNormalization = supernet::TrainingNormalization::AsWritten;
    int stopAfterGenerations = 0, generationsThisProcess = 0;
    int stopAfterCheckParts = 0, checkPartsThisProcess = 0;
    RunAccess access; // how the user reaches the run
    const std::atomic<bool> *cancel = nullptr;
    // The run's own worker threads (parallel evaluation, simulation), started by the
    // thread that runs it and so sharing its scheduling priority (the GUI lowers it).
    std::unique_ptr<QThreadPool> workers;
    EventSink sink;

    void open(bool create);
    void checkDatasetFitsReference();
    void refuseOlderImageFolderOrder();
    void warnOfUntestedClasses();
    supernet::TrainingNormalization chooseTrainingNormalization() const;
    void sayHowNetworksAreNormalized();
    void warnOfConstantScores();
    void attachStore();
    void emit(Event e)
    {
        if (!e.text.empty())
            e.message = e.text.english();
        store->putEvent(e);
        if (sink)
            sink(e);
    }
    void checkCancel() const
    {
        if (cancel && cancel->load())
            throw Interrupted{true};
    }
    learning::TrainTestSplit &data()
    {
        if (!dataset)
            dataset = std::make_shared<learning::TrainTestSplit>(learning::loadDataset(
                project.dataset, reference.inputs.size() == 1 ? reference.inputs[0].shape : graph::Shape{}));
        return *dataset;
    }
    const std::shared_ptr<learning::TrainTestSplit> &searchData()
    {
        if (!searchDataset)
            searchDataset = std::make_shared<learning::TrainTestSplit>(learning::holdOutForSearch(data().train));
        return searchDataset;
    }
    double estimate(const search::Genotype &g, const graph::Network &net);
    std::vector<search::Evaluation> evaluate(const std::vector<search::Genotype> &population);
    std::vector<search::Generation> runSearch(int s);
    std::vector<StoredCheckSample> validateGenerationMembers(const search::Generation &g);
    struct CheckOutcome
    {
        bool failed = false;           // the check's decision, recorded or new
        bool predictorChanged = false; // a finetune ran and was adopted
    };
    std::vector<search::Genotype> decisionAwareSample(const std::vector<search::Genotype> &pool, size_t count,
                                                      std::mt19937_64 &rng, SampleOrigins *origins);
    CheckContext checkContext() const { return {project, reference, platform, setting}; }
    struct CheckSample
    {
        std::vector<search::Genotype> genotypes;
        SampleOrigins origins;
        int leftOutFinetuned = 0; // distinct members left out: earlier finetunes used them
        // Sequential checks: the first part's size (0: validated at once) and origins.
        size_t firstPart = 0;
        SampleOrigins firstOrigins;
        CheckSample firstPartOnly() const;
    };
    struct ValidatedSample : ValidatedNetworks
    {
        std::vector<std::shared_ptr<const graph::Network>> networks; // per sampled genotype
    };
    CheckSample drawCheckSample(int s, CheckStage stage, int generation, const std::vector<search::Genotype> &pool,
                                const std::optional<StoredCheck> &recorded);
    ValidatedSample validateCheckSample(CheckStage stage, const CheckSample &sample);
    StoredCheck recordCheck(int s, CheckStage stage, int generation, const CheckSample &sample,
                            const ValidatedSample &validated, CheckSummary summary);
    void announceFinetune(int s, int generation, int networks, int aggModels, int aggOverBudget);
    void reportFinetune(int s, int generation, const FinetuneSummary &f, const model::FinetuneReport &r);
    CheckOutcome remoteAccuracyCheck(int s, CheckStage stage, int generation, const std::vector<search::Genotype> &pool,
                                     FinetunePolicy policy);
    std::vector<predictor::Figures> predict(const std::vector<std::shared_ptr<const graph::Network>> &networks,
                                            const std::vector<predictor::NetworkFeatures> &features);
    hardware::TargetSetting platformDefaultSetting() const;
    bool finetuneAfterCheck(int s, CheckStage stage, int generation, const std::vector<model::Sample> &validated,
                            FinetunePolicy policy);
    CheckOutcome accuracyCheck(int s, CheckStage stage, int generation, const std::vector<search::Genotype> &pool,
                               FinetunePolicy policy);
    void warn(const TranslatableText &text, int s = 0);
    void warnOfFailedValidations(int s);
    void warnOfUnactedCheck(int s);
    void warnOfUnvalidatedBetterCandidates(const std::vector<validate::Metrics> &metrics, size_t chosen);
    void warnOfUnreachableLimits(int s, const search::Generation &first);
    void warnOfNoFeasibleMember(int s, const std::vector<search::Generation> &gens, const FinalModel &f);
    void trustOnlyMeasured();
    FinalModel finalModel(const std::vector<search::Generation> &generations);
    Event finalModelEvent(int search, const FinalModel &fm) const;
    learning::TrainingResult trainFinal(graph::Network &net, const std::string &what);
    void inheritFinal(FinalModel &f, graph::Network &net, const std::string &base);
    void measureBaseline(FinalModel &f, const std::string &base,
                         const std::function<double(graph::Network &)> &accuracyOf);
    void judgeFinal(FinalModel &f, const learning::TrainingResult &t);
    std::shared_ptr<learning::OneShotSupernet> trainedSupernet();
    std::vector<std::pair<std::string, search::Genotype>> estimatorProbes() const;
    void checkEstimatorHealth();
    void extendSupernet();
};

} // namespace calibra::pipeline
