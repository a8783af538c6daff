// SPDX-License-Identifier: GPL-3.0-or-later
#include "SystolicArray.h"

#include <algorithm>

namespace calibra::hardware {

namespace {

inline int64_t ceilDiv(int64_t a, int64_t b)
{
    return (a + b - 1) / b;
}

// Elements moved between SRAM and one array for one GEMM, as SCALE-Sim counts them:
// the stationary operand is loaded once, the streamed ones once per fold of the other
// dimension, and partial sums are written per reduction fold (and read back between).
double sramElements(int64_t m, int64_t n, int64_t k, int rows, int cols, Dataflow d)
{
    const double M = double(m), N = double(n), K = double(k);
    switch (d) {
    case Dataflow::OutputStationary: return M * K * double(ceilDiv(n, cols)) + K * N * double(ceilDiv(m, rows)) + M * N;
    case Dataflow::WeightStationary: {
        const double folds = double(ceilDiv(k, rows));
        return K * N + M * K * double(ceilDiv(n, cols)) + M * N * (2 * folds - 1);
    }
    case Dataflow::InputStationary: {
        const double folds = double(ceilDiv(k, rows));
        return M * K + K * N * double(ceilDiv(m, cols)) + M * N * (2 * folds - 1);
    }
    }
    return 0;
}

} // namespace

int64_t scaleSimCycles(int64_t m, int64_t n, int64_t k, int rows, int cols, Dataflow d)
{
    if (m <= 0 || n <= 0 || k <= 0)
        return 0;
    const int64_t R = rows, C = cols;
    switch (d) {
    case Dataflow::OutputStationary: return ceilDiv(m, R) * ceilDiv(n, C) * (k + R + C - 2) - 1;
    case Dataflow::WeightStationary: return ceilDiv(k, R) * ceilDiv(n, C) * (2 * R + C + m - 2) - 1;
    case Dataflow::InputStationary: return ceilDiv(k, R) * ceilDiv(m, C) * (2 * R + C + n - 2) - 1;
    }
    return 0;
}

ArrayWork gemmOnArrays(const Gemm &g, int rows, int cols, int cores, Dataflow d)
{
    ArrayWork w;
    if (g.m <= 0 || g.n <= 0 || g.k <= 0 || g.repeat <= 0)
        return w;
    const double one = double(scaleSimCycles(g.m, g.n, g.k, rows, cols, d));
    w.sramElements = sramElements(g.m, g.n, g.k, rows, cols, d) * double(g.repeat);
    if (cores <= 1) {
        w.cycles = one * double(g.repeat);
        return w;
    }
    // Whole copies per core.
    const double byCopies = one * double(ceilDiv(g.repeat, cores));
    // Or each copy split over the cores along N or M.
    const double splitN = double(scaleSimCycles(g.m, ceilDiv(g.n, cores), g.k, rows, cols, d));
    const double splitM = double(scaleSimCycles(ceilDiv(g.m, cores), g.n, g.k, rows, cols, d));
    w.cycles = std::min(byCopies, std::min(splitN, splitM) * double(g.repeat));
    return w;
}

} // namespace calibra::hardware
