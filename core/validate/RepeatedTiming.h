// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What repeated timed runs of one network say: the median with a distribution-free 95%
// confidence interval (order statistics, so skewed run times need no model), the 90th
// percentile and a robust spread, after runs far outside the others (a preemption, a
// page-fault storm) are set aside. A measurement goes on until the interval is narrow
// enough; HostMeasurementValidator uses this to decide when.
#include <vector>

namespace calibra::validate {

struct TimingSummary
{
    int runs = 0;     // timed runs considered
    int outliers = 0; // set aside: more than kOutlierSpreads robust deviations from the median
    double medianMs = 0;
    double lowMs = 0, highMs = 0; // 95% confidence interval of the median
    double p90Ms = 0;
    double spread = 0; // robust coefficient of variation: 1.4826 x MAD / median

    // Half the interval's width over the median: 0.01 means known to about +-1%.
    double relativePrecision() const { return medianMs > 0 ? (highMs - lowMs) / 2 / medianMs : 1.0; }
};

inline constexpr double kOutlierSpreads = 5.0;

// The middle value (the mean of the two middle ones for an even count); 0 for an empty list.
double median(std::vector<double> values);

// Throws std::invalid_argument on an empty list.
TimingSummary summarizeRuns(std::vector<double> runsMs);

} // namespace calibra::validate
