// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace calibra::pipeline {

// Words that events pass as arguments from elsewhere (modes, what an estimate is), listed
// here so that lupdate finds them; the GUI translates them like the templates.
[[maybe_unused]] const char *const kEventWords[] = {
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "pre"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "post"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "both"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "offline"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "online"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "NASWOT score"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "log10 parameters"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "accuracy"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "estimate"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "final model"),
    QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "baseline (the smallest sub-network)"),
};

EventText &EventText::add(const char *templ, std::vector<EventArg> args)
{
    m_parts.push_back({templ, std::move(args)});
    return *this;
}

EventArg EventText::number(double v, const char *format)
{
    char b[64];
    std::snprintf(b, sizeof b, format, v);
    return {b, false};
}

std::string fillTemplate(const std::string &templ, const std::vector<std::string> &args)
{
    std::string out;
    for (size_t i = 0; i < templ.size(); ++i) {
        const char c = templ[i];
        if (c == '%' && i + 1 < templ.size() && templ[i + 1] >= '1' && templ[i + 1] <= '9') {
            const size_t k = size_t(templ[i + 1] - '1');
            if (k < args.size()) {
                out += args[k];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

std::string EventText::english() const
{
    std::string out;
    for (const EventTextPart &p : m_parts) {
        std::vector<std::string> args;
        for (const EventArg &a : p.args)
            args.push_back(a.text);
        out += fillTemplate(p.templ, args);
    }
    return out;
}

std::string EventText::toJson() const
{
    if (m_parts.empty())
        return {};
    QJsonArray parts;
    for (const EventTextPart &p : m_parts) {
        QJsonArray args;
        for (const EventArg &a : p.args)
            args.append(QJsonArray{QString::fromStdString(a.text), a.translated});
        parts.append(QJsonObject{{"t", QString::fromStdString(p.templ)}, {"a", args}});
    }
    return QJsonDocument(parts).toJson(QJsonDocument::Compact).toStdString();
}

EventText EventText::fromJson(const std::string &json)
{
    EventText out;
    if (json.empty())
        return out;
    for (const QJsonValue &v : QJsonDocument::fromJson(QByteArray::fromStdString(json)).array()) {
        EventTextPart p;
        p.templ = v.toObject().value("t").toString().toStdString();
        for (const QJsonValue &a : v.toObject().value("a").toArray())
            p.args.push_back({a.toArray().at(0).toString().toStdString(), a.toArray().at(1).toBool()});
        out.m_parts.push_back(std::move(p));
    }
    return out;
}

} // namespace calibra::pipeline
