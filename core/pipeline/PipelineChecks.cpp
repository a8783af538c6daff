// SPDX-License-Identifier: GPL-3.0-or-later
#include "PipelineImpl.h"

#include "augment/AggModels.h"
#include "hardware/Lowering.h"
#include "predictor/DeviceTransfer.h"
#include "predictor/Finetune.h"
#include "search/DecisionAgreement.h"
#include "DecisionCheck.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace calibra::pipeline {

// A result that looks fine but is not (a budget cut short, an estimator at chance, a
// final model no better than the smallest sub-network): stored as a Warning event, so
// the CLI, report.json, report.html and the GUI all show it.
void Pipeline::Impl::warn(const TranslatableText &text, int s)
{
    Event e;
    e.kind = EventKind::Warning;
    e.search = s;
    e.text = text;
    emit(e);
}

// A check's sample where the search's decisions are made: up to a third on the first
// front of `pool` (by predicted figures and accuracy estimates), up to a third nearest a
// constraint's limit, the rest at random (`pool` is shuffled already).
std::vector<search::Genotype> Pipeline::Impl::decisionAwareSample(const std::vector<search::Genotype> &pool,
                                                                  size_t count, std::mt19937_64 &rng,
                                                                  SampleOrigins *origins)
{
    if (pool.size() <= count) {
        origins->random = int(pool.size());
        return pool;
    }
    const std::vector<search::Evaluation> predicted = evaluate(pool);
    std::vector<bool> taken(pool.size(), false);
    std::vector<search::Genotype> out;
    const auto take = [&](int i) {
        if (taken[size_t(i)] || out.size() >= count)
            return false;
        taken[size_t(i)] = true;
        out.push_back(pool[size_t(i)]);
        return true;
    };
    std::vector<int> front = search::frontMembers(predicted, project.search);
    std::shuffle(front.begin(), front.end(), rng);
    for (int i : front)
        if (origins->front < int(count / 3) && take(i))
            ++origins->front;
    for (int i : search::nearTheLimits(predicted, project.search.constraints))
        if (origins->nearLimits < int(count / 3) && take(i))
            ++origins->nearLimits;
    for (size_t i = 0; i < pool.size(); ++i)
        if (take(int(i)))
            ++origins->random;
    return out;
}

// Would the validated figures change the search's decisions about the compared
// sub-networks (which are feasible, which are on the front)? Fails the check below the
// project's threshold, whatever the shares within 10% say.
void Pipeline::Impl::compareDecisions(CheckSummary &summary, const std::vector<const search::Genotype *> &genotypes,
                                      const std::vector<const graph::Network *> &networks,
                                      const std::vector<predictor::Figures> &predicted,
                                      const std::vector<predictor::Figures> &truth)
{
    std::vector<search::Evaluation> p, v;
    for (size_t i = 0; i < genotypes.size(); ++i) {
        const double accuracy = estimate(*genotypes[i], *networks[i]);
        p.push_back(evaluationOf(accuracy, predicted[i]));
        search::Evaluation e = evaluationOf(accuracy, truth[i]);
        // A metric the validator does not measure cannot change a decision.
        const search::Evaluation &q = p.back();
        e.latencyMs = std::isfinite(e.latencyMs) ? e.latencyMs : q.latencyMs;
        e.powerMw = std::isfinite(e.powerMw) ? e.powerMw : q.powerMw;
        e.dramBytes = std::isfinite(e.dramBytes) ? e.dramBytes : q.dramBytes;
        v.push_back(e);
    }
    summary.decisions = search::decisionAgreement(p, v, project.search);
    pipeline::judgeDecisions(summary.report, summary.decisions, project.thresholds.minDecisionAgreement);
}

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

