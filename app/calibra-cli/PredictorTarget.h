// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every predictor subcommand is told: the model, the device's platform and the
// target setting, as the same three options with the same help everywhere.
#include "hardware/Platform.h"
#include "hardware/TargetSetting.h"
#include "model/ShippedModel.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace calibra::cli {

struct PredictorTargetOptions
{
    QCommandLineOption model{{"m", "model"},
                             "Predictor model file (default: the shipped offline model).",
                             "M",
                             QString::fromLatin1(model::kShippedModel)};
    QCommandLineOption platform{{"p", "platform"}, "Platform file or builtin:NAME describing the device.", "P"};
    QCommandLineOption setting{{"s", "setting"}, "Target-setting file (default: the platform's fastest).", "S"};
    void add(QCommandLineParser &parser) const { parser.addOptions({model, platform, setting}); }
};

struct Target
{
    hardware::Platform platform;
    hardware::TargetSetting setting;
};

// The platform's fastest setting when `setting` is empty. Throws base::InputError naming
// the file and field.
Target loadTarget(const QString &platform, const QString &setting);

} // namespace calibra::cli
