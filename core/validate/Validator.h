// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Validation: figures of a network on the target, from whichever backend the user
// chose (the local simulator now; a tethered board, a measurement table or an
// external command later). The pipeline only sees this interface, and backends return
// only the agreed metrics, never platform internals.
#include "graph/Network.h"
#include "hardware/TargetSetting.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace calibra::validate {

struct Metrics
{
    bool ok = false;
    std::string error; // why validation failed (ok == false)
    // The failure was the validator's, not the network's (a service went away, a
    // deadline passed, cancelled): asking again may succeed, so it is never stored as
    // the network's result.
    bool transient = false;
    double latencyMs = 0;
    double energyMj = 0;
    double averagePowerMw = 0;
    double dramBytes = 0; // read + written
    // Measured backends only (0 elsewhere): the 90th-percentile latency over the
    // repeated runs (latencyMs is then their median) and the peak memory the run needed.
    double latencyP90Ms = 0;
    double peakMemoryBytes = 0;
    // Measured backends that repeat until the median is known (0 elsewhere): the upper
    // end of the median's 95% confidence interval, and the runs' robust spread (1.4826 x
    // MAD / median, a fraction). A limit near the median is judged on the upper end.
    double latencyHighMs = 0;
    double latencySpread = 0;
    // A metric a backend cannot measure is NaN ("unavailable"), never a made-up value;
    // accuracy checks and training skip it.
    bool operator==(const Metrics &) const = default;
};

// A request left undone because its batch was cancelled: transient (asked again on
// resume), never stored as the network's result.
inline Metrics cancelledMetrics()
{
    Metrics m;
    m.error = "cancelled";
    m.transient = true;
    return m;
}

struct ValidationRequest
{
    std::shared_ptr<const graph::Network> network; // immutable: shared with worker threads
    hardware::TargetSetting setting;
};

// What a backend measures and which target-setting fields it applies: what a run may
// trust from it. Latency is always measured; power is energy over latency.
struct BackendCapabilities
{
    bool energy = true;
    bool memoryAccess = true;
    std::vector<hardware::SettingField> ignoredSettingFields; // applied: every other field
};

class Validator
{
public:
    virtual ~Validator() = default;
    // Identifies the backend and its target (for cache keys and reports).
    virtual std::string backendId() const = 0;
    // One Metrics per request, in order. A request that cannot be validated gets
    // ok == false and an error; it never aborts the batch. When `cancel` becomes true
    // the remaining results are cancelledMetrics().
    virtual std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch,
                                          const std::atomic<bool> *cancel = nullptr) = 0;
    // Backends that cannot know (an external command, the farm's boards) claim everything;
    // a metric that then comes back unavailable still shows as "not measured".
    virtual BackendCapabilities capabilities() const { return {}; }
};

} // namespace calibra::validate
