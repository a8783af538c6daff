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

namespace {

// A core key and its English text, marked for lupdate (context MetricNames).
struct KeyText
{
    const char *key, *text;
};

// The translated text for `key`, or the key itself when the table does not know it.
template <size_t N> QString translatedKey(const std::string &key, const KeyText (&table)[N])
{
    for (const KeyText &k : table)
        if (key == k.key)
            return QCoreApplication::translate("calibra::widgets::MetricNames", k.text);
    return QString::fromStdString(key);
}

} // namespace

QString runStatusText(pipeline::RunStatus status)
{
    using pipeline::RunStatus;
    switch (status) {
    case RunStatus::Running: return QCoreApplication::translate("calibra::widgets::MetricNames", "running");
    case RunStatus::Interrupted: return QCoreApplication::translate("calibra::widgets::MetricNames", "interrupted");
    case RunStatus::Failed: return QCoreApplication::translate("calibra::widgets::MetricNames", "failed");
    case RunStatus::Finished: return QCoreApplication::translate("calibra::widgets::MetricNames", "finished");
    case RunStatus::Unreadable: return QCoreApplication::translate("calibra::widgets::MetricNames", "unreadable");
    case RunStatus::Unknown: return QCoreApplication::translate("calibra::widgets::MetricNames", "unknown");
    }
    return QString::fromLatin1(pipeline::runStatusName(status));
}

QString checkStageText(pipeline::CheckStage stage)
{
    switch (stage) {
    case pipeline::CheckStage::Pre: return QCoreApplication::translate("calibra::widgets::MetricNames", "pre-search");
    case pipeline::CheckStage::Post: return QCoreApplication::translate("calibra::widgets::MetricNames", "post-search");
    case pipeline::CheckStage::Online: return QCoreApplication::translate("calibra::widgets::MetricNames", "online");
    }
    return QString::fromLatin1(pipeline::checkStageName(stage));
}

QString modeText(const std::string &mode)
{
    static const KeyText kTable[] = {{"pre", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "pre")},
                                     {"post", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "post")},
                                     {"both", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "both")},
                                     {"offline", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "offline")},
                                     {"online", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "online")}};
    return translatedKey(mode, kTable);
}

QString modeChoiceText(const std::string &mode)
{
    static const KeyText kTable[] = {
        {"pre", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "pre: check before the search")},
        {"post", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "post: check after the search")},
        {"both", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "both: before and after")},
        {"offline", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "offline: never finetune")},
        {"online", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "online: retrain every generation")}};
    return translatedKey(mode, kTable);
}

QString validationPurposeText(const std::string &purpose)
{
    static const KeyText kTable[] = {
        {"check", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "accuracy checks")},
        {"finetune", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "finetuning (reference, AGG models)")},
        {"generation", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "each generation's best")},
        {"final", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "final model")},
        {"unrecorded", QT_TRANSLATE_NOOP("calibra::widgets::MetricNames", "purpose not recorded")}};
    return translatedKey(purpose, kTable);
}

} // namespace calibra::widgets
