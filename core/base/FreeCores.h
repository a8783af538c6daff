// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace calibra::base {

// The busy CPU time on one line of /proc/stat ("cpu user nice system idle iowait irq
// softirq steal ..." for the machine, "cpuN ..." for CPU N), in clock ticks: every field
// but idle and iowait. Steal counts as busy: on a virtual machine it is time the host
// gave to someone else. `cpu` is set to N, or to -1 for the machine's line. Empty when
// the line is not such a line.
struct CpuBusy
{
    int cpu = -1;
    long long ticks = 0;
};
std::optional<CpuBusy> cpuBusyTicks(const std::string &procStatLine);

// The cores other processes leave this one, measured over the time between two calls:
// the busy time of the CPUs this process may run on (its affinity: taskset, a
// container's cpuset) minus this process's CPU time, divided by the wall time. A CPU
// quota (docker --cpus) is not seen. Linux only (/proc/stat); elsewhere every core
// counts as free.
class FreeCoreMeter
{
public:
    FreeCoreMeter();
    // Over the time since the previous call (the first call: since construction).
    double sample();
    int cores() const { return m_cores; }

private:
    struct Reading
    {
        std::chrono::steady_clock::time_point wall;
        long long machineTicks = 0; // the allowed CPUs' busy ticks
        double processSeconds = 0;
        bool known = false;
    };
    Reading read() const;

    std::vector<int> m_allowed; // the CPUs this process may run on; empty: unknown, the machine's line
    int m_cores;
    Reading m_last;
};

// The parallel thread count for `freeCores`, between 1 and `maxThreads`. A core more
// than a quarter taken does not count: OpenMP waits at the end of every parallel
// operation for its slowest thread, so one thread that has to share its core makes
// every operation wait for the scheduler (measured in docs/benchmarks.md: a run took 33x
// as long with 2 threads as with 1 while two other processes kept both cores busy).
int threadsForFreeCores(double freeCores, int maxThreads);

// Process-wide: how many threads LibTorch's parallel operations should use now, at most
// OMP_NUM_THREADS when it is set, else the cores this process may run on. Re-measured
// at most once a second, so a training loop may ask every step.
int parallelThreadsNow();

} // namespace calibra::base
