// SPDX-License-Identifier: GPL-3.0-or-later
#include "PipelineImpl.h"

#include "graph/Cost.h"
#include "learning/Training.h"
#include "learning/TrainingForm.h"

#include <QDir>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>

namespace calibra::pipeline {

namespace {

// Training progress as events at each tenth of the steps: for the CLI and the GUI only,
// not stored (the run store keeps what was done, not how it went).
class TenthsReporter
{
public:
    TenthsReporter(const EventSink &sink, EventKind kind) : m_sink(sink), m_kind(kind) {}
    void operator()(int step, int steps, const TranslatableText &text)
    {
        const int tenth = step * 10 / std::max(1, steps);
        if (tenth <= m_reported || !m_sink)
            return;
        m_reported = tenth;
        Event e;
        e.kind = m_kind;
        e.stepsDone = step;
        e.stepsPlanned = steps;
        e.text = text;
        e.message = text.english();
        m_sink(e);
    }

private:
    const EventSink &m_sink;
    EventKind m_kind;
    int m_reported = 0;
};

} // namespace

// The weight-sharing supernet, trained once per run and checkpointed in the run
// directory (supernet.pt), so a resumed run does not train it again.
std::shared_ptr<learning::OneShotSupernet> Pipeline::Impl::trainedSupernet()
{
    if (oneShot)
        return oneShot;
    auto s = std::make_shared<learning::OneShotSupernet>(*supernet, project.search.seed, trainingNormalization);
    const std::string checkpoint = QDir(QString::fromStdString(directory)).filePath("supernet.pt").toStdString();
    if (store->meta("oneshot") == std::optional<std::string>("trained")) {
        s->load(checkpoint);
        oneShot = s;
        return oneShot;
    }
    Event begin;
    begin.kind = EventKind::SupernetTraining;
    if (project.oneShot.timeBudgetSeconds > 0)
        begin.text.add(
            QT_TRANSLATE_NOOP("calibra::TranslatableText",
                              "training the weight-sharing supernet on %1 (%2 sandwich steps, at most %3 s)"),
            {TranslatableText::value(data().train.name), TranslatableText::number(project.oneShot.steps),
             TranslatableText::number(static_cast<long long>(project.oneShot.timeBudgetSeconds))});
    else
        begin.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                         "training the weight-sharing supernet on %1 (%2 sandwich steps)"),
                       {TranslatableText::value(data().train.name), TranslatableText::number(project.oneShot.steps)});
    emit(begin);
    const Phase phase(phases, QT_TRANSLATE_NOOP("calibra::TranslatableText", "supernet training"));
    TenthsReporter report(sink, EventKind::SupernetTraining);
    // At the pace so far, and no later than a wall-clock budget ends the training.
    const auto secondsLeft = [&](const learning::OneShotProgress &p) {
        const double atPace = p.seconds / std::max(1, p.step) * (p.steps - p.step);
        return project.oneShot.timeBudgetSeconds > 0
                   ? std::max(0.0, std::min(atPace, double(project.oneShot.timeBudgetSeconds) - p.seconds))
                   : atPace;
    };
    const learning::OneShotReport r =
        s->train(searchData()->train, project.oneShot, cancel, [&](const learning::OneShotProgress &p) {
            report(p.step, p.steps,
                   TranslatableText().add(
                       QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                         "supernet training: step %1 of %2, loss %3, %4 s, about %5 s left"),
                       {TranslatableText::number(p.step), TranslatableText::number(p.steps),
                        TranslatableText::number(p.loss, "%.3f"), TranslatableText::number(p.seconds, "%.0f"),
                        TranslatableText::number(secondsLeft(p), "%.0f")}));
        });
    checkCancel();
    s->save(checkpoint);
    if (r.budgetReached) // an inherited final model is flagged for it, also after a resume
        store->setMeta("oneshot_cut_short", std::to_string(r.steps) + " " + std::to_string(project.oneShot.steps));
    store->setMeta("oneshot", "trained");
    Event done;
    done.kind = EventKind::SupernetTraining;
    done.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                    "supernet trained: %1 steps in %2 s, largest sub-network's loss %3 -> %4"),
                  {TranslatableText::number(r.steps), TranslatableText::number(r.seconds, "%.0f"),
                   TranslatableText::number(r.firstLoss, "%.3f"), TranslatableText::number(r.lastLoss, "%.3f")});
    if (r.budgetReached)
        done.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", " (time budget reached)"));
    emit(done);
    if (r.budgetReached)
        warn(TranslatableText().add(
            QT_TRANSLATE_NOOP("calibra::TranslatableText",
                              "the one-shot supernet's training stopped at its time budget after %1 "
                              "of %2 steps: its accuracy estimates may be poor (remove "
                              "oneshot.time_budget_s, or raise it)"),
            {TranslatableText::number(r.steps), TranslatableText::number(project.oneShot.steps)}));
    oneShot = s;
    return oneShot;
}

