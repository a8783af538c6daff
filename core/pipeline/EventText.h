// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What an event says, kept as English templates with their arguments instead of one
// finished sentence: the CLI and the report print the English, the GUI translates each
// template and fills in the arguments. Templates and words are written as
// QT_TRANSLATE_NOOP("calibra::pipeline::EventText", "...") where they are made, so that
// lupdate finds them (it does not expand macros of ours). An argument is text already
// formatted (a number with its unit, a name, a path), or a word the GUI translates too
// (EventText::word: a check stage, a decision, a mode).
#include <QtGlobal>

#include <string>
#include <vector>

namespace calibra::pipeline {

struct EventArg
{
    std::string text;
    bool translated = false; // a QT_TRANSLATE_NOOP word, translated like the templates
};

struct EventTextPart
{
    std::string templ; // English, with %1, %2, ... for the arguments in order
    std::vector<EventArg> args;
};

class EventText
{
public:
    // Appends `templ` (a QT_TRANSLATE_NOOP literal, see above) with its arguments.
    EventText &add(const char *templ, std::vector<EventArg> args = {});
    // Appends text that is not translated (a path, a reason from elsewhere in English).
    EventText &addUntranslated(std::string text) { return add("%1", {value(std::move(text))}); }
    static EventArg word(const char *text) { return {text, true}; }
    static EventArg value(std::string text) { return {std::move(text), false}; }
    static EventArg number(long long n) { return {std::to_string(n), false}; }
    static EventArg number(double v, const char *format); // printf format: "%.3f"

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
