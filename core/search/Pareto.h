// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pareto dominance, non-dominated sorting, crowding distance and hypervolume over
// objective vectors that are all minimized (callers negate what they maximize).
#include <vector>

namespace calibra::search {

using Objectives = std::vector<double>;

bool dominates(const Objectives &a, const Objectives &b);

// Fronts of indices, best first (NSGA-II's fast non-dominated sort, Deb et al. 2002).
std::vector<std::vector<int>> nonDominatedFronts(const std::vector<Objectives> &points);

// Crowding distance of each member of one front (infinite at the extremes).
std::vector<double> crowdingDistances(const std::vector<Objectives> &points, const std::vector<int> &front);

// For one front of two objectives: how long each member survives when the member that
// adds the least hypervolume is removed one at a time (SMS-EMOA's selection, Beume et
// al. 2007): higher is kept longer; the two extremes are infinite, as in crowding.
std::vector<double> hypervolumeKeepOrder(const std::vector<Objectives> &points, const std::vector<int> &front);

// Hypervolume dominated by `points` with respect to `reference` (a point worse than all
// of them in every objective), for two objectives; points beyond the reference are
// ignored.
double hypervolume2d(std::vector<Objectives> points, const Objectives &reference);

} // namespace calibra::search