// Before the search: is the accuracy estimator telling sub-networks apart? Estimates
// near chance, or a largest sub-network no better than the smallest, make a search that
// looks fine but keeps whatever is cheapest.
// The sub-networks the estimator is probed on before the search: the largest, the
// reference, the smallest and three at random (seeded by the search's seed), each named
// by a word the GUI translates (the probe line is shown in the log).
std::vector<std::pair<std::string, search::Genotype>> Pipeline::Impl::estimatorProbes() const
{
    std::vector<std::pair<std::string, search::Genotype>> probes{
        {QT_TRANSLATE_NOOP("calibra::TranslatableText", "largest"), supernet->largestGenotype()},
        {QT_TRANSLATE_NOOP("calibra::TranslatableText", "reference"), supernet->referenceGenotype()},
        {QT_TRANSLATE_NOOP("calibra::TranslatableText", "smallest"), supernet->smallestGenotype()}};
    std::mt19937_64 rng(project.search.seed * 31 + 7);
    for (int i = 0; i < 3; ++i)
        probes.push_back({QT_TRANSLATE_NOOP("calibra::TranslatableText", "random"), supernet->sample(rng)});
    return probes;
}

void Pipeline::Impl::checkEstimatorHealth()
{
    const Phase phase(phases, QT_TRANSLATE_NOOP("calibra::TranslatableText", "estimator probe"));
    if (project.estimator == supernet::EstimatorKind::Naswot)
        warnOfConstantScores();
    if (!supernet::estimatesShareAboveChance(project.estimator))
        return; // NASWOT and parameter counts are scores without a chance level
    if (store->meta("estimator_health") == std::optional<std::string>("checked"))
        return;
    for (int attempt = 0;; ++attempt) {
        const std::vector<std::pair<std::string, search::Genotype>> probes = estimatorProbes();
        std::map<std::string, double> value;
        double best = 0;
        TranslatableText line; // "largest 81.0%, reference 78.5%, ..."
        for (const auto &[what, g] : probes) {
            checkCancel();
            const double v = estimate(g, supernet->decode(g));
            best = std::max(best, v);
            if (!value.count(what))
                value[what] = v;
            line.add(line.empty() ? QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 %2")
                                  : QT_TRANSLATE_NOOP("calibra::TranslatableText", ", %1 %2"),
                     {TranslatableText::word(what.c_str()), TranslatableText::value(percent(v))});
        }
        const double chance = 1.0 / std::max(2, data().test.classes);
        TranslatableText problem;
        if (best < 2 * chance)
            problem.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "the accuracy estimator is near chance ("))
                .append(line)
                .add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "; chance is %1)"),
                     {TranslatableText::value(percent(chance))});
        else if (value["largest"] <= value["smallest"])
            problem
                .add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                       "the largest sub-network estimates no better than the smallest ("))
                .append(line)
                .add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                       "): the search would keep the cheapest sub-network"));
        Event e;
        e.kind = EventKind::SupernetTraining;
        e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "accuracy estimator before the search: "))
            .append(line);
        if (problem.empty())
            e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", " (tells them apart)"));
        emit(e);
        if (problem.empty())
            break;
        const bool canExtend = supernet::usesOneShotSupernet(project.estimator)
                               && project.poorEstimates == PoorEstimates::Extend && attempt == 0;
        if (!canExtend) {
            if (supernet::usesOneShotSupernet(project.estimator))
                problem.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                              "; train the supernet longer (oneshot.steps, now %1), or set "
                                              "oneshot.on_poor_estimates: extend"),
                            {TranslatableText::number(project.oneShot.steps)});
            else
                problem.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                              "; train longer (final_training) or choose another accuracy estimator"));
            warn(problem);
            break;
        }
        warn(problem.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "; training the supernet for another %1 steps"),
                         {TranslatableText::number(project.oneShot.steps)}));
        extendSupernet();
    }
    store->setMeta("estimator_health", "checked");
}

