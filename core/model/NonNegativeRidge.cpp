// SPDX-License-Identifier: GPL-3.0-or-later
#include "NonNegativeRidge.h"

#include "DenseSolve.h"

#include <algorithm>
#include <cmath>

namespace calibra::model {

using Matrix = std::vector<std::vector<double>>;

// The Lawson-Hanson active-set method on the normal equations (Bro and de Jong's form). The
// columns are nearly collinear (every block has as many activations as convolutions),
// where coordinate descent crawls; the active set ends in at most a few dozen solves.
std::vector<double> solveNonNegativeRidge(const Matrix &g, const std::vector<double> &h, double lambda,
                                          const std::vector<double> &prior)
{
    const size_t p = h.size();
    Matrix q = g;
    std::vector<double> c(p);
    for (size_t j = 0; j < p; ++j) {
        q[j][j] += lambda;
        c[j] = h[j] + lambda * prior[j];
    }
    std::vector<double> theta(p, 0.0);
    std::vector<bool> passive(p, false);
    const auto gradient = [&] {
        std::vector<double> w(p);
        for (size_t j = 0; j < p; ++j) {
            w[j] = c[j];
            for (size_t k = 0; k < p; ++k)
                w[j] -= q[j][k] * theta[k];
        }
        return w;
    };
    const auto solvePassive = [&] {
        std::vector<size_t> idx;
        for (size_t j = 0; j < p; ++j)
            if (passive[j])
                idx.push_back(j);
        Matrix sub(idx.size(), std::vector<double>(idx.size()));
        std::vector<double> rhs(idx.size());
        for (size_t a = 0; a < idx.size(); ++a) {
            rhs[a] = c[idx[a]];
            for (size_t b = 0; b < idx.size(); ++b)
                sub[a][b] = q[idx[a]][idx[b]];
        }
        const std::vector<double> x = solveDense(sub, rhs);
        std::vector<double> s(p, 0.0);
        for (size_t a = 0; a < idx.size(); ++a)
            s[idx[a]] = x[a];
        return s;
    };
    double scaleOfC = 0;
    for (double v : c)
        scaleOfC = std::max(scaleOfC, std::abs(v));
    const double tolerance = 1e-12 * (1 + scaleOfC);
    for (size_t outer = 0; outer < 3 * p + 3; ++outer) {
        const std::vector<double> w = gradient();
        size_t enter = p;
        for (size_t j = 0; j < p; ++j)
            if (!passive[j] && w[j] > tolerance && (enter == p || w[j] > w[enter]))
                enter = j;
        if (enter == p)
            break;
        passive[enter] = true;
        for (size_t inner = 0; inner < 3 * p + 3; ++inner) {
            const std::vector<double> s = solvePassive();
            bool feasible = true;
            double alpha = 1;
            for (size_t j = 0; j < p; ++j)
                if (passive[j] && s[j] <= 0) {
                    feasible = false;
                    alpha = std::min(alpha, theta[j] / (theta[j] - s[j]));
                }
            if (feasible) {
                theta = s;
                break;
            }
            for (size_t j = 0; j < p; ++j) {
                theta[j] += alpha * (s[j] - theta[j]);
                if (passive[j] && theta[j] <= 1e-15) {
                    passive[j] = false;
                    theta[j] = 0;
                }
            }
        }
    }
    return theta;
}

RelativeFit fitRelativeNonNegative(const Matrix &a, const std::vector<double> &prior,
                                   std::initializer_list<double> grid, double fallbackRidge)
{
    const size_t n = a.size(), p = prior.size();
    // Normal equations of the samples outside `fold` (all of them for folds <= 1).
    const auto fitWithout = [&](double lambda, size_t fold, size_t folds) {
        Matrix g(p, std::vector<double>(p, 0.0));
        std::vector<double> h(p, 0.0);
        for (size_t q = 0; q < n; ++q) {
            if (folds > 1 && q % folds == fold)
                continue;
            for (size_t x = 0; x < p; ++x) {
                h[x] += a[q][x];
                for (size_t y = 0; y < p; ++y)
                    g[x][y] += a[q][x] * a[q][y];
            }
        }
        return solveNonNegativeRidge(g, h, lambda, prior);
    };
    const size_t folds = n <= 20 ? n : 5;
    RelativeFit fit;
    fit.ridge =
        folds > 1 ? crossValidatedRidge(
            grid, n, folds, fallbackRidge, [&](double lambda, size_t fold) { return fitWithout(lambda, fold, folds); },
            [&](const std::vector<double> &theta, size_t q) {
                double ratio = 0;
                for (size_t j = 0; j < p; ++j)
                    ratio += theta[j] * a[q][j];
                return ratio;
            })
                  : fallbackRidge;
    fit.theta = fitWithout(fit.ridge, 0, 1);
    return fit;
}

} // namespace calibra::model
