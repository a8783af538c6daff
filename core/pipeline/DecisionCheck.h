// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The decision-aware half of an accuracy check: a predictor whose errors would change the
// search's decisions (which sub-networks are feasible, which are on the front) fails the
// check below the project's threshold, whatever its share within 10% says.
#include "predictor/AccuracyCheck.h"
#include "search/DecisionAgreement.h"

namespace calibra::pipeline {

// Appends "decisions: feasibility agrees on 85.0% < 90.0% (3 of 20 sub-networks)" (and the
// same for front membership) to `report`'s failures and marks it failed.
void judgeDecisions(predictor::AccuracyReport &report, const search::DecisionAgreement &agreement, double minAgreement);

} // namespace calibra::pipeline
