// SPDX-License-Identifier: GPL-3.0-or-later
#include "Finetune.h"

#include "Calibration.h"
#include "DeviceTransfer.h"
#include "predictor/ImplausibleMeasurements.h"

#include "hardware/Lowering.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <optional>
#include <random>

namespace calibra::model {

using namespace predictor; // the features, figures and checks the model learns from

Figures figuresOf(const validate::Metrics &m)
{
    return {m.latencyMs * 1e-3, m.energyMj * 1e-3, m.dramBytes};
}

std::vector<Sample> validatedSamples(const std::vector<std::shared_ptr<const graph::Network>> &networks,
                                     const hardware::Platform &platform, const hardware::TargetSetting &setting,
                                     validate::Validator &validator, const std::string &tag, int *failed,
                                     const std::atomic<bool> *cancel)
{
    std::vector<validate::ValidationRequest> batch;
    for (const auto &n : networks)
        batch.push_back({n, setting});
    const std::vector<validate::Metrics> results = validator.validate(batch, cancel);
    std::vector<Sample> samples;
    int bad = 0;
    for (size_t i = 0; i < networks.size(); ++i) {
        if (!results[i].ok) {
            ++bad;
            continue;
        }
        Sample s;
        s.features = networkFeatures(hardware::lowerNetwork(*networks[i]), platform, setting);
        s.target = figuresOf(results[i]);
        s.tag = tag;
        samples.push_back(std::move(s));
    }
    if (failed)
        *failed = bad;
    return samples;
}

std::vector<RejectedMeasurement> screenMeasurements(const PerformanceModel &model, const std::vector<Sample> &samples)
{
    std::vector<const NetworkFeatures *> features;
    for (const Sample &s : samples)
        features.push_back(&s.features);
    const std::vector<Figures> predicted = model.predict(features);
    std::vector<RejectedMeasurement> out;
    for (int m = 0; m < kMetricCount; ++m) {
        std::vector<double> measuredValues, predictedValues;
        for (size_t i = 0; i < samples.size(); ++i) {
            measuredValues.push_back(samples[i].target.inModelUnits(m));
            predictedValues.push_back(predicted[i].inModelUnits(m));
        }
        for (const ImplausibleMeasurement &x : implausibleMeasurements(measuredValues, predictedValues))
            out.push_back({x.index, m, x.factor});
    }
    return out;
}

int keepPowerWhereEnergyUnmeasured(const PerformanceModel &model, std::vector<Sample> &samples)
{
    for (const Sample &s : samples)
        if (std::isfinite(s.target.energyJoules))
            return 0; // the device measures energy: what it did not measure stays unknown
    std::vector<const NetworkFeatures *> features;
    std::vector<Sample *> timed;
    for (Sample &s : samples)
        if (std::isfinite(s.target.latencySeconds) && s.target.latencySeconds > 0) {
            features.push_back(&s.features);
            timed.push_back(&s);
        }
    const std::vector<Figures> predicted = model.predict(features);
    int given = 0;
    for (size_t i = 0; i < timed.size(); ++i)
        if (predicted[i].latencySeconds > 0 && predicted[i].energyJoules > 0) {
            timed[i]->target.energyJoules =
                predicted[i].energyJoules * timed[i]->target.latencySeconds / predicted[i].latencySeconds;
            ++given;
        }
    return given;
}

FinetuneReport finetune(PerformanceModel &model, const std::vector<Sample> &allData,
                        const std::vector<Sample> &allAugmentation, const FinetuneOptions &o,
                        const std::atomic<bool> *cancel)
{
    FinetuneReport report;
    std::vector<Sample> everything = allData;
    everything.insert(everything.end(), allAugmentation.begin(), allAugmentation.end());
    report.implausible = screenMeasurements(model, everything);
    std::vector<bool> rejected(everything.size(), false);
    for (const RejectedMeasurement &r : report.implausible)
        rejected[r.sample] = true;
    std::vector<Sample> kept;
    size_t keptData = 0;
    for (size_t i = 0; i < everything.size(); ++i)
        if (!rejected[i]) {
            keptData += i < allData.size();
            kept.push_back(std::move(everything[i]));
        }
    report.energyFromPredictedPower = keepPowerWhereEnergyUnmeasured(model, kept);
    std::vector<Sample> data(std::make_move_iterator(kept.begin()),
                             std::make_move_iterator(kept.begin() + long(keptData)));
    std::vector<Sample> augmentation(std::make_move_iterator(kept.begin() + long(keptData)),
                                     std::make_move_iterator(kept.end()));

    std::vector<size_t> order(data.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(o.seed);
    std::shuffle(order.begin(), order.end(), rng);
    // Adoption is judged on at least five held-out networks: on 1-3 of them one lucky or
    // unlucky network decided it. Under ten networks, half of them are held out. A share
    // of 0 holds out none (a profile fits every measured network).
    const size_t n = data.size();
    const size_t held = n < 5 || o.heldOutShare <= 0 ? 0
                        : n < 2 * kMinHeldOut        ? n / 2
                                                     : std::max(kMinHeldOut, size_t(double(n) * o.heldOutShare));
    if (held == 0 && o.requireHeldOut) {
        report.tooFewToJudge = true;
        report.trainSamples = int(n); // the target networks it had: too few
        report.heldOutLossBefore = report.heldOutLossAfter = std::nan("");
        return report;
    }
    std::vector<Sample> heldOut, trainSet;
    for (size_t i = 0; i < order.size(); ++i)
        (i < held ? heldOut : trainSet).push_back(data[order[i]]);
    trainSet.insert(trainSet.end(), augmentation.begin(), augmentation.end());
    report.trainSamples = int(trainSet.size());
    report.heldOutSamples = int(heldOut.size());
    const std::vector<Sample> &judge = heldOut.empty() ? trainSet : heldOut;
    report.heldOutLossBefore = evaluateLoss(model, judge);

    std::vector<const PerformanceModel *> references;
    for (const auto &r : o.references)
        references.push_back(r.get());
    // Auto with reference devices: a transfer or a calibration, whichever predicts the
    // training samples it was not fitted on better (on so few samples, a held-out share
    // of 2-10 networks is too noisy to choose by).
    bool transfer = o.method == FinetuneMethod::Transfer;
    if (o.method == FinetuneMethod::Auto && !references.empty()) {
        std::vector<CalibrationSample> rows;
        for (const Sample &x : trainSet)
            rows.push_back(calibrationSample(model, x));
        report.calibrationHeldOutError = calibrationHeldOutError(rows);
        report.transferHeldOutError = transferHeldOutError(references, trainSet);
        transfer = report.transferHeldOutError < report.calibrationHeldOutError;
    }

    // Calibrate (few coefficients: robust with a handful of samples), then, for auto,
    // retrain the layer MLP under that calibration. The retraining's early stopping
    // starts from the calibrated model's held-out loss, so it moves only where the
    // held-out samples say it helps. (Judging two separately fitted candidates on a
    // held-out share of 2-10 samples often kept the worse one: docs/benchmarks.md.)
    double best = report.heldOutLossBefore;
    std::optional<PerformanceModel> chosen;
    if (o.method == FinetuneMethod::Profile || transfer) {
        // A device table: the device's own per-layer costs (profile, many samples), or
        // reference devices' costs mixed (transfer, few samples).
        PerformanceModel tabled = model;
        if (transfer) {
            fitTransfer(tabled, references, trainSet);
        } else {
            tabled.setCalibration(fitCalibration(model, trainSet).calibration);
            tabled.setDeviceTable(fitDeviceTable(tabled, trainSet));
        }
        report.tabledLoss = evaluateLoss(tabled, judge);
        if (report.tabledLoss < best) {
            best = report.tabledLoss;
            chosen = std::move(tabled);
            report.adoptedMethod = finetuneMethodName(transfer ? FinetuneMethod::Transfer : o.method);
        }
    }
    if ((o.method == FinetuneMethod::Auto && !transfer) || o.method == FinetuneMethod::Calibrate) {
        PerformanceModel calibrated = model;
        calibrated.setCalibration(fitCalibration(model, trainSet).calibration);
        calibrated.setDeviceTable({}); // the calibration was fitted for every row
        report.calibratedLoss = evaluateLoss(calibrated, judge);
        if (report.calibratedLoss < best) {
            best = report.calibratedLoss;
            chosen = std::move(calibrated);
            report.adoptedMethod = finetuneMethodName(FinetuneMethod::Calibrate);
        }
    }
    if (o.method == FinetuneMethod::Auto || o.method == FinetuneMethod::Retrain) {
        const bool underCalibration = o.method == FinetuneMethod::Auto && chosen;
        PerformanceModel retrained = underCalibration ? *chosen : model;
        report.train = train(retrained, trainSet, heldOut, o.train, {}, cancel);
        if (report.train.cancelled)
            return report;
        report.retrainedLoss = evaluateLoss(retrained, judge);
        if (report.retrainedLoss < best) {
            best = report.retrainedLoss;
            chosen = std::move(retrained);
            // Named by what this finetune did: a calibration an earlier one left in the
            // model does not make this a calibrate+retrain.
            report.adoptedMethod = underCalibration ? report.adoptedMethod + "+retrain" : "retrain";
        }
    }
    // Not adopted: the best candidate's loss, which is what the report explains.
    report.heldOutLossAfter = report.heldOutLossBefore;
    double tried = INFINITY;
    for (double loss : {report.retrainedLoss, report.calibratedLoss, report.tabledLoss})
        if (!std::isnan(loss))
            tried = std::min(tried, loss);
    if (std::isfinite(tried))
        report.heldOutLossAfter = tried;
    if (chosen) {
        model = std::move(*chosen);
        report.adopted = true;
    }
    return report;
}

} // namespace calibra::model
