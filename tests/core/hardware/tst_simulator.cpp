// SPDX-License-Identifier: GPL-3.0-or-later
// Properties the simulator must have on every built-in network and preset: the
// physics (frequency, bandwidth, fusion, cores, precision), roofline bounds,
// consistency of per-layer and total figures, and determinism.
#include "graph/NetworkBuilder.h"
#include "hardware/HardwareError.h"
#include "hardware/Simulator.h"

#include <QTest>

#include <algorithm>

using namespace calibra;
using namespace calibra::hardware;

namespace {

struct Case
{
    std::string network, platform;
    LoweredNetwork lowered;
    Platform p;
};

std::vector<Case> &cases()
{
    static std::vector<Case> all = [] {
        std::vector<Case> v;
        for (const auto &[name, net] : graph::referenceNetworks())
            for (const std::string &pname : builtinPlatformNames())
                v.push_back({name, pname, lowerNetwork(net), loadPlatform("builtin:" + pname)});
        return v;
    }();
    return all;
}

std::string label(const Case &c, const char *what = "")
{
    return c.network + " on " + c.platform + " " + what;
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void computeBoundLayersScaleWithFrequencyOnly()
    {
        int computeBound = 0, memoryBound = 0;
        for (const Case &c : cases()) {
            TargetSetting slow = defaultSetting(c.p), fast = slow;
            slow.dvfsMhz = c.p.dvfs.front().mhz;
            const SimulationResult a = simulate(c.lowered, c.p, slow, {true});
            const SimulationResult b = simulate(c.lowered, c.p, fast, {true});
            QCOMPARE(a.layers.size(), b.layers.size()); // conservative fusion: same groups
            for (size_t i = 0; i < a.layers.size(); ++i) {
                if (a.layers[i].computeBound && b.layers[i].computeBound) {
                    QVERIFY2(b.layers[i].latencySeconds < a.layers[i].latencySeconds,
                             label(c, a.layers[i].layers.c_str()).c_str());
                    ++computeBound;
                } else if (!a.layers[i].computeBound && !b.layers[i].computeBound) {
                    QCOMPARE(b.layers[i].latencySeconds, a.layers[i].latencySeconds);
                    ++memoryBound;
                }
            }
            QVERIFY(b.latencySeconds < a.latencySeconds);
        }
        // Both kinds were exercised (layers that change kind between the two
        // frequencies are not counted).
        QVERIFY2(computeBound > 20 && memoryBound > 20,
                 qPrintable(QString("compute-bound %1, memory-bound %2").arg(computeBound).arg(memoryBound)));
    }

    void lowerDramCapNeverFaster()
    {
        for (const Case &c : cases())
            for (Fusion f : {Fusion::None, Fusion::Conservative, Fusion::DepthFirst}) {
                TargetSetting s = defaultSetting(c.p);
                s.fusion = f;
                double previous = 0;
                // No cap, then caps from the platform's peak down to a hundredth of it.
                for (double share : {0.0, 1.0, 0.4, 0.2, 0.1, 0.04, 0.02, 0.01}) {
                    s.dramCapGBps = share * c.p.dramPeakGBps;
                    const double latency = simulate(c.lowered, c.p, s).latencySeconds;
                    QVERIFY2(latency >= previous * (1 - 1e-12), label(c, fusionName(f)).c_str());
                    previous = latency;
                }
            }
    }

    void fusionNeverAddsDramTraffic()
    {
        for (const Case &c : cases())
            for (double sramShare : {1.0, 0.25})
                for (Precision precision : {Precision::Int8, Precision::Fp16}) {
                    TargetSetting s = defaultSetting(c.p);
                    s.sramBudgetKiB = std::max(16.0, c.p.sramKiB * sramShare);
                    s.precision = precision;
                    double previous = 1e300;
                    for (Fusion f : {Fusion::None, Fusion::Conservative, Fusion::DepthFirst}) {
                        s.fusion = f;
                        const SimulationResult r = simulate(c.lowered, c.p, s);
                        QVERIFY2(r.dramBytes() <= previous, label(c, fusionName(f)).c_str());
                        previous = r.dramBytes();
                    }
                }
    }

    void fusionHelpsTheReferenceNetworks()
    {
        const Case &c = cases().front(); // a real network on a small chip: fusion must matter
        TargetSetting s = defaultSetting(c.p);
        s.fusion = Fusion::None;
        const SimulationResult none = simulate(c.lowered, c.p, s);
        s.fusion = Fusion::DepthFirst;
        const SimulationResult df = simulate(c.lowered, c.p, s);
        QVERIFY(df.dramBytes() < 0.7 * none.dramBytes());
        QVERIFY(df.groups < none.groups);
        QVERIFY(df.macs >= none.macs); // halos recomputed, never fewer MACs
    }

    void rooflineBoundsAndTotals()
    {
        for (const Case &c : cases()) {
            const TargetSetting s = defaultSetting(c.p);
            const SimulationResult r = simulate(c.lowered, c.p, s, {true});
            const double peakMacs = double(c.p.arrayRows) * c.p.arrayCols * s.activeCores * s.dvfsMhz * 1e6
                                    + double(c.p.vectorLanes) * s.activeCores * s.dvfsMhz * 1e6;
            const double bandwidth = c.p.dramPeakGBps * c.p.dramEfficiency * 1e9;
            QVERIFY2(r.latencySeconds >= r.macs / peakMacs, label(c).c_str());
            QVERIFY2(r.latencySeconds >= r.dramBytes() / bandwidth * (1 - 1e-9), label(c).c_str());
            double latency = 0, energy = 0, bytes = 0;
            for (const LayerReport &l : r.layers) {
                latency += l.latencySeconds;
                energy += l.energyJoules;
                bytes += l.dramBytes;
            }
            QVERIFY(qFuzzyCompare(latency, r.latencySeconds));
            QVERIFY(qFuzzyCompare(energy, r.energyJoules));
            QVERIFY(qFuzzyCompare(bytes, r.dramBytes()));
            QVERIFY(qFuzzyCompare(r.averagePowerWatts, r.energyJoules / r.latencySeconds));
            // Every byte of weights is read at least once.
            QVERIFY(r.dramReadBytes > 0 && r.dramWriteBytes > 0);
        }
    }

    void macEnergyAtNominalVoltage()
    {
        for (const Case &c : cases()) {
            const TargetSetting s = defaultSetting(c.p);
            const SimulationResult r = simulate(c.lowered, c.p, s);
            const double v = c.p.findDvfs(s.dvfsMhz)->volts / c.p.nominalVolts;
            // On-chip energy per MAC (array, vector unit, SRAM traffic), at nominal voltage.
            const double pjPerMac = (r.macEnergy + r.vectorEnergy + r.sramEnergy) / r.macs * 1e12 / (v * v);
            QVERIFY2(pjPerMac >= 0.1 && pjPerMac <= 1.0, label(c).c_str());
        }
    }

    void dynamicEnergyFollowsVoltage()
    {
        const Case &c = cases().front();
        TargetSetting s = defaultSetting(c.p);
        const SimulationResult high = simulate(c.lowered, c.p, s);
        s.dvfsMhz = c.p.dvfs.front().mhz;
        const SimulationResult low = simulate(c.lowered, c.p, s);
        const double vh = c.p.dvfs.back().volts, vl = c.p.dvfs.front().volts;
        QVERIFY(qFuzzyCompare(high.macEnergy / low.macEnergy, vh * vh / (vl * vl)));
        QVERIFY(qFuzzyCompare(high.dramEnergy, low.dramEnergy)); // off-chip: not scaled
    }

    void coresAndPrecision()
    {
        const graph::Network net = graph::buildResNet18();
        const LoweredNetwork lowered = lowerNetwork(net);
        const Platform p = loadPlatform("builtin:mobile-apu-l");
        TargetSetting s = defaultSetting(p);
        const SimulationResult four = simulate(lowered, p, s);
        s.activeCores = 1;
        const SimulationResult one = simulate(lowered, p, s);
        QVERIFY(four.latencySeconds < one.latencySeconds);
        s.activeCores = 4;
        s.precision = Precision::Fp16;
        const SimulationResult fp16 = simulate(lowered, p, s);
        QVERIFY(fp16.latencySeconds > four.latencySeconds);
        QVERIFY(fp16.dramBytes() > 1.5 * four.dramBytes());
    }

    void deterministic()
    {
        for (const Case &c : cases()) {
            TargetSetting s = defaultSetting(c.p);
            s.fusion = Fusion::DepthFirst;
            const SimulationResult a = simulate(c.lowered, c.p, s), b = simulate(c.lowered, c.p, s);
            QCOMPARE(a.latencySeconds, b.latencySeconds);
            QCOMPARE(a.energyJoules, b.energyJoules);
            QCOMPARE(a.dramBytes(), b.dramBytes());
        }
    }

    void explicitTiles()
    {
        // resnet18 on the first preset (sorted names), found by name: the list grows with
        // the built-in networks.
        const auto it =
            std::find_if(cases().begin(), cases().end(), [](const Case &k) { return k.network == "resnet18"; });
        QVERIFY(it != cases().end());
        const Case &c = *it;
        TargetSetting s = defaultSetting(c.p);
        s.fusion = Fusion::None;
        const SimulationResult automatic = simulate(c.lowered, c.p, s, {true});
        s.autoTiling = false;
        s.tile = {64, 32, 64};
        const SimulationResult manual = simulate(c.lowered, c.p, s, {true});
        QVERIFY(manual.dramBytes() > automatic.dramBytes()); // a small tile re-reads operands
        QVERIFY(manual.layers[0].note.find("m=64 n=32 k=64") != std::string::npos);
        s.tile = {1 << 20, 1 << 16, 1 << 16};
        try {
            simulate(c.lowered, c.p, s);
            QFAIL("an oversized tile was accepted");
        } catch (const HardwareError &e) {
            QVERIFY2(QString(e.what()).contains("layer 'stem.conv'"), e.what());
        }
    }

    void invalidSettingRefused()
    {
        const Case &c = cases().front();
        TargetSetting s = defaultSetting(c.p);
        s.activeCores = 99;
        QVERIFY_THROWS_EXCEPTION(HardwareError, simulate(c.lowered, c.p, s));
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
