// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Non-negative ridge regression on normal equations: the few-shot calibration's fit and
// the transfer from reference devices both need coefficients that cannot turn a cost
// negative, with a ridge strength chosen by cross-validation. Torch-free.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <vector>

namespace calibra::model {

// min theta' G theta - 2 h' theta + lambda |theta - prior|^2 subject to theta >= 0.
std::vector<double> solveNonNegativeRidge(const std::vector<std::vector<double>> &g, const std::vector<double> &h,
                                          double lambda, const std::vector<double> &prior);

// The ridge strength of `grid` whose fits predict left-out samples best, by the squared
// log ratio of prediction to measurement (the error the model is judged by). Sample q
// is in fold q % folds; fitWithout(lambda, fold) fits on the other folds,
// ratioOf(coefficients, q) is sample q's prediction over its measured value. `fallback`
// when no strength gives a finite error.
template <class FitWithout, class RatioOf>
double crossValidatedRidge(std::initializer_list<double> grid, size_t samples, size_t folds, double fallback,
                           FitWithout fitWithout, RatioOf ratioOf)
{
    double best = fallback, bestError = INFINITY;
    for (double lambda : grid) {
        double error = 0;
        for (size_t f = 0; f < folds; ++f) {
            const auto coefficients = fitWithout(lambda, f);
            for (size_t q = f; q < samples; q += folds) {
                const double e = std::log(std::max(ratioOf(coefficients, q), 1e-9));
                error += e * e;
            }
        }
        if (error < bestError * (1 - 1e-9)) {
            bestError = error;
            best = lambda;
        }
    }
    return best;
}

// Folds for judging a fit on samples it has not seen: leave-one-out up to 50 samples
// (exact, and cheap at that size), else 10 folds.
inline size_t heldOutFolds(size_t samples)
{
    return samples <= 50 ? samples : 10;
}

// Non-negative coefficients theta with a * theta ~ 1, where each row of `a` holds one
// sample's columns divided by its measured value (relative errors), pulled towards
// `prior`; the ridge strength from `grid` by leave-one-out up to 20 samples, else 5 folds
// (`fallbackRidge` with a single sample).
struct RelativeFit
{
    std::vector<double> theta;
    double ridge = 0;
};
RelativeFit fitRelativeNonNegative(const std::vector<std::vector<double>> &a, const std::vector<double> &prior,
                                   std::initializer_list<double> grid, double fallbackRidge);

} // namespace calibra::model
