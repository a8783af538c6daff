// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where Calibra's own programs are for the jobs it submits: beside calibra-cli (which
// says where it is in CALIBRA_PROGRAM_DIR when it hands a command to calibra-cli-torch
// in libexec) or beside the running program (calibra, calibra-cli and
// calibra-farm-worker are built and installed into one directory), otherwise the bare
// name for the job's PATH.
#include <QCoreApplication>
#include <QFileInfo>

#include <string>

namespace calibra::farm {

inline std::string programBeside(const char *name)
{
    QStringList dirs;
    if (qEnvironmentVariableIsSet("CALIBRA_PROGRAM_DIR"))
        dirs << qEnvironmentVariable("CALIBRA_PROGRAM_DIR");
    if (QCoreApplication::instance())
        dirs << QCoreApplication::applicationDirPath();
    for (const QString &dir : dirs) {
        const QString sibling = dir + "/" + QLatin1String(name);
        if (QFileInfo(sibling).isExecutable())
            return sibling.toStdString();
    }
    return name;
}

} // namespace calibra::farm
