// SPDX-License-Identifier: GPL-3.0-or-later
#include "text/TranslatableText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace calibra {

TranslatableText &TranslatableText::add(const char *templ, std::vector<TextArg> args)
{
    m_parts.push_back({templ, std::move(args)});
    return *this;
}

TranslatableText &TranslatableText::append(const TranslatableText &other)
{
    m_parts.insert(m_parts.end(), other.m_parts.begin(), other.m_parts.end());
    return *this;
}

TextArg TranslatableText::number(double v, const char *format)
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

std::string TranslatableText::english() const
{
    std::string out;
    for (const TextPart &p : m_parts) {
        std::vector<std::string> args;
        for (const TextArg &a : p.args)
            args.push_back(a.text);
        out += fillTemplate(p.templ, args);
    }
    return out;
}

namespace {

QJsonArray partsJson(const std::vector<TextPart> &parts)
{
    QJsonArray out;
    for (const TextPart &p : parts) {
        QJsonArray args;
        for (const TextArg &a : p.args)
            args.append(QJsonArray{QString::fromStdString(a.text), a.translated});
        out.append(QJsonObject{{"t", QString::fromStdString(p.templ)}, {"a", args}});
    }
    return out;
}

std::vector<TextPart> partsOf(const QJsonArray &json)
{
    std::vector<TextPart> out;
    for (const QJsonValue &v : json) {
        TextPart p;
        p.templ = v.toObject().value("t").toString().toStdString();
        for (const QJsonValue &a : v.toObject().value("a").toArray())
            p.args.push_back({a.toArray().at(0).toString().toStdString(), a.toArray().at(1).toBool()});
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

std::string TranslatableText::toJson() const
{
    if (m_parts.empty())
        return {};
    return QJsonDocument(partsJson(m_parts)).toJson(QJsonDocument::Compact).toStdString();
}

TranslatableText TranslatableText::fromJson(const std::string &json)
{
    TranslatableText out;
    if (!json.empty())
        out.m_parts = partsOf(QJsonDocument::fromJson(QByteArray::fromStdString(json)).array());
    return out;
}

std::string TranslatableText::listToJson(const std::vector<TranslatableText> &texts)
{
    if (texts.empty())
        return {};
    QJsonArray out;
    for (const TranslatableText &t : texts)
        out.append(partsJson(t.m_parts));
    return QJsonDocument(out).toJson(QJsonDocument::Compact).toStdString();
}

std::vector<TranslatableText> TranslatableText::listFromJson(const std::string &json)
{
    std::vector<TranslatableText> out;
    if (json.empty())
        return out;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray()) {
        for (const QString &line : QString::fromStdString(json).split(QStringLiteral("; ")))
            out.push_back(TranslatableText().addUntranslated(line.toStdString()));
        return out;
    }
    for (const QJsonValue &v : doc.array()) {
        TranslatableText t;
        t.m_parts = partsOf(v.toArray());
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace calibra
