// SPDX-License-Identifier: GPL-3.0-or-later
// The predictor's few-shot calibration (model/Calibration.h): the fit recovers a
// known per-category correction, falls back to an overall scale with too few samples,
// leaves unmeasured metrics alone; a calibrated model predicts consistently on every
// path and keeps its calibration through save and load; finetuning by calibration
// repairs a model whose device runs some layer kinds slower and adds a cost per layer.
#include "augment/Variations.h"
#include "graph/NetworkBuilder.h"
#include "predictor/AccuracyCheck.h"
#include "model/Calibration.h"
#include "model/Finetune.h"
#include "model/GeneralSet.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <random>

using namespace calibra;
using namespace calibra::predictor;
using namespace calibra::model;

namespace {

// Synthetic samples over three categories whose "device" multiplies category c by
// scale[c] and adds perLayer[c] per layer.
std::vector<CalibrationSample> syntheticSamples(int count, uint64_t seed, const double scale[3],
                                                const double perLayer[3])
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> sum(10, 1000);
    std::uniform_int_distribution<int> layers(1, 30);
    std::vector<CalibrationSample> out;
    for (int i = 0; i < count; ++i) {
        CalibrationSample s;
        double total = 0;
        for (int c = 0; c < 3; ++c) {
            s.sums[Latency][size_t(c)] = sum(rng);
            s.layers[size_t(c)] = layers(rng);
            total += scale[c] * s.sums[Latency][size_t(c)] + perLayer[c] * s.layers[size_t(c)];
        }
        s.measured = {total, std::nan(""), std::nan("")};
        out.push_back(s);
    }
    return out;
}

double calibratedTotal(const Calibration &cal, const CalibrationSample &s)
{
    double total = 0;
    for (int c = 0; c < kCategoryCount; ++c)
        total += cal.scale[Latency][size_t(c)] * s.sums[Latency][size_t(c)]
                 + cal.perLayer[Latency][size_t(c)] * s.layers[size_t(c)];
    return total;
}

std::vector<Sample> variantSamples(int count, uint64_t seed, const std::function<Figures(const Sample &)> &device)
{
    const hardware::Platform p = hardware::loadPlatform("builtin:edge-npu-s");
    const hardware::TargetSetting s = hardware::defaultSetting(p);
    std::vector<Sample> out;
    for (const auto &n : augment::sampleVariants(graph::buildMobileNetV2(64, 10), count, seed, false)) {
        Sample x;
        x.features = networkFeatures(hardware::lowerNetwork(*n), p, s);
        x.target = device(x);
        out.push_back(std::move(x));
    }
    return out;
}

// An untrained 16-wide model normalized on a small general set: the "offline" model that
// a device then disagrees with.
PerformanceModel smallNormalizedModel()
{
    GeneralSetOptions go;
    go.networks = 6;
    go.targetsPerNetwork = 1;
    ModelOptions mo;
    mo.hidden = 16;
    PerformanceModel model(mo);
    fitNormalization(model, generateGeneralSet(go));
    return model;
}

} // namespace

