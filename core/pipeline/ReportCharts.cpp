// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportCharts.h"

#include "pipeline/GenerationValidation.h"

#include <algorithm>
#include <cmath>

namespace calibra::report {

namespace {

const char *const kMetricTitle[predictor::kCheckMetricCount] = {"latency", "power", "energy", "memory access"};
const char *const kMetricAxis[predictor::kCheckMetricCount] = {"latency (ms)", "power (mW)", "energy (mJ)",
                                                               "memory access (MB)"};
const char *const kCheckColors[] = {"#3060c0", "#d05010", "#2a9d4b", "#8e44ad", "#b8860b", "#555555"};

} // namespace

std::vector<SvgChart> generationValidationCharts(const pipeline::RunSnapshot &run)
{
    const std::vector<pipeline::GenerationValidation> generations = pipeline::generationValidations(run);
    std::vector<SvgMark> marks; // the same checks on every metric's chart
    for (const pipeline::CheckMark &mark : pipeline::checkMarks(run)) {
        const pipeline::StoredCheck &check = run.checks[mark.check];
        marks.push_back({mark.x, std::string(pipeline::checkStageName(check.summary.stage)) + ": "
                                     + pipeline::checkDecisionName(check.summary.decision)});
    }
    std::vector<SvgChart> out;
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        SvgSeries all{"predicted, all members (mean)", "#808080", SvgSeries::Style::Line, {}, {}};
        SvgSeries ofValidated{"predicted, validated members (mean)", "#3060c0", SvgSeries::Style::Circles, {}, {}};
        SvgSeries validated{"validated (mean; band: +-10%)", "#d05010", SvgSeries::Style::Discs, {}, {}};
        for (size_t i = 0; i < generations.size(); ++i) {
            const pipeline::GenerationValidation &g = generations[i];
            all.points.push_back({double(i), g.predictedAll[size_t(m)]});
            const double v = g.validatedOfValidated[size_t(m)];
            if (g.validated > 0 && std::isfinite(v)) {
                ofValidated.points.push_back({double(i) - 0.08, g.predictedOfValidated[size_t(m)]});
                validated.points.push_back({double(i) + 0.08, v});
                validated.bands.push_back({0.9 * v, 1.1 * v});
            }
        }
        // A metric the validator does not measure has nothing to compare: left out.
        if (validated.points.empty() && m != predictor::CheckLatency)
            continue;
        SvgChart c;
        c.title = std::string("Predicted vs validated ") + kMetricTitle[m] + ", each generation";
        c.xLabel = "generation (all searches)";
        c.integerX = true;
        c.yLabel = kMetricAxis[m];
        c.series = {all, ofValidated, validated};
        c.marks = marks;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<SvgChart> checkSampleCharts(const pipeline::RunSnapshot &run)
{
    std::vector<SvgChart> out;
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        SvgChart c;
        c.title = std::string("Accuracy checks: predicted vs validated ") + kMetricTitle[m];
        c.xLabel = std::string("validated ") + kMetricAxis[m];
        c.yLabel = std::string("predicted ") + kMetricAxis[m];
        c.diagonal = true;
        // One series per stage and decision (forty online checks are one legend entry).
        bool any = false;
        for (size_t i = 0; i < run.checks.size(); ++i) {
            const pipeline::StoredCheck &check = run.checks[i];
            const std::string name = std::string(pipeline::checkStageName(check.summary.stage)) + ": "
                                     + pipeline::checkDecisionName(check.summary.decision);
            auto series =
                std::find_if(c.series.begin(), c.series.end(), [&](const SvgSeries &s) { return s.name == name; });
            if (series == c.series.end()) {
                c.series.push_back(
                    {name, kCheckColors[c.series.size() % std::size(kCheckColors)], SvgSeries::Style::Discs, {}, {}});
                series = c.series.end() - 1;
            }
            for (const pipeline::StoredCheckSample &x : check.samples) {
                const auto validated = pipeline::figuresInDisplayUnits(x.validated);
                const auto predicted = pipeline::figuresInDisplayUnits(x.predicted);
                if (x.wasValidated() && std::isfinite(validated[size_t(m)])) {
                    series->points.push_back({validated[size_t(m)], predicted[size_t(m)]});
                    any = true;
                }
            }
        }
        if (any)
            out.push_back(std::move(c));
    }
    return out;
}

SvgChart hypervolumeChart(const pipeline::RunSnapshot &run)
{
    SvgChart c;
    c.title = std::string("Hypervolume (") + supernet::estimateNoun(run.project.estimator)
              + " x latency) of the feasible front, each generation";
    c.xLabel = "generation";
    c.integerX = true;
    c.yLabel = "hypervolume";
    for (size_t s = 0; s < run.searches.size(); ++s) {
        SvgSeries line{
            "search " + std::to_string(s), kCheckColors[s % std::size(kCheckColors)], SvgSeries::Style::Line, {}, {}};
        const std::vector<double> h = pipeline::hypervolumeHistory(run.searches[s], run.project.search.constraints);
        for (size_t g = 0; g < h.size(); ++g)
            line.points.push_back({double(run.searches[s][g].index), h[g]});
        c.series.push_back(std::move(line));
    }
    return c;
}

} // namespace calibra::report
