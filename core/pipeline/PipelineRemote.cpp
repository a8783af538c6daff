// SPDX-License-Identifier: GPL-3.0-or-later
// A run whose conditional-finetuning service (project.finetuner) holds the platform and
// the predictor: predictions come from the service, and an accuracy check is one call
// that validates, predicts, decides and finetunes there (CheckAndFinetune.h, the code a
// run in process uses). The run records and tells the check and the finetune as it
// would its own, and judges the service's figures again to catch a decision it would
// not have made.
#include "PipelineImpl.h"

#include "CheckText.h"
#include "SequentialCheck.h"
#include "boardclient/NetworkWire.h"
#include "boardclient/WireFormat.h"
#include "finetunerclient/FinetunerError.h"
#include "model/Finetune.h" // figuresOf
#include "predictor/ImplausibleMeasurements.h"
#include "validate/CachedValidator.h"

#include <QCryptographicHash>
#include <QtConcurrent>

#include <numeric>

namespace calibra::pipeline {

namespace {

predictor::Figures figuresFrom(const finetuner::v1::Figures &f)
{
    return {f.latency_seconds(), f.energy_joules(), f.dram_bytes()};
}

// The service's account of a finetune, as the run's own finetune would have told it.
FinetuneOutcome finetuneFrom(const finetuner::v1::Finetune &f, CheckStage stage)
{
    FinetuneOutcome out;
    FinetuneSummary &m = out.summary;
    m.stage = stage;
    m.trainSamples = f.train_samples();
    m.heldOutSamples = f.held_out_samples();
    m.aggModels = f.agg_models();
    m.heldOutLossBefore = f.held_out_loss_before();
    m.heldOutLossAfter = f.held_out_loss_after();
    m.adopted = f.adopted();
    m.seconds = f.seconds();
    m.method = f.method();
    m.composition = {f.reference_samples(), f.subnetwork_samples(), f.agg_predefined(), f.agg_operation(),
                     f.agg_structural()};
    model::FinetuneReport &r = out.report;
    r.trainSamples = m.trainSamples;
    r.heldOutSamples = m.heldOutSamples;
    r.heldOutLossBefore = m.heldOutLossBefore;
    r.heldOutLossAfter = m.heldOutLossAfter;
    r.adopted = m.adopted;
    r.tooFewToJudge = !m.made();
    r.adoptedMethod = m.method;
    r.energyFromPredictedPower = f.energy_from_predicted_power();
    for (const auto &x : f.implausible()) {
        model::RejectedMeasurement rejected;
        int metric = 0;
        while (metric < predictor::kCheckMetricCount && x.metric() != predictor::metricName(metric))
            ++metric;
        rejected.metric = metric;
        rejected.factor = x.factor();
        r.implausible.push_back(rejected);
    }
    out.aggOverBudget = f.agg_over_budget();
    return out;
}

} // namespace

hardware::TargetSetting Pipeline::Impl::platformDefaultSetting() const
{
    return remote ? hardware::parseResolvedTargetSettingYaml(session.defaultSettingYaml,
                                                             "the finetuning service's default setting")
                  : hardware::defaultSetting(platform);
}

std::vector<predictor::Figures> Pipeline::Impl::predict(const std::vector<std::shared_ptr<const graph::Network>> &nets,
                                                        const std::vector<predictor::NetworkFeatures> &features)
{
    if (!remote) {
        std::vector<const predictor::NetworkFeatures *> ptrs;
        for (const auto &f : features)
            ptrs.push_back(&f);
        return model.predict(ptrs);
    }
    try {
        return remote->predict(session, predictorVersion, nets, cancel);
    } catch (const finetuner::FinetunerError &) {
        checkCancel(); // a cancelled run's call ends cancelled: that is not a failure
        throw;
    }
}

Pipeline::Impl::CheckOutcome Pipeline::Impl::remoteAccuracyCheck(int s, CheckStage stage, int generation,
                                                                 const std::vector<search::Genotype> &pool,
                                                                 FinetunePolicy policy)
{
    std::optional<StoredCheck> recorded = store->check(s, stage, generation);
    CheckSample sample = drawCheckSample(s, stage, generation, pool, recorded);
    const auto wouldFinetune = [&](const CheckSummary &c) {
        return policy == FinetunePolicy::Always || (c.report.finetune && policy == FinetunePolicy::WhenFailed);
    };
    // Resumed after the check (and its finetune, if it asked for one) was recorded: the
    // records answer; nothing is asked again.
    if (recorded) {
        const std::optional<FinetuneSummary> done = store->finetune(s, generation, stage);
        if (!wouldFinetune(recorded->summary) || done) {
            CheckOutcome outcome;
            outcome.failed = recorded->summary.report.finetune;
            if (done) {
                for (const StoredCheckSample &x : recorded->samples)
                    if (x.wasValidated())
                        finetunedOn.insert(x.genotype);
                outcome.predictorChanged = done->adopted;
            }
            return outcome;
        }
    }

    ValidatedSample validated;
    finetuner::v1::CheckRequest request;
    request.set_session_key(session.key);
    request.set_predictor_version(predictorVersion);
    Project sent = project;
    sent.referenceInputShape.clear(); // the reference goes sized; an older service would not know the key
    request.set_project_yaml(projectToYaml(sent));
    request.set_stage(checkStageName(stage));
    request.set_policy(finetunePolicyName(policy));
    request.set_search(s);
    request.set_first_part(uint32_t(sample.firstPart));
    for (const search::Genotype &g : sample.genotypes) {
        auto net = std::make_shared<graph::Network>(supernet->decode(g));
        board::toWire(*net, *request.add_networks());
        request.add_accuracies(estimate(g, *net));
        validated.networks.push_back(std::move(net));
    }
    // The id names the sample too (its genotypes in order): the service answers an id it
    // has answered before from its record, which must then be for these very networks (a
    // run begun by an earlier version, which drew or ordered its sample otherwise, is
    // checked again, its validations answered from the service's journal).
    QCryptographicHash sampleHash(QCryptographicHash::Sha1);
    for (const search::Genotype &g : sample.genotypes)
        sampleHash.addData(QByteArray::fromStdString(genotypeText(g) + ";"));
    const std::string requestId = *store->meta("run_id") + "/" + std::to_string(s) + "/" + checkStageName(stage) + "/"
                                  + std::to_string(generation) + "/"
                                  + sampleHash.result().toHex().left(12).toStdString();
    finetuner::v1::CheckReply reply;
    try {
        reply = remote->check(request, requestId, cancel);
    } catch (const finetuner::FinetunerError &) {
        checkCancel();
        throw;
    }

    // The sample's validations, recorded as the run's own (a resume or a later check
    // does not ask for them again).
    std::vector<std::pair<QByteArray, validate::Metrics>> sampleResults;
    std::vector<predictor::Figures> predicted, truth;
    std::vector<double> accuracies;
    for (int i = 0; i < reply.validated_size(); ++i) {
        const validate::Metrics m = board::fromWire(reply.validated(i));
        sampleResults.push_back(
            {validate::CachedValidator::cacheKey(*validated.networks[size_t(i)], setting, validator->backendId()), m});
        validated.ok.push_back(m.ok);
        if (!m.ok)
            continue;
        model::Sample x;
        x.target = model::figuresOf(m);
        truth.push_back(x.target);
        validated.samples.push_back(std::move(x));
        validated.indexInSample.push_back(size_t(i));
        accuracies.push_back(request.accuracies(i));
    }
    if (reply.predicted_size() != int(truth.size()))
        throw finetuner::FinetunerError("finetuning service " + project.finetuner.address + ": "
                                        + std::to_string(reply.predicted_size()) + " predictions for "
                                        + std::to_string(truth.size()) + " validated networks");
    for (const auto &f : reply.predicted())
        predicted.push_back(figuresFrom(f));
    validator->recordValidatedElsewhere(sampleResults, ValidationPurpose::Check);
    CheckSummary summary = judgeFigures(project, predicted, truth, accuracies, stage, policy);
    // The service validated only the first part: it decided alone, by the rule this run
    // applies too (SequentialCheck.h).
    if (const size_t answered = size_t(reply.validated_size()); answered < sample.genotypes.size()) {
        const size_t whole = sample.genotypes.size();
        const EarlyDecision early = answered == sample.firstPart
                                        ? earlyDecision(project, summary, int(whole), policy != FinetunePolicy::Never)
                                        : EarlyDecision::None;
        if (early == EarlyDecision::None)
            throw finetuner::FinetunerError("finetuning service " + project.finetuner.address + " validated "
                                            + std::to_string(answered) + " of the " + std::to_string(whole)
                                            + " networks of the sample, where this run would validate them all "
                                              "(is it another version of Calibra?)");
        markDecidedEarly(summary, early, int(whole - answered));
        sample = sample.firstPartOnly();
        validated.networks.resize(answered);
    }
    if (reply.decision() != checkDecisionName(summary.decision))
        throw finetuner::FinetunerError("finetuning service " + project.finetuner.address + " decided '"
                                        + reply.decision() + "' where this run judges '"
                                        + checkDecisionName(summary.decision)
                                        + "' on the same figures (is it another version of Calibra?)");
    if (!recorded)
        recorded = recordCheck(s, stage, generation, sample, validated, std::move(summary));

    CheckOutcome outcome;
    outcome.failed = recorded->summary.report.finetune;
    if (!reply.finetuned())
        return outcome;
    for (const size_t i : validated.indexInSample)
        finetunedOn.insert(genotypeText(sample.genotypes[i]));
    const FinetuneOutcome finetune = finetuneFrom(reply.finetune(), stage);
    announceFinetune(s, generation, int(reply.finetune().reference_samples() + reply.finetune().subnetwork_samples()),
                     reply.finetune().agg_chosen(), finetune.aggOverBudget);
    std::vector<std::pair<QByteArray, validate::Metrics>> finetuneResults;
    for (const auto &v : reply.finetune_validations())
        finetuneResults.push_back({QByteArray::fromStdString(v.key()), board::fromWire(v.result())});
    validator->recordValidatedElsewhere(finetuneResults, ValidationPurpose::Finetune);
    // The version first: killed before the finetune is recorded, the resumed run asks
    // again and gets the same answer.
    store->setMeta("predictor_version", std::to_string(reply.predictor_version()));
    predictorVersion = reply.predictor_version();
    store->putFinetune(s, generation, finetune.summary, std::string());
    reportFinetune(s, generation, finetune.summary, finetune.report);
    outcome.predictorChanged = finetune.summary.adopted;
    return outcome;
}

} // namespace calibra::pipeline
