// SPDX-License-Identifier: GPL-3.0-or-later
// The final model: the search's best candidates validated until one meets the limits,
// trained (or given the supernet's weights) and judged against chance and the smallest
// sub-network, saved, and said.
#include "PipelineImpl.h"

#include "graph/Cost.h"
#include "graph/NetworkFile.h"
#include "learning/Training.h"

#include <QDir>

#include <cmath>
#include <cstdio>

namespace calibra::pipeline {

std::vector<std::string> validatedViolations(const validate::Metrics &v, const search::Constraints &c,
                                             const search::Evaluation *predicted)
{
    std::vector<std::string> out;
    const auto limit = [&](const char *what, double value, double max, const char *unit,
                           double predictedValue = std::nan("")) {
        const bool onPrediction = !std::isfinite(value) && std::isfinite(predictedValue);
        if (onPrediction)
            value = predictedValue;
        if (max > 0 && value > max) {
            char b[200];
            std::snprintf(b, sizeof b, "%s %.4g %s%s exceeds the limit %.4g %s", what, value, unit,
                          onPrediction ? " (predicted: not measured)" : "", max, unit);
            out.push_back(b);
        }
    };
    const double nan = std::nan("");
    if (!v.ok)
        return std::vector<std::string>{"validation failed: " + v.error};
    limit("latency", v.latencyMs, c.maxLatencyMs, "ms");
    // A measured median just inside the limit is accepted only if the upper end of
    // its 95% interval is inside too: the next measurement could fall either side.
    if (c.maxLatencyMs > 0 && v.latencyMs <= c.maxLatencyMs && v.latencyHighMs > c.maxLatencyMs) {
        char b[200];
        std::snprintf(b, sizeof b,
                      "latency %.4g ms is within the limit %.4g ms on its median, but the upper end of its 95%% "
                      "interval, %.4g ms, is not",
                      v.latencyMs, c.maxLatencyMs, v.latencyHighMs);
        out.push_back(b);
    }
    limit("power", v.averagePowerMw, c.maxPowerMw, "mW", predicted ? predicted->powerMw : nan);
    limit("memory access", v.dramBytes / 1e6, c.maxDramBytes / 1e6, "MB", predicted ? predicted->dramBytes / 1e6 : nan);
    return out;
}

TranslatableText rankNote(const FinalModel &f)
{
    TranslatableText t;
    if (f.rankedAboveOverLimits == 1)
        t.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                "; the search's candidate %1 by rank: 1 ranked above it was validated over the limits"),
              {TranslatableText::number(static_cast<long long>(f.rank))});
    else if (f.rankedAboveOverLimits > 1)
        t.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                "; the search's candidate %1 by rank: %2 ranked above it were validated over the "
                                "limits"),
              {TranslatableText::number(static_cast<long long>(f.rank)),
               TranslatableText::number(static_cast<long long>(f.rankedAboveOverLimits))});
    return t;
}

