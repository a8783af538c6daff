// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelImpl.h"

#include "base/TorchThreads.h"
#include "graph/NetworkFile.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace calibra::model {

using namespace predictor; // the features, figures and checks the model learns from

LayerMlpImpl::LayerMlpImpl(int hidden)
{
    l1 = register_module("l1", torch::nn::Linear(kFeatureCount, hidden));
    l2 = register_module("l2", torch::nn::Linear(hidden, hidden));
    l3 = register_module("l3", torch::nn::Linear(hidden, kMetricCount));
    // Linear in the (log-scaled) features: the roofline and compiler-plan estimates map
    // to log contributions almost linearly, so the hidden layers learn the residual.
    skip =
        register_module("skip", torch::nn::Linear(torch::nn::LinearOptions(kFeatureCount, kMetricCount).bias(false)));
    torch::NoGradGuard noGrad;
    skip->weight.zero_();
}

torch::Tensor LayerMlpImpl::forward(const torch::Tensor &x)
{
    return l3(torch::relu(l2(torch::relu(l1(x))))) + skip(x);
}

void PerformanceModel::Impl::setCalibration(const Calibration &c)
{
    calibration = c;
    if (c.isIdentity()) {
        calibrationScale = calibrationPerLayer = torch::Tensor();
        return;
    }
    calibrationScale = torch::empty({kCategoryCount, kMetricCount});
    calibrationPerLayer = torch::empty({kCategoryCount, kMetricCount});
    for (int k = 0; k < kCategoryCount; ++k)
        for (int m = 0; m < kMetricCount; ++m) {
            calibrationScale[k][m] = float(c.scale[size_t(m)][size_t(k)]);
            calibrationPerLayer[k][m] = float(c.perLayer[size_t(m)][size_t(k)]);
        }
}

torch::Tensor PerformanceModel::Impl::contributions(const torch::Tensor &rows, bool calibrated)
{
    torch::Tensor c = mlp->forward((rows - mean) * invStd).clamp(-30, 30).exp();
    if (!calibrated)
        return c;
    if (calibrationScale.defined()) {
        const torch::Tensor category = rows.narrow(1, 0, kCategoryCount).argmax(1);
        c = c * calibrationScale.index_select(0, category) + calibrationPerLayer.index_select(0, category);
    }
    return applyDeviceTable(rows, c);
}

void PerformanceModel::Impl::inferContributions(const float *rows, int64_t count, bool calibrated, float *out)
{
    constexpr int64_t kChunkRows = 4096;
    torch::InferenceMode inference;
    for (int64_t at = 0; at < count; at += kChunkRows) {
        const int64_t n = std::min(kChunkRows, count - at);
        const torch::Tensor x = torch::from_blob(const_cast<float *>(rows + at * kFeatureCount), {n, kFeatureCount});
        const torch::Tensor c = contributions(x, calibrated).contiguous();
        std::memcpy(out + at * kMetricCount, c.data_ptr<float>(), size_t(n) * kMetricCount * sizeof(float));
    }
}

torch::Tensor PerformanceModel::Impl::applyDeviceTable(const torch::Tensor &rows, const torch::Tensor &c) const
{
    if (deviceTable.empty())
        return c;
    const torch::Tensor x = rows.contiguous();
    const int64_t n = x.size(0);
    torch::Tensor values = torch::zeros({n, kMetricCount});
    torch::Tensor held = torch::zeros({n, kMetricCount}, torch::kBool);
    const float *src = x.data_ptr<float>();
    float *v = values.data_ptr<float>();
    bool *h = held.data_ptr<bool>();
    bool any = false;
    for (int64_t r = 0; r < n; ++r) {
        const auto it = deviceTable.find(deviceTableKey(src + r * kFeatureCount));
        if (it == deviceTable.end())
            continue;
        for (int m = 0; m < kMetricCount; ++m)
            if (std::isfinite(it->second[size_t(m)])) {
                v[r * kMetricCount + m] = it->second[size_t(m)];
                h[r * kMetricCount + m] = true;
                any = true;
            }
    }
    // Tabled values are constants: no gradient reaches the MLP through them.
    return any ? torch::where(held, values, c) : c;
}

