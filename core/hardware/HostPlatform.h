// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A platform description of the machine Calibra runs on, for the host-measurement
// backend: the predictor's features are computed from a platform file, and an imaginary
// NPU's file makes them mean nothing for a CPU. What can be read is read (CPUs this
// process may use, SIMD width, last-level cache, maximum frequency) and DRAM bandwidth
// is measured; what cannot (FMA units, energies) is assumed and says so in the file.
// The CPU is seen through Calibra's accelerator model: each core's vector FMA units as
// a 1 x (lanes x units) array, the last-level cache as the on-chip buffer.
#include <string>

namespace calibra::hardware {

struct HostFacts
{
    std::string cpuModel; // /proc/cpuinfo "model name" (or the architecture)
    std::string arch;     // uname -m
    int cpus = 1;         // CPUs this process may run on
    int fp32Lanes = 4;    // SIMD width in 32-bit floats: AVX-512 16, AVX2 8, SSE or NEON 4
    std::string simd;     // the extension that width comes from
    int fmaUnits = 1;     // per core; 2 assumed on x86 with FMA (not readable)
    double mhz = 0;       // maximum frequency (cpufreq), else the current one (/proc/cpuinfo)
    double lastLevelCacheKiB = 0;
    double dramGBps = 0; // measured copy bandwidth (read + write); 0 when not measured
};

// Reads /proc and /sys (paths under `root`, for tests); measures DRAM bandwidth when
// `measureBandwidth` (about 0.2 s).
HostFacts readHostFacts(bool measureBandwidth = true, const std::string &root = "");

// A calibra-platform document (parsePlatformYaml accepts it) with comments saying what
// was read, measured and assumed.
std::string hostPlatformYaml(const HostFacts &facts);

} // namespace calibra::hardware