// NASWOT scores a network by its rectifiers' activation patterns: a network without ReLU
// (GELU, SiLU, HardSwish) scores the same throughout, and a search on a constant keeps
// the cheapest sub-network while its log shows a plausible "best score". Said once.
void Pipeline::Impl::warnOfConstantScores()
{
    if (store->meta("constant_scores_said"))
        return;
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (const auto &[what, g] : estimatorProbes()) {
        checkCancel();
        const double v = estimate(g, supernet->decode(g));
        low = std::min(low, v);
        high = std::max(high, v);
    }
    store->setMeta("constant_scores_said", "checked"); // probed once per run, said or not
    if (high > low)
        return;
    const bool rectifiers = std::any_of(reference.nodes.begin(), reference.nodes.end(), [](const graph::Node &n) {
        return n.op == graph::OpType::ReLU || n.op == graph::OpType::ReLU6;
    });
    warn(TranslatableText().add(
        rectifiers ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                       "the NASWOT score is %1 for every sub-network probed (the largest, the "
                                       "reference, the smallest and 3 at random): it cannot tell them apart, and the "
                                       "search keeps the cheapest; choose another accuracy estimator (oneshot or "
                                       "train)")
                   : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                       "the NASWOT score is %1 for every sub-network probed: it reads ReLU "
                                       "activations, and this network has none, so the search keeps the cheapest; "
                                       "choose another accuracy estimator (oneshot or train)"),
        {TranslatableText::number(high, "%g")}));
}

// oneshot.on_poor_estimates: extend. A second cosine cycle of the same length from the
// trained weights; the estimates made so far are dropped.
void Pipeline::Impl::extendSupernet()
{
    const learning::OneShotReport r = oneShot->train(searchData()->train, project.oneShot, cancel);
    checkCancel();
    oneShot->save(QDir(QString::fromStdString(directory)).filePath("supernet.pt").toStdString());
    estimates.clear();
    store->clearEstimates();
    estimator.reset();
    Event e;
    e.kind = EventKind::SupernetTraining;
    e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                 "supernet trained further: %1 steps in %2 s, largest sub-network's loss %3 -> %4"),
               {TranslatableText::number(r.steps), TranslatableText::number(r.seconds, "%.0f"),
                TranslatableText::number(r.firstLoss, "%.3f"), TranslatableText::number(r.lastLoss, "%.3f")});
    emit(e);
}

// A reference that cannot take the dataset's images, or classify them, fails the run
// here rather than at the final training after the whole search. The dataset is loaded
// only when the run uses it: not for the parameter count without final training.
void Pipeline::Impl::checkDatasetFitsReference()
{
    using supernet::EstimatorKind;
    const bool scoresImages = project.estimator != EstimatorKind::Params;
    const bool classifies =
        project.finalTraining.epochs > 0 || (scoresImages && project.estimator != EstimatorKind::Naswot);
    if (!scoresImages && !classifies)
        return;
    const std::string where = projectSource(project);
    try {
        data();
    } catch (const std::exception &e) {
        throw learning::DatasetError(where + ": dataset " + project.dataset + ": " + e.what());
    }
    try {
        learning::checkTakesImages(reference, dataset->train, classifies);
    } catch (const learning::DatasetError &e) {
        throw learning::DatasetError(where + ": the reference " + project.reference + " does not fit the dataset "
                                     + project.dataset + ": " + e.what());
    }
}

// Image folders were once read class by class at 32 x 32 RGB; they are now decoded at the
// network's size in a class-mixed order. A run begun the old way (its store does not say
// "dataset_order") would resume with another held-out sixth and estimates made on other
// images: refused, by name.
void Pipeline::Impl::refuseOlderImageFolderOrder()
{
    if (project.dataset.rfind("folder:", 0) == 0 && !store->meta("dataset_order"))
        throw RunStoreError(directory + ": this run was begun by an older Calibra, which read the image folder "
                            + project.dataset.substr(7)
                            + " in another order and at another size; it cannot be resumed (start a new run; this "
                              "one stays readable in Past Runs)");
}

// Training classes an image folder's test split has no folder for: the final model's test
// accuracy leaves them out. Said once per run, not again on every resume.
void Pipeline::Impl::warnOfUntestedClasses()
{
    if (!dataset || dataset->untestedClasses.empty() || store->meta("untested_classes_said"))
        return;
    std::string names;
    for (const std::string &c : dataset->untestedClasses)
        names += (names.empty() ? "" : ", ") + c;
    const long long tested = dataset->train.classes - static_cast<long long>(dataset->untestedClasses.size());
    // "%3 of its %4": right for a single tested class as for many.
    warn(TranslatableText().add(
        dataset->untestedClasses.size() == 1
            ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                "the dataset's test folder %1 has no images of the training class %2: the final "
                                "model's test accuracy covers %3 of its %4 classes only")
            : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                "the dataset's test folder %1 has no images of the training classes %2: the final "
                                "model's test accuracy covers %3 of its %4 classes only"),
        {TranslatableText::value(dataset->test.name), TranslatableText::value(names), TranslatableText::number(tested),
         TranslatableText::number(static_cast<long long>(dataset->train.classes))}));
    store->setMeta("untested_classes_said", "yes");
}

