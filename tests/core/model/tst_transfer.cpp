// SPDX-License-Identifier: GPL-3.0-or-later
// Device tables and the transfer from reference devices (model/DeviceTransfer.h):
// a profile learns a device's own per-layer costs, which no layer MLP could guess; a
// transfer from two profiled devices recovers a third that mixes them from ten
// measured networks; rows no reference holds fall back to the mixed calibrations; the
// table survives save and load; a transfer without references, or from a reference
// profiled from another offline model, is refused; method auto takes the transfer when
// its leave-one-out error is lower; an implausible measurement is left out.
#include "augment/Variations.h"
#include "graph/NetworkBuilder.h"
#include "model/DeviceTransfer.h"
#include "model/Finetune.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <random>

using namespace calibra;
using namespace calibra::predictor;
using namespace calibra::model;

namespace {

// A synthetic device: every distinct layer row costs a fixed pseudo-random 1-10 us,
// drawn from the row's bytes and the device's seed.
double rowCost(const float *row, uint64_t device)
{
    const uint64_t h = std::hash<std::string>{}(deviceTableKey(row)) ^ (device * 0x9E3779B97F4A7C15ull);
    return 1.0 + 9.0 * double((h * 0xBF58476D1CE4E5B9ull) >> 11) / double(1ull << 53);
}

using Device = std::function<double(const float *row)>;

double totalUs(const NetworkFeatures &f, const Device &device)
{
    double t = 0;
    for (int l = 0; l < f.layers; ++l)
        t += device(f.rows.data() + size_t(l) * kFeatureCount);
    return t;
}

// Kernel-size variants of a small MobileNetV2 (widths and resolution kept): like the
// sub-networks of a supernet, they share a small vocabulary of layer rows.
std::vector<Sample> measuredVariants(int count, uint64_t seed, const Device &device, int resolution = 64)
{
    const hardware::Platform p = hardware::loadPlatform("builtin:edge-npu-s");
    const hardware::TargetSetting s = hardware::defaultSetting(p);
    const graph::Network reference = graph::buildMobileNetV2(resolution, 10);
    augment::VariantOptions kernelsOnly;
    kernelsOnly.widthChangeProbability = 0;
    kernelsOnly.resolutionChangeProbability = 0;
    std::mt19937_64 rng(seed);
    std::vector<Sample> out;
    for (int i = 0; i < count; ++i) {
        Sample x;
        x.features = networkFeatures(hardware::lowerNetwork(augment::randomVariant(reference, rng, kernelsOnly)), p, s);
        x.target = {totalUs(x.features, device) * kLatencyUnit, std::nan(""), std::nan("")};
        out.push_back(std::move(x));
    }
    return out;
}

double worstRelativeError(const PerformanceModel &model, const std::vector<Sample> &samples)
{
    double worst = 0;
    for (const Sample &x : samples)
        worst = std::max(worst, std::abs(model.predict(x.features).latencySeconds / x.target.latencySeconds - 1));
    return worst;
}

PerformanceModel smallModel()
{
    ModelOptions o;
    o.hidden = 16;
    o.seed = 3;
    return PerformanceModel(o);
}

std::shared_ptr<const PerformanceModel> profiled(const Device &device)
{
    FinetuneOptions fo;
    fo.method = FinetuneMethod::Profile;
    fo.heldOutShare = 0;
    auto model = std::make_shared<PerformanceModel>(smallModel());
    const FinetuneReport r = finetune(*model, measuredVariants(300, 11, device), {}, fo);
    if (!r.adopted || r.adoptedMethod != "profile")
        qWarning("profile not adopted: %s", r.adoptedMethod.c_str());
    return model;
}

} // namespace

