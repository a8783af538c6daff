// SPDX-License-Identifier: GPL-3.0-or-later
// A finetune after a failed accuracy check, in a run: the finetune itself
// (CheckAndFinetune.h), stored, and told in events and warnings.
#include "PipelineImpl.h"

namespace calibra::pipeline {

// Finetunes on a check's validated sub-networks; true when the finetune was adopted.
// Resumed after this check's finetune was stored, its predictor is already loaded.
bool Pipeline::Impl::finetuneAfterCheck(int s, CheckStage stage, int generation,
                                        const std::vector<model::Sample> &validated, FinetunePolicy policy)
{
    if (const std::optional<FinetuneSummary> done = store->finetune(s, generation, stage))
        return done->adopted;

    FinetuneOutcome outcome;
    {
        const ValidationPurposeScope purpose(*validator, ValidationPurpose::Finetune);
        outcome = finetuneOnCheck(
            checkContext(), model, *validator, validated, stage, policy, s,
            [&](int networks, int aggModels, int aggOverBudget) {
                announceFinetune(s, generation, networks, aggModels, aggOverBudget);
            },
            [this] { checkCancel(); }, cancel);
    }
    store->putFinetune(s, generation, outcome.summary, outcome.report.adopted ? model.toBytes() : std::string());
    reportFinetune(s, generation, outcome.summary, outcome.report);
    return outcome.report.adopted;
}

void Pipeline::Impl::announceFinetune(int s, int generation, int networks, int aggModels, int aggOverBudget)
{
    Event started;
    started.kind = EventKind::FinetuneStarted;
    started.search = s;
    started.generation = generation;
    started.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                       "finetuning the predictor on %1 validated networks and %2 AGG models"),
                     {TranslatableText::number(networks), TranslatableText::number(aggModels)});
    if (aggOverBudget > 0)
        started.text.add(
            QT_TRANSLATE_NOOP(
                "calibra::TranslatableText",
                " (%1 generated ones left out: predicted over %2x the costliest validated network's latency)"),
            {TranslatableText::number(aggOverBudget),
             TranslatableText::value(QString::number(project.aggMaxCostRatio).toStdString())});
    emit(started);
}

// The finetune's closing line, and a warning when it left measurements out.
void Pipeline::Impl::reportFinetune(int s, int generation, const FinetuneSummary &f, const model::FinetuneReport &r)
{
    Event done;
    done.kind = EventKind::FinetuneFinished;
    done.search = s;
    done.generation = generation;
    done.finetune = f;
    const std::vector<TextArg> figures{
        TranslatableText::number(r.heldOutLossBefore, "%.4f"), TranslatableText::number(r.heldOutLossAfter, "%.4f"),
        TranslatableText::number(r.trainSamples), TranslatableText::number(f.seconds, "%.1f")};
    if (r.tooFewToJudge) {
        done.text.add(r.trainSamples == 1
                          ? QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                              "finetune not made: %1 validated network, too few to hold out any "
                                              "that would judge it (at least %2); the predictor stays as it was")
                          : QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                              "finetune not made: %1 validated networks, too few to hold out any "
                                              "that would judge it (at least %2); the predictor stays as it was"),
                      {TranslatableText::number(r.trainSamples),
                       TranslatableText::number(static_cast<long long>(model::kMinHeldOut))});
    } else if (r.adopted) {
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
        for (const model::RejectedMeasurement &x : r.implausible) {
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
}

} // namespace calibra::pipeline
