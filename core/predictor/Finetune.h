#pragma once
// Finetuning the predictor for one target: validate the finetuning networks (reference
// DNN, sampled sub-networks, AGG models) with any Validator backend, split off a
// held-out share, train from the current weights with early stopping, and keep the old
// weights unless the finetuned model is better on the held-out samples.
#include "FinetuneMethod.h"
#include "Trainer.h"
#include "validate/Validator.h"

#include <cmath>

namespace calibra::predictor {

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
    double heldOutShare = 0.2;
    uint64_t seed = 1;
    FinetuneMethod method = FinetuneMethod::Auto;
    // Reference device models for FinetuneMethod::Transfer (DeviceTransfer.h).
    std::vector<std::shared_ptr<const PerformanceModel>> references;
};

struct FinetuneReport
{
    int trainSamples = 0, heldOutSamples = 0;
    double heldOutLossBefore = 0, heldOutLossAfter = 0;
    bool adopted = false;      // the adapted model replaced the old one
    std::string adoptedMethod; // "retrain", "calibrate", "calibrate+retrain", "profile" or "transfer"
    // Held-out loss of each candidate tried (NaN when not tried).
    double retrainedLoss = std::nan(""), calibratedLoss = std::nan(""), tabledLoss = std::nan("");
    TrainReport train;
};

// `data`: the target distribution (reference DNN, sampled sub-networks); a share of it
// is held out to judge the result. `augmentation` (AGG models) only joins training: it
// regularizes, but is not what the finetuned model is judged on.
FinetuneReport finetune(PerformanceModel &model, const std::vector<Sample> &data,
                        const std::vector<Sample> &augmentation = {}, const FinetuneOptions &options = {},
                        const std::atomic<bool> *cancel = nullptr);

Figures figuresOf(const validate::Metrics &metrics);

} // namespace calibra::predictor