torch::Tensor PerformanceModel::Impl::logTotals(const torch::Tensor &rows, const torch::Tensor &networkIndex,
                                                int64_t count)
{
    const torch::Tensor totals =
        torch::zeros({count, kMetricCount}).index_add(0, networkIndex, contributions(rows, true));
    return (totals + 1e-12).log();
}

PackedBatch pack(const std::vector<const NetworkFeatures *> &networks)
{
    int64_t rows = 0;
    for (const NetworkFeatures *n : networks)
        rows += n->layers;
    PackedBatch b;
    b.rows = torch::empty({rows, kFeatureCount});
    b.networkIndex = torch::empty({rows}, torch::kLong);
    float *dst = b.rows.data_ptr<float>();
    int64_t *idx = b.networkIndex.data_ptr<int64_t>();
    int64_t at = 0;
    for (size_t i = 0; i < networks.size(); ++i) {
        std::memcpy(dst + at * kFeatureCount, networks[i]->rows.data(), networks[i]->rows.size() * sizeof(float));
        for (int l = 0; l < networks[i]->layers; ++l)
            idx[at++] = int64_t(i);
    }
    b.networks = int64_t(networks.size());
    return b;
}

torch::Tensor logTargets(const std::vector<Figures> &figures)
{
    torch::Tensor t = torch::empty({int64_t(figures.size()), kMetricCount});
    auto a = t.accessor<float, 2>();
    for (size_t i = 0; i < figures.size(); ++i) {
        for (int m = 0; m < kMetricCount; ++m)
            a[int64_t(i)][m] = float(std::log(figures[i].inModelUnits(m) + 1e-12));
    }
    return t;
}

// Draws from LibTorch's global generator as if it were seeded with `seed`, and gives it
// back its state afterwards: a model made mid-run (a predictor loaded or copied to
// finetune) must not change what the run's own seeded draws come out as.
class ScopedTorchSeed
{
public:
    explicit ScopedTorchSeed(uint64_t seed) : m_generator(at::detail::getDefaultCPUGenerator())
    {
        m_state = m_generator.get_state();
        m_generator.set_current_seed(seed);
    }
    ~ScopedTorchSeed() { m_generator.set_state(m_state); }
    ScopedTorchSeed(const ScopedTorchSeed &) = delete;
    ScopedTorchSeed &operator=(const ScopedTorchSeed &) = delete;

private:
    at::Generator m_generator;
    at::Tensor m_state;
};

PerformanceModel::PerformanceModel(const ModelOptions &options) : d(std::make_unique<Impl>())
{
    base::adaptTorchThreads();
    d->hidden = options.hidden;
    {
        const ScopedTorchSeed seeded(options.seed); // the initial weights, the same for the same seed
        d->mlp = LayerMlp(options.hidden);
    }
    d->mean = torch::zeros({kFeatureCount});
    d->invStd = torch::ones({kFeatureCount});
}

PerformanceModel::~PerformanceModel() = default;
PerformanceModel::PerformanceModel(PerformanceModel &&) noexcept = default;
PerformanceModel &PerformanceModel::operator=(PerformanceModel &&) noexcept = default;

PerformanceModel::PerformanceModel(const PerformanceModel &other) : d(std::make_unique<Impl>())
{
    *this = other;
}

PerformanceModel &PerformanceModel::operator=(const PerformanceModel &other)
{
    if (this == &other)
        return *this;
    auto copy = std::make_unique<Impl>();
    copy->hidden = other.d->hidden;
    copy->mlp = LayerMlp(other.d->hidden);
    torch::NoGradGuard noGrad;
    const auto src = other.d->mlp->parameters();
    auto dst = copy->mlp->parameters();
    for (size_t i = 0; i < src.size(); ++i)
        dst[i].copy_(src[i]);
    copy->mean = other.d->mean.clone();
    copy->invStd = other.d->invStd.clone();
    copy->description = other.d->description;
    copy->setCalibration(other.d->calibration);
    copy->deviceTable = other.d->deviceTable;
    d = std::move(copy);
    return *this;
}

