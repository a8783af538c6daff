// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceTransfer.h"
#include "ShippedModel.h"

#include "DenseSolve.h"
#include "NonNegativeRidge.h"
#include "Trainer.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace calibra::model {

using namespace predictor; // the features, figures and checks the model learns from

namespace {

using Matrix = std::vector<std::vector<double>>;

double measuredValue(const Sample &s, int metric)
{
    return s.target.inModelUnits(metric);
}

bool measured(const Sample &s, int metric)
{
    const double v = measuredValue(s, metric);
    return std::isfinite(v) && v > 0;
}

// The weights of the references' totals (`predicted[j][i]`) that explain the measured
// values of samples `use` for metric m: a[q][j] is reference j's total for sample q
// relative to its measured value, each column scaled (`unit`) so that alone, with
// weight 1, it explains the samples on average; the ridge then pulls towards an even
// mix of all references. Weight of reference j on its raw total: theta[j] * unit[j].
RelativeFit fitReferenceWeights(const std::vector<std::vector<Figures>> &predicted, const std::vector<Sample> &samples,
                                int m, const std::vector<size_t> &use, std::vector<double> *unit)
{
    const size_t k = predicted.size(), n = use.size();
    Matrix a(n, std::vector<double>(k));
    unit->assign(k, 0.0);
    for (size_t j = 0; j < k; ++j) {
        for (size_t q = 0; q < n; ++q) {
            a[q][j] = predicted[j][use[q]].inModelUnits(m) / measuredValue(samples[use[q]], m);
            (*unit)[j] += a[q][j];
        }
        (*unit)[j] = (*unit)[j] > 0 ? double(n) / (*unit)[j] : 0.0;
        for (size_t q = 0; q < n; ++q)
            a[q][j] *= (*unit)[j];
    }
    return fitRelativeNonNegative(a, std::vector<double>(k, 1.0 / double(k)), {1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0}, 1.0);
}

// Each reference's prediction of every sample: predicted[reference][sample].
std::vector<std::vector<Figures>> referenceTotals(const std::vector<const PerformanceModel *> &references,
                                                  const std::vector<Sample> &samples)
{
    std::vector<const NetworkFeatures *> features;
    for (const Sample &s : samples)
        features.push_back(&s.features);
    std::vector<std::vector<Figures>> predicted;
    for (const PerformanceModel *r : references)
        predicted.push_back(r->predict(features));
    return predicted;
}

} // namespace

