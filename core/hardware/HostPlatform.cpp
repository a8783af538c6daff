// SPDX-License-Identifier: GPL-3.0-or-later
#include "HostPlatform.h"

#include <QFile>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <sstream>
#include <vector>

#include <sched.h>
#include <sys/utsname.h>

namespace calibra::hardware {

namespace {

QString readText(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// "32768K", "1024K", "32M" -> KiB
double cacheKiB(QString size)
{
    size = size.trimmed();
    if (size.isEmpty())
        return 0;
    double scale = 1;
    if (size.endsWith('K'))
        size.chop(1);
    else if (size.endsWith('M')) {
        size.chop(1);
        scale = 1024;
    }
    bool ok = false;
    const double v = size.toDouble(&ok);
    return ok ? v * scale : 0;
}

double measureCopyGBps()
{
    constexpr size_t kBytes = 64u << 20; // well past any last-level cache
    std::vector<char> a(kBytes, 1), b(kBytes, 2);
    double best = 0;
    for (int i = 0; i < 5; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        std::memcpy(b.data(), a.data(), kBytes);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::max(best, 2.0 * double(kBytes) / s / 1e9); // read and write
        std::swap(a, b);
    }
    return best;
}

} // namespace

HostFacts readHostFacts(bool measureBandwidth, const std::string &root)
{
    HostFacts f;
    utsname u{};
    uname(&u);
    f.arch = u.machine;
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    f.cpus = sched_getaffinity(0, sizeof allowed, &allowed) == 0 ? std::max(1, CPU_COUNT(&allowed)) : 1;

    const QString cpuinfo = readText(root + "/proc/cpuinfo");
    const auto field = [&cpuinfo](const char *name) {
        const QRegularExpression re(QStringLiteral("^%1\\s*:\\s*(.*)$").arg(QLatin1String(name)),
                                    QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = re.match(cpuinfo);
        return m.hasMatch() ? m.captured(1).trimmed() : QString();
    };
    f.cpuModel = field("model name").toStdString();
    if (f.cpuModel.empty())
        f.cpuModel = f.arch;
    const QStringList flags = (field("flags") + " " + field("Features")).split(' ', Qt::SkipEmptyParts);
    if (flags.contains("avx512f")) {
        f.fp32Lanes = 16;
        f.simd = "AVX-512";
    } else if (flags.contains("avx2") || flags.contains("avx")) {
        f.fp32Lanes = 8;
        f.simd = flags.contains("avx2") ? "AVX2" : "AVX";
    } else if (flags.contains("sse2") || flags.contains("asimd") || flags.contains("neon")) {
        f.fp32Lanes = 4;
        f.simd = flags.contains("sse2") ? "SSE2" : "NEON";
    } else {
        f.fp32Lanes = 1;
        f.simd = "scalar";
    }
    f.fmaUnits = flags.contains("fma") && f.fp32Lanes >= 8 ? 2 : 1;

    const double maxKHz = readText(root + "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq").trimmed().toDouble();
    f.mhz = maxKHz > 0 ? maxKHz / 1000 : field("cpu MHz").toDouble();
    if (!(f.mhz > 0))
        f.mhz = 2000; // unreadable (some VMs and ARM boards): a typical figure, said in the file

    for (int index = 0; index < 8; ++index) {
        const std::string dir = root + "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index);
        const QString type = readText(dir + "/type").trimmed();
        if (type.isEmpty())
            break;
        if (type != "Instruction")
            f.lastLevelCacheKiB = std::max(f.lastLevelCacheKiB, cacheKiB(readText(dir + "/size")));
    }
    if (f.lastLevelCacheKiB <= 0)
        f.lastLevelCacheKiB = 1024;
    if (measureBandwidth)
        f.dramGBps = measureCopyGBps();
    return f;
}

std::string hostPlatformYaml(const HostFacts &f)
{
    const int cores = std::clamp(f.cpus, 1, 64);
    const int cols = std::clamp(f.fp32Lanes * f.fmaUnits, 1, 1024);
    const double gbps = f.dramGBps > 0 ? f.dramGBps : 10.0;
    // A framework's per-operator dispatch on a CPU costs about 10 microseconds.
    const long overhead = std::lround(10.0 * f.mhz);
    std::ostringstream y;
    y << "# This machine's CPU as Calibra's accelerator model sees it (calibra-cli platforms --describe-host).\n"
      << "# Read from the machine: CPUs usable (" << f.cpus << (f.cpus > 64 ? ", 64 kept" : "") << "), SIMD width ("
      << f.simd << ", " << f.fp32Lanes << " x 32-bit lanes), last-level cache, frequency.\n"
      << "# Measured: DRAM copy bandwidth" << (f.dramGBps > 0 ? "" : " (not measured: 10 GB/s assumed)") << ".\n"
      << "# Assumed: " << f.fmaUnits << " FMA unit(s) per core; energies and leakage of a typical server CPU\n"
      << "# (the host backend cannot measure energy without RAPL); 10 us of dispatch per layer.\n"
      << "# Each core's vector FMA units are a 1 x " << cols << " array; the last-level cache is the on-chip buffer.\n"
      << "format: calibra-platform\nversion: 1\n"
      << "name: host-" << f.arch << "\n"
      << "description: \"" << QString::fromStdString(f.cpuModel).replace('"', '\'').toStdString() << ": " << cores
      << " CPUs, " << f.simd << ", " << std::lround(f.lastLevelCacheKiB) << " KiB last-level cache, "
      << std::lround(f.mhz) << " MHz\"\n"
      << "array: {rows: 1, cols: " << cols << "}\n"
      << "cores: " << cores << "\n"
      << "dataflows: [OS]\n"
      << "sram_kib: " << std::lround(std::max(1.0, f.lastLevelCacheKiB)) << "\n"
      << "vector_lanes: " << std::max(1, f.fp32Lanes) << "\n"
      << "dvfs:\n  - {mhz: " << std::lround(std::clamp(f.mhz, 1.0, 10000.0)) << ", volts: 1.0}\n"
      << "nominal_volts: 1.0\n"
      << "energy_pj: {mac_int8: 2.0, mac_fp16: 5.0, sram_per_bit: 0.5, dram_per_bit: 20.0}\n"
      << "leakage_mw: " << 2000 * cores << "\n"
      << "dram: {peak_gbps: " << std::round(gbps * 10) / 10 << ", efficiency: 1.0}\n"
      << "layer_overhead_cycles: " << std::clamp(overhead, 0L, 10000000L) << "\n";
    return y.str();
}

} // namespace calibra::hardware
