#include "Pipeline.h"

#include "report/RunReport.h"
#include "RunStore.h"
#include "RunSnapshot.h"
#include "augment/AggModels.h"
#include "graph/NetworkFile.h"
#include "graph/OnnxFormat.h"
#include "hardware/Lowering.h"
#include "predictor/DeviceTransfer.h"
#include "predictor/Finetune.h"
#include "predictor/ShippedModel.h"
#include "supernet/AccuracyEstimator.h"
#include "supernet/OneShot.h"
#include "supernet/Supernet.h"
#include "validate/CachedValidator.h"
#include "validate/BoardValidator.h"
#include "validate/FarmValidator.h"
#include "validate/SimulatorValidator.h"

#include <QtConcurrent>

#include <QDir>
#include <QElapsedTimer>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

namespace calibra::pipeline {

namespace {

// Board hosts load the platform themselves: a builtin name, or an absolute path (the
// farm's hosts share the file system).
std::string farmPlatform(const Project &project)
{
    if (project.platform.rfind("builtin:", 0) == 0)
        return project.platform;
    return std::filesystem::absolute(project.platform).string();
}

// Thrown inside the pipeline to unwind when cancelled or when the stop hook fires.
struct Interrupted
{
    bool cancelled = true;
};

// Validates through the run store: a network validated before (in this run or the run
// it resumes) is never validated again, and every new result is stored at once.
class RecordingValidator final : public validate::Validator
{
public:
    RecordingValidator(std::shared_ptr<validate::Validator> backend, RunStore &store)
        : m_backend(std::move(backend)), m_store(store), m_known(store.validations())
    {
    }
    std::string backendId() const override { return m_backend->backendId(); }
    std::vector<validate::Metrics> validate(const std::vector<validate::ValidationRequest> &batch,
                                            const std::atomic<bool> *cancel) override
    {
        std::vector<validate::Metrics> results(batch.size());
        std::vector<QByteArray> keys(batch.size());
        std::vector<validate::ValidationRequest> missing;
        std::vector<size_t> where;
        std::set<QByteArray> pending;
        for (size_t i = 0; i < batch.size(); ++i) {
            keys[i] = validate::CachedValidator::cacheKey(*batch[i].network, batch[i].setting, backendId());
            const auto it = m_known.find(keys[i]);
            if (it != m_known.end())
                results[i] = it->second;
            else if (pending.insert(keys[i]).second) {
                missing.push_back(batch[i]);
                where.push_back(i);
            }
        }
        if (!missing.empty()) {
            const std::vector<validate::Metrics> fresh = m_backend->validate(missing, cancel);
            std::vector<std::pair<QByteArray, validate::Metrics>> record;
            std::string unavailable;
            for (size_t k = 0; k < fresh.size(); ++k) {
                if (fresh[k].transient) {
                    if (unavailable.empty())
                        unavailable = fresh[k].error;
                    continue; // not a result: validated again on resume
                }
                record.push_back({keys[where[k]], fresh[k]});
                m_known[keys[where[k]]] = fresh[k];
            }
            m_store.putValidations(record);
            // Going on without these results would change the run (a smaller check
            // sample, a candidate skipped); stop instead, with every result obtained kept.
            // A cancelled run stops anyway, as cancelled.
            if (!unavailable.empty() && !(cancel && cancel->load()))
                throw std::runtime_error("validation unavailable: " + unavailable);
            for (size_t k = 0; k < fresh.size(); ++k)
                results[where[k]] = fresh[k];
        }
        for (size_t i = 0; i < batch.size(); ++i)
            if (!results[i].ok && results[i].error.empty()) {
                const auto it = m_known.find(keys[i]); // duplicates within the batch
                if (it != m_known.end())
                    results[i] = it->second;
            }
        return results;
    }

private:
    std::shared_ptr<validate::Validator> m_backend;
    RunStore &m_store;
    std::map<QByteArray, validate::Metrics> m_known;
};

search::Evaluation evaluationOf(double accuracy, const predictor::Figures &f)
{
    return {accuracy, f.latencySeconds * 1e3, f.powerWatts() * 1e3, f.energyJoules * 1e3, f.dramBytes};
}

std::string percent(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.1f%%", v * 100);
    return b;
}

} // namespace

struct Pipeline::Impl
{
    Project project;
    std::string directory;
    std::unique_ptr<RunStore> store;
    graph::Network reference;
    hardware::Platform platform;
    hardware::TargetSetting setting;
    predictor::PerformanceModel model;
    std::unique_ptr<supernet::Supernet> supernet;
    std::shared_ptr<supernet::TrainTestSplit> dataset;
    std::unique_ptr<supernet::AccuracyEstimator> estimator;
    std::shared_ptr<supernet::OneShotSupernet> oneShot; // estimator oneshot: trained once per run
    std::map<std::string, double> estimates;
    std::unique_ptr<RecordingValidator> validator;
    int stopAfterGenerations = 0, generationsThisProcess = 0;
    const std::atomic<bool> *cancel = nullptr;
    EventSink sink;

