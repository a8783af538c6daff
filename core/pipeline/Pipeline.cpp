// SPDX-License-Identifier: GPL-3.0-or-later
#include "PipelineImpl.h"

#include "RunReport.h"
#include "MeasuredMetrics.h"
#include "RunSnapshot.h"
#include "base/InputError.h"
#include "graph/NetworkFile.h"
#include "hardware/Lowering.h"
#include "learning/Training.h"
#include "model/Finetune.h"
#include "model/ShippedModel.h"
#include "ProjectValidator.h"
#include "finetunerclient/RemoteValidator.h"

#include <QUuid>
#include <QtConcurrent>

#include <mutex>
#include <numeric>

namespace calibra::pipeline {

namespace {

// "; 2 best validated: latency 0.412 ms, predicted 0.398 ms (-3.4%)" (nothing when none was).
void addGenerationSamplesLine(TranslatableText &text, const std::vector<StoredCheckSample> &samples)
{
    double predicted = 0, validated = 0;
    int n = 0;
    for (const StoredCheckSample &x : samples)
        if (x.wasValidated() && std::isfinite(x.validated.latencySeconds)) {
            predicted += x.predicted.latencySeconds * 1e3;
            validated += x.validated.latencySeconds * 1e3;
            ++n;
        }
    if (n == 0) {
        if (!samples.empty())
            text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "; its best members could not be validated"));
        return;
    }
    text.add(
        QT_TRANSLATE_NOOP("calibra::TranslatableText", "; %1 best validated: latency %2 ms, predicted %3 ms (%4%)"),
        {TranslatableText::number(n), TranslatableText::number(validated / n, "%.3f"),
         TranslatableText::number(predicted / n, "%.3f"),
         TranslatableText::number((predicted / validated - 1) * 100, "%+.1f")});
}

// `load` loads what the project names in `field`; its error names the project and the
// field too ("p.yaml: reference: unknown built-in network ..."), not the file alone.
template <typename Load> auto loadNamedIn(const Project &p, const char *field, Load load)
{
    try {
        return load();
    } catch (const std::exception &e) {
        throw base::InputError(projectSource(p) + ": " + field + ": " + e.what());
    }
}

} // namespace

std::string projectSource(const Project &p)
{
    return p.file.empty() ? std::string("the project") : p.file;
}

