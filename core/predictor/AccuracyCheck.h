#pragma once
// The accuracy check: predicted against validated figures of sampled networks, per
// metric, compared with thresholds; the decision to finetune or to bypass finetuning.
#include "Features.h"

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
};

struct MetricThresholds
{
    double minWithin10 = 0.90;
    double maxMape = 0.08;
    double minSpearman = 0.95;
};

struct CheckThresholds
{
    std::array<MetricThresholds, kCheckMetricCount> metric{};
};

struct AccuracyReport
{
    std::array<MetricAccuracy, kCheckMetricCount> metric{};
    bool finetune = false;             // a threshold failed
    std::vector<std::string> failures; // "latency: 82.0% within 10% < 90.0%"
};

MetricAccuracy accuracyOf(const std::vector<double> &predicted, const std::vector<double> &validated);
AccuracyReport checkAccuracy(const std::vector<Figures> &predicted, const std::vector<Figures> &validated,
                             const CheckThresholds &thresholds = {});

double spearmanRho(const std::vector<double> &a, const std::vector<double> &b);
double kendallTau(const std::vector<double> &a, const std::vector<double> &b); // tau-b

} // namespace calibra::predictor
