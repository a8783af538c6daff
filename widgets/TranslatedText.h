// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the core says, in the interface's language: a text's templates and word arguments
// translated (context "calibra::TranslatableText"), its other arguments (numbers, names,
// paths) as the core formatted them.
#include "pipeline/Events.h"
#include "text/TranslatableText.h"

#include <QString>
#include <QStringList>

namespace calibra::widgets {

QString translatedText(const TranslatableText &text);
QStringList translatedTexts(const std::vector<TranslatableText> &texts);
// An event's text; its English message where the event has no text (runs recorded
// before its kind had one).
QString eventText(const pipeline::Event &event);

} // namespace calibra::widgets
