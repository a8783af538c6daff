#include "BoardBackends.h"

#include "validate/CommandValidator.h"
#include "validate/HostMeasurementValidator.h"
#include "validate/SimulatorValidator.h"

namespace calibra::board {

Backend makeBackend(const BoardConfig &config)
{
    Backend b;
    b.platform = hardware::loadPlatform(config.platform);
    switch (config.backend) {
    case BackendKind::Simulator:
        b.validator = std::make_shared<validate::SimulatorValidator>(b.platform);
        b.metrics = {"latency", "energy", "power", "memory_access"};
        break;
    case BackendKind::Host: {
        validate::HostMeasurementOptions o;
        o.warmupRuns = config.warmupRuns;
        o.timedRuns = config.timedRuns;
        o.minSeconds = config.minSeconds;
        auto host = std::make_shared<validate::HostMeasurementValidator>(o);
        b.metrics = {"latency", "latency_p90", "peak_memory"};
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
