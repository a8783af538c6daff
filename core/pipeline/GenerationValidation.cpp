// SPDX-License-Identifier: GPL-3.0-or-later
#include "GenerationValidation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace calibra::pipeline {

namespace {

using PerMetric = GenerationValidation::PerMetric;

PerMetric displayValues(const search::Evaluation &e)
{
    PerMetric v{};
    v[predictor::CheckLatency] = e.latencyMs;
    v[predictor::CheckPower] = e.powerMw;
    v[predictor::CheckEnergy] = e.energyMj;
    v[predictor::CheckDram] = e.dramBytes / 1e6;
    return v;
}

} // namespace

PerMetric figuresInDisplayUnits(const predictor::Figures &f)
{
    PerMetric v{};
    v[predictor::CheckLatency] = f.latencySeconds * 1e3;
    // Power is energy over latency: unavailable when energy is.
    v[predictor::CheckPower] = std::isfinite(f.energyJoules) ? f.powerWatts() * 1e3 : std::nan("");
    v[predictor::CheckEnergy] = f.energyJoules * 1e3;
    v[predictor::CheckDram] = f.dramBytes / 1e6;
    return v;
}

namespace {

// Running means that skip what is not a number.
struct Means
{
    PerMetric sum{}, count{};
    void add(const PerMetric &v)
    {
        for (size_t m = 0; m < v.size(); ++m)
            if (std::isfinite(v[m])) {
                sum[m] += v[m];
                count[m] += 1;
            }
    }
    PerMetric value() const
    {
        PerMetric out{};
        for (size_t m = 0; m < out.size(); ++m)
            out[m] = count[m] > 0 ? sum[m] / count[m] : std::numeric_limits<double>::quiet_NaN();
        return out;
    }
};

} // namespace

std::vector<GenerationValidation> generationValidations(const RunSnapshot &run)
{
    // Every validated sub-network by genotype, from the checks and from each generation's
    // validated best members (the same network's figures wherever it was validated).
    std::map<std::string, predictor::Figures> validated;
    const auto add = [&](const StoredCheckSample &s) {
        if (s.wasValidated())
            validated[s.genotype] = s.validated;
    };
    for (const StoredCheck &c : run.checks)
        std::for_each(c.samples.begin(), c.samples.end(), add);
    for (const StoredGenerationSamples &g : run.generationSamples)
        std::for_each(g.samples.begin(), g.samples.end(), add);
    std::vector<GenerationValidation> out;
    for (size_t s = 0; s < run.searches.size(); ++s)
        for (const search::Generation &g : run.searches[s]) {
            GenerationValidation v;
            v.search = int(s);
            v.generation = g.index;
            Means all, predictedOfValidated, validatedOfValidated;
            std::set<std::string> seen;
            for (size_t i = 0; i < g.population.size() && i < g.evaluations.size(); ++i) {
                const std::string key = genotypeText(g.population[i]);
                if (!seen.insert(key).second)
                    continue;
                ++v.members;
                const PerMetric predicted = displayValues(g.evaluations[i]);
                all.add(predicted);
                if (const auto it = validated.find(key); it != validated.end()) {
                    ++v.validated;
                    predictedOfValidated.add(predicted);
                    validatedOfValidated.add(figuresInDisplayUnits(it->second));
                }
            }
            v.predictedAll = all.value();
            v.predictedOfValidated = predictedOfValidated.value();
            v.validatedOfValidated = validatedOfValidated.value();
            out.push_back(v);
        }
    return out;
}

std::vector<CheckMark> checkMarks(const RunSnapshot &run)
{
    std::vector<int> offset; // the axis position of each search's generation 0
    int next = 0;
    for (const auto &gens : run.searches) {
        offset.push_back(next);
        next += int(gens.size());
    }
    std::vector<CheckMark> out;
    for (size_t i = 0; i < run.checks.size(); ++i) {
        const StoredCheck &c = run.checks[i];
        if (c.search < 0 || size_t(c.search) >= offset.size())
            continue; // a check of a search with no generation stored yet
        const double first = offset[size_t(c.search)];
        const double size = double(run.searches[size_t(c.search)].size());
        double x = 0;
        if (c.summary.stage == CheckStage::Pre)
            x = first - 0.5;
        else if (c.summary.stage == CheckStage::Online && c.generation >= 0)
            x = first + c.generation + 0.5;
        else
            x = first + size - 0.5;
        out.push_back({x, i});
    }
    return out;
}

} // namespace calibra::pipeline
