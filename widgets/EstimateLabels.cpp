// SPDX-License-Identifier: GPL-3.0-or-later
#include "EstimateLabels.h"

#include <QCoreApplication>

namespace calibra::widgets {

QString estimateAxisLabel(supernet::EstimatorKind kind)
{
    switch (kind) {
    case supernet::EstimatorKind::OneShot:
        return QCoreApplication::translate("calibra::widgets::EstimateLabels", "accuracy (one-shot estimate)");
    case supernet::EstimatorKind::OneShotLikelihood:
        return QCoreApplication::translate("calibra::widgets::EstimateLabels",
                                           "true-class probability (one-shot estimate)");
    case supernet::EstimatorKind::Train:
        return QCoreApplication::translate("calibra::widgets::EstimateLabels", "accuracy (short-training estimate)");
    case supernet::EstimatorKind::Naswot:
        return QCoreApplication::translate("calibra::widgets::EstimateLabels",
                                           "NASWOT score (a proxy, not an accuracy)");
    case supernet::EstimatorKind::Params:
        return QCoreApplication::translate("calibra::widgets::EstimateLabels",
                                           "log10 parameters (a proxy, not an accuracy)");
    }
    return {};
}

QString estimateName(supernet::EstimatorKind kind)
{
    switch (kind) {
    case supernet::EstimatorKind::OneShot:
    case supernet::EstimatorKind::Train:
        return QCoreApplication::translate("calibra::widgets::EstimateLabels", "accuracy");
    case supernet::EstimatorKind::OneShotLikelihood:
        return QCoreApplication::translate("calibra::widgets::EstimateLabels", "true-class probability");
    case supernet::EstimatorKind::Naswot:
        return QCoreApplication::translate("calibra::widgets::EstimateLabels", "NASWOT score");
    case supernet::EstimatorKind::Params:
        return QCoreApplication::translate("calibra::widgets::EstimateLabels", "log10 parameters");
    }
    return {};
}

} // namespace calibra::widgets