FinalModel Pipeline::Impl::finalModel(const std::vector<search::Generation> &gens)
{
    const Phase phase(phases, QT_TRANSLATE_NOOP("calibra::TranslatableText", "final model validation"));
    FinalModel f;
    const auto &c = project.search.constraints;
    const auto ranked = bestFirst(gens, c);
    if (ranked.empty())
        return f;
    const ValidationPurposeScope purpose(*validator, ValidationPurpose::Final);
    // A prediction a few percent off can put the best candidates just over a limit, so
    // they are validated best first, five at a time (at most 25), and the first that
    // really meets the limits is taken; if none does, the best validated one is reported
    // with its violations.
    // Judged on predictions only where the project trusts them for a metric the validator
    // cannot measure; any other missing figure is "not measured", never a prediction.
    const auto trusted = [&](search::CostMetric m) {
        return std::find(onPredictionsOnly.begin(), onPredictionsOnly.end(), m) != onPredictionsOnly.end();
    };
    const auto violationsOf = [&](const validate::Metrics &v, size_t candidate) {
        search::Evaluation fallback = *ranked[candidate].second;
        if (!trusted(search::CostMetric::Power))
            fallback.powerMw = std::nan("");
        if (!trusted(search::CostMetric::MemoryAccess))
            fallback.dramBytes = std::nan("");
        return validatedViolations(v, c, &fallback);
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
            if (violationsOf(metrics[i], i).empty()) {
                chosen = i;
                met = true;
            }
    }
    const size_t tries = batch.size();
    warnOfUnvalidatedBetterCandidates(metrics, chosen);
    f.found = true;
    f.genotype = *ranked[chosen].first;
    f.predicted = *ranked[chosen].second;
    f.estimate = f.predicted.accuracy;
    f.description = supernet->describe(f.genotype);
    f.validated = metrics[chosen];
    f.violations = violationsOf(f.validated, chosen);
    f.meetsConstraints = f.violations.empty();
    f.candidatesValidated = int(tries);
    f.rank = int(chosen) + 1;
    for (size_t i = 0; i < chosen; ++i)
        f.rankedAboveOverLimits += metrics[i].ok && !violationsOf(metrics[i], i).empty();
    graph::Network net = *batch[chosen].network;
    // A final model searched again as a reference keeps one suffix, not "_final_final".
    const std::string base = reference.name.size() > 6 && reference.name.ends_with("_final")
                                 ? reference.name.substr(0, reference.name.size() - 6)
                                 : reference.name;
    net.name = base + "_final";
    const graph::Cost size = graph::networkCost(net).total;
    f.parameters = size.params;
    f.macs = size.macs;
    const auto outputsOf = [](const graph::Network &n) {
        std::vector<graph::TensorDecl> out;
        for (const std::string &o : n.outputs)
            out.push_back({o, *n.tensorShape(o)});
        return out;
    };
    f.inputs = net.inputs;
    f.outputs = outputsOf(net);
    f.referenceInputs = reference.inputs;
    f.referenceOutputs = outputsOf(reference);
    if (project.finalTraining.epochs > 0) {
        const learning::TrainingResult t = trainFinal(net, "final model");
        f.weights = FinalWeights::Trained;
        f.testAccuracy = t.testAccuracy;
        f.testImages = t.testImages;
        f.trainingEpochs = project.finalTraining.epochs;
        f.trainingSeconds = t.seconds;
        f.chanceAccuracy = 1.0 / std::max(2, data().test.classes);
        measureBaseline(f, base, [&](graph::Network &smallest) {
            return trainFinal(smallest, "baseline (the smallest sub-network)").testAccuracy;
        });
        judgeFinal(f, t);
    } else if (supernet::usesOneShotSupernet(project.estimator)) {
        inheritFinal(f, net, base);
    }
    const QDir dir(QString::fromStdString(directory));
    f.onnxPath = dir.absoluteFilePath("final_model.onnx").toStdString();
    f.yamlPath = dir.absoluteFilePath("final_model.yaml").toStdString();
    graph::saveNetwork(net, f.onnxPath);
    graph::saveNetwork(net, f.yamlPath);
    return f;
}

// With no final training (final_training.epochs: 0), a run that trained the weight-sharing
// supernet hands back the final model with the supernet's weights, BatchNorm statistics
// recalibrated, as Once-for-All deploys its sub-networks: judged on the test set like a
// trained one (final_training.max_test_images), against the smallest sub-network given
// its weights the same way.
void Pipeline::Impl::inheritFinal(FinalModel &f, graph::Network &net, const std::string &base)
{
    const Phase phase(phases, QT_TRANSLATE_NOOP("calibra::TranslatableText", "inherited weights"));
    const std::shared_ptr<learning::OneShotSupernet> shared = trainedSupernet();
    const learning::ImageDataset &test = data().test;
    net = shared->withInheritedWeights(net, data().train);
    checkCancel();
    f.weights = FinalWeights::Inherited;
    const int images = project.finalTraining.maxTestImages;
    f.testAccuracy = learning::evaluateAccuracy(net, test, images);
    f.testImages = images > 0 ? std::min(images, test.count()) : test.count();
    f.chanceAccuracy = 1.0 / std::max(2, test.classes);
    measureBaseline(f, base, [&](graph::Network &smallest) {
        return learning::evaluateAccuracy(shared->withInheritedWeights(smallest, data().train), test, images);
    });
    checkCancel();
    // The supernet's training is the final model's: cut short, it is flagged as a final
    // training cut short would be.
    if (const std::optional<std::string> cut = store->meta("oneshot_cut_short")) {
        long long steps = 0, planned = 0;
        std::sscanf(cut->c_str(), "%lld %lld", &steps, &planned);
        f.flags.push_back(TranslatableText().add(
            QT_TRANSLATE_NOOP("calibra::TranslatableText",
                              "the weight-sharing supernet, whose weights the final model has, stopped at its "
                              "time budget after %1 of %2 steps (oneshot.time_budget_s)"),
            {TranslatableText::number(steps), TranslatableText::number(planned)}));
    }
    Event e;
    e.kind = EventKind::FinalTraining;
    e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                 "final model: the weight-sharing supernet's weights (BatchNorm statistics, if "
                                 "any, recalibrated), not retrained (final_training.epochs is 0): test accuracy "
                                 "%1% on %2 test images"),
               {TranslatableText::number(f.testAccuracy * 100, "%.2f"), TranslatableText::number(f.testImages)});
    emit(e);
    judgeFinal(f, learning::TrainingResult{});
}

