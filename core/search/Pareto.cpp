// SPDX-License-Identifier: GPL-3.0-or-later
#include "Pareto.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace calibra::search {

bool dominates(const Objectives &a, const Objectives &b)
{
    bool strictly = false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i] > b[i])
            return false;
        strictly = strictly || a[i] < b[i];
    }
    return strictly;
}

std::vector<std::vector<int>> nonDominatedFronts(const std::vector<Objectives> &points)
{
    const int n = int(points.size());
    std::vector<std::vector<int>> dominated(static_cast<size_t>(n));
    std::vector<int> dominatedBy(static_cast<size_t>(n), 0);
    std::vector<std::vector<int>> fronts(1);
    for (int p = 0; p < n; ++p) {
        for (int q = 0; q < n; ++q) {
            if (dominates(points[size_t(p)], points[size_t(q)]))
                dominated[size_t(p)].push_back(q);
            else if (dominates(points[size_t(q)], points[size_t(p)]))
                ++dominatedBy[size_t(p)];
        }
        if (dominatedBy[size_t(p)] == 0)
            fronts[0].push_back(p);
    }
    for (size_t f = 0; !fronts[f].empty(); ++f) {
        std::vector<int> next;
        for (int p : fronts[f])
            for (int q : dominated[size_t(p)])
                if (--dominatedBy[size_t(q)] == 0)
                    next.push_back(q);
        fronts.push_back(std::move(next));
    }
    fronts.pop_back(); // the empty sentinel
    return fronts;
}

std::vector<double> crowdingDistances(const std::vector<Objectives> &points, const std::vector<int> &front)
{
    const size_t m = front.size();
    std::vector<double> distance(m, 0.0);
    if (m == 0)
        return distance;
    const size_t objectives = points[size_t(front[0])].size();
    std::vector<size_t> order(m);
    for (size_t k = 0; k < objectives; ++k) {
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&](size_t a, size_t b) { return points[size_t(front[a])][k] < points[size_t(front[b])][k]; });
        const double lo = points[size_t(front[order.front()])][k], hi = points[size_t(front[order.back()])][k];
        distance[order.front()] = distance[order.back()] = std::numeric_limits<double>::infinity();
        if (hi <= lo)
            continue;
        for (size_t i = 1; i + 1 < m; ++i)
            distance[order[i]] +=
                (points[size_t(front[order[i + 1]])][k] - points[size_t(front[order[i - 1]])][k]) / (hi - lo);
    }
    return distance;
}

std::vector<double> hypervolumeKeepOrder(const std::vector<Objectives> &points, const std::vector<int> &front)
{
    const size_t m = front.size();
    std::vector<double> keep(m, std::numeric_limits<double>::infinity());
    if (m < 3)
        return keep;
    // Along the first objective the second falls: each interior member adds the box
    // between its neighbours.
    std::vector<size_t> order(m);
    std::iota(order.begin(), order.end(), 0);
    const auto at = [&](size_t i, size_t k) { return points[size_t(front[i])][k]; };
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return at(a, 0) != at(b, 0) ? at(a, 0) < at(b, 0) : at(a, 1) > at(b, 1); });
    std::vector<size_t> prev(m), next(m);
    for (size_t i = 0; i < m; ++i) {
        prev[i] = i == 0 ? 0 : i - 1;
        next[i] = i + 1 == m ? m - 1 : i + 1;
    }
    std::vector<bool> alive(m, true);
    const auto contribution = [&](size_t i) {
        return (at(order[next[i]], 0) - at(order[i], 0)) * (at(order[prev[i]], 1) - at(order[i], 1));
    };
    for (size_t step = 0; step + 2 < m; ++step) {
        size_t least = next[0]; // an interior member still there, should every area be infinite
        double leastValue = std::numeric_limits<double>::infinity();
        for (size_t i = 1; i + 1 < m; ++i)
            if (alive[i] && contribution(i) < leastValue) {
                leastValue = contribution(i);
                least = i;
            }
        keep[order[least]] = double(step);
        alive[least] = false;
        next[prev[least]] = next[least];
        prev[next[least]] = prev[least];
    }
    return keep;
}

double hypervolume2d(std::vector<Objectives> points, const Objectives &reference)
{
    std::erase_if(points, [&](const Objectives &p) { return p[0] >= reference[0] || p[1] >= reference[1]; });
    std::sort(points.begin(), points.end());
    double volume = 0, bestSecond = reference[1];
    for (const Objectives &p : points) {
        if (p[1] >= bestSecond)
            continue; // dominated by an earlier point
        volume += (reference[0] - p[0]) * (bestSecond - p[1]);
        bestSecond = p[1];
    }
    return volume;
}

} // namespace calibra::search
