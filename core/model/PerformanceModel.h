// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The platform performance predictor: a LibTorch network behind a torch-free interface.
//
// Architecture (docs/predictor.md): every layer's feature row (its own features, its
// producer's and consumer's categories, fusion context, platform and setting features,
// roofline estimates) goes through a shared MLP that outputs the log of the layer's
// contribution to latency, energy and DRAM traffic; contributions are summed per
// network (nn-Meter's kernel sum, with BRP-NAS-style one-hop graph context). Identical
// rows are evaluated once per batch, which is what makes search-time batches fast.
#include "Calibration.h"
#include "DeviceTable.h"
#include "predictor/Features.h"

#include <memory>
#include <string>
#include <vector>

namespace calibra::model {

struct ModelOptions
{
    int hidden = 128;
    uint64_t seed = 1;
};

class PerformanceModel
{
public:
    explicit PerformanceModel(const ModelOptions &options = {});
    ~PerformanceModel();
    PerformanceModel(const PerformanceModel &other);            // deep copy
    PerformanceModel &operator=(const PerformanceModel &other); // deep copy
    PerformanceModel(PerformanceModel &&) noexcept;
    PerformanceModel &operator=(PerformanceModel &&) noexcept;

    predictor::Figures predict(const predictor::NetworkFeatures &network) const;
    std::vector<predictor::Figures> predict(const std::vector<const predictor::NetworkFeatures *> &networks) const;

    // Search-time path. A caller that knows which layers its candidates share evaluates
    // a table of distinct feature rows once, then each candidate is the sum of its rows'
    // contributions (no hashing of every row, unlike predict(batch)).
    // rowContributions: `count` rows of kFeatureCount -> count x kMetricCount values,
    // calibrated unless asked for the layer MLP's own figures.
    std::vector<float> rowContributions(const float *rows, int64_t count, bool calibrated = true) const;
    static predictor::Figures sumContributions(const std::vector<float> &contributions, const int32_t *rowIds,
                                               size_t count);

    // Feature normalization, fitted on the offline training set and kept by finetuning;
    // also starts the output layer at the data's scale (the mean log contribution per
    // layer), so training does not spend its first epochs finding the units.
    void fitNormalization(const std::vector<const predictor::NetworkFeatures *> &networks,
                          const std::vector<predictor::Figures> &targets);

    // A few-shot calibration on top of the layer MLP (Calibration.h); identity by default.
    // Kept in the model file and applied by every prediction path.
    const Calibration &calibration() const;
    void setCalibration(const Calibration &calibration);

    // A device table (DeviceTable.h) overrides the calibrated MLP for the rows it holds;
    // empty by default. Kept in the model file and applied by every prediction path.
    const DeviceTable &deviceTable() const;
    void setDeviceTable(DeviceTable table);

    // Versioned file: the feature schema, normalization and weights. load() refuses a
    // file whose schema differs from kFeatureSchema, naming both. Throws PredictorError.
    void save(const std::string &path) const;
    static PerformanceModel load(const std::string &path);
    static PerformanceModel loadFromBytes(const std::string &bytes, const std::string &source);
    std::string toBytes() const;

    // True when both have the same normalization and layer-MLP weights (calibrations
    // and device tables aside): a device transfer mixes references' costs under the
    // model's own MLP, which is only sound when they share it.
    bool sharesLayerMlp(const PerformanceModel &other) const;

    std::string description() const; // provenance recorded at training time
    void setDescription(const std::string &text);

    struct Impl;
    Impl &impl() { return *d; }
    const Impl &impl() const { return *d; }

private:
    std::unique_ptr<Impl> d;
};

class PredictorError : public std::runtime_error
{
public:
    explicit PredictorError(const std::string &message) : std::runtime_error(message) {}
};

} // namespace calibra::model
