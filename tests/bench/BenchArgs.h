#pragma once
// Command-line options of the benchmark programs: "--name VALUE" pairs and flags.
#include <QStringList>

namespace calibra::bench {

inline int intOption(const QStringList &args, const char *name, int fallback)
{
    const qsizetype i = args.indexOf(QString::fromLatin1(name));
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

inline QString textOption(const QStringList &args, const char *name)
{
    const qsizetype i = args.indexOf(QString::fromLatin1(name));
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : QString();
}

} // namespace calibra::bench
