// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchPredictorDevices.h"

#include "model/DenseSolve.h"
#include "model/DeviceTransfer.h"
#include "model/Finetune.h"
#include "predictor/AccuracyCheck.h"
#include "validate/MeasurementTableValidator.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>

using namespace calibra::predictor;
using namespace calibra::model;

namespace calibra::bench {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// A lookup table with one latency per (layer position, block type), as FBNet itself
// uses, fitted by least squares on relative errors to some measured networks of a device.
struct LookupTable
{
    std::map<std::string, int> blockIds;
    size_t layers = 0;
    std::vector<double> cost; // [layer * blocks + block], then a constant

    explicit LookupTable(const augment::FbnetTable &table)
    {
        for (const auto &ops : table.ops)
            for (const std::string &op : ops)
                blockIds.emplace(op, int(blockIds.size()));
        layers = table.ops.front().size();
    }
    size_t parameters() const { return layers * blockIds.size() + 1; }
    std::vector<size_t> columns(const std::vector<std::string> &ops) const
    {
        std::vector<size_t> cols{parameters() - 1};
        for (size_t l = 0; l < layers; ++l)
            cols.push_back(l * blockIds.size() + size_t(blockIds.at(ops[l])));
        return cols;
    }
    void fit(const augment::FbnetTable &table, size_t device, const std::vector<size_t> &rows)
    {
        const size_t p = parameters();
        std::vector<std::vector<double>> q(p, std::vector<double>(p, 0.0));
        std::vector<double> c(p, 0.0);
        for (size_t i : rows) {
            const double w = 1
                             / table.table.value(device, validate::TableMetric::Latency,
                                                 i); // relative errors: row / measured, target 1
            const std::vector<size_t> cols = columns(table.ops[i]);
            for (size_t a : cols) {
                c[a] += w;
                for (size_t b : cols)
                    q[a][b] += w * w;
            }
        }
        for (size_t j = 0; j < p; ++j)
            q[j][j] += 1e-6;
        cost = solveDense(q, c);
    }
    double predict(const std::vector<std::string> &ops) const
    {
        double v = 0;
        for (size_t a : columns(ops))
            v += cost[a];
        return v;
    }
};

// The hardware a device column names: its batch-size suffix dropped, so that a GPU's
// columns at batch 1, 32 and 64 are one device to transfer from.
std::string hardwareOf(const std::string &column)
{
    const size_t u = column.rfind('_');
    const std::string tail = column.substr(u + 1);
    return tail == "1" || tail == "32" || tail == "64" ? column.substr(0, u) : column;
}

} // namespace

// An upper bound for few-shot adaptation on this space: the lookup table fitted to the
// first 4,000 measured networks of a device and judged on the last 1,000. What it cannot
// rank is measurement noise and non-additive effects.
void lookupTableBound(const augment::FbnetTable &table)
{
    const size_t fitRows = 4000, total = table.ops.size();
    if (total <= fitRows)
        return;
    std::printf("\nupper bound: per-(layer, block) lookup table fitted on %zu networks per device, Spearman rho on the "
                "other %zu\n",
                fitRows, total - fitRows);
    std::vector<size_t> rows(fitRows);
    for (size_t i = 0; i < fitRows; ++i)
        rows[i] = i;
    double sum = 0;
    for (size_t d = 0; d < table.table.devices.size(); ++d) {
        LookupTable lut(table);
        lut.fit(table, d, rows);
        std::vector<double> predicted, truth;
        for (size_t i = fitRows; i < total; ++i) {
            predicted.push_back(lut.predict(table.ops[i]));
            truth.push_back(table.table.value(d, validate::TableMetric::Latency, i));
        }
        const double rho = accuracyOf(predicted, truth).spearman;
        sum += rho;
        std::printf("%-18s %7.4f\n", table.table.devices[d].c_str(), rho);
    }
    std::printf("mean %.3f\n", sum / double(table.table.devices.size()));
}

