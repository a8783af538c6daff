// SPDX-License-Identifier: GPL-3.0-or-later
#include "HardwareFile.h"

#include "HardwareError.h"
#include "graph/NetworkFile.h"

#include <QFile>

namespace calibra::hardware {

std::string readHardwareFile(const std::string &pathOrBuiltin, const char *builtinDir,
                             const std::vector<std::string> &builtins, const char *what)
{
    QString path = QString::fromStdString(pathOrBuiltin);
    if (path.startsWith(QLatin1String("builtin:"))) {
        path = QString::fromLatin1(builtinDir) + "/" + path.mid(8) + ".yaml";
        if (!QFile::exists(path)) {
            std::string known;
            for (const auto &n : builtins)
                known += (known.empty() ? "" : ", ") + n;
            throw HardwareError("unknown built-in " + std::string(what) + " '" + pathOrBuiltin.substr(8)
                                + "' (built-in: " + known + ")");
        }
    }
    try {
        graph::requireRegularFile(path.toStdString());
    } catch (const std::exception &e) {
        throw HardwareError(e.what());
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw HardwareError(pathOrBuiltin + ": cannot open: " + f.errorString().toStdString());
    if (f.size() > (16 << 20))
        throw HardwareError(pathOrBuiltin + ": larger than 16 MiB, not a " + what + " file");
    return f.readAll().toStdString();
}

} // namespace calibra::hardware
