// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a run's accuracy estimates are, in words for axes and labels: an accuracy for the
// one-shot and short-training estimators, a true-class probability for the one-shot
// likelihood, a proxy score (never called an accuracy) for NASWOT and the parameter count.
#include "supernet/EstimatorKind.h"

#include <QString>

namespace calibra::widgets {

QString estimateAxisLabel(supernet::EstimatorKind kind); // "accuracy (one-shot estimate)", ...
QString estimateName(supernet::EstimatorKind kind);      // "accuracy", "NASWOT score", "log10 parameters"

} // namespace calibra::widgets
