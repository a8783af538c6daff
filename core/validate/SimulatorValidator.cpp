// SPDX-License-Identifier: GPL-3.0-or-later
#include "SimulatorValidator.h"

#include "hardware/Simulator.h"

#include <QtConcurrent>

#include <map>

namespace calibra::validate {

SimulatorValidator::SimulatorValidator(hardware::Platform platform, QThreadPool *pool)
    : m_platform(std::move(platform)), m_id("simulator/" + m_platform.name),
      m_pool(pool ? pool : QThreadPool::globalInstance())
{
}

std::string SimulatorValidator::backendId() const
{
    return m_id;
}

std::vector<Metrics> SimulatorValidator::validate(const std::vector<ValidationRequest> &batch,
                                                  const std::atomic<bool> *cancel)
{
    // Lower each distinct network once; requests often share a network across settings.
    std::map<const graph::Network *, std::shared_ptr<const hardware::LoweredNetwork>> lowered;
    for (const ValidationRequest &r : batch)
        if (r.network && !lowered.count(r.network.get()))
            lowered[r.network.get()] =
                std::make_shared<const hardware::LoweredNetwork>(hardware::lowerNetwork(*r.network));

    std::vector<Metrics> results(batch.size());
    std::vector<size_t> indices(batch.size());
    for (size_t i = 0; i < indices.size(); ++i)
        indices[i] = i;
    QtConcurrent::blockingMap(m_pool, indices, [&](size_t i) {
        Metrics &m = results[i];
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            m = cancelledMetrics();
            return;
        }
        if (!batch[i].network) {
            m.error = "no network";
            return;
        }
        try {
            const hardware::SimulationResult r =
                hardware::simulate(*lowered.at(batch[i].network.get()), m_platform, batch[i].setting);
            m.ok = true;
            m.latencyMs = r.latencySeconds * 1e3;
            m.energyMj = r.energyJoules * 1e3;
            m.averagePowerMw = r.averagePowerWatts * 1e3;
            m.dramBytes = r.dramBytes();
        } catch (const std::exception &e) {
            m.error = e.what();
        }
    });
    return results;
}

} // namespace calibra::validate
