// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Real measurement on the machine the service runs on: each network is built with
// LibTorch (random weights: they change neither time nor memory), run a few times to
// warm up, then timed over repeated runs until the median is known to the stated
// precision (RepeatedTiming: outliers set aside, a 95% interval) or the time cap is
// reached; latency is the median, reported with its interval's upper end, the p90 and
// the spread, with as many threads as the target setting's active cores, pinned to that
// many CPUs. Peak
// memory comes from the kernel's high-water mark (reset before each network); energy
// from RAPL (/sys/class/powercap) where readable, and is NaN ("unavailable")
// otherwise. DRAM traffic cannot be measured here: NaN.
//
// Measurements never overlap (one at a time per process): concurrent runs would time
// each other.
#include "validate/Validator.h"

namespace calibra::validate {

struct HostMeasurementOptions
{
    int warmupRuns = 5;
    int timedRuns = 30;       // at least this many timed runs ...
    double minSeconds = 1.0;  // ... and at least this long: shared machines slow down in
                              // phases of a fraction of a second, which a short window
                              // would catch whole (docs/benchmarks.md)
    double precision = 0.01;  // then on until the median's 95% interval is within +-1% ...
    double maxSeconds = 10.0; // ... or this long has passed
    std::string raplEnergyFile = "/sys/class/powercap/intel-rapl:0/energy_uj";
};

class HostMeasurementValidator : public Validator
{
public:
    // Opens the RAPL counter now: a service that drops root privileges keeps reading it.
    explicit HostMeasurementValidator(HostMeasurementOptions options = {});
    ~HostMeasurementValidator() override;

    std::string backendId() const override;
    // Energy where RAPL is readable; never memory traffic; of the target setting, only
    // the active cores (the thread count and CPU pinning).
    BackendCapabilities capabilities() const override;
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch,
                                  const std::atomic<bool> *cancel) override;

    bool energyAvailable() const { return m_raplFd >= 0; }
    // Every timed run's latency of the last network measured (for repeatability figures).
    std::vector<double> lastRunLatenciesMs() const;

private:
    Metrics measure(const ValidationRequest &request, const std::atomic<bool> *cancel);

    HostMeasurementOptions m_options;
    int m_raplFd = -1;
    std::string m_id;
    std::vector<double> m_lastRuns;
};

} // namespace calibra::validate
