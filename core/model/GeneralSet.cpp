// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneralSet.h"

#include "augment/NetworkFamilies.h"
#include "graph/ContentHash.h"
#include "graph/GraphError.h"
#include "hardware/HardwareError.h"
#include "hardware/Simulator.h"

#include <algorithm>
#include <cmath>

namespace calibra::model {

using namespace predictor; // the features, figures and checks the model learns from

using namespace hardware;

namespace {

const std::vector<Platform> &presets()
{
    static const std::vector<Platform> all = [] {
        std::vector<Platform> v;
        for (const std::string &n : builtinPlatformNames())
            v.push_back(loadPlatform("builtin:" + n));
        return v;
    }();
    return all;
}

double logUniform(std::mt19937_64 &rng, double lo, double hi)
{
    return std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(rng));
}

template <typename F> std::pair<double, double> range(F field)
{
    double lo = 1e300, hi = -1e300;
    for (const Platform &p : presets()) {
        lo = std::min(lo, double(field(p)));
        hi = std::max(hi, double(field(p)));
    }
    return {lo, hi};
}

Platform synthesizedPlatform(std::mt19937_64 &rng)
{
    Platform p = presets()[rng() % presets().size()];
    auto draw = [&](auto field) {
        const auto [lo, hi] = range(field);
        return logUniform(rng, lo, hi);
    };
    p.name = "synthetic";
    const int sides[] = {8, 16, 32, 64};
    p.arrayRows = sides[rng() % 4];
    p.arrayCols = sides[rng() % 4];
    p.cores = int(1 + rng() % 4);
    p.sramKiB = std::round(draw([](const Platform &x) { return x.sramKiB; }));
    p.vectorLanes = int(std::pow(2, 4 + rng() % 4));
    const double f = std::uniform_real_distribution<double>(0.7, 1.3)(rng);
    for (DvfsPoint &d : p.dvfs)
        d.mhz = std::round(d.mhz * f);
    p.macInt8Pj = draw([](const Platform &x) { return x.macInt8Pj; });
    p.macFp16Pj = p.macInt8Pj * std::uniform_real_distribution<double>(3, 3.5)(rng);
    p.sramPjPerBit = draw([](const Platform &x) { return x.sramPjPerBit; });
    p.dramPjPerBit = draw([](const Platform &x) { return x.dramPjPerBit; });
    p.leakageMw = draw([](const Platform &x) { return x.leakageMw; });
    p.dramPeakGBps = draw([](const Platform &x) { return x.dramPeakGBps; });
    p.dramEfficiency = std::uniform_real_distribution<double>(0.6, 0.85)(rng);
    p.layerOverheadCycles = int(draw([](const Platform &x) { return x.layerOverheadCycles; }));
    return p;
}

} // namespace

TargetSetting randomSetting(const Platform &p, std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> u(0, 1);
    TargetSetting s = defaultSetting(p);
    s.fusion = static_cast<Fusion>(rng() % 3);
    s.dataflow = p.dataflows[rng() % p.dataflows.size()];
    s.precision = u(rng) < 0.8 ? Precision::Int8 : Precision::Fp16;
    s.dvfsMhz = p.dvfs[rng() % p.dvfs.size()].mhz;
    s.dramCapGBps =
        u(rng) < 0.5 ? 0.0 : std::min(p.dramPeakGBps, std::round(logUniform(rng, 0.5, p.dramPeakGBps) * 10) / 10);
    s.activeCores = int(1 + rng() % size_t(p.cores));
    s.sramBudgetKiB = std::max(16.0, std::round(p.sramKiB * std::uniform_real_distribution<double>(0.25, 1.0)(rng)));
    if (u(rng) < 0.15) {
        s.autoTiling = false;
        s.tile = {int64_t(16) << (rng() % 6), int64_t(8) << (rng() % 5), int64_t(8) << (rng() % 6)};
    }
    return s;
}

Target randomTarget(std::mt19937_64 &rng)
{
    Platform p = rng() % 2 ? presets()[rng() % presets().size()] : synthesizedPlatform(rng);
    TargetSetting s = randomSetting(p, rng);
    return {std::move(p), s};
}

Sample labelledSample(const graph::Network &network, const Target &target, const std::string &tag)
{
    const LoweredNetwork lowered = lowerNetwork(network);
    const SimulationResult r = simulate(lowered, target.platform, target.setting);
    Sample s;
    s.features = networkFeatures(lowered, target.platform, target.setting);
    s.target = {r.latencySeconds, r.energyJoules, r.dramBytes()};
    s.tag = tag;
    return s;
}

std::vector<Sample> generateGeneralSet(const GeneralSetOptions &o, const std::function<void(int, int)> &progress,
                                       const std::atomic<bool> *cancel)
{
    std::mt19937_64 rng(o.seed);
    const std::vector<augment::Family> families = augment::allFamilies();
    std::vector<Sample> samples;
    samples.reserve(size_t(o.networks * o.targetsPerNetwork));
    for (int i = 0; i < o.networks; ++i) {
        if (cancel && cancel->load())
            break;
        const augment::Family family = families[size_t(i) % families.size()];
        graph::Network net;
        try {
            net =
                augment::randomNetwork(family, rng, std::string(augment::familyName(family)) + "_" + std::to_string(i));
        } catch (const graph::GraphError &) {
            continue; // a drawn configuration that does not fit (too small an input): skip
        }
        if (o.excludedNetworks.count(graph::networkContentHash(net)))
            continue;
        for (int t = 0; t < o.targetsPerNetwork; ++t) {
            const Target target = randomTarget(rng);
            try {
                samples.push_back(labelledSample(net, target, augment::familyName(family)));
            } catch (const HardwareError &) {
                // An explicit tile that does not fit this network: not a sample.
            }
        }
        if (progress)
            progress(i + 1, o.networks);
    }
    return samples;
}

} // namespace calibra::model
