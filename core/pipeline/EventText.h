// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What an event says, kept as English templates with their arguments instead of one
// finished sentence: the CLI and the report print the English, the GUI translates each
// template (context "calibra::pipeline::EventText"; templates are written with
// CALIBRA_EVENT_TEXT so that lupdate finds them) and fills in the arguments. An argument
// is text already formatted (a number with its unit, a name, a path), or a word the GUI
// translates too (EventText::word: a check stage, a decision, a metric).
#include <QtGlobal>

#include <string>
#include <vector>

#define CALIBRA_EVENT_TEXT(text) QT_TRANSLATE_NOOP("calibra::pipeline::EventText", text)

namespace calibra::pipeline {

struct EventArg
{
    std::string text;
    bool translated = false; // a CALIBRA_EVENT_TEXT word, translated with the template
};

struct EventTextPart
{
    std::string templ; // English, with %1, %2, ... for the arguments in order
    std::vector<EventArg> args;
};

class EventText
{
public:
    // Appends `templ` (a CALIBRA_EVENT_TEXT literal) with its arguments.
    EventText &add(const char *templ, std::vector<EventArg> args = {});
    static EventArg word(const char *text) { return {text, true}; }
    static EventArg value(std::string text) { return {std::move(text), false}; }
    static EventArg number(long long n) { return {std::to_string(n), false}; }

    bool empty() const { return m_parts.empty(); }
    const std::vector<EventTextPart> &parts() const { return m_parts; }
    std::string english() const;

    // For the run store: "" for an empty text; an unreadable one reads back empty.
    std::string toJson() const;
    static EventText fromJson(const std::string &json);

private:
    std::vector<EventTextPart> m_parts;
};

// `templ` with %1..%9 replaced by `args` in order (a missing one stays as it is).
std::string fillTemplate(const std::string &templ, const std::vector<std::string> &args);

} // namespace calibra::pipeline
