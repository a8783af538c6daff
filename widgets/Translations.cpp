// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace calibra::widgets {

namespace {
constexpr const char *kLanguageKey = "ui/language";
}

QList<Language> availableLanguages()
{
    return {{QString(), QCoreApplication::translate("calibra::widgets::Preferences", "System language")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_TW"), QStringLiteral("繁體中文（台灣）")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")}};
}

QString preferredLanguage()
{
    return QSettings().value(kLanguageKey).toString();
}

void setPreferredLanguage(const QString &code)
{
    QSettings().setValue(kLanguageKey, code);
}

QString installTranslations(QCoreApplication &app, const QString &code)
{
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    auto *calibra = new QTranslator(&app);
    // Tries calibra_zh_TW, then calibra_zh, ... for the locale's UI languages.
    if (!calibra->load(locale, QStringLiteral("calibra"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete calibra;
        return QStringLiteral("en");
    }
    app.installTranslator(calibra);
    auto *qt = new QTranslator(&app); // Qt's own dialogs and buttons (qt6-translations-l10n)
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return calibra->language();
}

} // namespace calibra::widgets