void PerformanceModel::fitNormalization(const std::vector<const NetworkFeatures *> &networks,
                                        const std::vector<Figures> &targets)
{
    const PackedBatch b = pack(networks);
    d->mean = b.rows.mean(0);
    d->invStd = 1.0 / (b.rows.std(0) + 1e-3);
    if (targets.size() != networks.size() || targets.empty())
        return;
    torch::Tensor logPerLayer = logTargets(targets);
    for (size_t i = 0; i < networks.size(); ++i)
        logPerLayer[int64_t(i)] -= std::log(double(std::max(1, networks[i]->layers)));
    torch::NoGradGuard noGrad;
    d->mlp->l3->bias.copy_(logPerLayer.nanmean(0).nan_to_num(0));
}

Figures PerformanceModel::predict(const NetworkFeatures &network) const
{
    return predict(std::vector<const NetworkFeatures *>{&network}).front();
}

std::vector<Figures> PerformanceModel::predict(const std::vector<const NetworkFeatures *> &networks) const
{
    base::adaptTorchThreads();
    // Evaluate each distinct row once: candidates of one search share most layers.
    struct RowKey
    {
        const float *row;
        bool operator==(const RowKey &o) const { return std::memcmp(row, o.row, kFeatureCount * sizeof(float)) == 0; }
    };
    struct RowHash
    {
        size_t operator()(const RowKey &k) const
        {
            // Four independent multiply-xorshift lanes over 64-bit words: one dependent
            // chain over 110 floats was the bottleneck of large batches.
            static_assert(kFeatureCount % 2 == 0, "rows hash as 64-bit words");
            uint64_t lane[4] = {0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull,
                                0xD6E8FEB86659FD93ull};
            constexpr int kWords = kFeatureCount / 2;
            for (int i = 0; i < kWords; ++i) {
                uint64_t w;
                std::memcpy(&w, k.row + 2 * i, 8);
                uint64_t &h = lane[i & 3];
                h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
                h ^= h >> 29;
            }
            uint64_t h =
                lane[0] ^ (lane[1] * 0x94D049BB133111EBull) ^ (lane[2] >> 17) ^ (lane[3] * 0x2545F4914F6CDD1Dull);
            h ^= h >> 31;
            return size_t(h);
        }
    };
    std::unordered_map<RowKey, int64_t, RowHash> unique;
    std::vector<std::vector<int64_t>> rowsOf(networks.size());
    std::vector<const float *> uniqueRows;
    for (size_t n = 0; n < networks.size(); ++n) {
        rowsOf[n].reserve(size_t(networks[n]->layers));
        for (int l = 0; l < networks[n]->layers; ++l) {
            const float *row = networks[n]->rows.data() + size_t(l) * kFeatureCount;
            auto [it, inserted] = unique.try_emplace(RowKey{row}, int64_t(uniqueRows.size()));
            if (inserted)
                uniqueRows.push_back(row);
            rowsOf[n].push_back(it->second);
        }
    }
    std::vector<Figures> out(networks.size());
    if (uniqueRows.empty())
        return out;
    std::vector<float> x(uniqueRows.size() * kFeatureCount);
    for (size_t i = 0; i < uniqueRows.size(); ++i)
        std::memcpy(x.data() + i * kFeatureCount, uniqueRows[i], kFeatureCount * sizeof(float));
    std::vector<float> contribution(uniqueRows.size() * kMetricCount);
    d->inferContributions(x.data(), int64_t(uniqueRows.size()), true, contribution.data());
    const float *c = contribution.data();
    for (size_t n = 0; n < networks.size(); ++n) {
        double sum[kMetricCount] = {0, 0, 0};
        for (int64_t r : rowsOf[n])
            for (int m = 0; m < kMetricCount; ++m)
                sum[m] += double(c[r * kMetricCount + m]);
        out[n] = {sum[Latency] * kLatencyUnit, sum[Energy] * kEnergyUnit, sum[Dram] * kDramUnit};
    }
    return out;
}

