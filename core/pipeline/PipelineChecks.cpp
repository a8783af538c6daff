// SPDX-License-Identifier: GPL-3.0-or-later
#include "PipelineImpl.h"

#include "CheckText.h"
#include "SequentialCheck.h"
#include "search/DecisionAgreement.h"

#include <algorithm>
#include <cmath>
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

// A post-search check that failed with no re-run left: the search's results rest on a
// predictor the check found wrong. The final model's figures are validated, but a better
// candidate the predictor misjudged may have been missed.
void Pipeline::Impl::warnOfUnactedCheck(int s)
{
    if (store->meta("unacted_check_said")) // not again when a finished search is resumed
        return;
    warn(TranslatableText().add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                  "the last post-search check failed and no re-run was left "
                                                  "(check.max_reruns %1): the final model's figures are validated, "
                                                  "but the search chose among candidates with a predictor the check "
                                                  "found inaccurate, so a better one may have been missed"),
                                {TranslatableText::number(static_cast<long long>(project.maxReruns))}),
         s);
    store->setMeta("unacted_check_said", "yes");
}

// Validations the validator could not make, said once at the end with their commonest
// reason: a check or a generation that compared fewer networks than it drew says so too,
// but not why.
void Pipeline::Impl::warnOfFailedValidations(int s)
{
    const RunStore::FailedValidations failed = store->failedValidations();
    if (failed.count == 0)
        return;
    warn(TranslatableText().add(
             failed.count == 1
                 ? QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 validation failed (%2 succeeded): %4")
                 : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                     "%1 validations failed (%2 succeeded); %3 of them: %4"),
             {TranslatableText::number(failed.count), TranslatableText::number(store->validationCount()),
              TranslatableText::number(failed.commonestCount), TranslatableText::value(failed.commonestError)}),
         s);
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

// The sub-networks a check validates: a recorded check's again (resume), otherwise drawn
// from `pool`'s distinct members, leaving out (except online) those earlier finetunes
// trained on, so that a check judges the predictor on networks it has not seen.
Pipeline::Impl::CheckSample Pipeline::Impl::drawCheckSample(int s, CheckStage stage, int generation,
                                                            const std::vector<search::Genotype> &pool,
                                                            const std::optional<StoredCheck> &recorded)
{
    CheckSample out;
    if (recorded) {
        for (const StoredCheckSample &x : recorded->samples)
            out.genotypes.push_back(genotypeFromText(x.genotype));
        return out;
    }
    std::vector<search::Genotype> distinct(pool.begin(), pool.end());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::mt19937_64 rng(project.search.seed * 7919 + uint64_t(s) * 131 + uint64_t(generation + 1) * 17
                        + std::hash<std::string>{}(checkStageName(stage)));
    if (stage != CheckStage::Online) {
        const size_t before = distinct.size();
        std::erase_if(distinct, [this](const search::Genotype &g) { return finetunedOn.count(genotypeText(g)) > 0; });
        out.leftOutFinetuned = int(before - distinct.size());
    }
    std::shuffle(distinct.begin(), distinct.end(), rng);
    if (stage == CheckStage::Online) {
        out.genotypes = std::move(distinct); // a whole generation's new candidates
        return out;
    }
    const std::vector<search::Genotype> drawn =
        decisionAwareSample(distinct, size_t(project.checkSamples), rng, &out.origins);
    if (int(drawn.size()) < kSequentialMinSample) {
        out.genotypes = drawn;
        return out;
    }
    // Each part samples the front, the limits and the rest alike (SequentialCheck.h). The
    // order is the same with sequential checks off, so that a check the first part cannot
    // decide ends exactly as one validated at once (a finetune's held-out share is drawn
    // by position).
    const SampleOrigins &o = out.origins;
    std::vector<int> first; // per stratum
    for (const size_t i : interleaveStrata({o.front, o.nearLimits, o.random}, &first))
        out.genotypes.push_back(drawn[i]);
    if (project.sequentialChecks) {
        out.firstOrigins = {first[0], first[1], first[2]};
        out.firstPart = size_t(first[0] + first[1] + first[2]);
    }
    return out;
}

Pipeline::Impl::CheckSample Pipeline::Impl::CheckSample::firstPartOnly() const
{
    CheckSample out = *this;
    out.genotypes.resize(firstPart);
    out.origins = firstOrigins;
    out.firstPart = 0;
    return out;
}

