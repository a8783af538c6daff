// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Measurements too far from the rest to be believed: a timer's resolution, a run
// disturbed by other work, a unit slip. Real tables hold a few (a row a hundred times
// faster than networks like it), and one of them can wreck a fit on twenty samples.
//
// Judged by the ratio of measured to predicted value: the model need not be accurate
// for the device, only consistent, because each ratio is compared with the median ratio
// of all rows. A row is implausible when its log ratio lies further from the median than
// both kImplausibleFactor and kImplausibleSpreads times the ratios' robust spread (the
// median absolute deviation), or when its value is zero. Torch-free.
#include <cstddef>
#include <vector>

namespace calibra::predictor {

inline constexpr double kImplausibleFactor = 5.0; // never flags a row within 5x of the median ratio
inline constexpr double kImplausibleSpreads = 6.0;
// Fewer measured rows than this: only zeros are flagged (a median of three is no norm).
inline constexpr size_t kMinRowsToScreen = 5;

struct ImplausibleMeasurement
{
    size_t index = 0;  // into the vectors given
    double factor = 0; // measured / predicted, relative to the median ratio (0 for a zero)
};

// `measured` and `predicted` pair up; NaN in `measured` means "not measured" and is
// skipped. Returns the implausible rows in index order.
std::vector<ImplausibleMeasurement> implausibleMeasurements(const std::vector<double> &measured,
                                                            const std::vector<double> &predicted);

} // namespace calibra::predictor