std::vector<float> PerformanceModel::rowContributions(const float *rows, int64_t count, bool calibrated) const
{
    std::vector<float> out(size_t(count) * kMetricCount);
    if (count == 0)
        return out;
    d->inferContributions(rows, count, calibrated, out.data());
    return out;
}

Figures PerformanceModel::sumContributions(const std::vector<float> &c, const int32_t *rowIds, size_t count)
{
    double sum[kMetricCount] = {0, 0, 0};
    for (size_t i = 0; i < count; ++i) {
        const float *r = c.data() + size_t(rowIds[i]) * kMetricCount;
        sum[0] += r[0];
        sum[1] += r[1];
        sum[2] += r[2];
    }
    return {sum[Latency] * kLatencyUnit, sum[Energy] * kEnergyUnit, sum[Dram] * kDramUnit};
}

std::string PerformanceModel::toBytes() const
{
    torch::serialize::OutputArchive archive;
    archive.write("schema", c10::IValue(std::string(kFeatureSchema)));
    archive.write("hidden", c10::IValue(int64_t(d->hidden)));
    archive.write("description", c10::IValue(d->description));
    archive.write("mean", d->mean);
    archive.write("inv_std", d->invStd);
    torch::serialize::OutputArchive weights;
    d->mlp->save(weights);
    archive.write("mlp", weights);
    if (d->calibrationScale.defined()) {
        // [2 x kCategoryCount x kMetricCount]: scale, then per-layer cost.
        archive.write("calibration", torch::stack({d->calibrationScale, d->calibrationPerLayer}));
    }
    if (!d->deviceTable.empty()) {
        // [rows x kFeatureCount] keys and [rows x kMetricCount] contributions (NaN: not held).
        // Sorted by key, so that the same model always writes the same bytes.
        std::vector<const DeviceTable::value_type *> entries;
        for (const auto &entry : d->deviceTable)
            entries.push_back(&entry);
        std::sort(entries.begin(), entries.end(), [](auto *a, auto *b) { return a->first < b->first; });
        const int64_t n = int64_t(entries.size());
        torch::Tensor keys = torch::empty({n, kFeatureCount}), costs = torch::empty({n, kMetricCount});
        for (int64_t r = 0; r < n; ++r) {
            std::memcpy(keys.data_ptr<float>() + r * kFeatureCount, entries[size_t(r)]->first.data(),
                        entries[size_t(r)]->first.size());
            std::memcpy(costs.data_ptr<float>() + r * kMetricCount, entries[size_t(r)]->second.data(),
                        sizeof(float) * kMetricCount);
        }
        archive.write("device_table_rows", keys);
        archive.write("device_table_costs", costs);
    }
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

void PerformanceModel::save(const std::string &path) const
{
    const std::string bytes = toBytes();
    std::ofstream f(path, std::ios::binary);
    if (!f || !f.write(bytes.data(), std::streamsize(bytes.size())))
        throw PredictorError(path + ": cannot write the model file");
}

PerformanceModel PerformanceModel::loadFromBytes(const std::string &bytes, const std::string &source)
{
    base::adaptTorchThreads();
    try {
        std::istringstream in(bytes);
        torch::serialize::InputArchive archive;
        archive.load_from(in);
        c10::IValue schema, hidden, description;
        if (!archive.try_read("schema", schema) || !schema.isString())
            throw PredictorError(source + ": not a Calibra predictor model (no feature schema)");
        if (schema.toStringRef() != kFeatureSchema)
            throw PredictorError(source + ": the model uses feature schema '" + schema.toStringRef()
                                 + "', this Calibra computes '" + kFeatureSchema + "'; retrain it with "
                                 + "'calibra-cli predictor train-offline'");
        archive.read("hidden", hidden);
        archive.read("description", description);
        ModelOptions options;
        options.hidden = int(hidden.toInt());
        PerformanceModel model(options);
        archive.read("mean", model.d->mean);
        archive.read("inv_std", model.d->invStd);
        torch::serialize::InputArchive weights;
        archive.read("mlp", weights);
        model.d->mlp->load(weights);
        model.d->description = description.toStringRef();
        if (model.d->mean.numel() != kFeatureCount)
            throw PredictorError(source + ": the model's normalization does not match the feature count");
        torch::Tensor calibration;
        if (archive.try_read("calibration", calibration)) {
            if (calibration.sizes() != torch::IntArrayRef({2, kCategoryCount, kMetricCount}))
                throw PredictorError(source
                                     + ": the model's calibration does not match the category and metric counts");
            Calibration c;
            for (int k = 0; k < kCategoryCount; ++k)
                for (int m = 0; m < kMetricCount; ++m) {
                    c.scale[size_t(m)][size_t(k)] = calibration[0][k][m].item<double>();
                    c.perLayer[size_t(m)][size_t(k)] = calibration[1][k][m].item<double>();
                }
            model.d->setCalibration(c);
        }
        torch::Tensor keys, costs;
        if (archive.try_read("device_table_rows", keys)) {
            archive.read("device_table_costs", costs);
            if (keys.dim() != 2 || keys.size(1) != kFeatureCount || costs.dim() != 2 || costs.size(0) != keys.size(0)
                || costs.size(1) != kMetricCount)
                throw PredictorError(source
                                     + ": the model's device table does not match the feature and metric counts");
            keys = keys.contiguous();
            costs = costs.contiguous();
            for (int64_t r = 0; r < keys.size(0); ++r) {
                std::array<float, kMetricCount> cost{};
                for (int m = 0; m < kMetricCount; ++m)
                    cost[size_t(m)] = costs.data_ptr<float>()[r * kMetricCount + m];
                model.d->deviceTable.emplace(deviceTableKey(keys.data_ptr<float>() + r * kFeatureCount), cost);
            }
        }
        return model;
    } catch (const c10::Error &e) {
        throw PredictorError(source + ": not a readable Calibra predictor model (" + e.msg().substr(0, 200) + ")");
    }
}

PerformanceModel PerformanceModel::load(const std::string &path)
{
    std::string bytes;
    try {
        bytes = graph::readFileBytes(path);
    } catch (const std::exception &e) {
        throw PredictorError(std::string(e.what()) + " (the model file)");
    }
    return loadFromBytes(bytes, path);
}

const Calibration &PerformanceModel::calibration() const
{
    return d->calibration;
}

void PerformanceModel::setCalibration(const Calibration &calibration)
{
    d->setCalibration(calibration);
}

const DeviceTable &PerformanceModel::deviceTable() const
{
    return d->deviceTable;
}

void PerformanceModel::setDeviceTable(DeviceTable table)
{
    d->deviceTable = std::move(table);
}

bool PerformanceModel::sharesLayerMlp(const PerformanceModel &other) const
{
    if (d->hidden != other.d->hidden || !torch::equal(d->mean, other.d->mean)
        || !torch::equal(d->invStd, other.d->invStd))
        return false;
    const auto mine = d->mlp->parameters(), theirs = other.d->mlp->parameters();
    if (mine.size() != theirs.size())
        return false;
    for (size_t i = 0; i < mine.size(); ++i)
        if (!torch::equal(mine[i], theirs[i]))
            return false;
    return true;
}

std::string PerformanceModel::description() const
{
    return d->description;
}

void PerformanceModel::setDescription(const std::string &text)
{
    d->description = text;
}

} // namespace calibra::model
