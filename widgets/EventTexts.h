// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a pipeline event says, in the interface's language: its text's templates and
// word arguments translated (context "calibra::pipeline::EventText"), its other
// arguments (numbers, names, paths) as the core formatted them. Events the core has not
// given a text yet (warnings, failures) show their English message.
#include "pipeline/Events.h"

#include <QString>

namespace calibra::widgets {

QString eventText(const pipeline::Event &event);

} // namespace calibra::widgets
