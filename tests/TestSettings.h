// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// QSettings for a test of its own: kept in Qt's test locations (off the user's files) and
// under the test's name, so tests that clear or fill the settings do not meet.
#include <QCoreApplication>
#include <QStandardPaths>

namespace calibra::test {

inline void useOwnSettings(const char *testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CalibraTests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(testName));
}

} // namespace calibra::test
