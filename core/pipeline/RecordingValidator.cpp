// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordingValidator.h"

#include "validate/CachedValidator.h"

#include <set>
#include <stdexcept>

namespace calibra::pipeline {

RecordingValidator::RecordingValidator(std::shared_ptr<validate::Validator> backend, RunStore &store)
    : m_backend(std::move(backend)), m_store(store), m_known(store.validations())
{
}

std::vector<validate::Metrics> RecordingValidator::validate(const std::vector<validate::ValidationRequest> &batch,
                                                            const std::atomic<bool> *cancel)
{
    std::vector<validate::Metrics> results(batch.size());
    std::vector<QByteArray> keys(batch.size());
    std::vector<validate::ValidationRequest> missing;
    std::vector<size_t> where;
    std::set<QByteArray> pending;
    for (size_t i = 0; i < batch.size(); ++i) {
        keys[i] = validate::CachedValidator::cacheKey(*batch[i].network, batch[i].setting, backendId());
        const auto it = m_known.find(keys[i]);
        if (it != m_known.end())
            results[i] = it->second;
        else if (pending.insert(keys[i]).second) {
            missing.push_back(batch[i]);
            where.push_back(i);
        }
    }
    if (!missing.empty()) {
        const std::vector<validate::Metrics> fresh = m_backend->validate(missing, cancel);
        std::vector<std::pair<QByteArray, validate::Metrics>> record;
        std::string unavailable;
        for (size_t k = 0; k < fresh.size(); ++k) {
            if (fresh[k].transient) {
                if (unavailable.empty())
                    unavailable = fresh[k].error;
                continue; // not a result: validated again on resume
            }
            record.push_back({keys[where[k]], fresh[k]});
            m_known[keys[where[k]]] = fresh[k];
        }
        m_store.putValidations(record, m_purpose);
        // Going on without these results would change the run (a smaller check
        // sample, a candidate skipped); stop instead, with every result obtained kept.
        // A cancelled run stops anyway, as cancelled.
        if (!unavailable.empty() && !(cancel && cancel->load()))
            throw std::runtime_error("validation unavailable: " + unavailable);
        for (size_t k = 0; k < fresh.size(); ++k)
            results[where[k]] = fresh[k];
    }
    for (size_t i = 0; i < batch.size(); ++i)
        if (!results[i].ok && results[i].error.empty()) {
            const auto it = m_known.find(keys[i]); // duplicates within the batch
            if (it != m_known.end())
                results[i] = it->second;
        }
    return results;
}

void RecordingValidator::recordValidatedElsewhere(const std::vector<std::pair<QByteArray, validate::Metrics>> &results,
                                                  ValidationPurpose purpose)
{
    std::vector<std::pair<QByteArray, validate::Metrics>> record;
    for (const auto &[key, metrics] : results)
        if (!metrics.transient && m_known.insert({key, metrics}).second)
            record.push_back({key, metrics});
    m_store.putValidations(record, purpose);
}

} // namespace calibra::pipeline