// Samples sub-networks from `pool`, validates and predicts them, decides; finetunes
// when the check fails (or always, for the online baseline) and `allowFinetune`.
Pipeline::Impl::CheckOutcome Pipeline::Impl::accuracyCheck(int s, const std::string &stage, int generation,
                                                           const std::vector<search::Genotype> &pool,
                                                           bool allowFinetune, bool alwaysFinetune)
{
    const Phase phase(phases, QT_TRANSLATE_NOOP("calibra::TranslatableText", "accuracy checks and finetuning"));
    checkCancel();
    std::optional<StoredCheck> recorded = store->check(s, stage, generation);
    std::vector<search::Genotype> sample;
    SampleOrigins origins;
    int leftOutFinetuned = 0;
    if (recorded) {
        for (const StoredCheckSample &x : recorded->samples)
            sample.push_back(genotypeFromText(x.genotype));
    } else {
        std::vector<search::Genotype> distinct(pool.begin(), pool.end());
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        std::mt19937_64 rng(project.search.seed * 7919 + uint64_t(s) * 131 + uint64_t(generation + 1) * 17
                            + std::hash<std::string>{}(stage));
        if (stage != "online") {
            const size_t before = distinct.size();
            std::erase_if(distinct,
                          [this](const search::Genotype &g) { return finetunedOn.count(genotypeText(g)) > 0; });
            leftOutFinetuned = int(before - distinct.size());
        }
        std::shuffle(distinct.begin(), distinct.end(), rng);
        if (stage == "online")
            sample = std::move(distinct); // a whole generation's new candidates
        else
            sample = decisionAwareSample(distinct, size_t(project.checkSamples), rng, &origins);
    }
    // Validate the sample; keep each validated sub-network with its genotype.
    std::vector<validate::ValidationRequest> batch;
    for (const auto &g : sample)
        batch.push_back({std::make_shared<graph::Network>(supernet->decode(g)), setting});
    std::vector<validate::Metrics> metrics;
    {
        const ValidationPurposeScope purpose(*validator, ValidationPurpose::Check);
        metrics = validator->validate(batch, cancel);
    }
    checkCancel();
    std::vector<predictor::Sample> validated;
    std::vector<std::string> validatedGenotypes;
    std::vector<const search::Genotype *> validatedSample;
    std::vector<const graph::Network *> validatedNetworks;
    for (size_t i = 0; i < sample.size(); ++i) {
        if (!metrics[i].ok)
            continue;
        validatedSample.push_back(&sample[i]);
        validatedNetworks.push_back(batch[i].network.get());
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
        c.summary.origins = origins;
        compareDecisions(c.summary, validatedSample, validatedNetworks, predicted, truth);
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
        // A check's stage: pre, post or online.
        static const char *const kStages[] = {QT_TRANSLATE_NOOP("calibra::TranslatableText", "pre"),
                                              QT_TRANSLATE_NOOP("calibra::TranslatableText", "post"),
                                              QT_TRANSLATE_NOOP("calibra::TranslatableText", "online")};
        const auto stageWord = [&]() -> TextArg {
            for (const char *w : kStages)
                if (stage == w)
                    return TranslatableText::word(w);
            return TranslatableText::value(stage);
        };
        const auto share = [](const predictor::MetricAccuracy &a) {
            return a.count == 0 ? TranslatableText::word(QT_TRANSLATE_NOOP("calibra::TranslatableText", "not measured"))
                                : TranslatableText::number(a.within10 * 100, "%.1f%%");
        };
        e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 check on %2 sub-networks"),
                   {stageWord(), TranslatableText::number(c.summary.samples)});
        if (origins.total() > 0)
            e.text.add(
                QT_TRANSLATE_NOOP("calibra::TranslatableText", " (%1 on the front, %2 near a limit, %3 at random)"),
                {TranslatableText::number(origins.front), TranslatableText::number(origins.nearLimits),
                 TranslatableText::number(origins.random)});
        if (leftOutFinetuned > 0)
            e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", ", leaving out %1 that earlier finetunes used"),
                       {TranslatableText::number(leftOutFinetuned)});
        const char *decision = nullptr;
        switch (c.summary.decision) {
        case CheckDecision::Retrain:
            decision = QT_TRANSLATE_NOOP("calibra::TranslatableText", "retrain (online)");
            break;
        case CheckDecision::Finetune: decision = QT_TRANSLATE_NOOP("calibra::TranslatableText", "FINETUNE"); break;
        case CheckDecision::WouldFinetune:
            decision = QT_TRANSLATE_NOOP("calibra::TranslatableText", "would finetune (no re-run left)");
            break;
        case CheckDecision::Bypass: decision = QT_TRANSLATE_NOOP("calibra::TranslatableText", "bypass"); break;
        }
        e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                     ": within 10%: latency %1, power %2, memory access %3; decisions agree %4 -> %5"),
                   {share(r.metric[predictor::CheckLatency]), share(r.metric[predictor::CheckPower]),
                    share(r.metric[predictor::CheckDram]),
                    TranslatableText::value(percent(c.summary.decisions.worst())), TranslatableText::word(decision)});
        // Which metric failed, when the shares above do not show it (a rank correlation).
        if (r.finetune && !r.failures.empty()) {
            e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", " (")).append(r.failures.front());
            if (r.failures.size() > 1)
                e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", ", and %1 more)"),
                           {TranslatableText::number(static_cast<long long>(r.failures.size() - 1))});
            else
                e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", ")"));
        }
        emit(e);
    }
    CheckOutcome outcome;
    outcome.failed = recorded->summary.report.finetune;
    if (!(alwaysFinetune || (outcome.failed && allowFinetune)) || validated.empty())
        return outcome;
    // Resumed after this check's finetune was stored: its predictor is already loaded.
    finetunedOn.insert(validatedGenotypes.begin(), validatedGenotypes.end());
    if (const std::optional<FinetuneSummary> done = store->finetune(s, generation, stage)) {
        outcome.predictorChanged = done->adopted;
        return outcome;
    }

    // Finetuning data: the reference DNN and the validated sub-networks (judged on a
    // held-out share of them), plus AGG models that only regularize (not online).
    std::vector<std::shared_ptr<const graph::Network>> aggNets;
    int aggOverBudget = 0;
    if (!alwaysFinetune)
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
    outcome.predictorChanged = r.adopted;
    return outcome;
}

} // namespace calibra::pipeline
