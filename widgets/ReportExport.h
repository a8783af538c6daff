// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Exports a finished run for people who were not at the workbench: report.pdf (written
// with QPdfWriter: the reference DNN, the platform and target setting, the final model
// against the constraints, every accuracy check's figures and decision, the finetunes,
// and the charts as shown), next to copies of the run's report.html, report.json, every
// CSV table and the final model (ONNX and YAML).
#include <QImage>
#include <QString>
#include <QStringList>

#include <vector>

namespace calibra::widgets {

struct ReportCharts
{
    std::vector<QImage> predictedVsValidated;                      // per generation, one per measured metric
    QImage checks, pareto, hypervolume, generations, checkHistory; // null images are left out
};

// `runDirectory` must hold a finished run (its report.json). Returns false with `error`
// naming the file that could not be read or written.
bool exportRunReport(const QString &runDirectory, const QString &targetDirectory, const ReportCharts &charts,
                     QString *error, QStringList *written = nullptr);

} // namespace calibra::widgets
