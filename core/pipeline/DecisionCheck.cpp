// SPDX-License-Identifier: GPL-3.0-or-later
#include "DecisionCheck.h"

#include <string>

namespace calibra::pipeline {

void judgeDecisions(predictor::AccuracyReport &report, const search::DecisionAgreement &d, double minAgreement)
{
    const auto judge = [&](const char *what, double share, int disagreements) {
        if (d.candidates == 0 || share >= minAgreement)
            return;
        report.failures.push_back(std::string("decisions: ") + what + " agrees on "
                                  + predictor::comparison(share * 100, "<", minAgreement * 100, 1, "%") + " ("
                                  + std::to_string(disagreements) + " of " + std::to_string(d.candidates)
                                  + " sub-networks)");
        report.finetune = true;
    };
    judge("feasibility", d.feasibility, d.feasibilityDisagreements);
    judge("front membership", d.front, d.frontDisagreements);
}

} // namespace calibra::pipeline
