// SPDX-License-Identifier: GPL-3.0-or-later
// A network on a target: the figures and each node's execution-group cost are the
// simulator's, the network is lowered once however many threads ask at the same time.
#include "graph/NetworkBuilder.h"
#include "hardware/NetworkOnTarget.h"
#include "hardware/Platform.h"
#include "hardware/TargetSetting.h"

#include <QTest>
#include <QtConcurrent>

#include <cmath>

using namespace calibra;
using namespace calibra::hardware;

class TestNetworkOnTarget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void figuresAndNodeCostsAreTheSimulators()
    {
        const auto [name, net] = graph::referenceNetworks().front();
        const Platform platform = loadPlatform("builtin:edge-npu-s");
        TargetSetting setting = defaultSetting(platform);
        const NetworkOnTarget target(std::make_shared<const graph::Network>(net));
        const SimulationResult direct = simulate(lowerNetwork(net), platform, setting, {true});
        QCOMPARE(target.figures(platform, setting).latencySeconds, direct.latencySeconds);

        const std::vector<NodeCost> costs = target.nodeCosts(platform, setting);
        QCOMPARE(costs.size(), net.nodes.size());
        int covered = 0;
        for (const LayerReport &group : direct.layers)
            for (int node : group.nodes) {
                QCOMPARE(costs[size_t(node)].latencyUs, group.latencySeconds * 1e6);
                QCOMPARE(costs[size_t(node)].energyUj, group.energyJoules * 1e6);
                QCOMPARE(costs[size_t(node)].dramKB, group.dramBytes / 1e3);
                ++covered;
            }
        QVERIFY2(covered > 0, name.c_str());
        int unmapped = 0; // nodes in no execution group (the input, reshapes) carry no figures
        for (const NodeCost &c : costs)
            unmapped += std::isnan(c.latencyUs);
        QCOMPARE(unmapped + covered, int(net.nodes.size()));

        // Another setting, the same lowered network: the figures follow the setting.
        setting.dvfsMhz = platform.dvfs.front().mhz; // the slowest point
        QCOMPARE(target.figures(platform, setting).latencySeconds,
                 simulate(lowerNetwork(net), platform, setting).latencySeconds);
    }

    void sharedBetweenThreads()
    {
        const auto [name, net] = graph::referenceNetworks().back();
        const Platform platform = loadPlatform("builtin:edge-npu-s");
        const TargetSetting setting = defaultSetting(platform);
        const auto target = std::make_shared<const NetworkOnTarget>(std::make_shared<const graph::Network>(net));
        const QList<double> latencies = QtConcurrent::blockingMapped(
            QList<int>{0, 1, 2, 3, 4, 5, 6, 7}, [&](int) { return target->figures(platform, setting).latencySeconds; });
        for (double l : latencies)
            QCOMPARE(l, latencies.front());
    }
};

QTEST_GUILESS_MAIN(TestNetworkOnTarget)
#include "tst_networkontarget.moc"
