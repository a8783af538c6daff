// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The predictor subcommands that work from a user's own networks and measurement
// tables (validate/MeasurementTable.h): predict, evaluate, and finetune --measurements.
#include "CliCommands.h"

#include "predictor/FinetuneMethod.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace calibra::cli {

int predictNetworks(const QStringList &arguments);
int evaluateOnMeasurements(const QStringList &arguments);

// `predictor finetune --measurements TABLE --device NAME ...`, parsed by the finetune
// command.
struct MeasuredFinetune
{
    QString measurements, device, platform, setting, model, output;
    predictor::FinetuneMethod method = predictor::FinetuneMethod::Auto;
    QStringList references;
    double heldOutShare = 0.2;
    uint64_t seed = 1;
};
int finetuneOnMeasurements(const MeasuredFinetune &job);

} // namespace calibra::cli
