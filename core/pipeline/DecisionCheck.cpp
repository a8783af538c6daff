// SPDX-License-Identifier: GPL-3.0-or-later
#include "DecisionCheck.h"

#include <string>

namespace calibra::pipeline {

void judgeDecisions(predictor::AccuracyReport &report, const search::DecisionAgreement &d, double minAgreement)
{
    const auto judge = [&](const char *what, double share, int disagreements) {
        if (d.candidates == 0 || share >= minAgreement)
            return;
        report.failures.push_back(TranslatableText().add(
            QT_TRANSLATE_NOOP("calibra::TranslatableText", "decisions: %1 agrees on %2 (%3 of %4 sub-networks)"),
            {TranslatableText::word(what),
             TranslatableText::value(predictor::comparison(share * 100, "<", minAgreement * 100, 1, "%")),
             TranslatableText::number(disagreements), TranslatableText::number(d.candidates)}));
        report.finetune = true;
    };
    judge(QT_TRANSLATE_NOOP("calibra::TranslatableText", "feasibility"), d.feasibility, d.feasibilityDisagreements);
    judge(QT_TRANSLATE_NOOP("calibra::TranslatableText", "front membership"), d.front, d.frontDisagreements);
}

} // namespace calibra::pipeline
