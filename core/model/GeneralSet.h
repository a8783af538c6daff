// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The offline training set: random networks of every family, each paired with random
// targets (platforms and settings drawn from the full ranges of all presets), labelled
// by the simulator.
#include "Trainer.h"
#include "hardware/Platform.h"

#include <QByteArray>

#include <atomic>
#include <functional>
#include <random>
#include <set>

namespace calibra::model {

struct Target
{
    hardware::Platform platform;
    hardware::TargetSetting setting;
};

// Half the time a preset as shipped, otherwise a platform whose every parameter is drawn
// between the presets' extremes; then a random valid setting for it.
Target randomTarget(std::mt19937_64 &rng);
hardware::TargetSetting randomSetting(const hardware::Platform &platform, std::mt19937_64 &rng);

struct GeneralSetOptions
{
    int networks = 2000;
    int targetsPerNetwork = 4;
    uint64_t seed = 1;
    std::set<QByteArray> excludedNetworks; // content hashes the set must not contain
};

// Labels each (network, target) with simulate(); progress is (done, total).
std::vector<Sample> generateGeneralSet(const GeneralSetOptions &options,
                                       const std::function<void(int, int)> &progress = {},
                                       const std::atomic<bool> *cancel = nullptr);

// The features and simulated figures of one network on one target.
Sample labelledSample(const graph::Network &network, const Target &target, const std::string &tag);

} // namespace calibra::model
