// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireFormat.h"

#include <cmath>
#include <limits>

namespace calibra::board {

void toWire(const validate::Metrics &m, v1::Result &out)
{
    out.set_ok(m.ok);
    out.set_error(m.error);
    out.set_transient(m.transient);
    if (!m.ok)
        return;
    out.set_latency_ms(m.latencyMs);
    out.set_latency_p90_ms(m.latencyP90Ms);
    out.set_latency_high_ms(m.latencyHighMs);
    out.set_latency_spread(m.latencySpread);
    out.set_has_energy(std::isfinite(m.energyMj) && std::isfinite(m.averagePowerMw));
    if (out.has_energy()) {
        out.set_energy_mj(m.energyMj);
        out.set_average_power_mw(m.averagePowerMw);
    }
    out.set_has_memory_access(std::isfinite(m.dramBytes));
    if (out.has_memory_access())
        out.set_dram_bytes(m.dramBytes);
    out.set_has_peak_memory(m.peakMemoryBytes > 0);
    out.set_peak_memory_bytes(m.peakMemoryBytes);
}

validate::Metrics fromWire(const v1::Result &r)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    validate::Metrics m;
    m.ok = r.ok();
    m.error = r.error();
    m.transient = r.transient();
    if (!m.ok)
        return m;
    m.latencyMs = r.latency_ms();
    m.latencyP90Ms = r.latency_p90_ms();
    m.latencyHighMs = r.latency_high_ms();
    m.latencySpread = r.latency_spread();
    m.energyMj = r.has_energy() ? r.energy_mj() : nan;
    m.averagePowerMw = r.has_energy() ? r.average_power_mw() : nan;
    m.dramBytes = r.has_memory_access() ? r.dram_bytes() : nan;
    m.peakMemoryBytes = r.has_peak_memory() ? r.peak_memory_bytes() : 0;
    return m;
}

} // namespace calibra::board
