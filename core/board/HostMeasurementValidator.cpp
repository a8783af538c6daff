// SPDX-License-Identifier: GPL-3.0-or-later
#include "HostMeasurementValidator.h"

#include "validate/RepeatedTiming.h"

#include "learning/TorchNetwork.h"

#include <QThread>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <mutex>
#include <sstream>

#include <fcntl.h>
#include <malloc.h>
#include <sched.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace calibra::validate {

namespace {

std::mutex &measurementMutex()
{
    static std::mutex m; // one measurement at a time in this process
    return m;
}

// VmRSS / VmHWM from /proc/self/status in bytes; -1 when unreadable.
double procStatusBytes(const char *field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0)
            return std::stod(line.substr(prefix.size())) * 1024.0; // "  1234 kB"
    return -1;
}

// Writing 5 to clear_refs resets the peak RSS to the current RSS (Linux >= 4.0).
bool resetPeakRss()
{
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return bool(out);
}

double readRaplMicrojoules(int fd)
{
    if (fd < 0)
        return std::numeric_limits<double>::quiet_NaN();
    char buf[64] = {};
    const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return std::strtod(buf, nullptr);
}

// Pins the calling thread (and the OpenMP team it creates) to the first `cores` CPUs it
// may run on; returns how many it got.
int pinToCores(int cores)
{
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0)
        return std::max(1, cores);
    cpu_set_t chosen;
    CPU_ZERO(&chosen);
    int got = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && got < cores; ++cpu)
        if (CPU_ISSET(cpu, &allowed)) {
            CPU_SET(cpu, &chosen);
            ++got;
        }
    if (got > 0)
        sched_setaffinity(0, sizeof chosen, &chosen);
    return std::max(1, got);
}

} // namespace

HostMeasurementValidator::HostMeasurementValidator(HostMeasurementOptions options) : m_options(std::move(options))
{
    // Activations above glibc's mmap threshold would be mapped and unmapped on every
    // forward pass: page faults that add noise to each timed run. Keep freed memory in
    // the heap instead (the measuring process does nothing else).
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    m_raplFd = ::open(m_options.raplEnergyFile.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_raplFd >= 0 && !std::isfinite(readRaplMicrojoules(m_raplFd))) {
        ::close(m_raplFd);
        m_raplFd = -1;
    }
    utsname u{};
    uname(&u);
    m_id = std::string("host/") + u.machine + "/" + std::to_string(QThread::idealThreadCount()) + "cpu";
}

HostMeasurementValidator::~HostMeasurementValidator()
{
    if (m_raplFd >= 0)
        ::close(m_raplFd);
}

BackendCapabilities HostMeasurementValidator::capabilities() const
{
    BackendCapabilities c;
    c.energy = energyAvailable();
    c.memoryAccess = false;
    for (const hardware::SettingField f : hardware::kSettingFields)
        if (f != hardware::SettingField::ActiveCores)
            c.ignoredSettingFields.push_back(f);
    return c;
}

std::string HostMeasurementValidator::backendId() const
{
    return m_id;
}

std::vector<double> HostMeasurementValidator::lastRunLatenciesMs() const
{
    std::lock_guard lock(measurementMutex());
    return m_lastRuns;
}

std::vector<Metrics> HostMeasurementValidator::validate(const std::vector<ValidationRequest> &batch,
                                                        const std::atomic<bool> *cancel)
{
    std::vector<Metrics> out;
    out.reserve(batch.size());
    for (const ValidationRequest &r : batch) {
        if (cancel && cancel->load()) {
            out.push_back(cancelledMetrics());
            continue;
        }
        out.push_back(measure(r, cancel));
    }
    return out;
}

Metrics HostMeasurementValidator::measure(const ValidationRequest &request, const std::atomic<bool> *cancel)
{
    Metrics m;
    if (!request.network) {
        m.error = "no network";
        return m;
    }
    const graph::Network &net = *request.network;
    if (net.inputs.size() != 1) {
        m.error = "network '" + net.name + "': host measurement needs exactly one input (has "
                  + std::to_string(net.inputs.size()) + ")";
        return m;
    }
    std::lock_guard lock(measurementMutex());
    try {
        const int threads = pinToCores(std::max(1, request.setting.activeCores));
        torch::set_num_threads(threads);
        c10::InferenceMode inference;
        // Peak memory: what building and running the network adds to the process's
        // resident set. Freed heap is returned to the kernel first so that memory an
        // earlier network left behind does not hide this one's.
        malloc_trim(0);
        const bool peakKnown = resetPeakRss();
        const double rssBefore = procStatusBytes("VmRSS");
        learning::TorchNetwork module(net);
        module->eval();
        const torch::Tensor input = torch::randn(net.inputs.front().shape);
        module->forward(input);
        const double peak = procStatusBytes("VmHWM");

        for (int i = 1; i < m_options.warmupRuns; ++i)
            module->forward(input);
        const double energyBefore = readRaplMicrojoules(m_raplFd);
        std::vector<double> runs;
        runs.reserve(size_t(m_options.timedRuns));
        const auto start = std::chrono::steady_clock::now();
        const auto elapsed = [&] {
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        };
        // The minimum first; then, every tenth run, whether the median is known well
        // enough (summarizing is cheap next to a forward pass).
        const auto done = [&](size_t i) {
            if (runs.empty() || int(i) < m_options.timedRuns || elapsed() < m_options.minSeconds)
                return false;
            if (elapsed() >= std::max(m_options.maxSeconds, m_options.minSeconds))
                return true;
            return i % 10 == 0 && summarizeRuns(runs).relativePrecision() <= m_options.precision;
        };
        for (size_t i = 0; !done(i); ++i) {
            if (cancel && cancel->load())
                return cancelledMetrics();
            const auto t0 = std::chrono::steady_clock::now();
            module->forward(input);
            runs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        const double wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double energyAfter = readRaplMicrojoules(m_raplFd);

        m.ok = true;
        const TimingSummary timing = summarizeRuns(runs);
        m.latencyMs = timing.medianMs;
        m.latencyP90Ms = timing.p90Ms;
        m.latencyHighMs = timing.highMs;
        m.latencySpread = timing.spread;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        // RAPL counts the whole package: an upper bound on the network's share.
        const double joules = (energyAfter - energyBefore) * 1e-6; // NaN propagates when unavailable
        m.energyMj = joules >= 0 ? joules * 1e3 / double(runs.size()) : nan;
        m.averagePowerMw = joules >= 0 ? joules * 1e3 / wallSeconds : nan;
        m.dramBytes = nan; // not observable from user space
        m.peakMemoryBytes = peakKnown && peak > 0 && rssBefore > 0 ? std::max(0.0, peak - rssBefore) : 0;
        m_lastRuns = std::move(runs);
    } catch (const std::exception &e) {
        m.ok = false;
        m.error = "network '" + net.name + "': " + e.what();
    }
    return m;
}

} // namespace calibra::validate