class TestCalibration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fitRecoversAKnownCorrection()
    {
        const double scale[3] = {3.0, 0.5, 1.0}, perLayer[3] = {20.0, 0.0, 5.0};
        const CalibrationFit fit = fitCalibration(syntheticSamples(20, 1, scale, perLayer));
        QCOMPARE(fit.samples[Latency], 20);
        for (const CalibrationSample &s : syntheticSamples(200, 2, scale, perLayer))
            QVERIFY2(std::abs(calibratedTotal(fit.calibration, s) / s.measured[Latency] - 1) < 0.01,
                     "a held-out synthetic network is predicted within 1%");
        for (int c = 0; c < 3; ++c)
            QVERIFY(std::abs(fit.calibration.scale[Latency][size_t(c)] - scale[c]) < 0.05 * scale[c] + 0.02);
        // Categories no sample contains keep the overall scale: between the smallest and
        // largest category scale, and no cost per layer.
        QVERIFY(fit.calibration.scale[Latency][5] > 0.4 && fit.calibration.scale[Latency][5] < 3.1);
        QCOMPARE(fit.calibration.perLayer[Latency][5], 0.0);
        // Metrics nobody measured stay uncalibrated.
        QCOMPARE(fit.samples[Energy], 0);
        for (int c = 0; c < kCategoryCount; ++c) {
            QCOMPARE(fit.calibration.scale[Energy][size_t(c)], 1.0);
            QCOMPARE(fit.calibration.perLayer[Dram][size_t(c)], 0.0);
        }
    }

    void fewSamplesGiveOnlyAnOverallScale()
    {
        const double scale[3] = {2.0, 2.0, 2.0}, perLayer[3] = {0, 0, 0};
        const CalibrationFit fit = fitCalibration(syntheticSamples(kMinCalibrationSamples - 1, 3, scale, perLayer));
        for (int c = 0; c < kCategoryCount; ++c) {
            QVERIFY(std::abs(fit.calibration.scale[Latency][size_t(c)] - 2.0) < 1e-9);
            QCOMPARE(fit.calibration.perLayer[Latency][size_t(c)], 0.0);
        }
        QVERIFY(fitCalibration({}).calibration.isIdentity());
    }

    void calibratedModelPredictsConsistentlyAndSurvivesSaveLoad()
    {
        ModelOptions mo;
        mo.hidden = 16;
        PerformanceModel model(mo);
        const auto samples = variantSamples(3, 4, [](const Sample &) { return Figures{1e-3, 1e-3, 1e6}; });
        const NetworkFeatures &f = samples.front().features;
        const Figures plain = model.predict(f);
        Calibration cal = Calibration::identity();
        for (int c = 0; c < kCategoryCount; ++c) {
            cal.scale[Latency][size_t(c)] = 2.0;
            cal.perLayer[Latency][size_t(c)] = 1.5; // microseconds per layer
            cal.scale[Dram][size_t(c)] = 0.5;
        }
        model.setCalibration(cal);
        const Figures calibrated = model.predict(f);
        QVERIFY(std::abs(calibrated.latencySeconds - (2 * plain.latencySeconds + 1.5e-6 * f.layers))
                < 1e-6 * calibrated.latencySeconds);
        QVERIFY(std::abs(calibrated.dramBytes - 0.5 * plain.dramBytes) < 1e-5 * plain.dramBytes);
        QVERIFY(std::abs(calibrated.energyJoules - plain.energyJoules) < 1e-6 * plain.energyJoules);
        // The search-time path (row table, then sums) agrees with predict().
        std::vector<int32_t> ids(size_t(f.layers));
        for (int i = 0; i < f.layers; ++i)
            ids[size_t(i)] = i;
        const Figures viaTable =
            PerformanceModel::sumContributions(model.rowContributions(f.rows.data(), f.layers), ids.data(), ids.size());
        QVERIFY(std::abs(viaTable.latencySeconds - calibrated.latencySeconds) < 1e-5 * calibrated.latencySeconds);
        // The loss that judges finetuning sees the calibration too: samples whose
        // measured latency is the calibrated prediction cost nothing.
        std::vector<Sample> matching = samples;
        for (Sample &x : matching)
            x.target = {model.predict(x.features).latencySeconds, std::nan(""), std::nan("")};
        QVERIFY(evaluateLoss(model, matching) < 1e-8);
        PerformanceModel uncalibrated = model;
        uncalibrated.setCalibration(Calibration::identity());
        QVERIFY(evaluateLoss(uncalibrated, matching) > 0.1);

        QTemporaryDir dir;
        const std::string path = dir.filePath("calibrated.pt").toStdString();
        model.save(path);
        const PerformanceModel loaded = PerformanceModel::load(path);
        QVERIFY(!loaded.calibration().isIdentity());
        QCOMPARE(loaded.calibration().perLayer[Latency][0], 1.5);
        QCOMPARE(loaded.predict(f).latencySeconds, calibrated.latencySeconds);
        // A model without calibration saves none and loads as identity.
        model.setCalibration(Calibration::identity());
        model.save(path);
        QVERIFY(PerformanceModel::load(path).calibration().isIdentity());
        QCOMPARE(PerformanceModel::load(path).predict(f).latencySeconds, plain.latencySeconds);
    }

    void calibrationRepairsAMismatchedModel()
    {
        PerformanceModel model = smallNormalizedModel();
        // The "device": depthwise convolutions 4x slower than the model thinks, plus a
        // launch cost per convolution (twice the model's figure for a 1x1 convolution of
        // the reference), everything else as predicted.
        const hardware::Platform p = hardware::loadPlatform("builtin:edge-npu-s");
        const NetworkFeatures ref =
            networkFeatures(hardware::lowerNetwork(graph::buildMobileNetV2(64, 10)), p, hardware::defaultSetting(p));
        const double launch = 2 * double(model.rowContributions(ref.rows.data(), 1)[Latency]);
        const auto device = [&model, launch](const Sample &x) {
            const std::vector<float> c = model.rowContributions(x.features.rows.data(), x.features.layers);
            double latency = 0;
            for (int l = 0; l < x.features.layers; ++l) {
                const int category = rowCategory(x.features.rows.data() + size_t(l) * kFeatureCount);
                const double v = c[size_t(l) * kMetricCount + Latency];
                latency += category == 1 ? 4 * v : category == 0 ? v + launch : v;
            }
            return Figures{latency * kLatencyUnit, std::nan(""), std::nan("")};
        };
        const std::vector<Sample> data = variantSamples(20, 5, device);
        const std::vector<Sample> unseen = variantSamples(30, 6, device);
        const double before = evaluateLoss(model, unseen);

        PerformanceModel calibrated = model;
        FinetuneOptions fo;
        fo.method = FinetuneMethod::Calibrate;
        const FinetuneReport r = finetune(calibrated, data, {}, fo);
        QVERIFY(r.adopted);
        QCOMPARE(r.adoptedMethod, std::string("calibrate"));
        QVERIFY(std::isnan(r.retrainedLoss));
        QVERIFY(r.heldOutLossAfter < r.heldOutLossBefore);
        const double after = evaluateLoss(calibrated, unseen);
        QVERIFY2(after < before / 20, qPrintable(QString("unseen loss %1 -> %2").arg(before).arg(after)));
        std::vector<double> predicted, measured;
        for (const Sample &x : unseen) {
            predicted.push_back(calibrated.predict(x.features).latencySeconds);
            measured.push_back(x.target.latencySeconds);
        }
        QVERIFY(accuracyOf(predicted, measured).within10 > 0.95);

        // Retrain alone never calibrates.
        PerformanceModel retrained = model;
        fo.method = FinetuneMethod::Retrain;
        fo.train.epochs = 5;
        const FinetuneReport rr = finetune(retrained, data, {}, fo);
        QVERIFY(retrained.calibration().isIdentity());
        QVERIFY(std::isnan(rr.calibratedLoss));
        QVERIFY(!std::isnan(rr.retrainedLoss));
    }

    // A device that measures latency but not energy (a host CPU without RAPL), 7x slower
    // than the model thinks: the finetune corrects latency and keeps the model's power,
    // where before predicted power fell 7x with the latency correction.
    void latencyOnlyFinetuneKeepsPredictedPower()
    {
        PerformanceModel model = smallNormalizedModel();
        const auto device = [&model](const Sample &x) {
            return Figures{7 * model.predict(x.features).latencySeconds, std::nan(""), std::nan("")};
        };
        const std::vector<Sample> data = variantSamples(20, 5, device);
        const std::vector<Sample> unseen = variantSamples(20, 6, device);
        for (const FinetuneMethod method : {FinetuneMethod::Calibrate, FinetuneMethod::Auto}) {
            PerformanceModel tuned = model;
            FinetuneOptions fo;
            fo.method = method;
            fo.train.epochs = 5;
            const FinetuneReport r = finetune(tuned, data, {}, fo);
            QVERIFY(r.adopted);
            QCOMPARE(r.energyFromPredictedPower, int(data.size()));
            for (const Sample &x : unseen) {
                const Figures before = model.predict(x.features), after = tuned.predict(x.features);
                QVERIFY2(
                    std::abs(after.latencySeconds / x.target.latencySeconds - 1) < 0.1,
                    qPrintable(QString("latency %1 vs %2").arg(after.latencySeconds).arg(x.target.latencySeconds)));
                QVERIFY2(std::abs(after.powerWatts() / before.powerWatts() - 1) < 0.1,
                         qPrintable(QString("%1: power %2 W -> %3 W")
                                        .arg(finetuneMethodName(method))
                                        .arg(before.powerWatts())
                                        .arg(after.powerWatts())));
            }
        }
        // A device that measured energy for some networks: the others stay unknown.
        std::vector<Sample> mixed = data;
        mixed[0].target.energyJoules = 1e-3;
        QCOMPARE(keepPowerWhereEnergyUnmeasured(model, mixed), 0);
        QVERIFY(std::isnan(mixed[1].target.energyJoules));
    }

    void methodNamesRoundTrip()
    {
        for (FinetuneMethod m : kFinetuneMethods) {
            FinetuneMethod parsed = FinetuneMethod::Retrain;
            QVERIFY(parseFinetuneMethod(finetuneMethodName(m), &parsed));
            QCOMPARE(parsed, m);
        }
        FinetuneMethod unused;
        QVERIFY(!parseFinetuneMethod("online", &unused));
    }
};

QTEST_GUILESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
