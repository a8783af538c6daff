// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Finetuning the predictor for one target: validate the finetuning networks (reference
// DNN, sampled sub-networks, AGG models) with any Validator backend, split off a
// held-out share, train from the current weights with early stopping, and keep the old
// weights unless the finetuned model is better on the held-out samples.
#include "predictor/FinetuneMethod.h"
#include "Trainer.h"
#include "validate/Validator.h"

#include <cmath>

namespace calibra::model {

// Validates `networks` on the target with `validator` and pairs the results with their
// features; networks the validator could not validate are left out (counted in `failed`).
std::vector<Sample> validatedSamples(const std::vector<std::shared_ptr<const graph::Network>> &networks,
                                     const hardware::Platform &platform, const hardware::TargetSetting &setting,
                                     validate::Validator &validator, const std::string &tag, int *failed = nullptr,
                                     const std::atomic<bool> *cancel = nullptr);

// Networks held out to judge whether a finetune is adopted, when there are enough.
constexpr size_t kMinHeldOut = 5;

struct FinetuneOptions
{
    TrainOptions train{300, 16, 3e-3, 40, 1, 30};
    double heldOutShare = 0.2; // 0: none held out, adoption judged on the training samples
    // Adopt only when judged on held-out networks (of fewer than 5, none is held out): a
    // run's finetune promises that; with fewer the model stays as it was
    // (FinetuneReport::tooFewToJudge).
    bool requireHeldOut = false;
    uint64_t seed = 1;
    predictor::FinetuneMethod method = predictor::FinetuneMethod::Auto;
    // Reference device models for FinetuneMethod::Transfer (DeviceTransfer.h), and for
    // Auto, which then also considers a transfer.
    std::vector<std::shared_ptr<const PerformanceModel>> references;
};

// A measurement the finetune left out as implausible (ImplausibleMeasurements.h).
struct RejectedMeasurement
{
    size_t sample = 0; // index into `data`, then into `augmentation` (data.size() + i)
    int metric = 0;    // Metric (Features.h)
    double factor = 0; // measured / predicted, relative to the other samples' median ratio
};

// The samples whose measurement of some metric is implausible for `model`
// (ImplausibleMeasurements.h), by sample index; finetune() leaves them out.
std::vector<RejectedMeasurement> screenMeasurements(const PerformanceModel &model, const std::vector<Sample> &samples);

struct FinetuneReport
{
    int trainSamples = 0, heldOutSamples = 0;
    std::vector<RejectedMeasurement> implausible; // left out of training and judging
    double heldOutLossBefore = 0, heldOutLossAfter = 0;
    bool adopted = false; // the adapted model replaced the old one
    // requireHeldOut, and too few networks to hold any out: nothing was tried, and
    // trainSamples counts the target networks it had.
    bool tooFewToJudge = false;
    // "retrain", "calibrate", "calibrate+retrain", "profile", "transfer" or "transfer+retrain"
    std::string adoptedMethod;
    // Method auto with references: each candidate's leave-one-out error on the training
    // samples (mean absolute log ratio), which chose between them (NaN otherwise).
    double transferHeldOutError = std::nan(""), calibrationHeldOutError = std::nan("");
    // Held-out loss of each candidate tried (NaN when not tried).
    double retrainedLoss = std::nan(""), calibratedLoss = std::nan(""), tabledLoss = std::nan("");
    // Samples whose energy target was derived from the model's power (the device measured
    // no energy at all): see keepPowerWhereEnergyUnmeasured.
    int energyFromPredictedPower = 0;
    TrainReport train;
};

// A device that measures latency but no energy (a host CPU without RAPL) would leave a
// finetune free to move latency and not energy, and the predicted power (energy /
// latency) would follow the latency correction by accident: 7x lower for a device 7x
// slower than the model thought. When no sample measured energy, each one with a
// measured latency gets the energy `model` predicts scaled by measured / predicted
// latency: the model's power, kept. Returns how many were given one.
int keepPowerWhereEnergyUnmeasured(const PerformanceModel &model, std::vector<Sample> &samples);

// `data`: the target distribution (reference DNN, sampled sub-networks); a share of it
// is held out to judge the result. `augmentation` (AGG models) only joins training: it
// regularizes, but is not what the finetuned model is judged on. Samples with an
// implausible measurement (ImplausibleMeasurements.h) are left out of both, and
// reported. Method auto with references fits a transfer (DeviceTransfer.h) instead of
// a calibration when its leave-one-out error is lower, then retrains under either.
FinetuneReport finetune(PerformanceModel &model, const std::vector<Sample> &data,
                        const std::vector<Sample> &augmentation = {}, const FinetuneOptions &options = {},
                        const std::atomic<bool> *cancel = nullptr);

predictor::Figures figuresOf(const validate::Metrics &metrics);

} // namespace calibra::model
