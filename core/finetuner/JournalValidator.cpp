// SPDX-License-Identifier: GPL-3.0-or-later
#include "JournalValidator.h"

#include "boardclient/WireFormat.h"
#include "validate/CachedValidator.h"

#include <algorithm>

namespace calibra::finetuner {

JournalValidator::JournalValidator(std::shared_ptr<validate::Validator> backend, ServiceStore &store, size_t chunk)
    : m_backend(std::move(backend)), m_store(store), m_chunk(std::max<size_t>(1, chunk))
{
}

std::vector<validate::Metrics> JournalValidator::validate(const std::vector<validate::ValidationRequest> &batch,
                                                          const std::atomic<bool> *cancel)
{
    std::vector<validate::Metrics> out(batch.size());
    std::vector<QByteArray> keys(batch.size());
    std::vector<size_t> missing;
    for (size_t i = 0; i < batch.size(); ++i) {
        keys[i] = validate::CachedValidator::cacheKey(*batch[i].network, batch[i].setting, backendId());
        board::v1::Result r;
        if (const auto bytes = m_store.validation(keys[i]); bytes && r.ParseFromString(*bytes))
            out[i] = board::fromWire(r);
        else
            missing.push_back(i);
    }
    for (size_t from = 0; from < missing.size(); from += m_chunk) {
        const size_t to = std::min(missing.size(), from + m_chunk);
        std::vector<validate::ValidationRequest> chunk;
        for (size_t k = from; k < to; ++k)
            chunk.push_back(batch[missing[k]]);
        const std::vector<validate::Metrics> fresh = m_backend->validate(chunk, cancel);
        for (size_t k = from; k < to; ++k) {
            const validate::Metrics &m = fresh[k - from];
            out[missing[k]] = m;
            if (m.transient)
                continue; // not the network's result: asked again next time
            board::v1::Result r;
            board::toWire(m, r);
            m_store.putValidation(keys[missing[k]], r.SerializeAsString());
        }
    }
    return out;
}

std::vector<validate::Metrics> CollectingValidator::validate(const std::vector<validate::ValidationRequest> &batch,
                                                             const std::atomic<bool> *cancel)
{
    std::vector<validate::Metrics> out = m_backend.validate(batch, cancel);
    for (size_t i = 0; i < batch.size() && i < out.size(); ++i)
        m_collected.push_back(
            {validate::CachedValidator::cacheKey(*batch[i].network, batch[i].setting, backendId()), out[i]});
    return out;
}

std::string CollectingValidator::transientError() const
{
    for (const auto &[key, m] : m_collected)
        if (m.transient)
            return m.error.empty() ? std::string("a validation was interrupted") : m.error;
    return {};
}

} // namespace calibra::finetuner
