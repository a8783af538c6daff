#include "NonNegativeRidge.h"

#include "DenseSolve.h"

#include <algorithm>
#include <cmath>

namespace calibra::predictor {

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

} // namespace calibra::predictor
