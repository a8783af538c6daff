// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunsFolder.h"

#include "SettingsKeys.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace calibra::widgets {

QString defaultRunsFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
        .filePath(QStringLiteral("Calibra runs"));
}

QString runsFolder()
{
    const QString folder = QSettings().value(settings::kRunsFolder).toString();
    return folder.isEmpty() ? defaultRunsFolder() : folder;
}

QString runsFolderOrHome()
{
    const QString folder = runsFolder();
    return QDir(folder).exists() ? folder : QDir::homePath();
}

void setRunsFolder(const QString &folder)
{
    if (folder.isEmpty() || QDir(folder).absolutePath() == defaultRunsFolder())
        QSettings().remove(settings::kRunsFolder);
    else
        QSettings().setValue(settings::kRunsFolder,
                             QDir(folder).absolutePath()); // not relative to wherever Calibra starts
}

} // namespace calibra::widgets
