#pragma once
// Non-negative ridge regression on normal equations: the few-shot calibration's fit and
// the transfer from reference devices both need coefficients that cannot turn a cost
// negative. Torch-free.
#include <vector>

namespace calibra::predictor {

// min theta' G theta - 2 h' theta + lambda |theta - prior|^2 subject to theta >= 0.
std::vector<double> solveNonNegativeRidge(const std::vector<std::vector<double>> &g, const std::vector<double> &h,
                                          double lambda, const std::vector<double> &prior);

} // namespace calibra::predictor