class TestTransfer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void profileLearnsPerLayerCosts()
    {
        const Device a = [](const float *row) { return rowCost(row, 1); };
        const std::shared_ptr<const PerformanceModel> model = profiled(a);
        QVERIFY(!model->deviceTable().empty());
        // Unseen networks made of seen layers: the table knows each layer's cost.
        const std::vector<Sample> unseen = measuredVariants(30, 99, a);
        const double worst = worstRelativeError(*model, unseen);
        QVERIFY2(worst < 0.02, qPrintable(QString::number(worst)));
        // The MLP alone (the model before profiling) is nowhere near.
        QVERIFY(worstRelativeError(smallModel(), unseen) > 0.5);
    }

    void transferRecoversAMixOfReferenceDevices()
    {
        const Device a = [](const float *row) { return rowCost(row, 1); };
        const Device b = [](const float *row) { return rowCost(row, 2); };
        const Device target = [&](const float *row) { return 0.3 * a(row) + 0.7 * b(row); };
        const std::vector<std::shared_ptr<const PerformanceModel>> references{profiled(a), profiled(b)};

        PerformanceModel model = smallModel();
        const TransferFit fit =
            fitTransfer(model, {references[0].get(), references[1].get()}, measuredVariants(10, 5, target));
        // The references are themselves fits (within 2%) and the ridge pulls towards an even
        // mix, so the weights are near, not at, the mix: 0.31-0.36 and 0.63-0.69 over four
        // pairs of synthetic devices. Their sum, the overall scale, is pinned down tightly.
        QVERIFY2(std::abs(fit.weights[Latency][0] - 0.3) < 0.08, qPrintable(QString::number(fit.weights[Latency][0])));
        QVERIFY2(std::abs(fit.weights[Latency][1] - 0.7) < 0.08, qPrintable(QString::number(fit.weights[Latency][1])));
        QVERIFY2(std::abs(fit.weights[Latency][0] + fit.weights[Latency][1] - 1) < 0.03,
                 qPrintable(QString::number(fit.weights[Latency][0] + fit.weights[Latency][1])));
        QCOMPARE(fit.weights[Energy][0], 0.0); // not measured: not fitted
        const double worst = worstRelativeError(model, measuredVariants(30, 99, target));
        QVERIFY2(worst < 0.03, qPrintable(QString::number(worst)));
        // A per-category calibration from the same ten samples cannot know per-layer costs.
        PerformanceModel calibrated = smallModel();
        FinetuneOptions co;
        co.method = FinetuneMethod::Calibrate;
        co.heldOutShare = 0;
        finetune(calibrated, measuredVariants(10, 5, target), {}, co);
        QVERIFY(worstRelativeError(calibrated, measuredVariants(30, 99, target)) > 3 * worst);

        // Through finetune, with its held-out judgement.
        PerformanceModel viaFinetune = smallModel();
        FinetuneOptions fo;
        fo.method = FinetuneMethod::Transfer;
        fo.references = references;
        const FinetuneReport r = finetune(viaFinetune, measuredVariants(20, 6, target), {}, fo);
        QVERIFY(r.adopted);
        QCOMPARE(r.adoptedMethod, std::string("transfer"));
        QVERIFY(r.heldOutLossAfter < r.heldOutLossBefore);
    }

    void autoChoosesTheTransferWhereItPredictsBetter()
    {
        const Device a = [](const float *row) { return rowCost(row, 1); };
        const Device b = [](const float *row) { return rowCost(row, 2); };
        const Device target = [&](const float *row) { return 0.4 * a(row) + 0.6 * b(row); };
        PerformanceModel model = smallModel();
        FinetuneOptions fo;
        fo.references = {profiled(a), profiled(b)};
        const FinetuneReport r = finetune(model, measuredVariants(20, 6, target), {}, fo);
        // Per-layer costs no per-category calibration can express: the transfer's
        // leave-one-out error is far lower, and auto takes it.
        QVERIFY2(r.transferHeldOutError < r.calibrationHeldOutError / 3,
                 qPrintable(QString("%1 vs %2").arg(r.transferHeldOutError).arg(r.calibrationHeldOutError)));
        QVERIFY(r.adopted);
        QVERIFY2(r.adoptedMethod.rfind("transfer", 0) == 0, r.adoptedMethod.c_str());
        QVERIFY(worstRelativeError(model, measuredVariants(30, 99, target)) < 0.05);

        // Without references, auto never considers a transfer.
        PerformanceModel plain = smallModel();
        FinetuneOptions po;
        po.train.epochs = 5;
        const FinetuneReport pr = finetune(plain, measuredVariants(20, 6, target), {}, po);
        QVERIFY(std::isnan(pr.transferHeldOutError));
        QVERIFY(pr.adoptedMethod.find("transfer") == std::string::npos);
    }

    void oneImplausibleMeasurementDoesNotWreckTheTransfer()
    {
        const Device a = [](const float *row) { return rowCost(row, 1); };
        const Device b = [](const float *row) { return rowCost(row, 2); };
        const Device target = [&](const float *row) { return 0.3 * a(row) + 0.7 * b(row); };
        std::vector<Sample> measured = measuredVariants(20, 6, target);
        measured[3].target.latencySeconds /= 100; // a timer that read a hundred times too fast
        PerformanceModel model = smallModel();
        FinetuneOptions fo;
        fo.method = FinetuneMethod::Transfer;
        fo.references = {profiled(a), profiled(b)};
        const FinetuneReport r = finetune(model, measured, {}, fo);
        QCOMPARE(r.implausible.size(), size_t(1));
        QCOMPARE(r.implausible[0].sample, size_t(3));
        QCOMPARE(r.implausible[0].metric, int(Latency));
        QVERIFY2(r.implausible[0].factor < 0.02, qPrintable(QString::number(r.implausible[0].factor)));
        QCOMPARE(r.trainSamples + r.heldOutSamples, 19);
        QVERIFY(r.adopted);
        const double worst = worstRelativeError(model, measuredVariants(30, 99, target));
        QVERIFY2(worst < 0.03, qPrintable(QString::number(worst)));
    }

    void rowsNoReferenceHoldsUseTheMixedCalibrations()
    {
        const Device a = [](const float *row) { return rowCost(row, 1); };
        const Device b = [](const float *row) { return rowCost(row, 2); };
        const Device target = [&](const float *row) { return 0.5 * a(row) + 0.5 * b(row); };
        const std::shared_ptr<const PerformanceModel> ra = profiled(a), rb = profiled(b);
        PerformanceModel model = smallModel();
        const TransferFit fit = fitTransfer(model, {ra.get(), rb.get()}, measuredVariants(10, 5, target));
        // At another input resolution most rows are new to both tables (the head's, after
        // global pooling, are not): the transferred model still predicts the weighted sum
        // of the references' own predictions, through the mixed calibrations.
        const std::vector<Sample> other = measuredVariants(5, 7, target, 96);
        int unheld = 0;
        for (const Sample &x : other) {
            for (int l = 0; l < x.features.layers; ++l)
                unheld += !ra->deviceTable().count(deviceTableKey(x.features.rows.data() + size_t(l) * kFeatureCount));
            const double expected = fit.weights[Latency][0] * ra->predict(x.features).latencySeconds
                                    + fit.weights[Latency][1] * rb->predict(x.features).latencySeconds;
            const double got = model.predict(x.features).latencySeconds;
            QVERIFY2(std::abs(got / expected - 1) < 1e-4, qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
        }
        QVERIFY(unheld > 5 * other.front().features.layers / 2);
    }

    void deviceTableSurvivesSaveAndLoad()
    {
        const Device a = [](const float *row) { return rowCost(row, 1); };
        const std::shared_ptr<const PerformanceModel> model = profiled(a);
        const PerformanceModel back = PerformanceModel::loadFromBytes(model->toBytes(), "memory");
        QCOMPARE(back.deviceTable().size(), model->deviceTable().size());
        QCOMPARE(back.toBytes(), model->toBytes()); // the table is written in one order
        for (const Sample &x : measuredVariants(5, 8, a))
            QCOMPARE(back.predict(x.features).latencySeconds, model->predict(x.features).latencySeconds);
        // The search-time path sees the table too.
        const Sample x = measuredVariants(1, 9, a).front();
        const std::vector<float> rows = back.rowContributions(x.features.rows.data(), x.features.layers);
        double sum = 0;
        for (int l = 0; l < x.features.layers; ++l)
            sum += rows[size_t(l) * kMetricCount + Latency];
        QVERIFY(std::abs(sum * kLatencyUnit / x.target.latencySeconds - 1) < 0.01);
        // The MLP's own figures stay available, untouched by the table.
        const std::vector<float> raw = back.rowContributions(x.features.rows.data(), x.features.layers, false);
        QVERIFY(raw != rows);
    }

    void transferWithoutReferencesIsRefused()
    {
        PerformanceModel model = smallModel();
        const Device a = [](const float *row) { return rowCost(row, 1); };
        try {
            fitTransfer(model, {}, measuredVariants(5, 5, a));
            QFAIL("no error");
        } catch (const PredictorError &e) {
            QVERIFY(QString(e.what()).contains("transfer"));
        }
        FinetuneOptions fo;
        fo.method = FinetuneMethod::Transfer;
        QVERIFY_THROWS_EXCEPTION(PredictorError, finetune(model, measuredVariants(10, 5, a), {}, fo));
    }

    void referenceFromAnotherOfflineModelIsRefused()
    {
        // The merged calibration applies to the model's own MLP: a reference profiled
        // from another MLP would silently mix costs of two different models.
        const Device a = [](const float *row) { return rowCost(row, 1); };
        const std::shared_ptr<const PerformanceModel> same = profiled(a);
        ModelOptions o;
        o.hidden = 16;
        o.seed = 4; // another offline model
        auto other = std::make_shared<PerformanceModel>(o);
        other->setDeviceTable(same->deviceTable());
        PerformanceModel model = smallModel();
        QVERIFY(same->sharesLayerMlp(model));
        QVERIFY(!other->sharesLayerMlp(model));
        try {
            fitTransfer(model, {same.get(), other.get()}, measuredVariants(10, 5, a));
            QFAIL("no error");
        } catch (const PredictorError &e) {
            QVERIFY2(QString(e.what()).contains("reference device model 2 of 2")
                         && QString(e.what()).contains("another offline model"),
                     e.what());
        }
        QTemporaryDir dir;
        const std::string sameFile = dir.filePath("same.pt").toStdString(),
                          otherFile = dir.filePath("other.pt").toStdString();
        same->save(sameFile);
        other->save(otherFile);
        QVERIFY(loadReferenceModel(sameFile, model)->sharesLayerMlp(model));
        try {
            loadReferenceModel(otherFile, model);
            QFAIL("no error");
        } catch (const PredictorError &e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(otherFile + ": ")), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTransfer)
#include "tst_transfer.moc"