// The baseline (final_training.baseline): the smallest sub-network, given weights by
// `accuracyOf` as the final model was, which returns its test accuracy.
void Pipeline::Impl::measureBaseline(FinalModel &f, const std::string &base,
                                     const std::function<double(graph::Network &)> &accuracyOf)
{
    if (!project.finalBaseline)
        return;
    f.baselineGenotype = supernet->smallestGenotype();
    if (f.baselineGenotype == f.genotype) {
        f.baselineTestAccuracy = f.testAccuracy;
        return;
    }
    graph::Network smallest = supernet->decode(f.baselineGenotype);
    smallest.name = base + "_smallest";
    f.baselineTestAccuracy = accuracyOf(smallest);
}

const char *finalWeightsName(FinalWeights w)
{
    switch (w) {
    case FinalWeights::None: return "none";
    case FinalWeights::Trained: return "trained";
    case FinalWeights::Inherited: return "inherited";
    }
    return "none";
}

FinalWeights parseFinalWeights(const std::string &name)
{
    for (const FinalWeights w : {FinalWeights::Trained, FinalWeights::Inherited})
        if (name == finalWeightsName(w))
            return w;
    return FinalWeights::None;
}

// Candidates ranked above the final model that the validator could not measure: the
// run hands back a lesser one (a measurement table holds only what was measured).
void Pipeline::Impl::warnOfUnvalidatedBetterCandidates(const std::vector<validate::Metrics> &metrics, size_t chosen)
{
    int unmeasured = 0;
    std::string why;
    for (size_t i = 0; i < chosen; ++i)
        if (!metrics[i].ok) {
            if (why.empty())
                why = metrics[i].error;
            ++unmeasured;
        }
    if (unmeasured == 0)
        return;
    warn(TranslatableText().add(
        QT_TRANSLATE_NOOP("calibra::TranslatableText",
                          "the final model is the search's candidate %1 by rank: %2 of the "
                          "%3 ranked above it could not be validated (%4)"),
        {TranslatableText::number(static_cast<long long>(chosen + 1)), TranslatableText::number(unmeasured),
         TranslatableText::number(static_cast<long long>(chosen)), TranslatableText::value(why)}));
}

// A final model near chance, below the smallest sub-network given weights the same way, or
// trained short of its epochs (or the supernet it inherits from, short of its steps) is
// flagged wherever the result is shown.
void Pipeline::Impl::judgeFinal(FinalModel &f, const learning::TrainingResult &t)
{
    if (t.budgetReached)
        f.flags.push_back(TranslatableText().add(
            QT_TRANSLATE_NOOP("calibra::TranslatableText",
                              "the final training stopped at its time budget after %1 of %2 steps "
                              "(final_training.time_budget_s)"),
            {TranslatableText::number(t.steps), TranslatableText::number(t.plannedSteps)}));
    if (f.testAccuracy < 2 * f.chanceAccuracy)
        f.flags.push_back(TranslatableText().add(
            QT_TRANSLATE_NOOP("calibra::TranslatableText", "test accuracy %1% is near chance (%2% for %3 classes)"),
            {TranslatableText::number(f.testAccuracy * 100, "%.1f"),
             TranslatableText::number(f.chanceAccuracy * 100, "%.1f"),
             TranslatableText::number(std::lround(1 / f.chanceAccuracy))}));
    else if (f.baselineTestAccuracy >= 0 && f.baselineGenotype != f.genotype && f.testAccuracy < f.baselineTestAccuracy)
        f.flags.push_back(TranslatableText().add(
            f.weights == FinalWeights::Inherited
                ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                    "test accuracy %1% is below the smallest sub-network's %2%, given the "
                                    "supernet's weights the same way: the search gained nothing")
                : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                    "test accuracy %1% is below the smallest sub-network's %2%, trained the "
                                    "same way: the search gained nothing"),
            {TranslatableText::number(f.testAccuracy * 100, "%.2f"),
             TranslatableText::number(f.baselineTestAccuracy * 100, "%.2f")}));
    for (const TranslatableText &flag : f.flags)
        warn(finalModelFlagWarning(flag));
}

