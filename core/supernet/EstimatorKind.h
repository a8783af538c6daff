// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The accuracy estimators a project chooses from (AccuracyEstimator.h, OneShot.h).
// Torch-free: projects, the CLI and the GUI name them.
#include <string>

namespace calibra::supernet {

enum class EstimatorKind {
    Naswot,  // zero-cost proxy: a score, not an accuracy
    OneShot, // the weight-sharing supernet's sub-network, tested: an accuracy
    // The same sub-network's probability of the true class, geometric mean over the
    // held-out images (exp of the mean cross-entropy). It ranks sub-networks closer to
    // stand-alone training than their accuracy does (docs/benchmarks.md).
    OneShotLikelihood,
    Train,  // short stand-alone training, tested: an accuracy
    Params, // log10 of the trainable parameters: a score, the proxies' baseline
};

inline constexpr EstimatorKind kEstimatorKinds[] = {EstimatorKind::Naswot, EstimatorKind::OneShot,
                                                    EstimatorKind::OneShotLikelihood, EstimatorKind::Train,
                                                    EstimatorKind::Params};

inline const char *estimatorKindName(EstimatorKind kind)
{
    switch (kind) {
    case EstimatorKind::Naswot: return "naswot";
    case EstimatorKind::OneShot: return "oneshot";
    case EstimatorKind::OneShotLikelihood: return "oneshot-likelihood";
    case EstimatorKind::Train: return "train";
    case EstimatorKind::Params: return "params";
    }
    return "?";
}

inline bool parseEstimatorKind(const std::string &name, EstimatorKind *out)
{
    for (const EstimatorKind k : kEstimatorKinds)
        if (name == estimatorKindName(k)) {
            *out = k;
            return true;
        }
    return false;
}

// What an estimate is called in messages: "accuracy", "true-class probability", ...
inline const char *estimateNoun(EstimatorKind kind)
{
    switch (kind) {
    case EstimatorKind::Naswot: return "NASWOT score";
    case EstimatorKind::Params: return "log10 parameters";
    case EstimatorKind::OneShotLikelihood: return "true-class probability";
    case EstimatorKind::OneShot:
    case EstimatorKind::Train: return "accuracy";
    }
    return "estimate";
}

// Whether an estimate is a share in [0, 1] that a network guessing at random scores about
// 1/classes on (an accuracy, a true-class probability), or a score that only ranks.
inline bool estimatesShareAboveChance(EstimatorKind kind)
{
    return kind == EstimatorKind::OneShot || kind == EstimatorKind::OneShotLikelihood || kind == EstimatorKind::Train;
}

// Whether the estimates come from the trained weight-sharing supernet (whose weights the
// final model then inherits).
inline bool usesOneShotSupernet(EstimatorKind kind)
{
    return kind == EstimatorKind::OneShot || kind == EstimatorKind::OneShotLikelihood;
}

} // namespace calibra::supernet
