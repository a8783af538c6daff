// SPDX-License-Identifier: GPL-3.0-or-later
// Interference detection with a probe network: an injected burst of slow measurements
// is detected and what it touched is measured again.
#include "graph/NetworkBuilder.h"
#include "validate/ProbedValidator.h"

#include <QTest>

#include <map>

using namespace calibra;
using namespace calibra::validate;

namespace {

// A "device" whose every network has a true latency; measurements numbered in
// [burstFrom, burstTo) come out 45% slow, as a machine busy with something else does.
class BurstyValidator : public Validator
{
public:
    std::map<std::string, double> truth;
    int measurements = 0;
    int burstFrom = -1, burstTo = -1;

    std::string backendId() const override { return "bursty"; }
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch, const std::atomic<bool> *) override
    {
        std::vector<Metrics> out;
        for (const ValidationRequest &r : batch) {
            Metrics m;
            m.ok = true;
            const bool slow = measurements >= burstFrom && measurements < burstTo;
            m.latencyMs = truth.at(r.network->name) * (slow ? 1.45 : 1.0);
            ++measurements;
            out.push_back(m);
        }
        return out;
    }
};

class ProbeFailing : public Validator
{
public:
    std::shared_ptr<BurstyValidator> inner;
    std::string backendId() const override { return "probe-failing"; }
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch, const std::atomic<bool> *c) override
    {
        std::vector<Metrics> out;
        for (const ValidationRequest &r : batch) {
            if (r.network->name != "probe") {
                out.push_back(inner->validate({r}, c).front());
                continue;
            }
            Metrics m;
            m.error = "cannot measure the probe";
            out.push_back(m);
        }
        return out;
    }
};

std::shared_ptr<const graph::Network> named(const std::string &name)
{
    graph::Network n = graph::buildEspcn(16, 16);
    n.name = name;
    return std::make_shared<const graph::Network>(std::move(n));
}

struct Setup
{
    std::shared_ptr<BurstyValidator> device = std::make_shared<BurstyValidator>();
    std::vector<ValidationRequest> batch;
    std::shared_ptr<const graph::Network> probe = named("probe");

    Setup()
    {
        device->truth["probe"] = 2.0;
        for (int i = 0; i < 20; ++i) {
            const std::string name = "n" + std::to_string(i);
            device->truth[name] = 1.0 + 0.1 * i;
            batch.push_back({named(name), {}});
        }
    }
    void expectTruth(const std::vector<Metrics> &results) const
    {
        QCOMPARE(results.size(), batch.size());
        for (size_t i = 0; i < batch.size(); ++i)
            QCOMPARE(results[i].latencyMs, device->truth.at(batch[i].network->name));
    }
};

} // namespace

class TestProbedValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quietDeviceCostsOnlyTheProbes()
    {
        Setup s;
        ProbedValidator v(s.device, s.probe, {5, 0.10, 3});
        s.expectTruth(v.validate(s.batch, nullptr));
        const ProbeReport r = v.report();
        QCOMPARE(r.probes, 3 + 1 + 4); // the baseline, one before, one after each stretch of 5
        QCOMPARE(r.disturbed, 0);
        QCOMPARE(r.remeasured, 0);
        QCOMPARE(r.baselineMs, 2.0);
        QCOMPARE(s.device->measurements, 20 + 8);
    }

    // Measurements 12-15 are slow: three networks of the second stretch and the probe
    // after it. The stretch is measured again until quiet probes bracket it.
    void burstIsDetectedAndRemeasured()
    {
        Setup s;
        s.device->burstFrom = 12;
        s.device->burstTo = 16;
        ProbedValidator v(s.device, s.probe, {5, 0.10, 3});
        s.expectTruth(v.validate(s.batch, nullptr));
        const ProbeReport r = v.report();
        QCOMPARE(r.disturbed, 1);
        QCOMPARE(r.remeasured, 10); // twice: once after the slow probe, once more between quiet ones
        QCOMPARE(r.unresolved, 0);
        QCOMPARE(r.baselineMs, 2.0);
    }

    // Without the probe the same burst passes as results: the test above is not vacuous.
    void theBurstIsRealWithoutTheProbe()
    {
        Setup s;
        s.device->burstFrom = 12 - 4; // the same networks (no baseline or first probe before them)
        s.device->burstTo = 16 - 5;
        const std::vector<Metrics> raw = s.device->validate(s.batch, nullptr);
        int slow = 0;
        for (size_t i = 0; i < raw.size(); ++i)
            slow += raw[i].latencyMs > s.device->truth.at(s.batch[i].network->name);
        QCOMPARE(slow, 3);
    }

    // A device that stays slow cannot be waited out: the results come back, counted as
    // unresolved, after the retries.
    void lastingDisturbanceIsReportedNotHidden()
    {
        Setup s;
        s.device->burstFrom = 10;
        s.device->burstTo = 1 << 30;
        ProbedValidator v(s.device, s.probe, {5, 0.10, 2});
        const std::vector<Metrics> results = v.validate(s.batch, nullptr);
        QCOMPARE(results.size(), s.batch.size());
        const ProbeReport r = v.report();
        QVERIFY(r.disturbed >= 3);
        QCOMPARE(r.unresolved, 15);  // every stretch after the slowdown began
        QCOMPARE(r.baselineMs, 2.0); // the baseline never follows a disturbance
    }

    // A probe the device cannot measure (here: it fails every time) disturbs nothing:
    // the networks are measured once, as without a probe.
    void probeFailureIsNotADisturbance()
    {
        Setup s;
        auto device = std::make_shared<ProbeFailing>();
        device->inner = s.device;
        ProbedValidator v(device, s.probe, {5, 0.10, 3});
        s.expectTruth(v.validate(s.batch, nullptr));
        QCOMPARE(v.report().remeasured, 0);
        QCOMPARE(v.report().baselineMs, 0.0);
        QCOMPARE(s.device->measurements, 20);
    }
};

QTEST_GUILESS_MAIN(TestProbedValidator)
#include "tst_probedvalidator.moc"
