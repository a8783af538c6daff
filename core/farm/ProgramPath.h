#pragma once
// Where Calibra's own programs are for the jobs it submits: beside the running program
// (calibra, calibra-cli and calibra-farm-worker are built and installed into one
// directory), otherwise the bare name for the job's PATH.
#include <QCoreApplication>
#include <QFileInfo>

#include <string>

namespace calibra::farm {

inline std::string programBeside(const char *name)
{
    if (QCoreApplication::instance()) {
        const QString sibling = QCoreApplication::applicationDirPath() + "/" + QLatin1String(name);
        if (QFileInfo(sibling).isExecutable())
            return sibling.toStdString();
    }
    return name;
}

} // namespace calibra::farm
