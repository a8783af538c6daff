// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A check's sample validated in two parts, the second only when the first cannot decide
// (group-sequential testing): validations are the costly step on a real device, and a
// predictor that agrees on every one of the first half, or one that has already failed
// beyond what the rest could undo, does not need the rest. The run and the
// conditional-finetuning service both decide with these functions, so that they agree.
#include "Events.h"
#include "project/Project.h"
#include "text/TranslatableText.h"

#include <vector>

namespace calibra::pipeline {

// A sample shorter than this is validated at once: each part needs enough networks for
// its agreement to mean something.
constexpr int kSequentialMinSample = 10;

enum class EarlyDecision {
    None, // the first part cannot decide: validate the rest
    Pass, // every network within the tolerance on every metric, every decision the same
    Fail, // failed beyond what the rest could undo, whatever its figures
};

// Judged on the first part of a sample of `wholeSample` networks: may it decide alone?
// A pass must be unanimous (stricter than the whole sample's thresholds) over at least
// kSequentialMinSample / 2 compared networks. A failure must
// be certain (more networks outside 10% on a metric, or with another feasibility, or more
// absolute error in total than the whole sample may hold), and decides early only when no
// finetune follows (`finetunesOnFailure` false: a post check with no re-run left): a
// finetune trains on the whole sample, and on half of it the benchmark's finetunes lost
// up to 2 points of hypervolume (docs/benchmarks.md). Rank correlations and front
// membership, which the rest could raise again, never decide early.
EarlyDecision earlyDecision(const Project &project, const CheckSummary &firstPart, int wholeSample,
                            bool finetunesOnFailure);

// The note an early decision adds to the check's report (stored, in every output):
// `compared` networks of the first part, `notValidated` of the second.
TranslatableText earlyDecisionNote(EarlyDecision decision, int compared, int notValidated);

// Marks a summary judged on the first part as the check's own: its note, and the
// `notValidated` networks of the second part.
void markDecidedEarly(CheckSummary &summary, EarlyDecision decision, int notValidated);

// Validates and judges a sample of `whole` networks in two parts: the first `firstPart`
// (0: none, the whole sample at once), then the whole sample unless the first decided by
// earlyDecision, in which case its summary is marked so. `validateAndJudge(count)`
// validates the first `count` networks and returns {validated, CheckSummary}; the run and
// the finetuning service pass their own validation so both follow this one flow.
template <typename ValidateAndJudge>
auto judgeInParts(const Project &project, size_t firstPart, size_t whole, bool finetunesOnFailure,
                  ValidateAndJudge validateAndJudge) -> decltype(validateAndJudge(whole))
{
    if (firstPart > 0 && firstPart < whole) {
        auto judged = validateAndJudge(firstPart);
        if (const EarlyDecision early = earlyDecision(project, judged.second, int(whole), finetunesOnFailure);
            early != EarlyDecision::None) {
            markDecidedEarly(judged.second, early, int(whole - firstPart));
            return judged;
        }
    }
    return validateAndJudge(whole); // a validator's store answers the first part again
}

// Orders a sample of consecutive strata (the counts in `strata`, in order) so that its
// first part holds the first, third, ... member of each stratum: both parts sample where
// the search's decisions are made in the same proportions. Returns the positions in the
// new order and, through `firstPartCounts`, how many of each stratum the first part holds.
std::vector<size_t> interleaveStrata(const std::vector<int> &strata, std::vector<int> *firstPartCounts);

} // namespace calibra::pipeline