// torch.onnx.export's default, eval mode, folds each BatchNorm right after a convolution
// into it. A run that trains networks of a reference left so (no BatchNorm after a
// convolution, no LayerNorm, at least four weight layers, convolutions with a bias)
// trains them with BatchNorms added back (supernet/TrainingOptions.h). Judged on the
// network, not its file: a NAS service receives every reference as YAML, and a converted
// export is no different.
supernet::TrainingNormalization Pipeline::Impl::chooseTrainingNormalization() const
{
    const bool trains = supernet::usesOneShotSupernet(project.estimator)
                        || project.estimator == supernet::EstimatorKind::Train || project.finalTraining.epochs > 0;
    return trains && learning::unnormalizedWeightLayers(reference) >= 4
                   && learning::convolutionsGettingBatchNorm(reference) > 0
               ? supernet::TrainingNormalization::AfterConvolutions
               : supernet::TrainingNormalization::AsWritten;
}

// Said on every start and resume, as the run's first line is: it explains why training
// goes as it does.
void Pipeline::Impl::sayHowNetworksAreNormalized()
{
    if (trainingNormalization != supernet::TrainingNormalization::AfterConvolutions)
        return;
    Event e;
    e.kind = EventKind::Started;
    e.text.add(
        QT_TRANSLATE_NOOP("calibra::TranslatableText",
                          "the reference has %1 convolution and linear layers, no BatchNorm after a convolution "
                          "and no LayerNorm, as an export in eval mode (torch.onnx.export's default) leaves it, "
                          "BatchNorm folded into the convolutions: its networks are trained with a BatchNorm after "
                          "%2 of the reference's convolutions (those with a bias, not of pooled features nor "
                          "giving the scores), folded back into their weights in every model handed back (to "
                          "train with your own normalisation, export with "
                          "training=torch.onnx.TrainingMode.PRESERVE, and a batch of 2 or more where a map "
                          "shrinks to 1x1)"),
        {TranslatableText::number(learning::unnormalizedWeightLayers(reference)),
         TranslatableText::number(static_cast<long long>(learning::convolutionsGettingBatchNorm(reference)))});
    emit(e);
}

namespace {

// A set limit that no member of a generation is predicted to meet, with the smallest
// sub-network's prediction against it.
struct UnreachableLimit
{
    const char *metric; // a TranslatableText word
    double smallest, limit;
    const char *figureFormat, *limitFormat; // printf formats with the unit (the limit as written)
};

// The limits generation 0 shows out of reach: the smallest sub-network (a member of it
// for nsga2 and constrained; none is found for random) is predicted over the limit, and
// so is every other member. Only latency and memory access, which grow with a network's
// size: a smaller network can draw more power (it may run from DRAM at a higher rate),
// so generation 0 says nothing about power. Limits not set (0) are never named.
std::vector<UnreachableLimit> unreachableLimits(const search::Generation &g, const search::Genotype &smallest,
                                                const search::Constraints &c)
{
    const auto at = std::find(g.population.begin(), g.population.end(), smallest);
    const size_t index = size_t(at - g.population.begin());
    if (at == g.population.end() || index >= g.evaluations.size())
        return {};
    std::vector<UnreachableLimit> out;
    const auto check = [&](const char *metric, double search::Evaluation::*field, double limit, double scale,
                           const char *figureFormat, const char *limitFormat) {
        if (limit <= 0)
            return;
        for (const search::Evaluation &e : g.evaluations)
            if (!(e.*field > limit)) // met (or not a figure): not out of reach
                return;
        out.push_back({metric, g.evaluations[index].*field / scale, limit / scale, figureFormat, limitFormat});
    };
    check(QT_TRANSLATE_NOOP("calibra::TranslatableText", "latency"), &search::Evaluation::latencyMs, c.maxLatencyMs, 1,
          "%.3f ms", "%g ms");
    check(QT_TRANSLATE_NOOP("calibra::TranslatableText", "memory access"), &search::Evaluation::dramBytes,
          c.maxDramBytes, 1e6, "%.2f MB", "%g MB");
    return out;
}

bool anyFeasible(const std::vector<search::Generation> &gens, const search::Constraints &c)
{
    for (const search::Generation &g : gens)
        if (populationStats(g, c).feasible > 0)
            return true;
    return false;
}

} // namespace

