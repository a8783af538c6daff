// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How the predictor adapts to a target (Finetune.h): retrain the layer MLP from the
// current weights; fit a calibration (Calibration.h: per-category scale and per-layer
// cost, few coefficients, for few samples or a device unlike the training set); or
// auto: calibrate, then retrain the MLP under the calibration, keeping each step only
// if the held-out samples improve; profile: fit a device table of per-layer costs (for a
// device measured at length, to serve as a reference device); transfer: combine
// reference devices' costs (DeviceTransfer.h). Torch-free: projects name it.
#include <string>

namespace calibra::predictor {

enum class FinetuneMethod { Auto, Retrain, Calibrate, Profile, Transfer };

inline constexpr FinetuneMethod kFinetuneMethods[] = {FinetuneMethod::Auto, FinetuneMethod::Retrain,
                                                      FinetuneMethod::Calibrate, FinetuneMethod::Profile,
                                                      FinetuneMethod::Transfer};

inline const char *finetuneMethodName(FinetuneMethod method)
{
    switch (method) {
    case FinetuneMethod::Retrain: return "retrain";
    case FinetuneMethod::Calibrate: return "calibrate";
    case FinetuneMethod::Profile: return "profile";
    case FinetuneMethod::Transfer: return "transfer";
    default: return "auto";
    }
}

inline bool parseFinetuneMethod(const std::string &text, FinetuneMethod *method)
{
    for (FinetuneMethod m : kFinetuneMethods)
        if (text == finetuneMethodName(m)) {
            *method = m;
            return true;
        }
    return false;
}

} // namespace calibra::predictor
