// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccuracyCheck.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <numeric>

namespace calibra::predictor {

const char *checkMetricName(int metric)
{
    switch (metric) {
    case CheckLatency: return "latency";
    case CheckPower: return "power";
    case CheckEnergy: return "energy";
    case CheckDram: return "memory_access";
    default: return "?";
    }
}

namespace {

std::vector<double> ranks(const std::vector<double> &v)
{
    std::vector<size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&v](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
            ++j;
        const double avg = (double(i) + double(j)) / 2 + 1; // ties share their mean rank
        for (size_t k = i; k <= j; ++k)
            r[order[k]] = avg;
        i = j + 1;
    }
    return r;
}

double pearson(const std::vector<double> &a, const std::vector<double> &b)
{
    const double n = double(a.size());
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n, mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 1.0;
}

} // namespace

double spearmanRho(const std::vector<double> &a, const std::vector<double> &b)
{
    return a.size() < 2 ? 1.0 : pearson(ranks(a), ranks(b));
}

double kendallTau(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() < 2)
        return 1.0;
    double concordant = 0, discordant = 0, tiesA = 0, tiesB = 0;
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = i + 1; j < a.size(); ++j) {
            const double da = a[i] - a[j], db = b[i] - b[j];
            if (da == 0 && db == 0)
                continue;
            if (da == 0)
                ++tiesA;
            else if (db == 0)
                ++tiesB;
            else if ((da > 0) == (db > 0))
                ++concordant;
            else
                ++discordant;
        }
    const double denom = std::sqrt((concordant + discordant + tiesA) * (concordant + discordant + tiesB));
    return denom > 0 ? (concordant - discordant) / denom : 1.0;
}

MetricAccuracy accuracyOf(const std::vector<double> &predictedAll, const std::vector<double> &validatedAll)
{
    // Only pairs with a validated value count (a backend may not measure every metric).
    std::vector<double> predicted, validated;
    for (size_t i = 0; i < validatedAll.size(); ++i)
        if (std::isfinite(validatedAll[i])) {
            predicted.push_back(predictedAll[i]);
            validated.push_back(validatedAll[i]);
        }
    MetricAccuracy m;
    m.count = int(predicted.size());
    if (predicted.empty())
        return m;
    double sq = 0, ape = 0;
    int in10 = 0, in5 = 0;
    for (size_t i = 0; i < predicted.size(); ++i) {
        const double rel = validated[i] != 0 ? std::abs(predicted[i] - validated[i]) / std::abs(validated[i]) : 0.0;
        in10 += rel <= kCheckTolerance;
        in5 += rel <= 0.05;
        ape += rel;
        sq += (predicted[i] - validated[i]) * (predicted[i] - validated[i]);
    }
    const double n = double(predicted.size());
    m.within10 = in10 / n;
    m.within5 = in5 / n;
    m.mape = ape / n;
    m.rmse = std::sqrt(sq / n);
    m.spearman = spearmanRho(predicted, validated);
    m.kendall = kendallTau(predicted, validated);
    const auto [lo, hi] = std::minmax_element(validated.begin(), validated.end());
    m.spread = *lo > 0 ? *hi / *lo - 1 : (*hi > *lo ? std::numeric_limits<double>::infinity() : 0.0);
    m.rankJudged = predicted.size() >= 3 && m.spread > kCheckTolerance;
    for (size_t i = 0; i < validated.size(); ++i)
        for (size_t j = i + 1; j < validated.size(); ++j) {
            const auto [lower, higher] = validated[i] < validated[j] ? std::pair(i, j) : std::pair(j, i);
            if (validated[lower] > 0 && validated[higher] > validated[lower] * kDistinctRatio) {
                ++m.distinctPairs;
                m.misorderedDistinctPairs += predicted[higher] <= predicted[lower];
            }
        }
    return m;
}

std::string shareWithin10(const MetricAccuracy &a)
{
    if (a.count == 0)
        return "not measured";
    char b[32];
    std::snprintf(b, sizeof b, "%.1f%%", a.within10 * 100);
    return b;
}

std::string comparison(double value, const char *op, double limit, int decimals, const char *unit)
{
    char a[48], b[48];
    for (int d = decimals;; ++d) {
        std::snprintf(a, sizeof a, "%.*f", d, value);
        std::snprintf(b, sizeof b, "%.*f", d, limit);
        if (std::string(a) != b || d >= 12)
            break;
    }
    return std::string(a) + unit + " " + op + " " + b + unit;
}

