// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Command-line options of the benchmark programs: "--name VALUE" pairs and flags, and
// their common main(): an error (a data file that cannot be opened, a bad model) is one
// line naming it and exit code 1, never an uncaught exception.
#include <QStringList>

#include <cstdio>
#include <exception>

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

template <typename Body> int reportingErrors(const char *program, Body &&body)
{
    try {
        return body();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "%s: %s\n", program, e.what());
        return 1;
    }
}

} // namespace calibra::bench
