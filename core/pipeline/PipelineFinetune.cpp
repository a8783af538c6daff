// SPDX-License-Identifier: GPL-3.0-or-later
// A finetune after a failed accuracy check: its data (the reference, the check's validated
// sub-networks and AGG models within a cost budget), the finetune, and what it reports.
#include "PipelineImpl.h"

#include "augment/AggModels.h"
#include "hardware/Lowering.h"
#include "model/DeviceTransfer.h"
#include "model/Finetune.h"

#include <QElapsedTimer>

#include <algorithm>
#include <map>

namespace calibra::pipeline {

// The AGG models of a finetune, each kind up to its count, generated with twice as many
// candidates so that those predicted too costly can be left out and replaced: a model
// predicted over project.aggMaxCostRatio x the costliest network of the check (or the
// reference) is never sent to the validator.
std::vector<std::shared_ptr<const graph::Network>>
Pipeline::Impl::aggModelsWithinBudget(int s, const std::vector<predictor::Sample> &validated, int *leftOut)
{
    const augment::AggOptions wanted{project.aggPredefined, project.aggOperations, project.aggStructural,
                                     project.search.seed + uint64_t(s)};
    augment::AggOptions candidates = wanted;
    candidates.predefined *= 2;
    candidates.operationVariations *= 2;
    candidates.structuralVariants *= 2;
    std::vector<graph::Network> generated = augment::generateAggModels(reference, candidates);
    const auto latencyOf = [this](const std::vector<const predictor::NetworkFeatures *> &features) {
        std::vector<double> out;
        for (const predictor::Figures &f : model.predict(features))
            out.push_back(f.latencySeconds);
        return out;
    };
    const auto featuresOf = [this](const graph::Network &n) {
        return predictor::networkFeatures(hardware::lowerNetwork(n), platform, setting);
    };
    // The check's networks already carry their features; only the reference is lowered.
    const predictor::NetworkFeatures referenceFeatures = featuresOf(reference);
    std::vector<const predictor::NetworkFeatures *> known{&referenceFeatures};
    for (const predictor::Sample &v : validated)
        known.push_back(&v.features);
    const std::vector<double> knownLatency = latencyOf(known);
    const double limit = project.aggMaxCostRatio * *std::max_element(knownLatency.begin(), knownLatency.end());
    std::vector<predictor::NetworkFeatures> generatedFeatures;
    for (const graph::Network &n : generated)
        generatedFeatures.push_back(featuresOf(n));
    std::vector<const predictor::NetworkFeatures *> all;
    for (const predictor::NetworkFeatures &f : generatedFeatures)
        all.push_back(&f);
    const std::vector<double> latency = latencyOf(all);
    std::map<augment::AggKind, int> room{{augment::AggKind::Predefined, wanted.predefined},
                                         {augment::AggKind::Operation, wanted.operationVariations},
                                         {augment::AggKind::Structural, wanted.structuralVariants}};
    std::vector<std::shared_ptr<const graph::Network>> out;
    *leftOut = 0;
    for (size_t i = 0; i < generated.size(); ++i)
        for (const augment::AggKind kind : augment::kAggKinds)
            if (augment::isAggKind(generated[i], kind) && room[kind] > 0) {
                if (latency[i] > limit) {
                    ++*leftOut;
                    break;
                }
                --room[kind];
                out.push_back(std::make_shared<graph::Network>(std::move(generated[i])));
            }
    return out;
}

// Finetunes on a check's validated sub-networks; true when the finetune was adopted.
// Resumed after this check's finetune was stored, its predictor is already loaded.
bool Pipeline::Impl::finetuneAfterCheck(int s, CheckStage stage, int generation,
                                        const std::vector<predictor::Sample> &validated, FinetunePolicy policy)
{
    if (const std::optional<FinetuneSummary> done = store->finetune(s, generation, stage))
        return done->adopted;

    // Finetuning data: the reference DNN and the validated sub-networks (judged on a
    // held-out share of them), plus AGG models that only regularize (not online).
    std::vector<std::shared_ptr<const graph::Network>> aggNets;
    int aggOverBudget = 0;
    if (policy != FinetunePolicy::Always)
        aggNets = aggModelsWithinBudget(s, validated, &aggOverBudget);
    Event started;
    started.kind = EventKind::FinetuneStarted;
    started.search = s;
    started.generation = generation;
    started.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                       "finetuning the predictor on %1 validated networks and %2 AGG models"),
                     {TranslatableText::number(static_cast<long long>(validated.size() + 1)),
                      TranslatableText::number(static_cast<long long>(aggNets.size()))});
    if (aggOverBudget > 0)
        started.text.add(
            QT_TRANSLATE_NOOP(
                "calibra::TranslatableText",
                " (%1 generated ones left out: predicted over %2x the costliest validated network's latency)"),
            {TranslatableText::number(aggOverBudget),
             TranslatableText::value(QString::number(project.aggMaxCostRatio).toStdString())});
    emit(started);
    QElapsedTimer clock;
    clock.start();
    std::vector<predictor::Sample> data = validated;
    const ValidationPurposeScope purpose(*validator, ValidationPurpose::Finetune);
    const auto refSamples = predictor::validatedSamples({std::make_shared<graph::Network>(reference)}, platform,
                                                        setting, *validator, "reference", nullptr, cancel);
    data.insert(data.end(), refSamples.begin(), refSamples.end());
    // The three kinds of AGG models, validated and counted apart (the report says what
    // the finetune set held).
    std::vector<predictor::Sample> agg;
    std::map<augment::AggKind, int> aggOfKind;
    for (const augment::AggKind kind : augment::kAggKinds) {
        std::vector<std::shared_ptr<const graph::Network>> ofKind;
        for (const auto &n : aggNets)
            if (augment::isAggKind(*n, kind))
                ofKind.push_back(n);
        if (ofKind.empty())
            continue;
        const auto samples = predictor::validatedSamples(ofKind, platform, setting, *validator,
                                                         augment::aggNamePrefix(kind), nullptr, cancel);
        aggOfKind[kind] = int(samples.size());
        agg.insert(agg.end(), samples.begin(), samples.end());
    }
    checkCancel();
    predictor::FinetuneOptions fo;
    fo.seed = project.search.seed + uint64_t(s);
    fo.method = project.finetuneMethod;
    if (fo.method == predictor::FinetuneMethod::Transfer || fo.method == predictor::FinetuneMethod::Auto)
        for (const std::string &file : project.referenceModels)
            fo.references.push_back(predictor::loadReferenceModel(file, model));
    const predictor::FinetuneReport r = predictor::finetune(model, data, agg, fo, cancel);
    checkCancel();
    FinetuneSummary f{stage,
                      r.trainSamples,
                      r.heldOutSamples,
                      int(agg.size()),
                      r.heldOutLossBefore,
                      r.heldOutLossAfter,
                      r.adopted,
                      double(clock.elapsed()) / 1000.0,
                      r.adopted ? r.adoptedMethod : std::string()};
    f.composition = {int(refSamples.size()), int(validated.size()), aggOfKind[augment::AggKind::Predefined],
                     aggOfKind[augment::AggKind::Operation], aggOfKind[augment::AggKind::Structural]};
    store->putFinetune(s, generation, f, r.adopted ? model.toBytes() : std::string());
    Event done;
    done.kind = EventKind::FinetuneFinished;
    done.search = s;
    done.generation = generation;
    done.finetune = f;
    const std::vector<TextArg> figures{
        TranslatableText::number(r.heldOutLossBefore, "%.4f"), TranslatableText::number(r.heldOutLossAfter, "%.4f"),
        TranslatableText::number(r.trainSamples), TranslatableText::number(f.seconds, "%.1f")};
    if (r.adopted) {
        std::vector<TextArg> args{TranslatableText::value(r.adoptedMethod)};
        args.insert(args.end(), figures.begin(), figures.end());
        done.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                        "finetune adopted (%1): held-out loss %2 -> %3 (%4 training samples, %5 s)"),
                      args);
    } else {
        done.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                        "finetune not adopted (no better on held-out samples): held-out loss %1 -> "
                                        "%2 (%3 training samples, %4 s)"),
                      figures);
    }
    if (r.energyFromPredictedPower > 0)
        done.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                        "; the validator measures no energy: power kept at the predictor's (not "
                                        "validated)"));
    emit(done);
    if (!r.implausible.empty()) {
        std::string factors;
        for (const predictor::RejectedMeasurement &x : r.implausible) {
            char one[48];
            std::snprintf(one, sizeof one, "%s%s %.3gx", factors.empty() ? "" : ", ", predictor::metricName(x.metric),
                          x.factor);
            factors += one;
        }
        warn(TranslatableText().add(r.implausible.size() == 1
                                        ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                            "finetune left out %1 implausible measurement (measured / "
                                                            "predicted, against the other networks' median: %2); "
                                                            "check the validator for disturbed runs")
                                        : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                            "finetune left out %1 implausible measurements (measured / "
                                                            "predicted, against the other networks' median: %2); "
                                                            "check the validator for disturbed runs"),
                                    {TranslatableText::number(static_cast<long long>(r.implausible.size())),
                                     TranslatableText::value(factors)}),
             s);
    }
    return r.adopted;
}

} // namespace calibra::pipeline
