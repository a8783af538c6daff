// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProbedValidator.h"
#include "RepeatedTiming.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace calibra::validate {

ProbedValidator::ProbedValidator(std::shared_ptr<Validator> inner, std::shared_ptr<const graph::Network> probe,
                                 ProbeOptions options)
    : m_inner(std::move(inner)), m_probe(std::move(probe)), m_options(options)
{
    if (!m_inner || !m_probe)
        throw std::invalid_argument("ProbedValidator needs a validator and a probe network");
    m_options.every = std::max(1, m_options.every);
    m_options.maxRetries = std::max(0, m_options.maxRetries);
}

ProbeReport ProbedValidator::report() const
{
    std::lock_guard lock(m_mutex);
    return m_report;
}

void ProbedValidator::ensureBaseline(const hardware::TargetSetting &setting, const std::atomic<bool> *cancel)
{
    if (!m_quietProbesMs.empty())
        return;
    const std::vector<Metrics> m = m_inner->validate(std::vector<ValidationRequest>(3, {m_probe, setting}), cancel);
    std::vector<double> values;
    for (const Metrics &x : m)
        if (x.ok && x.latencyMs > 0)
            values.push_back(x.latencyMs);
    m_report.probes += int(m.size());
    if (values.empty())
        return; // probed again with the next batch
    // Of three, keep those near their median: one disturbed baseline run is set aside.
    const double mid = median(values);
    for (double v : values)
        if (std::abs(v / mid - 1) <= m_options.tolerance)
            m_quietProbesMs.push_back(v);
    m_report.baselineMs = median(m_quietProbesMs);
}

double ProbedValidator::probeDistance(const hardware::TargetSetting &setting, const std::atomic<bool> *cancel)
{
    ensureBaseline(setting, cancel);
    if (m_quietProbesMs.empty())
        return 0;
    const Metrics m = m_inner->validate({{m_probe, setting}}, cancel).front();
    ++m_report.probes;
    if (!m.ok || !(m.latencyMs > 0))
        return 0;
    const double distance = std::abs(m.latencyMs / m_report.baselineMs - 1);
    if (distance > m_options.tolerance) {
        ++m_report.disturbed;
    } else {
        // The baseline follows slow drift (a warmer chip), never a burst.
        m_quietProbesMs.push_back(m.latencyMs);
        m_report.baselineMs = median(m_quietProbesMs);
    }
    return distance;
}

std::vector<Metrics> ProbedValidator::validate(const std::vector<ValidationRequest> &batch,
                                               const std::atomic<bool> *cancel)
{
    std::lock_guard lock(m_mutex);
    std::vector<Metrics> out;
    out.reserve(batch.size());
    if (batch.empty())
        return out;
    const auto cancelled = [cancel] { return cancel && cancel->load(); };
    // A probe before the first stretch: a disturbance already under way shows here.
    bool quietBefore = probeDistance(batch.front().setting, cancel) <= m_options.tolerance;
    for (size_t first = 0; first < batch.size(); first += size_t(m_options.every)) {
        const std::vector<ValidationRequest> stretch(
            batch.begin() + long(first), batch.begin() + long(std::min(batch.size(), first + size_t(m_options.every))));
        std::vector<Metrics> results = m_inner->validate(stretch, cancel);
        bool quietAfter = cancelled() || probeDistance(stretch.front().setting, cancel) <= m_options.tolerance;
        for (int retry = 0; !(quietBefore && quietAfter) && retry < m_options.maxRetries && !cancelled(); ++retry) {
            // The stretch lies between a disturbed probe and another: measure it again,
            // now that the last probe (quiet or not) marks where the retry starts.
            quietBefore = quietAfter;
            m_report.remeasured += int(stretch.size());
            results = m_inner->validate(stretch, cancel);
            quietAfter = probeDistance(stretch.front().setting, cancel) <= m_options.tolerance;
        }
        if (!(quietBefore && quietAfter) && !cancelled())
            m_report.unresolved += int(stretch.size());
        quietBefore = quietAfter;
        out.insert(out.end(), results.begin(), results.end());
    }
    return out;
}

} // namespace calibra::validate