// The run's closing line on the final model: its validated figures against the limits,
// its rank when better-ranked candidates broke them, its test accuracy and the baseline's,
// and the first reason not to trust it.
Event Pipeline::Impl::finalModelEvent(int s, const FinalModel &fm) const
{
    Event fin;
    fin.kind = EventKind::FinalModel;
    fin.search = s;
    if (fm.found) {
        // A metric the validator cannot measure says so, never "nan".
        const auto figure = [](double v, const char *format) {
            return std::isfinite(v)
                       ? TranslatableText::number(v, format)
                       : TranslatableText::word(QT_TRANSLATE_NOOP("calibra::TranslatableText", "not measured"));
        };
        fin.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "final model: validated latency %1"),
                     {figure(fm.validated.latencyMs, "%.3f ms")});
        if (fm.validated.latencyHighMs > 0)
            fin.text.add(
                QT_TRANSLATE_NOOP("calibra::TranslatableText", " (median; 95% interval up to %1 ms, spread %2%)"),
                {TranslatableText::number(fm.validated.latencyHighMs, "%.3f"),
                 TranslatableText::number(fm.validated.latencySpread * 100, "%.1f")});
        fin.text.add(fm.meetsConstraints ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                             ", power %1, memory access %2, meets the constraints")
                                         : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                             ", power %1, memory access %2, BREAKS the constraints"),
                     {figure(fm.validated.averagePowerMw, "%.1f mW"), figure(fm.validated.dramBytes / 1e6, "%.2f MB")});
        // A trusted but unmeasured limit was judged on the prediction alone.
        for (const search::CostMetric m : onPredictionsOnly) {
            const bool limited = m == search::CostMetric::Power ? project.search.constraints.maxPowerMw > 0
                                                                : project.search.constraints.maxDramBytes > 0;
            const double measured =
                m == search::CostMetric::Power ? fm.validated.averagePowerMw : fm.validated.dramBytes;
            if (limited && !std::isfinite(measured))
                fin.text.add(
                    m == search::CostMetric::Power
                        ? QT_TRANSLATE_NOOP("calibra::TranslatableText", " (power on its prediction only)")
                        : QT_TRANSLATE_NOOP("calibra::TranslatableText", " (memory access on its prediction only)"));
        }
        fin.text.append(rankNote(fm));
        // Another input size (a resolution choice) changes what the network takes, and a
        // fully convolutional network's outputs: said beside the reference's.
        for (const auto &[mine, theirs] :
             {std::pair{&fm.inputs, &fm.referenceInputs}, std::pair{&fm.outputs, &fm.referenceOutputs}})
            for (size_t i = 0; i < mine->size() && i < theirs->size(); ++i)
                if ((*mine)[i].shape != (*theirs)[i].shape)
                    fin.text.add(mine == &fm.inputs ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                                        "; input '%1' is %2 (the reference's %3)")
                                                    : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                                        "; output '%1' is %2 (the reference's %3)"),
                                 {TranslatableText::value((*mine)[i].name),
                                  TranslatableText::value(graph::shapeToString((*mine)[i].shape)),
                                  TranslatableText::value(graph::shapeToString((*theirs)[i].shape))});
        if (fm.testAccuracy >= 0)
            fin.text.add(
                fm.weights == FinalWeights::Inherited
                    ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                        "; test accuracy %1% on %2 images with the supernet's weights, not retrained")
                    : QT_TRANSLATE_NOOP("calibra::TranslatableText", "; test accuracy %1% on %2 images"),
                {TranslatableText::number(fm.testAccuracy * 100, "%.2f"), TranslatableText::number(fm.testImages)});
        if (fm.baselineTestAccuracy >= 0)
            fin.text.add(fm.weights == FinalWeights::Inherited
                             ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                 " (the smallest sub-network, given the supernet's weights the "
                                                 "same way: %1%)")
                             : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                 " (the smallest sub-network, trained the same way: %1%)"),
                         {TranslatableText::number(fm.baselineTestAccuracy * 100, "%.2f")});
        if (!fm.flags.empty())
            fin.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "; NOT TRUSTWORTHY: "))
                .append(fm.flags.front());
    } else {
        fin.text.add(
            QT_TRANSLATE_NOOP("calibra::TranslatableText", "no final model: the search produced no candidates"));
    }
    return fin;
}

} // namespace calibra::pipeline