DeviceTable fitDeviceTable(const PerformanceModel &model, const std::vector<Sample> &samples)
{
    // Distinct rows and, per sample, how often each occurs.
    std::map<std::string, size_t> ids;
    std::vector<std::vector<std::pair<size_t, double>>> counts(samples.size());
    std::vector<float> rows;
    for (size_t i = 0; i < samples.size(); ++i) {
        std::map<size_t, double> c;
        const NetworkFeatures &f = samples[i].features;
        for (int l = 0; l < f.layers; ++l) {
            const float *row = f.rows.data() + size_t(l) * kFeatureCount;
            const auto [it, inserted] = ids.emplace(deviceTableKey(row), ids.size());
            if (inserted)
                rows.insert(rows.end(), row, row + kFeatureCount);
            c[it->second] += 1;
        }
        counts[i].assign(c.begin(), c.end());
    }
    const size_t p = ids.size();
    if (p > kMaxDeviceTableRows)
        throw PredictorError("the measured networks hold " + std::to_string(p)
                             + " distinct layers; a device table "
                               "takes at most "
                             + std::to_string(kMaxDeviceTableRows));
    const std::vector<float> prior = model.rowContributions(rows.data(), int64_t(p));
    DeviceTable table;
    std::vector<std::array<float, kMetricCount>> cost(p);
    for (auto &c : cost)
        c.fill(std::nanf(""));
    bool anyMetric = false;
    for (int m = 0; m < kMetricCount; ++m) {
        std::vector<size_t> use;
        for (size_t i = 0; i < samples.size(); ++i)
            if (measured(samples[i], m))
                use.push_back(i);
        if (use.size() < size_t(kMinCalibrationSamples))
            continue;
        anyMetric = true;
        // Unknowns u_r = cost_r / unit, where unit is the measured cost per layer on
        // average (so every unknown is of order 1 however wrong the prior is); residual
        // of sample i: sum_r count_ir unit u_r / measured_i - 1; ridge towards the
        // model's contribution prior_r / unit.
        double unit = 0, layerCount = 0;
        for (size_t i : use) {
            unit += measuredValue(samples[i], m);
            layerCount += samples[i].features.layers;
        }
        unit /= std::max(layerCount, 1.0);
        const auto priorOf = [&](size_t r) {
            return std::max(double(prior[r * kMetricCount + size_t(m)]), 0.0) / unit;
        };
        const auto solve = [&](double lambda, size_t fold, size_t folds) {
            Matrix g(p, std::vector<double>(p, 0.0));
            std::vector<double> h(p, 0.0);
            for (size_t k = 0; k < use.size(); ++k) {
                if (folds > 1 && k % folds == fold)
                    continue;
                const size_t i = use[k];
                const double y = measuredValue(samples[i], m) / unit;
                for (const auto &[a, na] : counts[i]) {
                    h[a] += na / y;
                    for (const auto &[b, nb] : counts[i])
                        g[a][b] += na * nb / (y * y);
                }
            }
            for (size_t j = 0; j < p; ++j) {
                g[j][j] += lambda;
                h[j] += lambda * priorOf(j);
            }
            // A cost is never negative. Layers that always occur together (a stem and a
            // head) are told apart only by the prior, and a poor prior can push one
            // below zero: pin those at zero and solve again for the others, a few rounds
            // (a full active-set solve is too slow for hundreds of rows).
            std::vector<bool> pinned(p, false);
            std::vector<double> u;
            for (int round = 0; round < 8; ++round) {
                Matrix q = g;
                std::vector<double> c = h;
                for (size_t j = 0; j < p; ++j)
                    if (pinned[j]) {
                        for (size_t x = 0; x < p; ++x)
                            q[j][x] = q[x][j] = 0;
                        q[j][j] = 1;
                        c[j] = 0;
                    }
                u = solveDense(std::move(q), std::move(c));
                bool negative = false;
                for (size_t j = 0; j < p; ++j)
                    if (u[j] < 0) {
                        pinned[j] = negative = true;
                        u[j] = 0;
                    }
                if (!negative)
                    break;
            }
            return u;
        };
        const auto ratioOf = [&](const std::vector<double> &u, size_t i) {
            double v = 0;
            for (const auto &[a, n] : counts[i])
                v += n * u[a] * unit;
            return v / measuredValue(samples[i], m);
        };
        const size_t folds = std::min<size_t>(5, use.size());
        const double ridge = crossValidatedRidge(
            {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0}, use.size(), folds, 1.0,
            [&](double lambda, size_t fold) { return solve(lambda, fold, folds); },
            [&](const std::vector<double> &u, size_t k) { return ratioOf(u, use[k]); });
        const std::vector<double> u = solve(ridge, 0, 1);
        for (size_t r = 0; r < p; ++r)
            cost[r][size_t(m)] = float(u[r] * unit);
    }
    if (!anyMetric)
        throw PredictorError("a device table needs at least " + std::to_string(kMinCalibrationSamples)
                             + " measured networks");
    for (const auto &[key, id] : ids)
        table.emplace(key, cost[id]);
    return table;
}

namespace {
const char *const kOtherMlp = "was profiled from another offline model than the one being finetuned (their layer "
                              "MLPs differ); profile the device again (finetune --method profile) from the same model";
}

std::shared_ptr<const PerformanceModel> loadReferenceModel(const std::string &file, const PerformanceModel &model)
{
    auto reference = std::make_shared<const PerformanceModel>(loadModel(file));
    if (!reference->sharesLayerMlp(model))
        throw PredictorError(file + ": this reference device model " + kOtherMlp);
    return reference;
}