// Validates the sample; the sub-networks the validator could not measure are dropped
// from the comparison (they stay in the sample, so a resume draws the same one).
Pipeline::Impl::ValidatedSample Pipeline::Impl::validateCheckSample(CheckStage stage, const CheckSample &sample)
{
    ValidatedSample out;
    for (const auto &g : sample.genotypes)
        out.networks.push_back(std::make_shared<graph::Network>(supernet->decode(g)));
    {
        const ValidationPurposeScope purpose(*validator, ValidationPurpose::Check);
        static_cast<ValidatedNetworks &>(out) =
            validateForCheck(checkContext(), *validator, out.networks, checkStageName(stage), cancel);
    }
    checkCancel();
    if (stopAfterCheckParts > 0 && ++checkPartsThisProcess >= stopAfterCheckParts)
        throw Interrupted{false};
    return out;
}

// Stores the check and logs it.
StoredCheck Pipeline::Impl::recordCheck(int s, CheckStage stage, int generation, const CheckSample &sample,
                                        const ValidatedSample &validated, CheckSummary summary)
{
    std::vector<const search::Genotype *> genotypes;
    for (size_t v = 0; v < validated.samples.size(); ++v)
        genotypes.push_back(&sample.genotypes[validated.indexInSample[v]]);
    StoredCheck c;
    c.search = s;
    c.generation = generation;
    c.summary = std::move(summary);
    c.summary.origins = sample.origins;
    for (size_t v = 0; v < validated.samples.size(); ++v)
        c.samples.push_back({genotypeText(*genotypes[v]), c.summary.predicted[v], c.summary.validated[v]});
    // Sub-networks that could not be validated are still part of the sample (resume
    // draws the same one); they carry zero figures and are not compared.
    for (size_t i = 0; i < sample.genotypes.size(); ++i)
        if (!validated.ok[i])
            c.samples.push_back({genotypeText(sample.genotypes[i]), {}, {}});
    store->putCheck(c);
    Event e;
    e.kind = EventKind::AccuracyCheck;
    e.search = s;
    e.generation = generation;
    e.check = c.summary;
    e.text = checkText(c.summary, sample.leftOutFinetuned);
    emit(e);
    if (c.summary.samples == 0 && !sample.genotypes.empty())
        warn(TranslatableText().add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                      "the %1 check judged nothing: the validator could not measure "
                                                      "any of its %2 sub-networks, so the predictor was not checked"),
                                    {checkStageWord(c.summary.stage),
                                     TranslatableText::number(static_cast<long long>(sample.genotypes.size()))}),
             s);
    return c;
}

// Draws a sample from `pool`, validates and predicts it, decides; finetunes when the
// check fails and the policy lets it (always, for the online baseline).
Pipeline::Impl::CheckOutcome Pipeline::Impl::accuracyCheck(int s, CheckStage stage, int generation,
                                                           const std::vector<search::Genotype> &pool,
                                                           FinetunePolicy policy)
{
    const Phase phase(phases, QT_TRANSLATE_NOOP("calibra::TranslatableText", "accuracy checks and finetuning"));
    checkCancel();
    if (remote)
        return remoteAccuracyCheck(s, stage, generation, pool, policy);
    std::optional<StoredCheck> recorded = store->check(s, stage, generation);
    CheckSample sample = drawCheckSample(s, stage, generation, pool, recorded);
    const auto judge = [&](const CheckSample &judged, const ValidatedSample &v) {
        std::vector<double> accuracies; // the search's estimates of the compared ones
        for (const size_t i : v.indexInSample)
            accuracies.push_back(estimate(judged.genotypes[i], *v.networks[i]));
        return judgeCheck(checkContext(), model, v.samples, accuracies, stage, policy);
    };
    ValidatedSample validated;
    if (recorded) {
        validated = validateCheckSample(stage, sample); // the recorded sample: validated already
    } else {
        auto [inParts, summary] = judgeInParts(
            project, sample.firstPart, sample.genotypes.size(), policy != FinetunePolicy::Never, [&](size_t count) {
                const CheckSample part = count < sample.genotypes.size() ? sample.firstPartOnly() : sample;
                ValidatedSample v = validateCheckSample(stage, part);
                CheckSummary judged = judge(part, v);
                return std::pair(std::move(v), std::move(judged));
            });
        if (summary.notValidated > 0)
            sample = sample.firstPartOnly();
        validated = std::move(inParts);
        recorded = recordCheck(s, stage, generation, sample, validated, std::move(summary));
    }
    CheckOutcome outcome;
    outcome.failed = recorded->summary.report.finetune;
    const bool finetune = policy == FinetunePolicy::Always || (outcome.failed && policy == FinetunePolicy::WhenFailed);
    if (!finetune || validated.samples.empty())
        return outcome;
    for (size_t i : validated.indexInSample)
        finetunedOn.insert(genotypeText(sample.genotypes[i]));
    outcome.predictorChanged = finetuneAfterCheck(s, stage, generation, validated.samples, policy);
    return outcome;
}

} // namespace calibra::pipeline
