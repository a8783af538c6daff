// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where the GUI keeps runs: a folder the user sees and can change in Edit > Preferences
// (default: Documents/Calibra runs), so past runs are found again after a restart.
#include <QString>

namespace calibra::widgets {

QString runsFolder();
void setRunsFolder(const QString &folder);
QString defaultRunsFolder();

} // namespace calibra::widgets
