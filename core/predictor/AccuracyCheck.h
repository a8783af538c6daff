// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The accuracy check: predicted against validated figures of sampled networks, per
// metric, compared with thresholds; the decision to finetune or to bypass finetuning.
#include "Features.h"
#include "text/TranslatableText.h"

#include <array>
#include <string>
#include <vector>

namespace calibra::predictor {

enum CheckMetric { CheckLatency = 0, CheckPower = 1, CheckEnergy = 2, CheckDram = 3, kCheckMetricCount = 4 };
const char *checkMetricName(int metric); // latency, power, energy, memory_access

struct MetricAccuracy
{
    int count = 0;
    double within10 = 0, within5 = 0; // shares of predictions within +-10% / +-5%
    double mape = 0;                  // mean absolute percentage error, as a fraction
    double rmse = 0;                  // in the metric's SI unit (s, W, J, bytes)
    double spearman = 0, kendall = 0; // rank correlations (1 when n < 2)
    // The validated values' relative spread, max / min - 1. Rank correlation is judged only
    // when it exceeds the tolerance: within it, the order of near-equal networks is noise
    // (a converged population's latencies span a few percent).
    double spread = 0;
    bool rankJudged = false;
    // Pairs whose validated values differ by more than kDistinctRatio, which predictions
    // within the tolerance cannot swap, and how many of them the predictions misorder. A
    // low rank correlation fails the check only when some such pair is misordered:
    // otherwise every swap is of networks closer than the tolerance can tell apart.
    int distinctPairs = 0, misorderedDistinctPairs = 0;
};

// The relative error within which a prediction counts as right (the check's 10%), and
// under which two validated values count as equal for ranking.
constexpr double kCheckTolerance = 0.10;
// Two validated values this far apart keep their order under any predictions within the
// tolerance: (1 + 0.1) / (1 - 0.1), about 22%.
constexpr double kDistinctRatio = (1 + kCheckTolerance) / (1 - kCheckTolerance);

struct MetricThresholds
{
    double minWithin10 = 0.90;
    double maxMape = 0.08;
    double minSpearman = 0.95;
};

struct CheckThresholds
{
    std::array<MetricThresholds, kCheckMetricCount> metric{};
    // The least share of compared sub-networks whose feasibility and front membership
    // are the same predicted and validated (judged by the pipeline, which knows the
    // constraints; search/DecisionAgreement.h).
    double minDecisionAgreement = 0.9;
};

struct AccuracyReport
{
    std::array<MetricAccuracy, kCheckMetricCount> metric{};
    bool finetune = false;                  // a threshold failed
    std::vector<TranslatableText> failures; // "latency: 82.0% < 90.0% within 10%"
    std::vector<TranslatableText> notes;    // what was not judged, and why
};

// "a < b" with as many decimals as it takes for the two numbers to read differently
// (never "0.950 < 0.950"), at least `decimals`; `unit` follows each number.
std::string comparison(double value, const char *op, double limit, int decimals = 3, const char *unit = "");

// "82.0%" or, for a metric the validator did not measure (no validated value), "not
// measured": never a 0% that reads as a failure.
std::string shareWithin10(const MetricAccuracy &a);

MetricAccuracy accuracyOf(const std::vector<double> &predicted, const std::vector<double> &validated);
AccuracyReport checkAccuracy(const std::vector<Figures> &predicted, const std::vector<Figures> &validated,
                             const CheckThresholds &thresholds = {});

double spearmanRho(const std::vector<double> &a, const std::vector<double> &b);
double kendallTau(const std::vector<double> &a, const std::vector<double> &b); // tau-b

} // namespace calibra::predictor
