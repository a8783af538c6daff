// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Solves a small dense linear system q x = c by Gaussian elimination with partial
// pivoting: the calibration's active-set steps (at most 26 unknowns) and the FBNet
// lookup-table bound of bench_predictor (199 unknowns). Torch-free on purpose.
#include <cmath>
#include <utility>
#include <vector>

namespace calibra::model {

inline std::vector<double> solveDense(std::vector<std::vector<double>> q, std::vector<double> c)
{
    const size_t n = c.size();
    for (size_t col = 0; col < n; ++col) {
        size_t pivot = col;
        for (size_t r = col + 1; r < n; ++r)
            if (std::abs(q[r][col]) > std::abs(q[pivot][col]))
                pivot = r;
        std::swap(q[col], q[pivot]);
        std::swap(c[col], c[pivot]);
        for (size_t r = col + 1; r < n; ++r) {
            const double f = q[r][col] / q[col][col];
            for (size_t k = col; k < n; ++k)
                q[r][k] -= f * q[col][k];
            c[r] -= f * c[col];
        }
    }
    std::vector<double> x(n);
    for (size_t i = n; i-- > 0;) {
        double v = c[i];
        for (size_t k = i + 1; k < n; ++k)
            v -= q[i][k] * x[k];
        x[i] = v / q[i][i];
    }
    return x;
}

} // namespace calibra::model
