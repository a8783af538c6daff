// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The user interface's languages: English (the source), Traditional Chinese (Taiwan) and
// German, compiled from translations/*.ts into the widgets library's resources. The
// choice is kept in the settings (Edit > Preferences) and applied at start.
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace calibra::widgets {

struct Language
{
    QString code;       // "" (the system's), "en", "zh_TW", "de"
    QString nativeName; // as its speakers write it
};
QList<Language> availableLanguages();

// The settings key and its value ("" = follow the system).
QString preferredLanguage();
void setPreferredLanguage(const QString &code);

// Installs Calibra's and Qt's own translations for `code` ("" = the system locale) on
// the application. Returns the language installed ("en" when none applies).
QString installTranslations(QCoreApplication &app, const QString &code);

} // namespace calibra::widgets
