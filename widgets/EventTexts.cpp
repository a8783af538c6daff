// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventTexts.h"

#include <QCoreApplication>

namespace calibra::widgets {

namespace {

QString translated(const std::string &english)
{
    return QCoreApplication::translate("calibra::pipeline::EventText", english.c_str());
}

} // namespace

QString eventText(const pipeline::Event &event)
{
    if (event.text.empty())
        return QString::fromStdString(event.message);
    std::string out;
    for (const pipeline::EventTextPart &part : event.text.parts()) {
        // One pass over the translated template (an argument's own "%" stays as it is).
        std::vector<std::string> args;
        for (const pipeline::EventArg &a : part.args)
            args.push_back(a.translated ? translated(a.text).toStdString() : a.text);
        out += pipeline::fillTemplate(translated(part.templ).toStdString(), args);
    }
    return QString::fromStdString(out);
}

} // namespace calibra::widgets
