// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An accuracy check and the finetune it may ask for, without a run around them: validate
// a sample of networks, predict and compare, decide, and finetune on the reference, the
// sample and AGG models. A run (PipelineChecks.cpp, PipelineFinetune.cpp) and the
// conditional-finetuning service (core/finetuner) both do exactly this, so that a check
// made through the service decides as the same check made in the run.
//
// Nothing here stores, logs or resumes: the caller records the outcome.
#include "Events.h"
#include "project/Project.h"
#include "graph/Network.h"
#include "hardware/Platform.h"
#include "hardware/TargetSetting.h"
#include "model/Finetune.h"
#include "model/PerformanceModel.h"
#include "search/Search.h"
#include "validate/Validator.h"

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace calibra::pipeline {

// What a failed check may do: finetune, only say it would (a post check with no re-run
// left), or finetune whatever it found (the online baseline retrains each time).
enum class FinetunePolicy { WhenFailed, Never, Always };
const char *finetunePolicyName(FinetunePolicy p); // when-failed, never, always
bool parseFinetunePolicy(const std::string &name, FinetunePolicy *out);

// A network's figures as the search sees them, with its accuracy estimate.
inline search::Evaluation evaluationOf(double accuracy, const predictor::Figures &f)
{
    return {accuracy, f.latencySeconds * 1e3, f.powerWatts() * 1e3, f.energyJoules * 1e3, f.dramBytes};
}

// What a check works in. The project gives the thresholds, the search's constraints and
// objectives, the AGG counts and cost cap, the finetune method and the seed.
struct CheckContext
{
    const Project &project;
    const graph::Network &reference;
    const hardware::Platform &platform;
    const hardware::TargetSetting &setting;
};

// A sample after validation: the networks the validator could measure, as predictor
// samples (features and validated figures), and where each sat in the sample.
struct ValidatedNetworks
{
    std::vector<bool> ok;               // per network of the sample
    std::vector<model::Sample> samples; // the validated ones, in order
    std::vector<size_t> indexInSample;  // per validated one
};

// Validates `networks` in one batch; those the validator could not measure stay out of
// `samples` (ok false). `tag` names the samples' origin (the check's stage).
ValidatedNetworks validateForCheck(const CheckContext &context, validate::Validator &validator,
                                   const std::vector<std::shared_ptr<const graph::Network>> &networks,
                                   const std::string &tag, const std::atomic<bool> *cancel);

// Compares predicted against validated figures (one each per validated network) on each
// metric against the project's thresholds and on the search's decisions (with
// `accuracies`, the search's estimates), and decides under `policy`. A pure function of
// its inputs: a run that checks through the service judges the service's figures again
// and must reach the service's decision.
CheckSummary judgeFigures(const Project &project, const std::vector<predictor::Figures> &predicted,
                          const std::vector<predictor::Figures> &validated, const std::vector<double> &accuracies,
                          CheckStage stage, FinetunePolicy policy);

// Predicts the validated networks, then judgeFigures(). Compares each metric against the project's thresholds
// and the search's decisions (with `accuracies`, one per validated network: the search's
// estimates), and decides under `policy`. `samples` is filled, origins are the caller's.
CheckSummary judgeCheck(const CheckContext &context, const model::PerformanceModel &model,
                        const std::vector<model::Sample> &validated, const std::vector<double> &accuracies,
                        CheckStage stage, FinetunePolicy policy);

// What a finetune did: its summary (as stored and shown) and the finetune's own report
// (implausible measurements left out, energies derived from predicted power).
struct FinetuneOutcome
{
    FinetuneSummary summary;
    model::FinetuneReport report;
    int aggOverBudget = 0; // generated AGG models left out: predicted too costly to validate
};

// Called once the finetune's data is chosen, before it is validated: the validated
// sub-networks and the reference (`networks`), the AGG models and those left out.
using FinetuneStarted = std::function<void(int networks, int aggModels, int aggOverBudget)>;

// Finetunes `model` on the reference (validated here), the check's validated networks and
// AGG models within the project's cost cap (none when `policy` is Always: the online
// baseline retrains on what it found). `search` seeds the AGG models and the finetune.
// `checkCancel` is called between steps and throws to stop; the model changes only when
// the finetune is adopted.
FinetuneOutcome finetuneOnCheck(const CheckContext &context, model::PerformanceModel &model,
                                validate::Validator &validator, const std::vector<model::Sample> &validated,
                                CheckStage stage, FinetunePolicy policy, int search, const FinetuneStarted &started,
                                const std::function<void()> &checkCancel, const std::atomic<bool> *cancel);

} // namespace calibra::pipeline