// Said at generation 0, before the search spends its generations: a limit even the
// smallest sub-network is predicted to break is likely out of reach of every one, and the
// final model then the least violating. Predictions, not a proof: worded as such.
void Pipeline::Impl::warnOfUnreachableLimits(int s, const search::Generation &first)
{
    // Once per run: a re-run's generation 0 (another predictor) may say it first.
    if (store->meta("unreachable_limits_said"))
        return;
    const std::vector<UnreachableLimit> limits =
        unreachableLimits(first, supernet->smallestGenotype(), project.search.constraints);
    for (const UnreachableLimit &u : limits)
        warn(TranslatableText().add(
                 QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                   "the %1 limit looks out of reach: every sub-network of generation 0 is predicted "
                                   "over it, the smallest at %2 against %3"),
                 {TranslatableText::word(u.metric), TranslatableText::number(u.smallest, u.figureFormat),
                  TranslatableText::number(u.limit, u.limitFormat)}),
             s);
    if (!limits.empty())
        store->setMeta("unreachable_limits_said", "yes");
}

// After the search, when nothing it found was predicted feasible and the final model
// breaks a limit, unless generation 0 already said which limit is out of reach (the
// random search, whose generation 0 lacks the smallest sub-network, says it here).
void Pipeline::Impl::warnOfNoFeasibleMember(int s, const std::vector<search::Generation> &gens, const FinalModel &f)
{
    const search::Constraints &c = project.search.constraints;
    if (!f.found || f.meetsConstraints || !f.validated.ok || gens.empty() || anyFeasible(gens, c)
        || store->meta("unreachable_limits_said"))
        return;
    std::string violations;
    for (const std::string &v : f.violations)
        violations += (violations.empty() ? "" : "; ") + v;
    warn(TranslatableText().add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                  "the search found no sub-network predicted to meet the limits; "
                                                  "the final model, the least violating, breaks them: %1"),
                                {TranslatableText::value(violations)}),
         s);
}

// Trains a network of the supernet as the final model is trained: from its inherited
// weights when the weight-sharing supernet is trained, otherwise from scratch; with
// progress events that say where the time goes.
learning::TrainingResult Pipeline::Impl::trainFinal(graph::Network &net, const std::string &what)
{
    if (supernet::usesOneShotSupernet(project.estimator))
        net = trainedSupernet()->withInheritedWeights(net, data().train);
    const Phase phase(phases, what == "final model"
                                  ? QT_TRANSLATE_NOOP("calibra::TranslatableText", "final training")
                                  : QT_TRANSLATE_NOOP("calibra::TranslatableText", "baseline training"));
    supernet::TrainingOptions o = project.finalTraining;
    o.normalization = trainingNormalization;
    Event begin;
    begin.kind = EventKind::FinalTraining;
    begin.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "training the %1: %2 epoch(s) on %3 training images"),
                   {TranslatableText::word(what.c_str()), TranslatableText::number(o.epochs),
                    TranslatableText::number(o.maxTrainImages > 0 ? std::min(o.maxTrainImages, data().train.count())
                                                                  : data().train.count())});
    emit(begin);
    TenthsReporter report(sink, EventKind::FinalTraining);
    const learning::TrainingResult t =
        learning::trainNetwork(net, data(), o, cancel, [&](const learning::TrainingProgress &p) {
            report(p.step, p.steps,
                   TranslatableText().add(
                       QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 training: step %2 of %3, loss %4"),
                       {TranslatableText::word(what.c_str()), TranslatableText::number(p.step),
                        TranslatableText::number(p.steps), TranslatableText::number(p.loss, "%.3f")}));
        });
    checkCancel();
    Event done;
    done.kind = EventKind::FinalTraining;
    done.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                    "%1 trained: %2 of %3 steps in %4 s, test accuracy %5% on %6 test images"),
                  {TranslatableText::word(what.c_str()), TranslatableText::number(t.steps),
                   TranslatableText::number(t.plannedSteps), TranslatableText::number(t.seconds, "%.0f"),
                   TranslatableText::number(t.testAccuracy * 100, "%.2f"), TranslatableText::number(t.testImages)});
    emit(done);
    return t;
}

} // namespace calibra::pipeline
