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

QString checkMetricAxisLabel(int metric)
{
    switch (metric) {
    case predictor::CheckPower: return QCoreApplication::translate("calibra::widgets::MetricNames", "power (mW)");
    case predictor::CheckEnergy: return QCoreApplication::translate("calibra::widgets::MetricNames", "energy (mJ)");
    case predictor::CheckDram:
        return QCoreApplication::translate("calibra::widgets::MetricNames", "memory access (MB)");
    }
    return QCoreApplication::translate("calibra::widgets::MetricNames", "latency (ms)");
}

QString runStatusText(const std::string &status)
{
    if (status == "running")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "running");
    if (status == "interrupted")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "interrupted");
    if (status == "failed")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "failed");
    if (status == "finished")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "finished");
    if (status == "unreadable")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "unreadable");
    return QString::fromStdString(status);
}

QString checkStageText(const std::string &stage)
{
    if (stage == "pre")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "pre-search");
    if (stage == "post")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "post-search");
    if (stage == "online")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "online");
    return QString::fromStdString(stage);
}

QString modeText(const std::string &mode)
{
    if (mode == "pre")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "pre");
    if (mode == "post")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "post");
    if (mode == "both")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "both");
    if (mode == "offline")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "offline");
    if (mode == "online")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "online");
    return QString::fromStdString(mode);
}

QString modeChoiceText(const std::string &mode)
{
    if (mode == "pre")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "pre: check before the search");
    if (mode == "post")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "post: check after the search");
    if (mode == "both")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "both: before and after");
    if (mode == "offline")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "offline: never finetune");
    if (mode == "online")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "online: retrain every generation");
    return QString::fromStdString(mode);
}

QString validationPurposeText(const std::string &purpose)
{
    if (purpose == "check")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "accuracy checks");
    if (purpose == "finetune")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "finetuning (reference, AGG models)");
    if (purpose == "generation")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "each generation's best");
    if (purpose == "final")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "final model");
    if (purpose == "unrecorded")
        return QCoreApplication::translate("calibra::widgets::MetricNames", "purpose not recorded");
    return QString::fromStdString(purpose);
}

} // namespace calibra::widgets