namespace {
// The words a reader sees ("memory access", not the file key), by CheckMetric.
const char *const kMetricWords[kCheckMetricCount] = {QT_TRANSLATE_NOOP("calibra::TranslatableText", "latency"),
                                                     QT_TRANSLATE_NOOP("calibra::TranslatableText", "power"),
                                                     QT_TRANSLATE_NOOP("calibra::TranslatableText", "energy"),
                                                     QT_TRANSLATE_NOOP("calibra::TranslatableText", "memory access")};
} // namespace

AccuracyReport checkAccuracy(const std::vector<Figures> &predicted, const std::vector<Figures> &validated,
                             const CheckThresholds &thresholds)
{
    AccuracyReport report;
    // Passing on nothing would read as a judgement: say that none was made.
    if (predicted.empty() || validated.empty())
        report.notes.push_back(TranslatableText().add(QT_TRANSLATE_NOOP(
            "calibra::TranslatableText", "nothing compared: no sub-network of the sample was validated, so the "
                                         "predictor was not judged")));
    auto column = [](const std::vector<Figures> &v, int metric) {
        std::vector<double> out;
        for (const Figures &f : v)
            out.push_back(metric == CheckLatency  ? f.latencySeconds
                          : metric == CheckPower  ? f.powerWatts()
                          : metric == CheckEnergy ? f.energyJoules
                                                  : f.dramBytes);
        return out;
    };
    for (int m = 0; m < kCheckMetricCount; ++m) {
        const MetricAccuracy a = accuracyOf(column(predicted, m), column(validated, m));
        report.metric[size_t(m)] = a;
        if (a.count == 0)
            continue; // not measured by this backend: nothing to judge
        const MetricThresholds &t = thresholds.metric[size_t(m)];
        const TextArg name = TranslatableText::word(kMetricWords[m]);
        if (a.within10 < t.minWithin10)
            report.failures.push_back(TranslatableText().add(
                QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1: %2 within 10%"),
                {name, TranslatableText::value(comparison(a.within10 * 100, "<", t.minWithin10 * 100, 1, "%"))}));
        if (a.mape > t.maxMape)
            report.failures.push_back(TranslatableText().add(
                QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1: MAPE %2"),
                {name, TranslatableText::value(comparison(a.mape * 100, ">", t.maxMape * 100, 1, "%"))}));
        if (!a.rankJudged) {
            if (a.count >= 3)
                report.notes.push_back(
                    TranslatableText().add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                                             "%1: rank not judged (validated values span %2%, within "
                                                             "the %3% tolerance)"),
                                           {name, TranslatableText::number(a.spread * 100, "%.1f"),
                                            TranslatableText::number(kCheckTolerance * 100, "%.0f")}));
        } else if (a.spearman < t.minSpearman) {
            const TextArg rho = TranslatableText::value(comparison(a.spearman, "<", t.minSpearman));
            const TextArg apart = TranslatableText::number((kDistinctRatio - 1) * 100, "%.0f");
            const TextArg tolerance = TranslatableText::number(kCheckTolerance * 100, "%.0f");
            if (a.misorderedDistinctPairs > 0)
                report.failures.push_back(TranslatableText().add(
                    QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                      "%1: Spearman rho %2 (%3 of %4 pairs more than %5% apart out of order)"),
                    {name, rho, TranslatableText::number(a.misorderedDistinctPairs),
                     TranslatableText::number(a.distinctPairs), apart}));
            else if (a.distinctPairs == 0)
                report.notes.push_back(TranslatableText().add(
                    QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                      "%1: Spearman rho %2, but no two validated values are more than %3% apart: "
                                      "errors within the %4% tolerance can swap any pair"),
                    {name, rho, apart, tolerance}));
            else
                report.notes.push_back(TranslatableText().add(
                    QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                      "%1: Spearman rho %2, but no pair more than %3% apart is out of order: "
                                      "errors within the %4% tolerance swap only closer pairs"),
                    {name, rho, apart, tolerance}));
        }
    }
    report.finetune = !report.failures.empty();
    return report;
}

} // namespace calibra::predictor
