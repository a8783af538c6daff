// SPDX-License-Identifier: GPL-3.0-or-later
#include "FreeCores.h"

#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unistd.h>

namespace calibra::base {

std::optional<long long> machineBusyTicks(const std::string &procStatFirstLine)
{
    std::istringstream in(procStatFirstLine);
    std::string label;
    in >> label;
    if (label != "cpu")
        return std::nullopt;
    // user nice system idle iowait irq softirq steal (guest time is already in user).
    long long field[8] = {};
    int read = 0;
    while (read < 8 && in >> field[read])
        ++read;
    if (read < 4)
        return std::nullopt;
    const long long idle = field[3] + field[4];
    long long all = 0;
    for (int i = 0; i < read; ++i)
        all += field[i];
    return all - idle;
}

FreeCoreMeter::FreeCoreMeter() : m_cores(std::max(1, QThread::idealThreadCount())), m_last(read()) {}

FreeCoreMeter::Reading FreeCoreMeter::read()
{
    Reading r;
    r.wall = std::chrono::steady_clock::now();
    timespec cpu{};
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0)
        r.processSeconds = double(cpu.tv_sec) + double(cpu.tv_nsec) * 1e-9;
    std::ifstream stat("/proc/stat");
    std::string line;
    if (stat && std::getline(stat, line)) {
        if (const auto busy = machineBusyTicks(line)) {
            r.machineTicks = *busy;
            r.known = true;
        }
    }
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

int threadLimit()
{
    if (const char *omp = std::getenv("OMP_NUM_THREADS")) {
        const int n = std::atoi(omp);
        if (n > 0)
            return n;
    }
    return std::max(1, QThread::idealThreadCount());
}

// Before the first measurement: the cores minus the machine's load over the last minute
// (this process has hardly run yet, so the load is the others').
double freeCoresByLoadAverage()
{
    const int cores = std::max(1, QThread::idealThreadCount());
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
    static const int limit = threadLimit();
    static int threads = threadsForFreeCores(freeCoresByLoadAverage(), limit);
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
