// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Validates through the run store: a network validated before (in this run or the run
// it resumes) is never validated again, and every new result is stored at once.
#include "RunStore.h"
#include "validate/Validator.h"

#include <map>
#include <memory>

namespace calibra::pipeline {

class RecordingValidator final : public validate::Validator
{
public:
    RecordingValidator(std::shared_ptr<validate::Validator> backend, RunStore &store);
    std::string backendId() const override { return m_backend->backendId(); }
    validate::BackendCapabilities capabilities() const override { return m_backend->capabilities(); }
    // Throws std::runtime_error when a backend could not reach its hardware (a transient
    // failure): every result obtained is kept, and the run stops instead of going on
    // with fewer results.
    std::vector<validate::Metrics> validate(const std::vector<validate::ValidationRequest> &batch,
                                            const std::atomic<bool> *cancel) override;

private:
    std::shared_ptr<validate::Validator> m_backend;
    RunStore &m_store;
    std::map<QByteArray, validate::Metrics> m_known;
};

} // namespace calibra::pipeline
