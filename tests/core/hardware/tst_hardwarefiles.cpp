// SPDX-License-Identifier: GPL-3.0-or-later
// Platform presets and target-setting files: the shipped presets are sane, settings
// round-trip, and every bad value is reported with its field.
#include "base/InputError.h"
#include "hardware/HostPlatform.h"
#include "hardware/TargetSetting.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "ErrorOf.h"

#include <algorithm>

using namespace calibra::hardware;

namespace {

const std::string kPlatform = R"(format: calibra-platform
version: 1
name: t
array: {rows: 8, cols: 8}
cores: 2
dataflows: [WS]
sram_kib: 256
vector_lanes: 16
dvfs:
  - {mhz: 500, volts: 0.7}
  - {mhz: 1000, volts: 0.9}
nominal_volts: 0.8
energy_pj: {mac_int8: 0.3, mac_fp16: 1.0, sram_per_bit: 0.1, dram_per_bit: 8}
leakage_mw: 10
dram: {peak_gbps: 10, efficiency: 0.7}
layer_overhead_cycles: 100
)";

std::string replaced(std::string s, const std::string &from, const std::string &to)
{
    s.replace(s.find(from), from.size(), to);
    return s;
}

} // namespace

class TestHardwareFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void presetsAreSane()
    {
        const auto names = builtinPlatformNames();
        QVERIFY(names.size() >= 3);
        double smallest = 1e30, largest = 0;
        for (const std::string &name : names) {
            const Platform p = loadPlatform("builtin:" + name);
            // 8-bit MAC energy at nominal voltage: 0.1-1 pJ (45 nm ~0.2 pJ, 7 nm ~0.03 pJ
            // for the bare multiplier; presets include operand registers and control).
            QVERIFY2(p.macInt8Pj >= 0.1 && p.macInt8Pj <= 1.0, name.c_str());
            QVERIFY(p.macFp16Pj > p.macInt8Pj);
            QVERIFY(p.dramPjPerBit > 10 * p.sramPjPerBit); // DRAM is far costlier than SRAM
            const double tops = 2.0 * p.arrayRows * p.arrayCols * p.cores * p.dvfs.back().mhz * 1e6 / 1e12;
            smallest = std::min(smallest, tops);
            largest = std::max(largest, tops);
            validateTargetSetting(defaultSetting(p), p);
        }
        QVERIFY(smallest <= 1.0); // a small edge NPU ...
        QVERIFY(largest >= 15.0); // ... to a large mobile APU
    }

    void settingRoundTrip()
    {
        const Platform p = parsePlatformYaml(kPlatform, "p.yaml");
        TargetSetting s = defaultSetting(p);
        s.autoTiling = false;
        s.tile = {256, 32, 144};
        s.fusion = Fusion::DepthFirst;
        s.precision = Precision::Fp16;
        s.dvfsMhz = 500;
        s.dramCapGBps = 3.5;
        s.activeCores = 1;
        s.sramBudgetKiB = 128;
        const TargetSetting back = parseTargetSettingYaml(targetSettingToYaml(s), "s.yaml", p);
        QVERIFY(back == s);
        // Omitted fields take the platform's defaults.
        const TargetSetting partial = parseTargetSettingYaml(
            "format: calibra-target-setting\nversion: 1\nhardware: {active_cores: 1}\n", "s.yaml", p);
        QCOMPARE(partial.activeCores, 1);
        QCOMPARE(partial.dvfsMhz, 1000.0);
        QCOMPARE(partial.fusion, Fusion::Conservative);
    }

    void badPlatformNamesField_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rows") << "rows: 8"
                              << "rows: 0"
                              << "p.yaml:4: array.rows: 0 is out of range";
        QTest::newRow("dataflow") << "[WS]"
                                  << "[XS]"
                                  << "dataflows: 'XS' is not OS, WS or IS";
        QTest::newRow("dvfs order") << "mhz: 1000, volts: 0.9"
                                    << "mhz: 400, volts: 0.9"
                                    << "dvfs[1].mhz: operating points must ascend";
        QTest::newRow("energy") << "mac_int8: 0.3"
                                << "mac_int8: x"
                                << "energy_pj.mac_int8: must be a number, got 'x'";
        QTest::newRow("missing") << "leakage_mw: 10\n"
                                 << ""
                                 << "leakage_mw: is missing";
        QTest::newRow("typo") << "cores: 2"
                              << "cores: 2\ncorez: 3"
                              << "corez: unknown field";
        QTest::newRow("efficiency") << "efficiency: 0.7"
                                    << "efficiency: 1.5"
                                    << "dram.efficiency: 1.5 is out of range";
        QTest::newRow("format") << "format: calibra-platform"
                                << "format: other"
                                << "not a calibra-platform file";
    }
    void badPlatformNamesField()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, expected);
        const QString msg = calibra::test::errorOf<calibra::base::InputError>(
            [&] { parsePlatformYaml(replaced(kPlatform, from.toStdString(), to.toStdString()), "p.yaml"); });
        QVERIFY2(msg.contains(expected), qPrintable("got: " + msg));
    }

    void badSettingNamesField_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("expected");
        const QString h = "format: calibra-target-setting\nversion: 1\n";
        QTest::newRow("dvfs") << h + "hardware: {dvfs_mhz: 750}"
                              << "s.yaml:3: hardware.dvfs_mhz: 750 MHz is not a DVFS point of t (500, 1000)";
        // Checked against the platform, on the line the field is written on.
        QTest::newRow("dvfs line") << h + "compile:\n  fusion: none\nhardware:\n  active_cores: 1\n  dvfs_mhz: 750\n"
                                   << "s.yaml:7: hardware.dvfs_mhz: 750 MHz";
        QTest::newRow("cap above peak")
            << h + "hardware: {dram_cap_gbps: 12.8}"
            << "s.yaml:3: hardware.dram_cap_gbps: 12.8 GB/s is above the peak DRAM bandwidth of t (10 GB/s)";
        QTest::newRow("dvfs as written") << h + "hardware: {dvfs_mhz: 1234.5}"
                                         << "hardware.dvfs_mhz: 1234.5 MHz is not a DVFS point";
        QTest::newRow("cores") << h + "hardware: {active_cores: 3}"
                               << "hardware.active_cores: 3 is not between 1 and the platform's 2 cores";
        QTest::newRow("sram") << h + "hardware: {sram_budget_kib: 512}"
                              << "hardware.sram_budget_kib: 512 KiB is not between 16 and the platform's 256 KiB";
        QTest::newRow("dataflow") << h + "compile: {dataflow: OS}"
                                  << "compile.dataflow: OS is not supported by t";
        QTest::newRow("fusion") << h + "compile: {fusion: greedy}"
                                << "compile.fusion: 'greedy' is not none";
        QTest::newRow("precision") << h + "compile: {precision: int4}"
                                   << "compile.precision: 'int4'";
        QTest::newRow("tiling") << h + "compile: {tiling: manual}"
                                << "compile.tiling: must be 'auto' or {m, n, k}";
        QTest::newRow("tile size") << h + "compile: {tiling: {m: 0, n: 1, k: 1}}"
                                   << "compile.tiling.m: 0 is out of range";
        QTest::newRow("cap") << h + "hardware: {dram_cap_gbps: -1}"
                             << "hardware.dram_cap_gbps: -1 is out of range";
        QTest::newRow("unknown") << h + "hardware: {turbo: 1}"
                                 << "hardware.turbo: unknown field";
        QTest::newRow("version") << "format: calibra-target-setting\nversion: 9\n"
                                 << "version: 9 is newer";
        QTest::newRow("yaml") << h + "compile: {fusion: ["
                              << "s.yaml:3: invalid YAML";
        QTest::newRow("repeated key") << h + "compile: {fusion: none}\ncompile: {fusion: depth_first}\n"
                                      << "s.yaml:4: key 'compile' appears twice in one mapping (first on line 3)";
        QTest::newRow("second document") << h + "compile: {fusion: none}\n---\ncompile: {fusion: depth_first}\n"
                                         << "s.yaml:4: a second YAML document";
    }
    void badSettingNamesField()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, expected);
        const Platform p = parsePlatformYaml(kPlatform, "p.yaml");
        const QString msg = calibra::test::errorOf<calibra::base::InputError>(
            [&] { parseTargetSettingYaml(yaml.toStdString(), "s.yaml", p); });
        QVERIFY2(msg.contains(expected), qPrintable("got: " + msg));
    }

    // A recorded setting (a resumed run's) is held to the rules it was made under: a cap
    // above the peak, refused when written now, still opens. A default the platform cannot
    // run is named without a line, as no line holds it.
    void recordedSettingsAndDefaults()
    {
        const Platform p = parsePlatformYaml(kPlatform, "p.yaml");
        const std::string cap = "format: calibra-target-setting\nversion: 1\nhardware: {dram_cap_gbps: 12.8}\n";
        QCOMPARE(parseTargetSettingYaml(cap, "s.yaml", p, {}, SettingOrigin::Recorded).dramCapGBps, 12.8);
        const Platform tiny = parsePlatformYaml(replaced(kPlatform, "sram_kib: 256", "sram_kib: 8"), "tiny.yaml");
        const QString msg = calibra::test::errorOf<calibra::base::InputError>(
            [&] { parseTargetSettingYaml("format: calibra-target-setting\nversion: 1\n", "s.yaml", tiny); });
        QVERIFY2(msg.startsWith("s.yaml: hardware.sram_budget_kib: 8 KiB is not between 16"), qPrintable(msg));
    }

    void unknownBuiltin()
    {
        QVERIFY(calibra::test::errorOf<calibra::base::InputError>([] {
                    loadPlatform("builtin:tpu-v9");
                }).contains("unknown built-in platform 'tpu-v9'"));
        QVERIFY(calibra::test::errorOf<calibra::base::InputError>([] {
                    loadPlatform("/nonexistent.yaml");
                }).contains("cannot open"));
    }
    // The host's platform file: facts read from /proc and /sys (a made-up machine under a
    // temporary root), written as a platform file that loads with those figures.
    void describesTheHost()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const auto write = [&root](const QString &path, const QByteArray &text) {
            QVERIFY(QDir(root.path()).mkpath(QFileInfo(root.filePath(path)).path()));
            QFile f(root.filePath(path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write("proc/cpuinfo", "processor\t: 0\nmodel name\t: Test \"CPU\" 9000\ncpu MHz\t\t: 2200.000\n"
                              "flags\t\t: fpu sse2 avx avx2 fma\n");
        write("sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "3500000\n");
        write("sys/devices/system/cpu/cpu0/cache/index0/type", "Data\n");
        write("sys/devices/system/cpu/cpu0/cache/index0/size", "48K\n");
        write("sys/devices/system/cpu/cpu0/cache/index1/type", "Instruction\n");
        write("sys/devices/system/cpu/cpu0/cache/index1/size", "64M\n");
        write("sys/devices/system/cpu/cpu0/cache/index2/type", "Unified\n");
        write("sys/devices/system/cpu/cpu0/cache/index2/size", "16M\n");
        const HostFacts f = readHostFacts(false, root.path().toStdString());
        QCOMPARE(f.cpuModel, std::string("Test \"CPU\" 9000"));
        QCOMPARE(f.fp32Lanes, 8);
        QCOMPARE(f.simd, std::string("AVX2"));
        QCOMPARE(f.fmaUnits, 2);
        QCOMPARE(f.mhz, 3500.0);
        QCOMPARE(f.lastLevelCacheKiB, 16384.0); // the instruction cache does not count
        QCOMPARE(f.dramGBps, 0.0);
        const Platform p = parsePlatformYaml(hostPlatformYaml(f), "host");
        QCOMPARE(p.arrayRows, 1);
        QCOMPARE(p.arrayCols, 16);
        QCOMPARE(p.cores, std::clamp(f.cpus, 1, 64));
        QCOMPARE(p.vectorLanes, 8);
        QCOMPARE(p.sramKiB, 16384.0);
        QCOMPARE(p.dvfs.back().mhz, 3500.0);
        QCOMPARE(p.dramPeakGBps, 10.0); // not measured: assumed, and the file says so
        QVERIFY(hostPlatformYaml(f).find("not measured: 10 GB/s assumed") != std::string::npos);
        QVERIFY(p.description.find("Test 'CPU' 9000") != std::string::npos);

        // This machine, bandwidth measured: it loads too.
        const HostFacts here = readHostFacts(true);
        QVERIFY(here.dramGBps > 0);
        QCOMPARE(parsePlatformYaml(hostPlatformYaml(here), "this host").name, "host-" + here.arch);
    }
};

QTEST_GUILESS_MAIN(TestHardwareFiles)
#include "tst_hardwarefiles.moc"