void Pipeline::Impl::open(bool create)
{
    // Everything the project names loads first: a bad file never leaves a half-made run.
    reference = loadNamedIn(project, "reference", [&] { return loadReference(project); });
    if (project.finetuner.enabled()) {
        // The service holds the platform and the predictor: the run knows the platform by
        // its id and gets its setting back resolved, every field written.
        remote = std::make_shared<finetuner::FinetunerClient>(project.finetuner);
        session = remote->open(reference, targetSettingFileText(project));
        setting = hardware::parseResolvedTargetSettingYaml(session.resolvedSettingYaml,
                                                           project.finetuner.address + " (resolved setting)");
        platform.name = project.finetuner.platformId;
    } else {
        platform = loadNamedIn(project, "platform", [&] { return hardware::loadPlatform(project.platform); });
        setting = targetSettingOf(project, platform,
                                  create ? hardware::SettingOrigin::New : hardware::SettingOrigin::Recorded);
        model = loadNamedIn(project, "predictor", [&] { return model::loadModel(project.predictor); });
    }
    checkDatasetFitsReference();
    supernet = std::make_unique<supernet::Supernet>(reference, project.supernet);
    store = std::make_unique<RunStore>(directory, create);
    if (create && store->meta("project")) {
        // A run that failed before doing anything (a missing certificate, a bad device
        // name) leaves nothing to resume: a new run may take the directory.
        const bool untouched =
            store->status() == RunStatus::Failed && store->validationCount() == 0 && store->generations(0).empty();
        if (!untouched)
            throw RunStoreError(directory + ": already holds a run (use --resume to continue it)");
    }
    if (create) {
        store->setMeta("project", projectToYaml(project));
        store->setMeta("dataset_order", "class-mixed");
        store->setStatus(RunStatus::Running);
    }
    refuseOlderImageFolderOrder();
    // A run from before this choice trained its networks as written, and goes on so.
    if (create)
        store->setMeta("training_normalization", supernet::trainingNormalizationName(chooseTrainingNormalization()));
    if (const auto stored = store->meta("training_normalization");
        stored && !supernet::parseTrainingNormalization(*stored, &trainingNormalization))
        throw RunStoreError(directory + ": this run trains its networks '" + *stored
                            + "', which this version of Calibra does not know; it cannot be resumed");
    // Genotypes are stored as option indices: a supernet derived otherwise would read them
    // as other networks. A run from before the fingerprint takes the one derived now.
    const std::string space = supernet::searchSpaceFingerprint(*supernet);
    if (const auto stored = store->meta("search_space"); stored && *stored != space)
        throw RunStoreError(directory
                            + ": this run's search space (the supernet's choice points and their options "
                              "for its reference) is not the one this version of Calibra derives, so its stored "
                              "sub-networks would be read as other networks; it cannot be resumed (start a new run; "
                              "this one stays readable in Past Runs)");
    store->setMeta("search_space", space);
    // The setting as resolved (every field, defaults filled in) for the report: the
    // project may name only the fields it changes, or leave the setting to a service.
    store->setMeta("target_setting", hardware::targetSettingToYaml(setting));
    if (!store->meta("run_id")) // names the run's checks to a finetuning service
        store->setMeta("run_id", QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
    if (remote) {
        // The version the run started from, then each adopted finetune's: a resumed run
        // goes on with its own, whatever other runs finetuned meanwhile.
        if (!store->meta("predictor_version"))
            store->setMeta("predictor_version", std::to_string(session.latestPredictorVersion));
        predictorVersion = unsigned(std::stoul(*store->meta("predictor_version")));
    } else if (const auto bytes = store->latestPredictor()) {
        model = model::PerformanceModel::loadFromBytes(*bytes, directory + " (finetuned predictor)");
    }
    // Qt Sql connections belong to the thread that opened them: the store is reopened
    // by run(), on the thread that runs the pipeline.
    store.reset();
}

void Pipeline::Impl::attachStore()
{
    store = std::make_unique<RunStore>(directory, false);
    estimates = store->estimates();
    ProjectValidator chosen =
        remote ? ProjectValidator{std::make_shared<finetuner::RemoteValidator>(remote, session), nullptr}
               : makeValidator(project, platform, std::make_shared<const graph::Network>(reference), workers.get());
    probed = std::move(chosen.probe);
    validator = std::make_unique<RecordingValidator>(std::move(chosen.backend), *store);
}

// Limits and objectives on metrics the validator cannot measure are left out unless the
// project trusts them unvalidated; setting fields it ignores are pointed out.
void Pipeline::Impl::trustOnlyMeasured()
{
    const validate::BackendCapabilities capabilities = validator->capabilities();
    const std::string id = validator->backendId();
    const MeasuredSearch measured = restrictToMeasured(project.search, capabilities, project.trustUnvalidated, id);
    project.search = measured.search;
    onPredictionsOnly = measured.onPredictionsOnly;
    // Recorded, so that the report and the charts judge against what the search used.
    if (!measured.leftOut.empty())
        store->setMeta("search_left_out", costMetricList(measured.leftOut));
    // Said once per run, not again on every resume.
    if (store->meta("measured_metrics_said"))
        return;
    for (const TranslatableText &w : measured.warnings)
        warn(w);
    for (const TranslatableText &w : ignoredSettingWarnings(setting, platformDefaultSetting(), capabilities, id))
        warn(w);
    store->setMeta("measured_metrics_said", "yes");
}

double Pipeline::Impl::estimate(const search::Genotype &g, const graph::Network &net)
{
    const std::string key = genotypeText(g);
    const auto it = estimates.find(key);
    if (it != estimates.end())
        return it->second;
    if (!estimator) {
        // Estimates are made on held-out training images, never on the test set.
        const std::shared_ptr<learning::TrainTestSplit> images =
            project.estimator == supernet::EstimatorKind::Params ? nullptr : searchData();
        estimator =
            supernet::usesOneShotSupernet(project.estimator)
                ? learning::makeOneShotEstimator(trainedSupernet(), images, project.oneShotTestImages,
                                                 project.estimator)
                : learning::makeEstimator(project.estimator, images, project.search.seed, trainingNormalization);
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
    // Decoding, lowering and features are independent per candidate: use both cores. (The
    // finetuning service computes the features itself when it holds the platform.)
    // An exception leaving a worker reaches this thread as QUnhandledException, whose text
    // is "std::exception": the first one's own text is kept and thrown here instead.
    std::mutex errorMutex;
    std::string error;
    QtConcurrent::blockingMap(workers.get(), index, [&](size_t i) {
        try {
            auto net = std::make_shared<graph::Network>(supernet->decode(population[i]));
            if (!remote)
                features[i] = predictor::networkFeatures(hardware::lowerNetwork(*net), platform, setting);
            nets[i] = std::move(net);
        } catch (const std::exception &e) {
            const std::lock_guard lock(errorMutex);
            if (error.empty())
                error = "sub-network " + genotypeText(population[i]) + ": " + e.what();
        }
    });
    if (!error.empty())
        throw std::runtime_error(error);
    const std::vector<predictor::Figures> predicted = predict(nets, features);
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

// A generation's best members (predicted-feasible by accuracy, then the least
// violating), validated for the predicted-vs-validated chart; the caller records them
// with the generation. Never finetuned on: they judge the predictor the search used.
std::vector<StoredCheckSample> Pipeline::Impl::validateGenerationMembers(const search::Generation &g)
{
    if (project.validatePerGeneration <= 0)
        return {};
    const Phase phase(phases, QT_TRANSLATE_NOOP("calibra::TranslatableText", "per-generation validation"));
    const std::vector<search::Generation> one{g};
    const auto ranked = bestFirst(one, project.search.constraints);
    const size_t count = std::min(ranked.size(), size_t(project.validatePerGeneration));
    std::vector<validate::ValidationRequest> batch;
    for (size_t i = 0; i < count; ++i)
        batch.push_back({std::make_shared<graph::Network>(supernet->decode(*ranked[i].first)), setting});
    std::vector<validate::Metrics> metrics;
    {
        const ValidationPurposeScope purpose(*validator, ValidationPurpose::Generation);
        metrics = validator->validate(batch, cancel);
    }
    checkCancel();
    std::vector<StoredCheckSample> samples;
    for (size_t i = 0; i < count; ++i) {
        const search::Evaluation &e = *ranked[i].second;
        StoredCheckSample x;
        x.genotype = genotypeText(*ranked[i].first);
        x.predicted = {e.latencyMs / 1e3, e.energyMj / 1e3, e.dramBytes};
        if (metrics[i].ok)
            x.validated = model::figuresOf(metrics[i]);
        samples.push_back(x);
    }
    return samples;
}

std::vector<search::Generation> Pipeline::Impl::runSearch(int s)
{
    const Phase phase(phases, QT_TRANSLATE_NOOP("calibra::TranslatableText", "search"));
    const search::EvolutionarySearch engine(*supernet, project.search);
    std::vector<search::Generation> gens = store->generations(s);
    const bool online = project.mode == Mode::Online;
    const auto finishGeneration = [&](const search::Generation &g, int evaluated) {
        // Validated before the generation is stored, and stored with it in one
        // transaction: a run killed meanwhile computes the generation again on resume
        // (its validations are kept), never leaves it without its members' figures.
        const std::vector<StoredCheckSample> validated = validateGenerationMembers(g);
        store->putGeneration(s, g, evaluated, validated);

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
        e.text = generationSummary(s, g.index, st, supernet::estimateNoun(project.estimator));
        addGenerationSamplesLine(e.text, validated);
        emit(e);
        if (g.index == 0)
            warnOfUnreachableLimits(s, g);
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
            accuracyCheck(s, CheckStage::Pre, -1, g0.population, FinetunePolicy::WhenFailed);
        g0.evaluations = evaluate(g0.population);
        fresh = g0.population;
        finishGeneration(g0, int(g0.population.size()));
    }
    while (int(gens.size()) <= project.search.generations) {
        checkCancel();
        const search::Generation &last = gens.back();
        if (online)
            accuracyCheck(s, CheckStage::Online, last.index, fresh, FinetunePolicy::Always);
        search::Generation candidates;
        candidates.index = last.index + 1;
        candidates.population = engine.nextPopulation(last);
        candidates.evaluations = evaluate(candidates.population);
        fresh = candidates.population;
        finishGeneration(engine.select(last, candidates), int(candidates.population.size()));
    }
    return gens;
}

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

Pipeline::Pipeline(Project project, std::string directory) : d(std::make_unique<Impl>())
{
    // The run records its project with absolute paths, so it resumes from anywhere.
    makePathsAbsolute(project);
    d->project = std::move(project);
    d->directory = std::move(directory);
    d->lock = std::make_unique<RunLock>(d->directory);
    d->open(true);
}

std::unique_ptr<Pipeline> Pipeline::resume(const std::string &directory)
{
    auto impl = std::make_unique<Impl>();
    impl->directory = directory;
    RunStore(directory, false); // a run directory, or the error says it is not (the lock would create one)
    impl->lock = std::make_unique<RunLock>(directory);
    impl->project = recordedProject(RunStore(directory, false));
    impl->open(false);
    return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

Pipeline::~Pipeline() = default;

const Project &Pipeline::project() const
{
    return d->project;
}
const std::string &Pipeline::directory() const
{
    return d->directory;
}
void Pipeline::setStopAfterGenerations(int generations)
{
    d->stopAfterGenerations = generations;
}

void Pipeline::setStopAfterCheckParts(int parts)
{
    d->stopAfterCheckParts = parts;
}

void Pipeline::setAccess(RunAccess access)
{
    d->access = std::move(access);
}

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
    d->workers = std::make_unique<QThreadPool>();
    RunResult result;
    const Project &p = d->project;
    // A finished run resumed again keeps its status whatever this attempt meets (a file
    // moved since, a cancel): its results stand.
    bool wasFinished = false;
    try {
        d->attachStore();
        wasFinished = d->store->status() == RunStatus::Finished;
        // A resumed run is running again; an earlier attempt's error no longer stands.
        d->store->setStatus(RunStatus::Running);
        d->store->setMeta("error", "");
    } catch (const std::exception &ex) {
        // Failed during setup (the validator's certificates, the measurement table): the
        // run is marked failed, so that a retry may take the directory, and everything
        // it opened is closed here, on the thread that opened it.
        result.error = ex.what();
        d->validator.reset();
        try {
            if (!d->store)
                d->store = std::make_unique<RunStore>(d->directory, false);
            if (d->store->status() != RunStatus::Finished) {
                d->store->setStatus(RunStatus::Failed);
                d->store->setMeta("error", ex.what());
            }
        } catch (const std::exception &) {
            // the store itself failed; the error is in the result
        }
        d->store.reset();
        d->lock.reset();
        return result;
    }
    try {
        Event start;
        start.kind = EventKind::Started;
        start.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                         "run %1 (%2) of %3 on %4: %5 choice points, population %6, %7 generations"),
                       {TranslatableText::value(p.name), TranslatableText::word(modeName(p.mode)),
                        TranslatableText::value(d->reference.name), TranslatableText::value(d->platform.name),
                        TranslatableText::number(static_cast<long long>(d->supernet->choices().size())),
                        TranslatableText::number(p.search.population), TranslatableText::number(p.search.generations)});
        // A project saved before mutated_genes existed names the old per-gene default (0.1)
        // and keeps it, so that its runs resume as they started; the reader learns why its
        // search mutates more than a new project's.
        if (p.search.mutationProbability)
            start.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                             "; mutation %1 per gene (mutation_probability, from an older project: "
                                             "delete it for the default, mutated_genes: one gene per mutation)"),
                           {TranslatableText::number(*p.search.mutationProbability, "%g")});
        d->emit(start);
        d->trustOnlyMeasured();
        d->warnOfUntestedClasses();
        d->sayHowNetworksAreNormalized();
        if (supernet::usesOneShotSupernet(p.estimator))
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
                const Impl::CheckOutcome check = d->accuracyCheck(
                    s, CheckStage::Post, -1, pool, rerunLeft ? FinetunePolicy::WhenFailed : FinetunePolicy::Never);
                if (check.failed && !rerunLeft)
                    d->warnOfUnactedCheck(s);
                if (!check.failed || !rerunLeft)
                    break;
                // The same predictor and seed would run the same search again.
                if (!check.predictorChanged) {
                    d->warn(TranslatableText().add(QT_TRANSLATE_NOOP(
                                "calibra::TranslatableText",
                                "the post-search check failed, but its finetune was not adopted (no "
                                "better on held-out networks): the search is not re-run with the same "
                                "predictor")),
                            s);
                    break;
                }
                Event e;
                e.kind = EventKind::SearchRerun;
                e.search = s + 1;
                e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                             "re-running the search with the finetuned predictor (search %1)"),
                           {TranslatableText::number(s + 1)});
                if (d->store->evaluatedCounts(s + 1).empty()) // not when resuming the re-run
                    d->emit(e);
                gens = d->runSearch(s + 1);
            }
        }
        result.searches = s + 1;
        d->checkCancel();
        result.final = d->finalModel(gens);
        const FinalModel &fm = result.final;
        d->emit(d->finalModelEvent(s, fm));
        d->warnOfNoFeasibleMember(s, gens, fm);
        d->warnOfFailedValidations(s);
        result.validations = d->store->validationCount();
        result.validationsByPurpose = d->store->validationCounts();
        std::string probeLine;
        if (d->probed) {
            const validate::ProbeReport pr = d->probed->report();
            char b[240];
            std::snprintf(b, sizeof b,
                          "\nprobe (the reference, %.3f ms): %d measurements, %d off by more than %.0f%%, %d network "
                          "measurements repeated",
                          pr.baselineMs, pr.probes, pr.disturbed, d->probed->options().tolerance * 100, pr.remeasured);
            probeLine = b;
            if (pr.unresolved > 0)
                d->warn(
                    TranslatableText().add(
                        pr.unresolved == 1
                            ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                "%1 network measurement was kept although the probe after it was "
                                                "still off its baseline after %2 retries: the board was disturbed "
                                                "for long; measure again")
                            : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                "%1 network measurements were kept although the probe after them was "
                                                "still off its baseline after %2 retries: the board was disturbed "
                                                "for long; measure again"),
                        {TranslatableText::number(pr.unresolved),
                         TranslatableText::number(d->probed->options().maxRetries)}),
                    s);
        }
        result.ok = true;
        try {
            report::writeRunReport(*d->store, result);
        } catch (...) {
            result.ok = false;
            throw;
        }
        d->store->setStatus(RunStatus::Finished);
        Event end;
        end.kind = EventKind::Finished;
        end.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "finished: %1 validations ("),
                     {TranslatableText::number(result.validations)});
        addValidationBreakdown(end.text, result.validationsByPurpose);
        if (d->access.nasRequest.empty())
            end.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "), %1 search(es); report in %2"),
                         {TranslatableText::number(result.searches), TranslatableText::value(d->directory)});
        else
            end.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                           "), %1 search(es); report from the NAS service: calibra-cli nas fetch %2"),
                         {TranslatableText::number(result.searches), TranslatableText::value(d->access.nasRequest)});
        end.text.addUntranslated(probeLine);
        end.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "\ntime: "));
        d->phases.addSummaryTo(end.text);
        d->emit(end);
    } catch (const Interrupted &i) {
        result.cancelled = true;
        result.error = i.cancelled ? "cancelled" : "stopped";
        d->store->setStatus(wasFinished ? RunStatus::Finished : RunStatus::Interrupted);
        Event e;
        e.kind = EventKind::Cancelled;
        if (d->access.nasRequest.empty())
            e.text.add(i.cancelled ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                       "run cancelled; continue it with: calibra-cli run --resume %1")
                                   : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                       "run stopped; continue it with: calibra-cli run --resume %1"),
                       {TranslatableText::value(d->directory)});
        else
            e.text.add(i.cancelled ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                       "run cancelled; continue it with: calibra-cli nas resume %1")
                                   : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                       "run stopped; continue it with: calibra-cli nas resume %1"),
                       {TranslatableText::value(d->access.nasRequest)});
        d->emit(e);
    } catch (const std::exception &ex) {
        result.error = ex.what();
        try {
            d->store->setStatus(wasFinished ? RunStatus::Finished : RunStatus::Failed);
            if (!wasFinished)
                d->store->setMeta("error", ex.what());
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
        result.validationsByPurpose = d->store->validationCounts();
    } catch (const std::exception &) {
        // keep the count taken before the failure
    }
    d->validator.reset();
    d->workers.reset();
    d->store.reset();
    d->lock.reset();
    return result;
}

} // namespace calibra::pipeline