void fbnetTable(const PerformanceModel &offline, const std::string &csv, bool quick)
{
    const augment::FbnetTable table = augment::loadFbnetTable(csv, quick ? 1000 : -1);
    // The devices are not our presets: describe them all with one generic target, the
    // mid-range NPU preset, and let finetuning adapt.
    const hardware::Platform p = hardware::loadPlatform("builtin:mobile-npu-m");
    const hardware::TargetSetting s = hardware::defaultSetting(p);
    std::vector<NetworkFeatures> features;
    for (const validate::MeasurementTable::Row &row : table.table.rows)
        features.push_back(networkFeatures(hardware::lowerNetwork(*row.graph), p, s));
    const auto sampleOf = [&](size_t device, size_t i) {
        Sample x;
        x.features = features[i];
        x.target = {table.table.value(device, validate::TableMetric::Latency, i) * 1e-3, std::nan(""), std::nan("")};
        return x;
    };
    // Networks [0, half) may be seen: the first N adapt the model to a device, all of them
    // profile the reference devices for the transfer. Every method is judged on
    // [half, end), networks no device's fit has seen.
    const size_t half = features.size() / 2;
    std::printf("\n3. Real devices (FBNet space, %zu networks): adapted on the first N measured networks, evaluated on "
                "the last %zu\n",
                table.table.rows.size(), table.table.rows.size() - half);
    const auto t0 = Clock::now();
    std::vector<std::shared_ptr<const PerformanceModel>> profiles;
    for (size_t d = 0; d < table.table.devices.size(); ++d) {
        std::vector<Sample> measured;
        for (size_t i = 0; i < half; ++i)
            measured.push_back(sampleOf(d, i));
        FinetuneOptions fo;
        fo.method = FinetuneMethod::Profile;
        fo.heldOutShare = 0;
        auto profile = std::make_shared<PerformanceModel>(offline);
        finetune(*profile, measured, {}, fo);
        profiles.push_back(std::move(profile));
    }
    std::printf("reference profiles: %zu devices, each from its first %zu networks (%zu table rows), %.1f s\n",
                profiles.size(), half, profiles.front()->deviceTable().size(), since(t0));
    // retrain: the layer MLP finetuned (150 epochs at most, early stopping on a 20%
    // held-out share); calibrate: the per-category calibration alone (Calibration.h);
    // auto: calibrate, then retrain under the calibration (the pipeline's default);
    // transfer: a mix of the profiles of the other hardware (a GPU's other batch sizes
    // excluded), DeviceTransfer.h.
    const int sizes[3] = {10, 20, 50};
    constexpr int kMethods = 4;
    const FinetuneMethod methods[kMethods] = {FinetuneMethod::Retrain, FinetuneMethod::Calibrate, FinetuneMethod::Auto,
                                              FinetuneMethod::Transfer};
    std::printf("%-18s %7s", "device", "rho@0");
    for (FinetuneMethod m : methods)
        for (int n : sizes)
            std::printf(" %5.5s@%-3d", finetuneMethodName(m), n);
    std::printf(" %8s %8s\n", "10%@20t", "10%@50t");
    std::vector<const NetworkFeatures *> rest;
    for (size_t i = half; i < features.size(); ++i)
        rest.push_back(&features[i]);
    const auto evaluate = [&](const PerformanceModel &model, size_t d) {
        const std::vector<Figures> pred = model.predict(rest);
        std::vector<double> truth, predicted;
        for (size_t i = 0; i < rest.size(); ++i) {
            truth.push_back(table.table.value(d, validate::TableMetric::Latency, i + half));
            predicted.push_back(pred[i].latencySeconds * 1e3);
        }
        return accuracyOf(predicted, truth);
    };
    double rhoOffline = 0, rhoSum[kMethods][3] = {}, withinSum[kMethods][3] = {};
    int adoptedCalibration[3] = {}, adoptedTransfer[3] = {};
    for (size_t d = 0; d < table.table.devices.size(); ++d) {
        const double rho0 = evaluate(offline, d).spearman;
        rhoOffline += rho0;
        std::printf("%-18s %7.4f", table.table.devices[d].c_str(), rho0);
        double within[3] = {};
        for (int k = 0; k < kMethods; ++k)
            for (int s = 0; s < 3; ++s) {
                const int n = sizes[s];
                std::vector<Sample> trainSet;
                for (int i = 0; i < n; ++i)
                    trainSet.push_back(sampleOf(d, size_t(i)));
                PerformanceModel model = offline;
                FinetuneOptions fo;
                fo.train.epochs = 150;
                fo.train.batchNetworks = 8;
                fo.train.patience = 40;
                fo.heldOutShare = 0.2;
                fo.method = methods[k];
                for (size_t r = 0; r < profiles.size(); ++r)
                    if (hardwareOf(table.table.devices[r]) != hardwareOf(table.table.devices[d]))
                        fo.references.push_back(profiles[r]);
                const FinetuneReport r = finetune(model, trainSet, {}, fo);
                if (methods[k] == FinetuneMethod::Auto && r.adoptedMethod.rfind("calibrate", 0) == 0)
                    ++adoptedCalibration[s];
                if (methods[k] == FinetuneMethod::Transfer && r.adopted)
                    ++adoptedTransfer[s];
                const MetricAccuracy a = evaluate(model, d);
                rhoSum[k][s] += a.spearman;
                withinSum[k][s] += a.within10;
                if (methods[k] == FinetuneMethod::Transfer)
                    within[s] = a.within10;
                std::printf(" %9.4f", a.spearman);
                std::fflush(stdout);
            }
        std::printf(" %7.1f%% %7.1f%%\n", within[1] * 100, within[2] * 100);
    }
    const double n = double(table.table.devices.size());
    std::printf("mean over %zu devices: offline rho %.3f\n", table.table.devices.size(), rhoOffline / n);
    for (int k = 0; k < kMethods; ++k)
        std::printf("  %-9s rho %.3f / %.3f / %.3f, within 10%% %.1f%% / %.1f%% / %.1f%% (10 / 20 / 50 samples)\n",
                    finetuneMethodName(methods[k]), rhoSum[k][0] / n, rhoSum[k][1] / n, rhoSum[k][2] / n,
                    withinSum[k][0] / n * 100, withinSum[k][1] / n * 100, withinSum[k][2] / n * 100);
    std::printf("auto kept a calibration on %d / %d / %d of %zu devices; transfer was adopted on %d / %d / %d; "
                "HELP: rho 0.910 with 10 samples\n",
                adoptedCalibration[0], adoptedCalibration[1], adoptedCalibration[2], table.table.devices.size(),
                adoptedTransfer[0], adoptedTransfer[1], adoptedTransfer[2]);
    if (!quick)
        lookupTableBound(table);
}

} // namespace calibra::bench
