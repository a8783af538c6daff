// SPDX-License-Identifier: GPL-3.0-or-later
#include "DecisionAgreement.h"

#include "Pareto.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace calibra::search {

namespace {

// The first front as the constrained search sees it: the non-dominated feasible
// candidates (accuracy up; the costs the search minimizes down); when none is feasible,
// the least violating ones.
std::vector<bool> onFirstFront(const std::vector<Evaluation> &evaluations, const SearchOptions &options)
{
    const Constraints &c = options.constraints;
    std::vector<int> feasible;
    for (size_t i = 0; i < evaluations.size(); ++i)
        if (c.violation(evaluations[i]) <= 0)
            feasible.push_back(int(i));
    std::vector<bool> member(evaluations.size(), false);
    if (feasible.empty()) {
        double least = std::numeric_limits<double>::infinity();
        for (const Evaluation &e : evaluations)
            least = std::min(least, c.violation(e));
        for (size_t i = 0; i < evaluations.size(); ++i)
            member[i] = c.violation(evaluations[i]) <= least;
        return member;
    }
    std::vector<Objectives> points;
    for (int i : feasible)
        points.push_back(frontObjectives(evaluations[size_t(i)], options));
    const std::vector<std::vector<int>> fronts = nonDominatedFronts(points);
    for (int k : fronts.front())
        member[size_t(feasible[size_t(k)])] = true;
    return member;
}

} // namespace

DecisionAgreement decisionAgreement(const std::vector<Evaluation> &predicted, const std::vector<Evaluation> &validated,
                                    const SearchOptions &options)
{
    const Constraints &constraints = options.constraints;
    DecisionAgreement a;
    a.candidates = int(std::min(predicted.size(), validated.size()));
    if (a.candidates == 0)
        return a;
    for (int i = 0; i < a.candidates; ++i)
        a.feasibilityDisagreements +=
            (constraints.violation(predicted[size_t(i)]) > 0) != (constraints.violation(validated[size_t(i)]) > 0);
    const std::vector<Evaluation> p0(predicted.begin(), predicted.begin() + a.candidates),
        v0(validated.begin(), validated.begin() + a.candidates);
    const std::vector<bool> p = onFirstFront(p0, options), v = onFirstFront(v0, options);
    for (int i = 0; i < a.candidates; ++i)
        a.frontDisagreements += p[size_t(i)] != v[size_t(i)];
    a.feasibility = 1.0 - double(a.feasibilityDisagreements) / a.candidates;
    a.front = 1.0 - double(a.frontDisagreements) / a.candidates;
    return a;
}

std::vector<int> frontMembers(const std::vector<Evaluation> &candidates, const SearchOptions &options)
{
    std::vector<int> out;
    if (candidates.empty())
        return {};
    const std::vector<bool> member = onFirstFront(candidates, options);
    for (size_t i = 0; i < member.size(); ++i)
        if (member[i])
            out.push_back(int(i));
    return out;
}

std::vector<int> nearTheLimits(const std::vector<Evaluation> &candidates, const Constraints &c, double band)
{
    // Relative distance to the nearest limit that is set.
    const auto distance = [&](const Evaluation &e) {
        double d = std::numeric_limits<double>::infinity();
        const auto to = [&](double value, double limit) {
            if (limit > 0)
                d = std::min(d, std::abs(value / limit - 1.0));
        };
        to(e.latencyMs, c.maxLatencyMs);
        to(e.powerMw, c.maxPowerMw);
        to(e.dramBytes, c.maxDramBytes);
        return d;
    };
    std::vector<std::pair<double, int>> near;
    for (size_t i = 0; i < candidates.size(); ++i)
        if (const double d = distance(candidates[i]); d <= band)
            near.push_back({d, int(i)});
    std::sort(near.begin(), near.end());
    std::vector<int> out;
    for (const auto &[d, i] : near)
        out.push_back(i);
    return out;
}

} // namespace calibra::search
