// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The service's validator behind its journal: a network validated once (by any client,
// before a restart too) is answered from the store, and new results are stored a few
// networks at a time, so a service killed mid-batch validates again only the networks
// it had not finished: at most `chunk` networks, those in flight (the simulator's
// threads, or one per board). CollectingValidator lists what one call validated.
#include "finetuner/ServiceStore.h"
#include "validate/Validator.h"

#include <QByteArray>

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace calibra::finetuner {

class JournalValidator final : public validate::Validator
{
public:
    JournalValidator(std::shared_ptr<validate::Validator> backend, ServiceStore &store, size_t chunk);
    std::string backendId() const override { return m_backend->backendId(); }
    validate::BackendCapabilities capabilities() const override { return m_backend->capabilities(); }
    std::vector<validate::Metrics> validate(const std::vector<validate::ValidationRequest> &batch,
                                            const std::atomic<bool> *cancel) override;

private:
    std::shared_ptr<validate::Validator> m_backend;
    ServiceStore &m_store;
    size_t m_chunk;
};

// Passes calls on and keeps every (cache key, result), in call order.
class CollectingValidator final : public validate::Validator
{
public:
    explicit CollectingValidator(validate::Validator &backend) : m_backend(backend) {}
    std::string backendId() const override { return m_backend.backendId(); }
    validate::BackendCapabilities capabilities() const override { return m_backend.capabilities(); }
    std::vector<validate::Metrics> validate(const std::vector<validate::ValidationRequest> &batch,
                                            const std::atomic<bool> *cancel) override;
    const std::vector<std::pair<QByteArray, validate::Metrics>> &collected() const { return m_collected; }
    // The first transient failure's reason (the validator could not reach its hardware),
    // or "" when every result is the network's own.
    std::string transientError() const;
    void clear() { m_collected.clear(); }

private:
    validate::Validator &m_backend;
    std::vector<std::pair<QByteArray, validate::Metrics>> m_collected;
};

} // namespace calibra::finetuner
