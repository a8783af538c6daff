// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// In a scrolling form, the mouse wheel must scroll the form, not change whichever spin
// box or combo box passes under the pointer (a threshold silently went from 90% to 75%).
// Guarded fields take the wheel only once clicked or tabbed into.
#include <QWidget>

namespace calibra::widgets {

// Guards every spin box and combo box under `form`.
void guardWheel(QWidget *form);

} // namespace calibra::widgets
