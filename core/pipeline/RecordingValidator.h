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
    // Results a finetuning service validated for the run (a check's sample, a finetune's
    // networks), by cache key: recorded as if validated here, for `purpose`.
    void recordValidatedElsewhere(const std::vector<std::pair<QByteArray, validate::Metrics>> &results,
                                  ValidationPurpose purpose);
    // What the next validations are for (recorded with each; Check until set).
    void setPurpose(ValidationPurpose purpose) { m_purpose = purpose; }
    ValidationPurpose purpose() const { return m_purpose; }

private:
    ValidationPurpose m_purpose = ValidationPurpose::Check;
    std::shared_ptr<validate::Validator> m_backend;
    RunStore &m_store;
    std::map<QByteArray, validate::Metrics> m_known;
};

// Validations for `purpose` while in scope; the previous purpose after.
class ValidationPurposeScope
{
public:
    ValidationPurposeScope(RecordingValidator &validator, ValidationPurpose purpose)
        : m_validator(validator), m_previous(validator.purpose())
    {
        m_validator.setPurpose(purpose);
    }
    ~ValidationPurposeScope() { m_validator.setPurpose(m_previous); }
    ValidationPurposeScope(const ValidationPurposeScope &) = delete;
    ValidationPurposeScope &operator=(const ValidationPurposeScope &) = delete;

private:
    RecordingValidator &m_validator;
    ValidationPurpose m_previous;
};

} // namespace calibra::pipeline
