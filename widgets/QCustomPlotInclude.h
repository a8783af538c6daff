// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// qcustomplot.h uses Qt's keywords (signals, slots, emit, foreach), which the project
// turns off (QT_NO_KEYWORDS: LibTorch uses `slots` as an identifier). Include it only
// through this header, and never together with LibTorch headers.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
