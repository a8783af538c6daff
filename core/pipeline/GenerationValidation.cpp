// SPDX-License-Identifier: GPL-3.0-or-later
#include "GenerationValidation.h"

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
    // Every validated sub-network by genotype (a later check's figures are the same
    // network's, from the store).
    std::map<std::string, predictor::Figures> validated;
    for (const StoredCheck &c : run.checks)
        for (const StoredCheckSample &s : c.samples)
            if (s.validated.latencySeconds > 0)
                validated[s.genotype] = s.validated;
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

} // namespace calibra::pipeline