    void open(bool create);
    void attachStore();
    void emit(Event e)
    {
        store->putEvent(e);
        if (sink)
            sink(e);
    }
    void checkCancel() const
    {
        if (cancel && cancel->load())
            throw Interrupted{true};
    }
    supernet::TrainTestSplit &data()
    {
        if (!dataset)
            dataset = std::make_shared<supernet::TrainTestSplit>(supernet::loadDataset(project.dataset));
        return *dataset;
    }
    double estimate(const search::Genotype &g, const graph::Network &net);
    std::vector<search::Evaluation> evaluate(const std::vector<search::Genotype> &population);
    std::vector<search::Generation> runSearch(int s);
    struct CheckOutcome
    {
        bool failed = false;           // the check's decision, recorded or new
        bool predictorChanged = false; // a finetune ran and was adopted
    };
    CheckOutcome accuracyCheck(int s, const std::string &stage, int generation, const std::vector<search::Genotype> &pool,
                               bool allowFinetune, bool alwaysFinetune);
    void warn(const std::string &message, int s = 0);
    FinalModel finalModel(const std::vector<search::Generation> &generations);
    supernet::TrainingResult trainFinal(graph::Network &net, const std::string &what);
    void judgeFinal(FinalModel &f, const supernet::TrainingResult &t);
    std::shared_ptr<supernet::OneShotSupernet> trainedSupernet();
    void checkEstimatorHealth();
    void extendSupernet();
};

// The weight-sharing supernet, trained once per run and checkpointed in the run
// directory (supernet.pt), so a resumed run does not train it again.
std::shared_ptr<supernet::OneShotSupernet> Pipeline::Impl::trainedSupernet()
{
    if (oneShot)
        return oneShot;
    auto s = std::make_shared<supernet::OneShotSupernet>(*supernet, project.search.seed);
    const std::string checkpoint = QDir(QString::fromStdString(directory)).filePath("supernet.pt").toStdString();
    if (store->meta("oneshot") == std::optional<std::string>("trained")) {
        s->load(checkpoint);
        oneShot = s;
        return oneShot;
    }
    Event begin;
    begin.kind = EventKind::SupernetTraining;
    begin.message = "training the weight-sharing supernet on " + data().train.name + " (" + std::to_string(project.oneShot.steps)
                    + " sandwich steps"
                    + (project.oneShot.timeBudgetSeconds > 0
                           ? ", at most " + std::to_string(int(project.oneShot.timeBudgetSeconds)) + " s"
                           : std::string())
                    + ")";
    emit(begin);
    int reported = 0;
    const supernet::OneShotReport r = s->train(data().train, project.oneShot, cancel, [&](const supernet::OneShotProgress &p) {
        const int tenth = p.step * 10 / std::max(1, p.steps);
        if (tenth > reported && sink) {
            reported = tenth;
            Event e;
            e.kind = EventKind::SupernetTraining;
            char msg[160];
            std::snprintf(msg, sizeof msg, "supernet training: step %d of %d, loss %.3f, %.0f s", p.step, p.steps, p.loss,
                          p.seconds);
            e.message = msg;
            sink(e); // progress only; not stored
        }
    });
    checkCancel();
    s->save(checkpoint);
    store->setMeta("oneshot", "trained");
    Event done;
    done.kind = EventKind::SupernetTraining;
    char msg[200];
    std::snprintf(msg, sizeof msg, "supernet trained: %d steps in %.0f s, largest sub-network's loss %.3f -> %.3f%s", r.steps,
                  r.seconds, r.firstLoss, r.lastLoss, r.budgetReached ? " (time budget reached)" : "");
    done.message = msg;
    emit(done);
    if (r.budgetReached)
        warn("the one-shot supernet's training stopped at its time budget after " + std::to_string(r.steps) + " of "
             + std::to_string(project.oneShot.steps) + " steps: its accuracy estimates may be poor (remove "
             "oneshot.time_budget_s, or raise it)");
    oneShot = s;
    return oneShot;
}

// Before the search: is the accuracy estimator telling sub-networks apart? Estimates
// near chance, or a largest sub-network no better than the smallest, make a search that
// looks fine but keeps whatever is cheapest.
void Pipeline::Impl::checkEstimatorHealth()
{
    if (project.estimator != "oneshot" && project.estimator != "train")
        return; // NASWOT and parameter counts are scores, not accuracies
    if (store->meta("estimator_health") == std::optional<std::string>("checked"))
        return;
    for (int attempt = 0;; ++attempt) {
        std::vector<std::pair<std::string, search::Genotype>> probes{{"largest", supernet->largestGenotype()},
                                                                     {"reference", supernet->referenceGenotype()},
                                                                     {"smallest", supernet->smallestGenotype()}};
        std::mt19937_64 rng(project.search.seed * 31 + 7);
        for (int i = 0; i < 3; ++i)
            probes.push_back({"random", supernet->sample(rng)});
        std::map<std::string, double> value;
        double best = 0;
        std::string line;
        for (const auto &[what, g] : probes) {
            checkCancel();
            const double v = estimate(g, supernet->decode(g));
            best = std::max(best, v);
            if (!value.count(what))
                value[what] = v;
            line += (line.empty() ? "" : ", ") + what + " " + percent(v);
        }
        const double chance = 1.0 / std::max(2, data().test.classes);
        std::string problem;
        if (best < 2 * chance)
            problem = "the accuracy estimator is near chance (" + line + "; chance is " + percent(chance) + ")";
        else if (value["largest"] <= value["smallest"])
            problem = "the largest sub-network estimates no better than the smallest (" + line
                      + "): the search would keep the cheapest sub-network";
        Event e;
        e.kind = EventKind::SupernetTraining;
        e.message = "accuracy estimator before the search: " + line + (problem.empty() ? " (tells them apart)" : "");
        emit(e);
        if (problem.empty())
            break;
        const bool canExtend = project.estimator == "oneshot" && project.poorEstimates == PoorEstimates::Extend
                               && attempt == 0;
        if (!canExtend) {
            warn(problem + (project.estimator == "oneshot"
                                ? "; train the supernet longer (oneshot.steps, now " + std::to_string(project.oneShot.steps)
                                      + "), or set oneshot.on_poor_estimates: extend"
                                : "; train longer (final_training) or choose another accuracy estimator"));
            break;
        }
        warn(problem + "; training the supernet for another " + std::to_string(project.oneShot.steps) + " steps");
        extendSupernet();
    }
    store->setMeta("estimator_health", "checked");
}

// oneshot.on_poor_estimates: extend. A second cosine cycle of the same length from the
// trained weights; the estimates made so far are dropped.
void Pipeline::Impl::extendSupernet()
{
    const supernet::OneShotReport r = oneShot->train(data().train, project.oneShot, cancel);
    checkCancel();
    oneShot->save(QDir(QString::fromStdString(directory)).filePath("supernet.pt").toStdString());
    estimates.clear();
    store->clearEstimates();
    estimator.reset();
    char msg[200];
    std::snprintf(msg, sizeof msg, "supernet trained further: %d steps in %.0f s, largest sub-network's loss %.3f -> %.3f",
                  r.steps, r.seconds, r.firstLoss, r.lastLoss);
    Event e;
    e.kind = EventKind::SupernetTraining;
    e.message = msg;
    emit(e);
}

void Pipeline::Impl::open(bool create)
{
    store = std::make_unique<RunStore>(directory, create);
    if (create) {
        if (store->meta("project"))
            throw RunStoreError(directory + ": already holds a run (use --resume to continue it)");
        store->setMeta("project", projectToYaml(project));
        store->setMeta("status", "running");
    }
    reference = graph::loadNetwork(project.reference);
    platform = hardware::loadPlatform(project.platform);
    setting = project.targetText.empty()
                  ? hardware::defaultSetting(platform)
                  : hardware::parseTargetSettingYaml(project.targetText, project.file + " (target)", platform);
    model = predictor::loadModel(project.predictor);
    if (const auto bytes = store->latestPredictor())
        model = predictor::PerformanceModel::loadFromBytes(*bytes, directory + " (finetuned predictor)");
    supernet = std::make_unique<supernet::Supernet>(reference, project.supernet);
    predictor::configureTorchThreads();
    // Qt Sql connections belong to the thread that opened them: the store is reopened
    // by run(), on the thread that runs the pipeline.
    store.reset();
}

void Pipeline::Impl::attachStore()
{
    store = std::make_unique<RunStore>(directory, false);
    estimates = store->estimates();
    std::shared_ptr<validate::Validator> backend;
    if (project.validator == "board")
        backend = std::make_shared<validate::BoardValidator>(project.board);
    else if (project.validator == "farm")
        backend = std::make_shared<validate::FarmValidator>(project.farm, farmPlatform(project));
    else
        backend = std::make_shared<validate::SimulatorValidator>(platform);
    validator = std::make_unique<RecordingValidator>(std::move(backend), *store);
}

double Pipeline::Impl::estimate(const search::Genotype &g, const graph::Network &net)
{
    const std::string key = genotypeText(g);
    const auto it = estimates.find(key);
    if (it != estimates.end())
        return it->second;
    if (!estimator) {
        if (project.estimator != "params")
            data(); // loads the dataset once; the estimator shares it
        estimator = project.estimator == "oneshot"
                        ? supernet::makeOneShotEstimator(trainedSupernet(), dataset, project.oneShotTestImages)
                        : supernet::makeEstimator(project.estimator, dataset, project.search.seed);
    }
    const double v = estimator->estimate(net);
    estimates[key] = v;
    return v;
}

std::vector<search::Evaluation> Pipeline::Impl::evaluate(const std::vector<search::Genotype> &population)
{
    std::vector<std::shared_ptr<const graph::Network>> nets(population.size());
    std::vector<predictor::NetworkFeatures> features(population.size());
    std::vector<size_t> index(population.size());
    std::iota(index.begin(), index.end(), 0);
    // Decoding, lowering and features are independent per candidate: use both cores.
    QtConcurrent::blockingMap(index, [&](size_t i) {
        auto net = std::make_shared<graph::Network>(supernet->decode(population[i]));
        features[i] = predictor::networkFeatures(hardware::lowerNetwork(*net), platform, setting);
        nets[i] = std::move(net);
    });
    std::vector<const predictor::NetworkFeatures *> ptrs;
    for (const auto &f : features)
        ptrs.push_back(&f);
    const std::vector<predictor::Figures> predicted = model.predict(ptrs);
    std::vector<search::Evaluation> out;
    std::vector<std::pair<std::string, double>> fresh;
    for (size_t i = 0; i < population.size(); ++i) {
        checkCancel();
        const bool known = estimates.count(genotypeText(population[i])) != 0;
        const double acc = estimate(population[i], *nets[i]);
        if (!known)
            fresh.push_back({genotypeText(population[i]), acc});
        out.push_back(evaluationOf(acc, predicted[i]));
    }
    store->putEstimates(fresh);
    return out;
}

// A result that looks fine but is not (a budget cut short, an estimator at chance, a
// final model no better than the smallest sub-network): stored as a Warning event, so
// the CLI, report.json, report.html and the GUI all show it.
void Pipeline::Impl::warn(const std::string &message, int s)
{
    Event e;
    e.kind = EventKind::Warning;
    e.search = s;
    e.message = message;
    emit(e);
}

// Samples sub-networks from `pool`, validates and predicts them, decides; finetunes
// when the check fails (or always, for the online baseline) and `allowFinetune`.
Pipeline::Impl::CheckOutcome Pipeline::Impl::accuracyCheck(int s, const std::string &stage, int generation,
                                   const std::vector<search::Genotype> &pool, bool allowFinetune, bool alwaysFinetune)
{
    checkCancel();
    std::optional<StoredCheck> recorded = store->check(s, stage, generation);
    std::vector<search::Genotype> sample;
    if (recorded) {
        for (const StoredCheckSample &x : recorded->samples)
            sample.push_back(genotypeFromText(x.genotype));
    } else {
        std::vector<search::Genotype> distinct(pool.begin(), pool.end());
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        std::mt19937_64 rng(project.search.seed * 7919 + uint64_t(s) * 131 + uint64_t(generation + 1) * 17
                            + std::hash<std::string>{}(stage));
        std::shuffle(distinct.begin(), distinct.end(), rng);
        const size_t count = stage == "online" ? distinct.size() : size_t(project.checkSamples);
        distinct.resize(std::min(distinct.size(), count));
        sample = std::move(distinct);
    }
    // Validate the sample; keep each validated sub-network with its genotype.
    std::vector<validate::ValidationRequest> batch;
    for (const auto &g : sample)
        batch.push_back({std::make_shared<graph::Network>(supernet->decode(g)), setting});
    const std::vector<validate::Metrics> metrics = validator->validate(batch, cancel);
    checkCancel();
    std::vector<predictor::Sample> validated;
    std::vector<std::string> validatedGenotypes;
    for (size_t i = 0; i < sample.size(); ++i) {
        if (!metrics[i].ok)
            continue;
        predictor::Sample x;
        x.features = predictor::networkFeatures(hardware::lowerNetwork(*batch[i].network), platform, setting);
        x.target = predictor::figuresOf(metrics[i]);
        x.tag = stage;
        validated.push_back(std::move(x));
        validatedGenotypes.push_back(genotypeText(sample[i]));
    }

    if (!recorded) {
        std::vector<const predictor::NetworkFeatures *> ptrs;
        std::vector<predictor::Figures> truth;
        for (const auto &v : validated) {
            ptrs.push_back(&v.features);
            truth.push_back(v.target);
        }
        const std::vector<predictor::Figures> predicted = model.predict(ptrs);
        StoredCheck c;
        c.search = s;
        c.generation = generation;
        c.summary.stage = stage;
        c.summary.samples = int(validated.size());
        c.summary.report = predictor::checkAccuracy(predicted, truth, project.thresholds);
        c.summary.decision = alwaysFinetune               ? CheckDecision::Retrain
                             : !c.summary.report.finetune ? CheckDecision::Bypass
                             : allowFinetune              ? CheckDecision::Finetune
                                                          : CheckDecision::WouldFinetune;
        c.summary.predicted = predicted;
        c.summary.validated = truth;
        for (size_t v = 0; v < validated.size(); ++v)
            c.samples.push_back({validatedGenotypes[v], predicted[v], truth[v]});
        // Sub-networks that could not be validated are still part of the sample (resume
        // draws the same one); they carry zero figures and are not compared.
        for (size_t i = 0; i < sample.size(); ++i)
            if (!metrics[i].ok)
                c.samples.push_back({genotypeText(sample[i]), {}, {}});
        store->putCheck(c);
        recorded = c;
        Event e;
        e.kind = EventKind::AccuracyCheck;
        e.search = s;
        e.generation = generation;
        e.check = c.summary;
        const auto &r = c.summary.report;
        e.message = stage + " check on " + std::to_string(c.summary.samples) + " sub-networks: latency "
                    + percent(r.metric[predictor::CheckLatency].within10) + ", power "
                    + percent(r.metric[predictor::CheckPower].within10) + ", memory access "
                    + percent(r.metric[predictor::CheckDram].within10) + " within 10% -> ";
        switch (c.summary.decision) {
        case CheckDecision::Retrain: e.message += "retrain (online)"; break;
        case CheckDecision::Finetune: e.message += "FINETUNE"; break;
        case CheckDecision::WouldFinetune: e.message += "would finetune (no re-run left)"; break;
        case CheckDecision::Bypass: e.message += "bypass"; break;
        }
        // Which metric failed, when the shares above do not show it (a rank correlation).
        if (r.finetune && !r.failures.empty())
            e.message += " (" + r.failures.front()
                         + (r.failures.size() > 1 ? ", and " + std::to_string(r.failures.size() - 1) + " more" : "") + ")";
        emit(e);
    }
    CheckOutcome outcome;
    outcome.failed = recorded->summary.report.finetune;
    if (!(alwaysFinetune || (outcome.failed && allowFinetune)) || validated.empty())
        return outcome;
    // Resumed after this check's finetune was stored: its predictor is already loaded.
    if (const std::optional<FinetuneSummary> done = store->finetune(s, generation, stage)) {
        outcome.predictorChanged = done->adopted;
        return outcome;
    }

    // Finetuning data: the reference DNN and the validated sub-networks (judged on a
    // held-out share of them), plus AGG models that only regularize (not online).
    std::vector<std::shared_ptr<const graph::Network>> aggNets;
    if (!alwaysFinetune)
        for (auto &n : augment::generateAggModels(reference, {project.aggPredefined, project.aggOperations,
                                                              project.aggStructural, project.search.seed + uint64_t(s)}))
            aggNets.push_back(std::make_shared<graph::Network>(std::move(n)));
    Event started;
    started.kind = EventKind::FinetuneStarted;
    started.search = s;
    started.generation = generation;
    started.message = "finetuning the predictor on " + std::to_string(validated.size() + 1) + " validated networks and "
                      + std::to_string(aggNets.size()) + " AGG models";
    emit(started);
    QElapsedTimer clock;
    clock.start();
    std::vector<predictor::Sample> data = validated;
    const auto refSamples = predictor::validatedSamples({std::make_shared<graph::Network>(reference)}, platform, setting,
                                                        *validator, "reference", nullptr, cancel);
    data.insert(data.end(), refSamples.begin(), refSamples.end());
    // The three kinds of AGG models, validated and counted apart (the report says what
    // the finetune set held).
    std::vector<predictor::Sample> agg;
    int aggOfKind[3] = {0, 0, 0};
    const char *aggPrefix[3] = {"agg_arch_", "agg_op_", "agg_variant_"};
    for (int kind = 0; kind < 3; ++kind) {
        std::vector<std::shared_ptr<const graph::Network>> ofKind;
        for (const auto &n : aggNets)
            if (n->name.rfind(aggPrefix[kind], 0) == 0)
                ofKind.push_back(n);
        if (ofKind.empty())
            continue;
        const auto samples = predictor::validatedSamples(ofKind, platform, setting, *validator, aggPrefix[kind], nullptr,
                                                         cancel);
        aggOfKind[kind] = int(samples.size());
        agg.insert(agg.end(), samples.begin(), samples.end());
    }
    checkCancel();
    predictor::FinetuneOptions fo;
    fo.seed = project.search.seed + uint64_t(s);
    fo.method = project.finetuneMethod;
    if (fo.method == predictor::FinetuneMethod::Transfer)
        for (const std::string &file : project.referenceModels)
            fo.references.push_back(predictor::loadReferenceModel(file, model));
    const predictor::FinetuneReport r = predictor::finetune(model, data, agg, fo, cancel);
    checkCancel();
    FinetuneSummary f{stage, r.trainSamples, r.heldOutSamples, int(agg.size()), r.heldOutLossBefore, r.heldOutLossAfter,
                      r.adopted, double(clock.elapsed()) / 1000.0, r.adopted ? r.adoptedMethod : std::string()};
    f.composition = {int(refSamples.size()), int(validated.size()), aggOfKind[0], aggOfKind[1], aggOfKind[2]};
    store->putFinetune(s, generation, f, r.adopted ? model.toBytes() : std::string());
    Event done;
    done.kind = EventKind::FinetuneFinished;
    done.search = s;
    done.generation = generation;
    done.finetune = f;
    char msg[240];
    const std::string how = r.adopted ? "adopted (" + r.adoptedMethod + ")" : "not adopted (no better on held-out samples)";
    std::snprintf(msg, sizeof msg, "finetune %s: held-out loss %.4f -> %.4f (%d training samples, %.1f s)", how.c_str(),
                  r.heldOutLossBefore, r.heldOutLossAfter, r.trainSamples, f.seconds);
    done.message = msg;
    emit(done);
    outcome.predictorChanged = r.adopted;
    return outcome;
}

std::vector<search::Generation> Pipeline::Impl::runSearch(int s)
{
    const search::EvolutionarySearch engine(*supernet, project.search);
    std::vector<search::Generation> gens = store->generations(s);
    const bool online = project.mode == Mode::Online;
    const auto finishGeneration = [&](const search::Generation &g, int evaluated) {
        store->putGeneration(s, g, evaluated);
        std::vector<search::Generation> soFar = gens;
        soFar.push_back(g);
        Event e;
        e.kind = EventKind::GenerationFinished;
        e.search = s;
        e.generation = g.index;
        PopulationStats &st = e.population;
        st = populationStats(g, project.search.constraints);
        st.evaluated = evaluated;
        st.hypervolume = hypervolumeHistory(soFar, project.search.constraints).back();
        char msg[200];
        std::snprintf(msg, sizeof msg, "search %d generation %d: %d feasible of %d, best accuracy %.4g, latency %.3f-%.3f ms",
                      s, g.index, st.feasible, st.size, st.bestAccuracy, st.minLatencyMs, st.meanLatencyMs);
        e.message = msg;
        emit(e);
        gens.push_back(g);
        if (stopAfterGenerations > 0 && ++generationsThisProcess >= stopAfterGenerations)
            throw Interrupted{false};
    };
    // The online baseline validates each generation's new candidates and retrains on
    // them before the next generation (after a resume: the stored survivors).
    std::vector<search::Genotype> fresh = gens.empty() ? std::vector<search::Genotype>{} : gens.back().population;
    if (gens.empty()) {
        search::Generation g0;
        g0.population = engine.initialPopulation();
        if (s == 0 && (project.mode == Mode::Pre || project.mode == Mode::Both))
            accuracyCheck(s, "pre", -1, g0.population, true, false);
        g0.evaluations = evaluate(g0.population);
        fresh = g0.population;
        finishGeneration(g0, int(g0.population.size()));
    }
    while (int(gens.size()) <= project.search.generations) {
        checkCancel();
        const search::Generation &last = gens.back();
        if (online)
            accuracyCheck(s, "online", last.index, fresh, true, true);
        search::Generation candidates;
        candidates.index = last.index + 1;
        candidates.population = engine.nextPopulation(last);
        candidates.evaluations = evaluate(candidates.population);
        fresh = candidates.population;
        finishGeneration(engine.select(last, candidates), int(candidates.population.size()));
    }
    return gens;
}

FinalModel Pipeline::Impl::finalModel(const std::vector<search::Generation> &gens)
{
    FinalModel f;
    const auto &c = project.search.constraints;
    // Candidates best first: predicted-feasible by accuracy, then the least violating.
    std::vector<std::pair<const search::Genotype *, const search::Evaluation *>> ranked;
    std::set<search::Genotype> seen;
    for (const auto &g : gens)
        for (size_t m = 0; m < g.population.size(); ++m)
            if (seen.insert(g.population[m]).second)
                ranked.push_back({&g.population[m], &g.evaluations[m]});
    if (ranked.empty())
        return f;
    std::stable_sort(ranked.begin(), ranked.end(), [&](const auto &a, const auto &b) {
        const double va = c.violation(*a.second), vb = c.violation(*b.second);
        return va != vb ? va < vb : a.second->accuracy > b.second->accuracy;
    });
    // A prediction a few percent off can put the best candidates just over a limit, so
    // they are validated best first, five at a time (at most 25), and the first that
    // really meets the limits is taken; if none does, the best validated one is reported
    // with its violations.
    const auto violationsOf = [&](const validate::Metrics &v) {
        std::vector<std::string> out;
        const auto limit = [&](const char *what, double value, double max, const char *unit) {
            if (max > 0 && value > max) {
                char b[160];
                std::snprintf(b, sizeof b, "%s %.4g %s exceeds the limit %.4g %s", what, value, unit, max, unit);
                out.push_back(b);
            }
        };
        if (!v.ok)
            return std::vector<std::string>{"validation failed: " + v.error};
        limit("latency", v.latencyMs, c.maxLatencyMs, "ms");
        limit("power", v.averagePowerMw, c.maxPowerMw, "mW");
        limit("memory access", v.dramBytes / 1e6, c.maxDramBytes / 1e6, "MB");
        return out;
    };
    const size_t maxTries = std::min<size_t>(ranked.size(), c.empty() ? 1 : 25);
    std::vector<validate::ValidationRequest> batch;
    std::vector<validate::Metrics> metrics;
    size_t chosen = 0;
    bool met = false;
    while (!met && batch.size() < maxTries) {
        const size_t first = batch.size(), last = std::min(maxTries, first + 5);
        std::vector<validate::ValidationRequest> chunk;
        for (size_t i = first; i < last; ++i)
            chunk.push_back({std::make_shared<graph::Network>(supernet->decode(*ranked[i].first)), setting});
        const std::vector<validate::Metrics> m = validator->validate(chunk, cancel);
        checkCancel();
        batch.insert(batch.end(), chunk.begin(), chunk.end());
        metrics.insert(metrics.end(), m.begin(), m.end());
        for (size_t i = first; i < last && !met; ++i)
            if (violationsOf(metrics[i]).empty()) {
                chosen = i;
                met = true;
            }
    }
    const size_t tries = batch.size();
    f.found = true;
    f.genotype = *ranked[chosen].first;
    f.predicted = *ranked[chosen].second;
    f.estimate = f.predicted.accuracy;
    f.description = supernet->describe(f.genotype);
    f.validated = metrics[chosen];
    f.violations = violationsOf(f.validated);
    f.meetsConstraints = f.violations.empty();
    f.candidatesValidated = int(tries);
    graph::Network net = *batch[chosen].network;
    net.name = reference.name + "_final";
    if (project.finalTraining.epochs > 0) {
        const supernet::TrainingResult t = trainFinal(net, "final model");
        f.testAccuracy = t.testAccuracy;
        f.testImages = t.testImages;
        f.trainingEpochs = project.finalTraining.epochs;
        f.trainingSeconds = t.seconds;
        f.chanceAccuracy = 1.0 / std::max(2, data().test.classes);
        if (project.finalBaseline) {
            f.baselineGenotype = supernet->smallestGenotype();
            if (f.baselineGenotype == f.genotype) {
                f.baselineTestAccuracy = f.testAccuracy;
            } else {
                graph::Network smallest = supernet->decode(f.baselineGenotype);
                smallest.name = reference.name + "_smallest";
                f.baselineTestAccuracy = trainFinal(smallest, "baseline (the smallest sub-network)").testAccuracy;
            }
        }
        judgeFinal(f, t);
    }
    const QDir dir(QString::fromStdString(directory));
    f.onnxPath = dir.filePath("final_model.onnx").toStdString();
    f.yamlPath = dir.filePath("final_model.yaml").toStdString();
    graph::saveNetwork(net, f.onnxPath);
    graph::saveNetwork(net, f.yamlPath);
    return f;
}

// Trains a network of the supernet as the final model is trained: from its inherited
// weights when the weight-sharing supernet is trained, otherwise from scratch; with
// progress events that say where the time goes.
supernet::TrainingResult Pipeline::Impl::trainFinal(graph::Network &net, const std::string &what)
{
    if (project.estimator == "oneshot")
        net = trainedSupernet()->withInheritedWeights(net, data().train);
    const supernet::TrainingOptions &o = project.finalTraining;
    Event begin;
    begin.kind = EventKind::FinalTraining;
    begin.message = "training the " + what + ": " + std::to_string(o.epochs) + " epoch(s) on "
                    + std::to_string(o.maxTrainImages > 0 ? std::min(o.maxTrainImages, data().train.count())
                                                          : data().train.count())
                    + " training images";
    emit(begin);
    int reported = 0;
    const supernet::TrainingResult t =
        supernet::trainNetwork(net, data(), o, cancel, [&](const supernet::TrainingProgress &p) {
            const int tenth = p.step * 10 / std::max(1, p.steps);
            if (tenth > reported && sink) {
                reported = tenth;
                Event e;
                e.kind = EventKind::FinalTraining;
                char msg[160];
                std::snprintf(msg, sizeof msg, "%s training: step %d of %d, loss %.3f", what.c_str(), p.step, p.steps, p.loss);
                e.message = msg;
                sink(e); // progress only; not stored
            }
        });
    checkCancel();
    char msg[240];
    std::snprintf(msg, sizeof msg, "%s trained: %d of %d steps in %.0f s, test accuracy %.2f%% on %d test images",
                  what.c_str(), t.steps, t.plannedSteps, t.seconds, t.testAccuracy * 100, t.testImages);
    Event done;
    done.kind = EventKind::FinalTraining;
    done.message = msg;
    emit(done);
    return t;
}

// A final model near chance, below the smallest sub-network trained the same way, or
// trained short of its epochs is flagged wherever the result is shown.
void Pipeline::Impl::judgeFinal(FinalModel &f, const supernet::TrainingResult &t)
{
    char b[300];
    if (t.budgetReached) {
        std::snprintf(b, sizeof b,
                      "the final training stopped at its time budget after %d of %d steps (final_training.time_budget_s)",
                      t.steps, t.plannedSteps);
        f.flags.push_back(b);
    }
    if (f.testAccuracy < 2 * f.chanceAccuracy) {
        std::snprintf(b, sizeof b, "test accuracy %.1f%% is near chance (%.1f%% for %d classes)", f.testAccuracy * 100,
                      f.chanceAccuracy * 100, int(std::lround(1 / f.chanceAccuracy)));
        f.flags.push_back(b);
    } else if (f.baselineTestAccuracy >= 0 && f.baselineGenotype != f.genotype && f.testAccuracy < f.baselineTestAccuracy) {
        std::snprintf(b, sizeof b,
                      "test accuracy %.2f%% is below the smallest sub-network's %.2f%%, trained the same way: the search "
                      "gained nothing",
                      f.testAccuracy * 100, f.baselineTestAccuracy * 100);
        f.flags.push_back(b);
    }
    for (const std::string &flag : f.flags)
        warn("final model: " + flag);
}

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

Pipeline::Pipeline(Project project, std::string directory) : d(std::make_unique<Impl>())
{
    // The run records its project with paths resolved, so it resumes from anywhere.
    project.reference = resolvePath(project, project.reference);
    project.platform = resolvePath(project, project.platform);
    project.predictor = resolvePath(project, project.predictor);
    d->project = std::move(project);
    d->directory = std::move(directory);
    d->open(true);
}

std::unique_ptr<Pipeline> Pipeline::resume(const std::string &directory)
{
    auto impl = std::make_unique<Impl>();
    impl->directory = directory;
    impl->project = recordedProject(RunStore(directory, false));
    impl->open(false);
    return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

Pipeline::~Pipeline() = default;

const Project &Pipeline::project() const { return d->project; }
const std::string &Pipeline::directory() const { return d->directory; }
void Pipeline::setStopAfterGenerations(int generations) { d->stopAfterGenerations = generations; }

int Pipeline::plannedGenerations(bool withReruns) const
{
    const bool post = d->project.mode == Mode::Post || d->project.mode == Mode::Both;
    const int searches = 1 + (withReruns && post ? d->project.maxReruns : 0);
    return searches * (d->project.search.generations + 1);
}

RunResult Pipeline::run(const std::atomic<bool> *cancel, const EventSink &sink)
{
    d->cancel = cancel;
    d->sink = sink;
    RunResult result;
    const Project &p = d->project;
    try {
        d->attachStore();
    } catch (const std::exception &ex) {
        result.error = ex.what();
        return result;
    }
    try {
        Event start;
        start.kind = EventKind::Started;
        start.message = "run " + p.name + " (" + modeName(p.mode) + ") of " + d->reference.name + " on " + d->platform.name
                        + ": " + std::to_string(d->supernet->choices().size()) + " choice points, population "
                        + std::to_string(p.search.population) + ", " + std::to_string(p.search.generations)
                        + " generations";
        d->emit(start);
        if (p.estimator == "oneshot")
            d->trainedSupernet();
        d->checkEstimatorHealth();
        int s = 0;
        std::vector<search::Generation> gens = d->runSearch(0);
        if (p.mode == Mode::Post || p.mode == Mode::Both) {
            for (;; ++s) {
                std::vector<search::Genotype> pool;
                for (const auto &g : gens)
                    pool.insert(pool.end(), g.population.begin(), g.population.end());
                const bool rerunLeft = s < p.maxReruns;
                const Impl::CheckOutcome check = d->accuracyCheck(s, "post", -1, pool, rerunLeft, false);
                if (!check.failed || !rerunLeft)
                    break;
                // The same predictor and seed would run the same search again.
                if (!check.predictorChanged) {
                    d->warn("the post-search check failed, but its finetune was not adopted (no better on held-out "
                                "networks): the search is not re-run with the same predictor",
                                s);
                    break;
                }
                Event e;
                e.kind = EventKind::SearchRerun;
                e.search = s + 1;
                e.message = "re-running the search with the finetuned predictor (search " + std::to_string(s + 1) + ")";
                if (d->store->evaluatedCounts(s + 1).empty()) // not when resuming the re-run
                    d->emit(e);
                gens = d->runSearch(s + 1);
            }
        }
        result.searches = s + 1;
        d->checkCancel();
        result.final = d->finalModel(gens);
        Event fin;
        fin.kind = EventKind::FinalModel;
        fin.search = s;
        const FinalModel &fm = result.final;
        char msg[300];
        if (fm.found) {
            std::snprintf(msg, sizeof msg, "final model: validated latency %.3f ms, power %.1f mW, memory access %.2f MB, %s",
                          fm.validated.latencyMs, fm.validated.averagePowerMw, fm.validated.dramBytes / 1e6,
                          fm.meetsConstraints ? "meets the constraints" : "BREAKS the constraints");
            fin.message = msg;
            if (fm.testAccuracy >= 0) {
                std::snprintf(msg, sizeof msg, "; test accuracy %.2f%% on %d images", fm.testAccuracy * 100, fm.testImages);
                fin.message += msg;
            }
            if (fm.baselineTestAccuracy >= 0) {
                std::snprintf(msg, sizeof msg, " (the smallest sub-network, trained the same way: %.2f%%)",
                              fm.baselineTestAccuracy * 100);
                fin.message += msg;
            }
            if (!fm.flags.empty())
                fin.message += "; NOT TRUSTWORTHY: " + fm.flags.front();
        } else {
            fin.message = "no final model: the search produced no candidates";
        }
        d->emit(fin);
        result.validations = d->store->validationCount();
        result.ok = true;
        try {
            report::writeRunReport(*d->store, result);
        } catch (...) {
            result.ok = false;
            throw;
        }
        d->store->setMeta("status", "finished");
        Event end;
        end.kind = EventKind::Finished;
        end.message = "finished: " + std::to_string(result.validations) + " validations, " + std::to_string(result.searches)
                      + " search(es); report in " + d->directory;
        d->emit(end);
    } catch (const Interrupted &i) {
        result.cancelled = true;
        result.error = i.cancelled ? "cancelled" : "stopped";
        d->store->setMeta("status", "interrupted");
        Event e;
        e.kind = EventKind::Cancelled;
        e.message = "run " + result.error + "; continue it with: calibra-cli run --resume " + d->directory;
        d->emit(e);
    } catch (const std::exception &ex) {
        result.error = ex.what();
        try {
            d->store->setMeta("status", "failed");
            Event e;
            e.kind = EventKind::Failed;
            e.message = ex.what();
            d->emit(e);
        } catch (const std::exception &) {
            // the store itself failed; the error is in the result
        }
    }
    try {
        result.validations = d->store->validationCount();
    } catch (const std::exception &) {
        // keep the count taken before the failure
    }
    d->validator.reset();
    d->store.reset();
    return result;
}

} // namespace calibra::pipeline
