// SPDX-License-Identifier: GPL-3.0-or-later
#include "CheckAndFinetune.h"

#include "DecisionCheck.h"
#include "augment/AggModels.h"
#include "hardware/Lowering.h"
#include "model/DeviceTransfer.h"
#include "predictor/AccuracyCheck.h"
#include "search/DecisionAgreement.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <map>

namespace calibra::pipeline {

const char *finetunePolicyName(FinetunePolicy p)
{
    switch (p) {
    case FinetunePolicy::WhenFailed: return "when-failed";
    case FinetunePolicy::Never: return "never";
    case FinetunePolicy::Always: return "always";
    }
    return "?";
}

bool parseFinetunePolicy(const std::string &name, FinetunePolicy *out)
{
    for (const FinetunePolicy p : {FinetunePolicy::WhenFailed, FinetunePolicy::Never, FinetunePolicy::Always})
        if (name == finetunePolicyName(p)) {
            *out = p;
            return true;
        }
    return false;
}

namespace {

// Would the validated figures change the search's decisions about the compared networks
// (which are feasible, which are on the front)? Fails the check below the project's
// threshold, whatever the shares within 10% say.
void compareDecisions(const Project &project, CheckSummary &summary, const std::vector<double> &accuracies,
                      const std::vector<predictor::Figures> &predicted, const std::vector<predictor::Figures> &truth)
{
    std::vector<search::Evaluation> p, v;
    for (size_t i = 0; i < predicted.size(); ++i) {
        p.push_back(evaluationOf(accuracies[i], predicted[i]));
        search::Evaluation e = evaluationOf(accuracies[i], truth[i]);
        // A metric the validator does not measure cannot change a decision.
        const search::Evaluation &q = p.back();
        e.latencyMs = std::isfinite(e.latencyMs) ? e.latencyMs : q.latencyMs;
        e.powerMw = std::isfinite(e.powerMw) ? e.powerMw : q.powerMw;
        e.dramBytes = std::isfinite(e.dramBytes) ? e.dramBytes : q.dramBytes;
        v.push_back(e);
    }
    summary.decisions = search::decisionAgreement(p, v, project.search);
    judgeDecisions(summary.report, summary.decisions, project.thresholds.minDecisionAgreement);
}

// The AGG models of a finetune, each kind up to its count, generated with twice as many
// candidates so that those predicted too costly can be left out and replaced: a model
// predicted over project.aggMaxCostRatio x the costliest network of the check (or the
// reference) is never sent to the validator.
std::vector<std::shared_ptr<const graph::Network>>
aggModelsWithinBudget(const CheckContext &c, const model::PerformanceModel &model, int search,
                      const predictor::NetworkFeatures &referenceFeatures, const std::vector<model::Sample> &validated,
                      int *leftOut)
{
    const Project &project = c.project;
    const augment::AggOptions wanted{project.aggPredefined, project.aggOperations, project.aggStructural,
                                     project.search.seed + uint64_t(search)};
    augment::AggOptions candidates = wanted;
    candidates.predefined *= 2;
    candidates.operationVariations *= 2;
    candidates.structuralVariants *= 2;
    std::vector<graph::Network> generated = augment::generateAggModels(c.reference, candidates);
    const auto latencyOf = [&model](const std::vector<const predictor::NetworkFeatures *> &features) {
        std::vector<double> out;
        for (const predictor::Figures &f : model.predict(features))
            out.push_back(f.latencySeconds);
        return out;
    };
    const auto featuresOf = [&c](const graph::Network &n) {
        return predictor::networkFeatures(hardware::lowerNetwork(n), c.platform, c.setting);
    };
    // The check's networks and the reference already carry their features.
    std::vector<const predictor::NetworkFeatures *> known{&referenceFeatures};
    for (const model::Sample &v : validated)
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

} // namespace

ValidatedNetworks validateForCheck(const CheckContext &context, validate::Validator &validator,
                                   const std::vector<std::shared_ptr<const graph::Network>> &networks,
                                   const std::string &tag, const std::atomic<bool> *cancel)
{
    std::vector<validate::ValidationRequest> batch;
    for (const auto &n : networks)
        batch.push_back({n, context.setting});
    const std::vector<validate::Metrics> metrics = validator.validate(batch, cancel);
    ValidatedNetworks out;
    for (size_t i = 0; i < networks.size(); ++i) {
        out.ok.push_back(metrics[i].ok);
        if (!metrics[i].ok)
            continue;
        model::Sample x;
        x.features =
            predictor::networkFeatures(hardware::lowerNetwork(*networks[i]), context.platform, context.setting);
        x.target = model::figuresOf(metrics[i]);
        x.tag = tag;
        out.samples.push_back(std::move(x));
        out.indexInSample.push_back(i);
    }
    return out;
}

CheckSummary judgeCheck(const CheckContext &context, const model::PerformanceModel &model,
                        const std::vector<model::Sample> &validated, const std::vector<double> &accuracies,
                        CheckStage stage, FinetunePolicy policy)
{
    std::vector<const predictor::NetworkFeatures *> features;
    std::vector<predictor::Figures> truth;
    for (const model::Sample &v : validated) {
        features.push_back(&v.features);
        truth.push_back(v.target);
    }
    return judgeFigures(context.project, model.predict(features), truth, accuracies, stage, policy);
}

CheckSummary judgeFigures(const Project &project, const std::vector<predictor::Figures> &predicted,
                          const std::vector<predictor::Figures> &truth, const std::vector<double> &accuracies,
                          CheckStage stage, FinetunePolicy policy)
{
    CheckSummary c;
    c.stage = stage;
    c.samples = int(truth.size());
    c.report = predictor::checkAccuracy(predicted, truth, project.thresholds);
    compareDecisions(project, c, accuracies, predicted, truth);
    c.decision = policy == FinetunePolicy::Always       ? CheckDecision::Retrain
                 : !c.report.finetune                   ? CheckDecision::Bypass
                 : policy == FinetunePolicy::WhenFailed ? CheckDecision::Finetune
                                                        : CheckDecision::WouldFinetune;
    c.predicted = predicted;
    c.validated = truth;
    return c;
}

FinetuneOutcome finetuneOnCheck(const CheckContext &context, model::PerformanceModel &model,
                                validate::Validator &validator, const std::vector<model::Sample> &validated,
                                CheckStage stage, FinetunePolicy policy, int search, const FinetuneStarted &started,
                                const std::function<void()> &checkCancel, const std::atomic<bool> *cancel)
{
    const Project &project = context.project;
    FinetuneOutcome out;
    // The reference joins the finetune set once: not again when the check sampled it.
    const predictor::NetworkFeatures referenceFeatures =
        predictor::networkFeatures(hardware::lowerNetwork(context.reference), context.platform, context.setting);
    const bool referenceSampled = std::any_of(validated.begin(), validated.end(), [&](const model::Sample &v) {
        return v.features.layers == referenceFeatures.layers && v.features.rows == referenceFeatures.rows;
    });
    const size_t withReference = validated.size() + (referenceSampled ? 0 : 1);
    // With the reference, still too few to hold any out: no finetune, and none of its
    // validations (the costly part on a board) is made. The online baseline retrains anyway.
    if (policy != FinetunePolicy::Always && withReference < model::kMinHeldOut) {
        out.report.tooFewToJudge = true;
        out.report.trainSamples = int(validated.size());
        out.report.heldOutLossBefore = out.report.heldOutLossAfter = std::nan("");
        out.summary.stage = stage;
        out.summary.trainSamples = out.report.trainSamples;
        out.summary.heldOutLossBefore = out.summary.heldOutLossAfter = std::nan("");
        out.summary.method = kFinetuneNotMade;
        out.summary.composition.reference = referenceSampled ? 1 : 0;
        out.summary.composition.subnetworks = int(validated.size()) - out.summary.composition.reference;
        return out;
    }
    // Finetuning data: the reference DNN and the validated sub-networks (judged on a
    // held-out share of them), plus AGG models that only regularize (not online).
    std::vector<std::shared_ptr<const graph::Network>> aggNets;
    if (policy != FinetunePolicy::Always)
        aggNets = aggModelsWithinBudget(context, model, search, referenceFeatures, validated, &out.aggOverBudget);
    if (started)
        started(int(withReference), int(aggNets.size()), out.aggOverBudget);
    QElapsedTimer clock;
    clock.start();
    std::vector<model::Sample> data = validated;
    const auto refSamples =
        referenceSampled
            ? std::vector<model::Sample>()
            : model::validatedSamples({std::make_shared<graph::Network>(context.reference)}, context.platform,
                                      context.setting, validator, "reference", nullptr, cancel);
    data.insert(data.end(), refSamples.begin(), refSamples.end());
    // The three kinds of AGG models, validated and counted apart (the report says what
    // the finetune set held).
    std::vector<model::Sample> agg;
    std::map<augment::AggKind, int> aggOfKind;
    for (const augment::AggKind kind : augment::kAggKinds) {
        std::vector<std::shared_ptr<const graph::Network>> ofKind;
        for (const auto &n : aggNets)
            if (augment::isAggKind(*n, kind))
                ofKind.push_back(n);
        if (ofKind.empty())
            continue;
        const auto samples = model::validatedSamples(ofKind, context.platform, context.setting, validator,
                                                     augment::aggNamePrefix(kind), nullptr, cancel);
        aggOfKind[kind] = int(samples.size());
        agg.insert(agg.end(), samples.begin(), samples.end());
    }
    checkCancel();
    model::FinetuneOptions fo;
    fo.seed = project.search.seed + uint64_t(search);
    fo.method = project.finetuneMethod;
    fo.requireHeldOut = policy != FinetunePolicy::Always; // judged on networks it did not fit
    if (fo.method == predictor::FinetuneMethod::Transfer || fo.method == predictor::FinetuneMethod::Auto)
        for (const std::string &file : project.referenceModels)
            fo.references.push_back(model::loadReferenceModel(file, model));
    out.report = model::finetune(model, data, agg, fo, cancel);
    checkCancel();
    const model::FinetuneReport &r = out.report;
    out.summary = FinetuneSummary{stage,
                                  r.trainSamples,
                                  r.heldOutSamples,
                                  int(agg.size()),
                                  r.heldOutLossBefore,
                                  r.heldOutLossAfter,
                                  r.adopted,
                                  double(clock.elapsed()) / 1000.0,
                                  r.adopted         ? r.adoptedMethod
                                  : r.tooFewToJudge ? std::string(kFinetuneNotMade)
                                                    : std::string()};
    const int referenceCount = referenceSampled ? 1 : int(refSamples.size());
    out.summary.composition = {referenceCount, int(validated.size()) - (referenceSampled ? 1 : 0),
                               aggOfKind[augment::AggKind::Predefined], aggOfKind[augment::AggKind::Operation],
                               aggOfKind[augment::AggKind::Structural]};
    return out;
}

} // namespace calibra::pipeline
