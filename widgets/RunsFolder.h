// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where the GUI keeps runs: a folder the user sees and can change in Edit > Preferences
// (default: Documents/Calibra runs), so past runs are found again after a restart.
#include <QString>

namespace calibra::widgets {

QString runsFolder();
void setRunsFolder(const QString &folder);
QString defaultRunsFolder();
// Where a run's file dialog starts: the runs folder once it exists, the home folder before.
QString runsFolderOrHome();

} // namespace calibra::widgets
