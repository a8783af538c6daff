// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Decision-aware accuracy checks: a predictor can be 95% within 10% and still make the
// search's decisions wrong, where they matter: a candidate just over a limit predicted
// just under it, or a front member predicted dominated. These functions compare the
// decisions made with predicted figures to those made with validated ones, over the
// same candidates (each with its accuracy estimate, which both sides share).
#include "Search.h"

#include <vector>

namespace calibra::search {

struct DecisionAgreement
{
    int candidates = 0;
    // Share of candidates whose feasibility under the constraints is the same predicted
    // and validated (1 when the project sets no constraint).
    double feasibility = 1;
    int feasibilityDisagreements = 0;
    // Share of candidates whose membership of the first non-dominated front (accuracy
    // against the search's cost objectives, feasible first) is the same.
    double front = 1;
    int frontDisagreements = 0;
    double worst() const { return feasibility < front ? feasibility : front; }
};

// Feasibility under options.constraints, fronts of frontObjectives(options).
DecisionAgreement decisionAgreement(const std::vector<Evaluation> &predicted, const std::vector<Evaluation> &validated,
                                    const SearchOptions &options);

// Where a check's sample matters: indices of `candidates` (their predicted evaluations)
// on the first front, and those whose constrained metrics lie within `band` (relative)
// of a limit, nearest first.
std::vector<int> frontMembers(const std::vector<Evaluation> &candidates, const SearchOptions &options);
std::vector<int> nearTheLimits(const std::vector<Evaluation> &candidates, const Constraints &constraints,
                               double band = 0.15);

} // namespace calibra::search
