// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the core says to a user (an event, a warning, why a check failed), kept as English
// templates with their arguments instead of one finished sentence: the CLI and the
// reports print the English, the GUI translates each template and fills in the arguments.
// Templates and words are written as QT_TRANSLATE_NOOP("calibra::TranslatableText", "...")
// where they are made, so that lupdate finds them (it does not expand macros of ours). An argument is text already
// formatted (a number with its unit, a name, a path), or a word the GUI translates too
// (TranslatableText::word: a check stage, a decision, a mode).
#include <QtGlobal>

#include <string>
#include <vector>

namespace calibra {

struct TextArg
{
    std::string text;
    bool translated = false; // a QT_TRANSLATE_NOOP word, translated like the templates
};

struct TextPart
{
    std::string templ; // English, with %1, %2, ... for the arguments in order
    std::vector<TextArg> args;
};

class TranslatableText
{
public:
    // Appends `templ` (a QT_TRANSLATE_NOOP literal, see above) with its arguments.
    TranslatableText &add(const char *templ, std::vector<TextArg> args = {});
    // Appends all of `other`'s parts.
    TranslatableText &append(const TranslatableText &other);
    // Appends text that is not translated (a path, a reason from elsewhere in English).
    TranslatableText &addUntranslated(std::string text) { return add("%1", {value(std::move(text))}); }
    static TextArg word(const char *text) { return {text, true}; }
    static TextArg value(std::string text) { return {std::move(text), false}; }
    static TextArg number(long long n) { return {std::to_string(n), false}; }
    static TextArg number(double v, const char *format); // printf format: "%.3f"

    bool empty() const { return m_parts.empty(); }
    const std::vector<TextPart> &parts() const { return m_parts; }
    std::string english() const;

    // For storage: "" for an empty text; an unreadable one reads back empty.
    std::string toJson() const;
    static TranslatableText fromJson(const std::string &json);
    // A list of texts the same way; text that is not such a list (stored before texts
    // were) reads back as untranslated lines, split at "; ".
    static std::string listToJson(const std::vector<TranslatableText> &texts);
    static std::vector<TranslatableText> listFromJson(const std::string &json);

private:
    std::vector<TextPart> m_parts;
};

// `templ` with %1..%9 replaced by `args` in order (a missing one stays as it is).
std::string fillTemplate(const std::string &templ, const std::vector<std::string> &args);

} // namespace calibra
