// SPDX-License-Identifier: GPL-3.0-or-later
#include "TranslatedText.h"

#include <QCoreApplication>

namespace calibra::widgets {

namespace {

QString translated(const std::string &english)
{
    return QCoreApplication::translate("calibra::TranslatableText", english.c_str());
}

} // namespace

QString translatedText(const TranslatableText &text)
{
    std::string out;
    for (const TextPart &part : text.parts()) {
        // One pass over the translated template (an argument's own "%" stays as it is).
        std::vector<std::string> args;
        for (const TextArg &a : part.args)
            args.push_back(a.translated ? translated(a.text).toStdString() : a.text);
        out += fillTemplate(translated(part.templ).toStdString(), args);
    }
    return QString::fromStdString(out);
}

QStringList translatedTexts(const std::vector<TranslatableText> &texts)
{
    QStringList out;
    for (const TranslatableText &t : texts)
        out << translatedText(t);
    return out;
}

QString eventText(const pipeline::Event &event)
{
    return event.text.empty() ? QString::fromStdString(event.message) : translatedText(event.text);
}

} // namespace calibra::widgets
