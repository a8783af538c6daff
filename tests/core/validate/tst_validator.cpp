// SPDX-License-Identifier: GPL-3.0-or-later
// The Validator interface with the simulator backend and the content-hash cache.
#include "graph/ContentHash.h"
#include "graph/NetworkBuilder.h"
#include "validate/CachedValidator.h"
#include "validate/SimulatorValidator.h"

#include <QTest>

using namespace calibra;
using namespace calibra::validate;

class TestValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void contentHashIgnoresNamesAndWeights()
    {
        graph::Network a = graph::buildEspcn(90, 160);
        graph::Network b = a;
        for (graph::Node &n : b.nodes) {
            for (std::string &t : n.inputs)
                t = "x_" + t;
            for (std::string &t : n.outputs)
                t = "x_" + t;
            n.name = "renamed_" + n.name;
        }
        b.inputs[0].name = "x_input";
        b.outputs[0] = "x_" + b.outputs[0];
        b.nodes[0].weights["bias"] = {{64}, std::vector<float>(64, 1.0f)};
        graph::analyzeNetwork(b);
        QCOMPARE(graph::networkContentHash(a), graph::networkContentHash(b));
        const graph::Network c = graph::buildEspcn(90, 160, 3, 2); // another upscale
        QVERIFY(graph::networkContentHash(a) != graph::networkContentHash(c));
    }

    void simulatesBatchesAndReportsFailures()
    {
        const hardware::Platform p = hardware::loadPlatform("builtin:edge-npu-s");
        SimulatorValidator v(p);
        QCOMPARE(v.backendId(), std::string("simulator/edge-npu-s"));
        auto net = std::make_shared<const graph::Network>(graph::buildMobileNetV2(32, 10, true));
        hardware::TargetSetting slow = hardware::defaultSetting(p), fast = slow, broken = slow;
        slow.dvfsMhz = 300;
        broken.activeCores = 7;
        const auto results = v.validate({{net, fast}, {net, slow}, {net, broken}, {nullptr, fast}}, nullptr);
        QCOMPARE(results.size(), size_t(4));
        QVERIFY(results[0].ok && results[1].ok);
        QVERIFY(results[1].latencyMs > results[0].latencyMs);
        QVERIFY(results[0].energyMj > 0 && results[0].dramBytes > 0 && results[0].averagePowerMw > 0);
        QVERIFY(!results[2].ok);
        QVERIFY(QString::fromStdString(results[2].error).contains("active_cores"));
        QVERIFY(!results[3].ok);

        std::atomic<bool> cancel{true};
        const auto cancelled = v.validate({{net, fast}}, &cancel);
        QCOMPARE(cancelled[0].error, std::string("cancelled"));
    }

    void cacheHitsByContent()
    {
        const hardware::Platform p = hardware::loadPlatform("builtin:mobile-npu-m");
        CachedValidator v(std::make_shared<SimulatorValidator>(p));
        auto a = std::make_shared<const graph::Network>(graph::buildResNet18(64, 10));
        auto sameContent = std::make_shared<const graph::Network>(graph::buildResNet18(64, 10));
        const hardware::TargetSetting s = hardware::defaultSetting(p);
        hardware::TargetSetting other = s;
        other.fusion = hardware::Fusion::None;
        const auto first = v.validate({{a, s}}, nullptr);
        QCOMPARE(v.misses(), int64_t(1));
        const auto second = v.validate({{sameContent, s}, {a, other}}, nullptr);
        QCOMPARE(v.hits(), int64_t(1));
        QCOMPARE(v.misses(), int64_t(2));
        QVERIFY(second[0] == first[0]);
        QVERIFY(second[1].ok && !(second[1] == first[0]));
        // Failures are not cached: a fixed setting is validated afresh.
        hardware::TargetSetting broken = s;
        broken.dvfsMhz = 1;
        v.validate({{a, broken}}, nullptr);
        v.validate({{a, broken}}, nullptr);
        QCOMPARE(v.misses(), int64_t(4));
    }
};

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
