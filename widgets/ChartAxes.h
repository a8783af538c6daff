// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Axis ranges for the run charts: padded so that points on the edges are drawn whole.
#include "QCustomPlotInclude.h"

#include <algorithm>
#include <cmath>

namespace calibra::widgets {

// Widens the axis's range by `fraction` of its size at both ends; a range of a single
// value gets a tenth of the value (at least `minimumPad`) instead.
inline void padAxisRange(QCPAxis *axis, double fraction, double minimumPad = 1e-9)
{
    const QCPRange r = axis->range();
    const double pad = r.size() > 0 ? r.size() * fraction : std::max(minimumPad, std::abs(r.upper) * 0.1);
    axis->setRange(r.lower - pad, r.upper + pad);
}

} // namespace calibra::widgets
