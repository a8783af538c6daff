// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The local analytical simulator as a validator backend. Batches run in parallel on
// the global thread pool; each network is lowered once per batch.
#include "Validator.h"
#include "hardware/Platform.h"

namespace calibra::validate {

class SimulatorValidator : public Validator
{
public:
    explicit SimulatorValidator(hardware::Platform platform);

    std::string backendId() const override;
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch, const std::atomic<bool> *cancel) override;

private:
    hardware::Platform m_platform;
    std::string m_id;
};

} // namespace calibra::validate
