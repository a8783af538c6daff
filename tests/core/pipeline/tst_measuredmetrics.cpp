// SPDX-License-Identifier: GPL-3.0-or-later
// What a run trusts from its validator: limits and objectives on metrics the validator
// cannot measure are left out unless the project trusts predictions of them, and
// target-setting fields a backend ignores are pointed out; each case says so.
#include "hardware/Platform.h"
#include "pipeline/MeasuredMetrics.h"
#include "project/Project.h"
#include "pipeline/RunSnapshot.h"
#include "pipeline/RunStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace calibra;
using search::CostMetric;

namespace {

// What the host CPU backend reports without RAPL: latency only, active cores only.
validate::BackendCapabilities hostWithoutRapl()
{
    validate::BackendCapabilities c;
    c.energy = false;
    c.memoryAccess = false;
    for (const hardware::SettingField f : hardware::kSettingFields)
        if (f != hardware::SettingField::ActiveCores)
            c.ignoredSettingFields.push_back(f);
    return c;
}

search::SearchOptions limitedOnEverything()
{
    search::SearchOptions s;
    s.constraints.maxLatencyMs = 0.9;
    s.constraints.maxPowerMw = 400;
    s.constraints.maxDramBytes = 5e6;
    return s;
}

} // namespace

class TestMeasuredMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aSimulatorKeepsEverything()
    {
        const pipeline::MeasuredSearch m =
            pipeline::restrictToMeasured(limitedOnEverything(), validate::BackendCapabilities{}, {}, "simulator");
        QCOMPARE(m.search.constraints.maxPowerMw, 400.0);
        QCOMPARE(m.search.constraints.maxDramBytes, 5e6);
        QVERIFY(m.search.minimizePower && m.search.minimizeMemoryAccess);
        QVERIFY(m.warnings.empty());
    }

    void unmeasuredUntrustedMetricsAreLeftOutAndSaidSo()
    {
        const pipeline::MeasuredSearch m =
            pipeline::restrictToMeasured(limitedOnEverything(), hostWithoutRapl(), {}, "board/host/x86");
        QCOMPARE(m.search.constraints.maxLatencyMs, 0.9);
        QCOMPARE(m.search.constraints.maxPowerMw, 0.0);
        QCOMPARE(m.search.constraints.maxDramBytes, 0.0);
        QVERIFY(!m.search.minimizePower && !m.search.minimizeMemoryAccess);
        QCOMPARE(int(m.warnings.size()), 2);
        QCOMPARE(QString::fromStdString(m.warnings[0].english()),
                 QString("power is not measured by board/host/x86: the search leaves out its limit of 400 mW and "
                         "minimizing it, and the final model is not judged on it (list power under "
                         "search.trust_unvalidated to use the predictor's figures)"));
        QVERIFY(QString::fromStdString(m.warnings[1].english())
                    .startsWith("memory access is not measured by board/host/x86"));
        QVERIFY(QString::fromStdString(m.warnings[1].english()).contains("its limit of 5 MB"));
    }

    void trustedMetricsStayOnPredictions()
    {
        const pipeline::MeasuredSearch m = pipeline::restrictToMeasured(limitedOnEverything(), hostWithoutRapl(),
                                                                        {CostMetric::Power}, "board/host/x86");
        QCOMPARE(m.search.constraints.maxPowerMw, 400.0);
        QVERIFY(m.search.minimizePower);
        QCOMPARE(m.search.constraints.maxDramBytes, 0.0);
        QCOMPARE(m.onPredictionsOnly, std::vector<CostMetric>{CostMetric::Power});
        QCOMPARE(int(m.warnings.size()), 2); // trusted power is still said to be unvalidated
        QVERIFY(QString::fromStdString(m.warnings[0].english())
                    .contains("keeps its limit of 400 mW and minimizing it on the "
                              "predictor's figures, which no check validates"));
    }

    // The constrained search minimizes nothing but the accuracy's complement: with no
    // power limit, there is nothing about power to leave out.
    void nothingToSayWhenTheMetricIsUnused()
    {
        search::SearchOptions s;
        s.algorithm = search::Algorithm::Constrained;
        s.constraints.maxLatencyMs = 1;
        const pipeline::MeasuredSearch m = pipeline::restrictToMeasured(s, hostWithoutRapl(), {}, "host");
        QVERIFY(m.warnings.empty());
        QCOMPARE(m.search.constraints.maxLatencyMs, 1.0);
    }

    void ignoredSettingFieldsThatAreSetAreWarnings()
    {
        const hardware::Platform p = hardware::loadPlatform("builtin:edge-npu-s");
        const hardware::TargetSetting defaults = hardware::defaultSetting(p);
        QVERIFY(pipeline::ignoredSettingWarnings(defaults, defaults, hostWithoutRapl(), "host").empty());
        hardware::TargetSetting s = defaults;
        s.activeCores = 1; // applied by the host backend
        QVERIFY(pipeline::ignoredSettingWarnings(s, defaults, hostWithoutRapl(), "host").empty());
        s.fusion = hardware::Fusion::DepthFirst; // ignored
        s.dramCapGBps = 2;                       // ignored
        const std::vector<TranslatableText> w =
            pipeline::ignoredSettingWarnings(s, defaults, hostWithoutRapl(), "host");
        QCOMPARE(int(w.size()), 1);
        QVERIFY2(QString::fromStdString(w[0].english())
                     .startsWith(
                         "the target setting sets compile.fusion, hardware.dram_cap_gbps, which host does not apply"),
                 w[0].english().c_str());
        QVERIFY(QString::fromStdString(w[0].english())
                    .endsWith("the predictor is given them, the validated figures do not "
                              "reflect them, and a finetune learns the difference"));
        s.dramCapGBps = defaults.dramCapGBps;
        QVERIFY(QString::fromStdString(
                    pipeline::ignoredSettingWarnings(s, defaults, hostWithoutRapl(), "host")[0].english())
                    .contains("sets compile.fusion, which host does not apply: the predictor is given it,"));
        QVERIFY(pipeline::ignoredSettingWarnings(s, defaults, validate::BackendCapabilities{}, "simulator").empty());
    }

    void settingFieldsHaveNames()
    {
        for (const hardware::SettingField f : hardware::kSettingFields) {
            hardware::SettingField back;
            QVERIFY(hardware::parseSettingField(hardware::settingFieldName(f), &back));
            QCOMPARE(back, f);
        }
        hardware::SettingField unused;
        QVERIFY(!hardware::parseSettingField("hardware.voltage", &unused));
    }

    // What a run left out is recorded with it: its report and charts read the project as
    // the search used it.
    void leftOutLimitsAreRecorded()
    {
        const pipeline::MeasuredSearch m =
            pipeline::restrictToMeasured(limitedOnEverything(), hostWithoutRapl(), {CostMetric::Power}, "host");
        QCOMPARE(m.leftOut, std::vector<CostMetric>{CostMetric::MemoryAccess});
        QCOMPARE(pipeline::costMetricList({CostMetric::Power, CostMetric::MemoryAccess}),
                 std::string("power,memory_access"));
        QCOMPARE(pipeline::parseCostMetricList("power,memory_access,voltage"),
                 (std::vector<CostMetric>{CostMetric::Power, CostMetric::MemoryAccess}));
        QTemporaryDir dir;
        pipeline::RunStore store(dir.path().toStdString(), true);
        pipeline::Project p = pipeline::demoProject();
        p.search.constraints.maxPowerMw = 400;
        store.setMeta("project", pipeline::projectToYaml(p));
        QCOMPARE(pipeline::recordedProject(store).search.constraints.maxPowerMw, 400.0);
        store.setMeta("search_left_out", pipeline::costMetricList({CostMetric::Power}));
        const pipeline::Project used = pipeline::recordedProject(store);
        QCOMPARE(used.search.constraints.maxPowerMw, 0.0);
        QVERIFY(!used.search.minimizePower && used.search.minimizeMemoryAccess);
    }

    void projectListsTrustedMetrics()
    {
        const std::string yaml = "format: calibra-project\nversion: 1\nreference: builtin:resnet_fmnist\n"
                                 "platform: builtin:edge-npu-s\nsearch: {trust_unvalidated: [memory_access, power]}\n";
        const pipeline::Project p = pipeline::parseProject(yaml, "p.yaml");
        QCOMPARE(p.trustUnvalidated, (std::vector<CostMetric>{CostMetric::MemoryAccess, CostMetric::Power}));
        QCOMPARE(pipeline::parseProject(pipeline::projectToYaml(p), "again.yaml").trustUnvalidated, p.trustUnvalidated);
        try {
            pipeline::parseProject(yaml.substr(0, yaml.find("search:")) + "search: {trust_unvalidated: [latency]}\n",
                                   "bad.yaml");
            QFAIL("latency was accepted as unmeasured");
        } catch (const std::exception &e) {
            QVERIFY2(QString(e.what()).contains("bad.yaml") && QString(e.what()).contains("search.trust_unvalidated")
                         && QString(e.what()).contains("latency is always measured"),
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestMeasuredMetrics)
#include "tst_measuredmetrics.moc"
