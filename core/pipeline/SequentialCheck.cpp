// SPDX-License-Identifier: GPL-3.0-or-later
#include "SequentialCheck.h"

#include <cmath>

namespace calibra::pipeline {

namespace {

long networksOutside10(const predictor::MetricAccuracy &m)
{
    return std::lround(double(m.count) * (1 - m.within10));
}

// At least one metric compared, each within 10% on every network.
bool everyNetworkWithin(const predictor::AccuracyReport &report)
{
    bool compared = false;
    for (const predictor::MetricAccuracy &m : report.metric) {
        if (m.count == 0)
            continue;
        compared = true;
        if (networksOutside10(m) > 0)
            return false;
    }
    return compared;
}

// Would the whole sample fail, whatever its other networks show?
bool certainFailure(const Project &project, const CheckSummary &part, int wholeSample)
{
    const double n = double(wholeSample);
    for (size_t k = 0; k < part.report.metric.size(); ++k) {
        const predictor::MetricAccuracy &m = part.report.metric[k];
        if (m.count == 0)
            continue;
        const predictor::MetricThresholds &t = project.thresholds.metric[k];
        if ((n - double(networksOutside10(m))) / n < t.minWithin10)
            return true;
        if (m.mape * double(m.count) / n > t.maxMape) // the rest can only add error
            return true;
    }
    const search::DecisionAgreement &d = part.decisions;
    return d.candidates > 0 && (n - d.feasibilityDisagreements) / n < project.thresholds.minDecisionAgreement;
}

} // namespace

EarlyDecision earlyDecision(const Project &project, const CheckSummary &firstPart, int wholeSample,
                            bool finetunesOnFailure)
{
    if (firstPart.samples == 0 || wholeSample <= firstPart.samples)
        return EarlyDecision::None;
    // A pass needs enough compared networks to mean something (some of the first part may
    // have failed validation); a certain failure is certain on any number.
    if (!firstPart.report.finetune)
        return firstPart.samples >= kSequentialMinSample / 2 && everyNetworkWithin(firstPart.report)
                       && firstPart.decisions.feasibilityDisagreements == 0
                       && firstPart.decisions.frontDisagreements == 0
                   ? EarlyDecision::Pass
                   : EarlyDecision::None;
    return !finetunesOnFailure && certainFailure(project, firstPart, wholeSample) ? EarlyDecision::Fail
                                                                                  : EarlyDecision::None;
}

TranslatableText earlyDecisionNote(EarlyDecision decision, int compared, int notValidated)
{
    TranslatableText note;
    const std::vector<TextArg> counts{TranslatableText::number(compared), TranslatableText::number(notValidated)};
    if (decision == EarlyDecision::Pass)
        note.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                   "decided on the first part (%1 sub-networks compared): every one within 10% and "
                                   "every decision the same, so the other %2 were not validated"),
                 counts);
    else if (decision == EarlyDecision::Fail)
        note.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                   "decided on the first part (%1 sub-networks compared): it already fails the "
                                   "check whatever the other %2 would show, and no finetune follows, so those were "
                                   "not validated"),
                 counts);
    return note;
}

void markDecidedEarly(CheckSummary &summary, EarlyDecision decision, int notValidated)
{
    summary.report.notes.push_back(earlyDecisionNote(decision, summary.samples, notValidated));
    summary.notValidated = notValidated;
}

std::vector<size_t> interleaveStrata(const std::vector<int> &strata, std::vector<int> *firstPartCounts)
{
    std::vector<size_t> first, second;
    firstPartCounts->clear();
    size_t start = 0;
    for (const int size : strata) {
        for (int i = 0; i < size; ++i)
            (i % 2 == 0 ? first : second).push_back(start + size_t(i));
        firstPartCounts->push_back((size + 1) / 2);
        start += size_t(size);
    }
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

} // namespace calibra::pipeline
