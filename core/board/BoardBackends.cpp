// SPDX-License-Identifier: GPL-3.0-or-later
#include "BoardBackends.h"

#include "board/CommandValidator.h"
#include "board/HostMeasurementValidator.h"
#include "validate/SimulatorValidator.h"

#include <chrono>
#include <thread>

namespace calibra::board {

namespace {

// The simulator's figures, delivered after holding the board `seconds` per network
// (one network at a time, as a board measures): a stand-in board whose time matters.
class HoldingSimulator : public validate::Validator
{
public:
    HoldingSimulator(const hardware::Platform &platform, double seconds) : m_simulator(platform), m_seconds(seconds) {}
    std::string backendId() const override { return m_simulator.backendId(); }
    std::vector<validate::Metrics> validate(const std::vector<validate::ValidationRequest> &batch,
                                            const std::atomic<bool> *cancel) override
    {
        std::vector<validate::Metrics> out = m_simulator.validate(batch, cancel);
        for (validate::Metrics &m : out) {
            const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(m_seconds);
            while (std::chrono::steady_clock::now() < until && !(cancel && cancel->load()))
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            if (cancel && cancel->load())
                m = validate::cancelledMetrics();
        }
        return out;
    }

private:
    validate::SimulatorValidator m_simulator;
    double m_seconds;
};

} // namespace

Backend makeBackend(const BoardConfig &config)
{
    Backend b;
    b.platform = hardware::loadPlatform(config.platform);
    switch (config.backend) {
    case BackendKind::Simulator:
        if (config.holdSeconds > 0)
            b.validator = std::make_shared<HoldingSimulator>(b.platform, config.holdSeconds);
        else
            b.validator = std::make_shared<validate::SimulatorValidator>(b.platform);
        b.metrics = {"latency", "energy", "power", "memory_access"};
        break;
    case BackendKind::Host: {
        validate::HostMeasurementOptions o;
        o.warmupRuns = config.warmupRuns;
        o.timedRuns = config.timedRuns;
        o.minSeconds = config.minSeconds;
        o.precision = config.precision;
        o.maxSeconds = config.maxSeconds;
        auto host = std::make_shared<validate::HostMeasurementValidator>(o);
        b.metrics = {"latency", "latency_p90", "latency_interval", "peak_memory"};
        if (host->energyAvailable())
            b.metrics.insert(b.metrics.end(), {"energy", "power"});
        b.validator = std::move(host);
        break;
    }
    case BackendKind::Command:
        b.validator = std::make_shared<validate::CommandValidator>(config.command, config.commandTimeoutSeconds);
        b.metrics = {"latency", "energy", "power", "memory_access"}; // as far as the command reports them
        break;
    }
    return b;
}

} // namespace calibra::board
