// SPDX-License-Identifier: GPL-3.0-or-later
#include "MetricNames.h"

#include "predictor/AccuracyCheck.h"

#include <QCoreApplication>

namespace calibra::widgets {

QString checkMetricTitle(int metric)
{
    switch (metric) {
    case predictor::CheckLatency: return QCoreApplication::translate("calibra::widgets::MetricNames", "Latency");
    case predictor::CheckPower: return QCoreApplication::translate("calibra::widgets::MetricNames", "Power");
    case predictor::CheckEnergy: return QCoreApplication::translate("calibra::widgets::MetricNames", "Energy");
    case predictor::CheckDram: return QCoreApplication::translate("calibra::widgets::MetricNames", "Memory access");
    }
    return QString::number(metric);
}

} // namespace calibra::widgets
