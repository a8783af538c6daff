// SPDX-License-Identifier: GPL-3.0-or-later
#include "CheckText.h"

#include <algorithm>

namespace calibra::pipeline {

TextArg checkStageWord(CheckStage stage)
{
    switch (stage) {
    case CheckStage::Pre: return TranslatableText::word(QT_TRANSLATE_NOOP("calibra::TranslatableText", "pre"));
    case CheckStage::Post: return TranslatableText::word(QT_TRANSLATE_NOOP("calibra::TranslatableText", "post"));
    case CheckStage::Online: return TranslatableText::word(QT_TRANSLATE_NOOP("calibra::TranslatableText", "online"));
    }
    return TranslatableText::value(checkStageName(stage));
}

namespace {

const char *decisionWords(CheckDecision decision)
{
    switch (decision) {
    case CheckDecision::Retrain: return QT_TRANSLATE_NOOP("calibra::TranslatableText", "retrain (online)");
    case CheckDecision::Finetune: return QT_TRANSLATE_NOOP("calibra::TranslatableText", "FINETUNE");
    case CheckDecision::WouldFinetune:
        return QT_TRANSLATE_NOOP("calibra::TranslatableText", "would finetune (no re-run left)");
    case CheckDecision::Bypass: return QT_TRANSLATE_NOOP("calibra::TranslatableText", "bypass");
    }
    return "?";
}

TextArg share(const predictor::MetricAccuracy &a)
{
    return a.count == 0 ? TranslatableText::word(QT_TRANSLATE_NOOP("calibra::TranslatableText", "not measured"))
                        : TranslatableText::number(a.within10 * 100, "%.1f%%");
}

} // namespace

TranslatableText checkText(const CheckSummary &check, int leftOutFinetuned)
{
    TranslatableText text;
    const predictor::AccuracyReport &r = check.report;
    // The sample as drawn (its origins), and how many of it the validator measured.
    const SampleOrigins &origins = check.origins;
    const int drawn = std::max(check.samples, origins.total());
    text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 check on %2 sub-networks"),
             {checkStageWord(check.stage), TranslatableText::number(drawn)});
    if (origins.total() > 0)
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", " (%1 on the front, %2 near a limit, %3 at random)"),
                 {TranslatableText::number(origins.front), TranslatableText::number(origins.nearLimits),
                  TranslatableText::number(origins.random)});
    if (drawn > check.samples)
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", ", %1 of which the validator could not measure"),
                 {TranslatableText::number(drawn - check.samples)});
    if (leftOutFinetuned > 0)
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", ", leaving out %1 that earlier finetunes used"),
                 {TranslatableText::number(leftOutFinetuned)});
    // With nothing validated, no share and no agreement: a "100%" over nothing reads as a judgement.
    if (check.samples == 0)
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", ": nothing compared, the predictor not judged -> %1"),
                 {TranslatableText::word(decisionWords(check.decision))});
    else
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                   ": within 10%: latency %1, power %2, memory access %3; decisions agree %4 -> %5"),
                 {share(r.metric[predictor::CheckLatency]), share(r.metric[predictor::CheckPower]),
                  share(r.metric[predictor::CheckDram]),
                  TranslatableText::number(check.decisions.worst() * 100, "%.1f%%"),
                  TranslatableText::word(decisionWords(check.decision))});
    if (check.notValidated > 0)
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "; decided on the first part, %1 more not validated"),
                 {TranslatableText::number(check.notValidated)});
    // Which metric failed, when the shares above do not show it (a rank correlation).
    if (r.finetune && !r.failures.empty()) {
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", " (")).append(r.failures.front());
        if (r.failures.size() > 1)
            text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", ", and %1 more)"),
                     {TranslatableText::number(static_cast<long long>(r.failures.size() - 1))});
        else
            text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", ")"));
    }
    return text;
}

} // namespace calibra::pipeline
