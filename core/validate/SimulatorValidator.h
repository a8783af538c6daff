// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The local analytical simulator as a validator backend. Batches run in parallel on
// the global thread pool; each network is lowered once per batch.
#include "Validator.h"
#include "hardware/Platform.h"

class QThreadPool;

namespace calibra::validate {

class SimulatorValidator : public Validator
{
public:
    // Simulates a batch's networks in parallel on `pool` (nullptr: Qt's global pool).
    explicit SimulatorValidator(hardware::Platform platform, QThreadPool *pool = nullptr);

    std::string backendId() const override;
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch,
                                  const std::atomic<bool> *cancel) override;

private:
    hardware::Platform m_platform;
    std::string m_id;
    QThreadPool *m_pool;
};

} // namespace calibra::validate
