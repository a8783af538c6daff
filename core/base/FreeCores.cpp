// SPDX-License-Identifier: GPL-3.0-or-later
#include "FreeCores.h"

#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sched.h>
#include <sstream>
#include <unistd.h>
#include <utility>

namespace calibra::base {

std::optional<CpuBusy> cpuBusyTicks(const std::string &procStatLine)
{
    std::istringstream in(procStatLine);
    std::string label;
    in >> label;
    if (label.rfind("cpu", 0) != 0)
        return std::nullopt;
    CpuBusy out;
    if (label.size() > 3) {
        const char *digits = label.c_str() + 3;
        char *end = nullptr;
        const long n = std::strtol(digits, &end, 10);
        if (*end != '\0' || n < 0 || n > 1 << 20)
            return std::nullopt;
        out.cpu = int(n);
    }
    // user nice system idle iowait irq softirq steal (guest time is already in user).
    long long field[8] = {};
    int read = 0;
    while (read < 8 && in >> field[read])
        ++read;
    if (read < 4)
        return std::nullopt;
    long long all = 0;
    for (int i = 0; i < read; ++i)
        all += field[i];
    out.ticks = all - field[3] - field[4];
    return out;
}

namespace {

std::vector<int> allowedCpus()
{
    std::vector<int> cpus;
#ifdef __linux__
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        for (int c = 0; c < CPU_SETSIZE; ++c)
            if (CPU_ISSET(c, &set))
                cpus.push_back(c);
#endif
    return cpus;
}

} // namespace

FreeCoreMeter::FreeCoreMeter()
    : m_allowed(allowedCpus()),
      m_cores(m_allowed.empty() ? std::max(1, QThread::idealThreadCount()) : int(m_allowed.size())), m_last(read())
{
}

FreeCoreMeter::Reading FreeCoreMeter::read() const
{
    Reading r;
    r.wall = std::chrono::steady_clock::now();
    timespec cpu{};
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0)
        r.processSeconds = double(cpu.tv_sec) + double(cpu.tv_nsec) * 1e-9;
    std::ifstream stat("/proc/stat");
    std::string line;
    long long machine = 0, allowed = 0;
    bool machineKnown = false, allowedKnown = false;
    while (std::getline(stat, line)) {
        const std::optional<CpuBusy> busy = cpuBusyTicks(line);
        if (!busy)
            break; // the cpu lines come first
        if (busy->cpu < 0) {
            machine = busy->ticks;
            machineKnown = true;
        } else if (std::binary_search(m_allowed.begin(), m_allowed.end(), busy->cpu)) {
            allowed += busy->ticks;
            allowedKnown = true;
        }
    }
    r.known = allowedKnown || machineKnown;
    r.machineTicks = allowedKnown ? allowed : machine;
    return r;
}

double FreeCoreMeter::sample()
{
    const Reading now = read();
    const Reading before = std::exchange(m_last, now);
    const double wall = std::chrono::duration<double>(now.wall - before.wall).count();
    static const double ticksPerSecond = double(std::max(1L, sysconf(_SC_CLK_TCK)));
    if (!now.known || !before.known || wall <= 0)
        return m_cores;
    const double machineBusy = double(now.machineTicks - before.machineTicks) / ticksPerSecond;
    const double ownBusy = now.processSeconds - before.processSeconds;
    const double othersCores = std::max(0.0, machineBusy - ownBusy) / wall;
    return std::clamp(double(m_cores) - othersCores, 0.0, double(m_cores));
}

int threadsForFreeCores(double freeCores, int maxThreads)
{
    // A core counts when at least 3/4 of it is free.
    const int whole = int(std::floor(freeCores + 0.25));
    return std::clamp(whole, 1, std::max(1, maxThreads));
}

namespace {

int threadLimit(int cores)
{
    if (const char *omp = std::getenv("OMP_NUM_THREADS")) {
        const long n = std::strtol(omp, nullptr, 10);
        if (n > 0 && n <= 4096)
            return int(n);
    }
    return cores;
}

// Before the first measurement: the cores minus the machine's load over the last minute
// (this process has hardly run yet, so the load is the others').
double freeCoresByLoadAverage(int cores)
{
    double load[1] = {0};
    if (getloadavg(load, 1) != 1)
        return cores;
    return std::clamp(double(cores) - load[0], 0.0, double(cores));
}

} // namespace

int parallelThreadsNow()
{
    static std::mutex mutex;
    static FreeCoreMeter meter;
    static const int limit = threadLimit(meter.cores());
    static int threads = threadsForFreeCores(freeCoresByLoadAverage(meter.cores()), limit);
    static auto measuredAt = std::chrono::steady_clock::now();
    const std::lock_guard lock(mutex);
    const auto now = std::chrono::steady_clock::now();
    if (now - measuredAt >= std::chrono::seconds(1)) {
        threads = threadsForFreeCores(meter.sample(), limit);
        measuredAt = now;
    }
    return threads;
}

} // namespace calibra::base