TransferFit fitTransfer(PerformanceModel &model, const std::vector<const PerformanceModel *> &references,
                        const std::vector<Sample> &samples)
{
    if (references.empty())
        throw PredictorError("finetune method 'transfer' needs at least one reference device model");
    for (size_t j = 0; j < references.size(); ++j)
        if (!references[j]->sharesLayerMlp(model))
            throw PredictorError("reference device model " + std::to_string(j + 1) + " of "
                                 + std::to_string(references.size()) + " " + kOtherMlp);
    const size_t k = references.size();
    const std::vector<std::vector<Figures>> predicted = referenceTotals(references, samples);

    TransferFit fit;
    Calibration calibration = model.calibration();
    std::array<bool, kMetricCount> fitted{};
    for (int m = 0; m < kMetricCount; ++m) {
        fit.weights[size_t(m)].assign(k, 0.0);
        std::vector<size_t> use;
        for (size_t i = 0; i < samples.size(); ++i)
            if (measured(samples[i], m))
                use.push_back(i);
        if (use.empty())
            continue;
        std::vector<double> unit;
        const RelativeFit solved = fitReferenceWeights(predicted, samples, m, use, &unit);
        fit.ridge[size_t(m)] = solved.ridge;
        const std::vector<double> &theta = solved.theta;
        for (size_t j = 0; j < k; ++j)
            fit.weights[size_t(m)][j] = theta[j] * unit[j];
        fitted[size_t(m)] = true;
        // Rows no reference holds: the weighted mix of the references' calibrations.
        for (int c = 0; c < kCategoryCount; ++c) {
            double scale = 0, perLayer = 0;
            for (size_t j = 0; j < k; ++j) {
                scale += fit.weights[size_t(m)][j] * references[j]->calibration().scale[size_t(m)][size_t(c)];
                perLayer += fit.weights[size_t(m)][j] * references[j]->calibration().perLayer[size_t(m)][size_t(c)];
            }
            calibration.scale[size_t(m)][size_t(c)] = scale;
            calibration.perLayer[size_t(m)][size_t(c)] = perLayer;
        }
    }

    // Rows some reference holds: the weighted mix of every reference's contribution.
    std::map<std::string, size_t> ids;
    std::vector<float> rows;
    for (const PerformanceModel *r : references)
        for (const auto &entry : r->deviceTable())
            if (ids.emplace(entry.first, ids.size()).second)
                rows.insert(rows.end(), reinterpret_cast<const float *>(entry.first.data()),
                            reinterpret_cast<const float *>(entry.first.data()) + kFeatureCount);
    std::vector<std::array<double, kMetricCount>> merged(ids.size());
    for (auto &v : merged)
        v.fill(0.0);
    for (size_t j = 0; j < k; ++j) {
        const std::vector<float> c = references[j]->rowContributions(rows.data(), int64_t(ids.size()));
        for (size_t r = 0; r < ids.size(); ++r)
            for (int m = 0; m < kMetricCount; ++m)
                merged[r][size_t(m)] += fit.weights[size_t(m)][j] * double(c[r * kMetricCount + size_t(m)]);
    }
    DeviceTable table;
    for (const auto &[key, id] : ids) {
        std::array<float, kMetricCount> cost{};
        for (int m = 0; m < kMetricCount; ++m)
            cost[size_t(m)] = fitted[size_t(m)] ? float(merged[id][size_t(m)]) : std::nanf("");
        table.emplace(key, cost);
    }
    model.setCalibration(calibration);
    model.setDeviceTable(std::move(table));
    return fit;
}

double transferHeldOutError(const std::vector<const PerformanceModel *> &references, const std::vector<Sample> &samples)
{
    const std::vector<std::vector<Figures>> predicted = referenceTotals(references, samples);
    double error = 0;
    size_t count = 0;
    for (int m = 0; m < kMetricCount; ++m) {
        std::vector<size_t> use;
        for (size_t i = 0; i < samples.size(); ++i)
            if (measured(samples[i], m))
                use.push_back(i);
        if (use.size() < 2)
            continue;
        const size_t folds = heldOutFolds(use.size());
        for (size_t f = 0; f < folds; ++f) {
            std::vector<size_t> fitOn, left;
            for (size_t q = 0; q < use.size(); ++q)
                (q % folds == f ? left : fitOn).push_back(use[q]);
            std::vector<double> unit;
            const RelativeFit w = fitReferenceWeights(predicted, samples, m, fitOn, &unit);
            for (size_t i : left) {
                double total = 0;
                for (size_t j = 0; j < references.size(); ++j)
                    total += w.theta[j] * unit[j] * predicted[j][i].inModelUnits(m);
                error += std::fabs(std::log(std::max(total, 1e-12) / measuredValue(samples[i], m)));
                ++count;
            }
        }
    }
    return count ? error / double(count) : std::nan("");
}

} // namespace calibra::model
