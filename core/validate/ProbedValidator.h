// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Interference detection for measured backends. A measurement can be disturbed as a
// whole (another job on the board's machine, thermal throttling, a noisy neighbour):
// every repeat of it is slow, so its own spread does not show it. A fixed probe network
// is measured before the first batch (three times, for a baseline) and after every few
// networks; when a probe strays from the baseline by more than the tolerance, the
// networks measured since the last quiet probe are measured again, until a probe after
// them is quiet (a few times at most). What was found is counted in report().
#include "Validator.h"

#include <mutex>
#include <vector>

namespace calibra::validate {

struct ProbeOptions
{
    int every = 5;           // a probe after every this many networks
    double tolerance = 0.10; // a probe further than this fraction from the baseline is disturbed
    int maxRetries = 3;      // re-measure a disturbed stretch at most this often
};

struct ProbeReport
{
    int probes = 0;        // probe measurements, the baseline's included
    int disturbed = 0;     // probes off the baseline
    int remeasured = 0;    // network measurements repeated because of them
    int unresolved = 0;    // networks kept although the probe after their last attempt was disturbed
    double baselineMs = 0; // the quiet probes' median
};

class ProbedValidator : public Validator
{
public:
    ProbedValidator(std::shared_ptr<Validator> inner, std::shared_ptr<const graph::Network> probe,
                    ProbeOptions options = {});

    std::string backendId() const override { return m_inner->backendId(); }
    BackendCapabilities capabilities() const override { return m_inner->capabilities(); }
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch,
                                  const std::atomic<bool> *cancel) override;

    ProbeReport report() const;
    const ProbeOptions &options() const { return m_options; }

private:
    // Measures the probe; returns its relative distance from the baseline (0 when it
    // could not be measured: an unknown is not a disturbance).
    double probeDistance(const hardware::TargetSetting &setting, const std::atomic<bool> *cancel);
    void ensureBaseline(const hardware::TargetSetting &setting, const std::atomic<bool> *cancel);

    std::shared_ptr<Validator> m_inner;
    std::shared_ptr<const graph::Network> m_probe;
    ProbeOptions m_options;
    std::vector<double> m_quietProbesMs;
    mutable std::mutex m_mutex; // one batch at a time: probes and networks must not interleave
    ProbeReport m_report;
};

} // namespace calibra::validate
