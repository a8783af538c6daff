// SPDX-License-Identifier: GPL-3.0-or-later
#include "CachedValidator.h"

#include "graph/ContentHash.h"

#include <QCryptographicHash>

namespace calibra::validate {

CachedValidator::CachedValidator(std::shared_ptr<Validator> backend) : m_backend(std::move(backend)) {}

QByteArray CachedValidator::cacheKey(const graph::Network &network, const hardware::TargetSetting &setting,
                                     const std::string &backendId)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(graph::networkContentHash(network));
    h.addData(QByteArray::fromStdString(hardware::canonicalText(setting)));
    h.addData(QByteArray::fromStdString(backendId));
    return h.result();
}

std::vector<Metrics> CachedValidator::validate(const std::vector<ValidationRequest> &batch,
                                               const std::atomic<bool> *cancel)
{
    std::vector<Metrics> results(batch.size());
    std::vector<QByteArray> keys(batch.size());
    std::vector<ValidationRequest> missing;
    std::vector<size_t> missingAt;
    {
        QMutexLocker lock(&m_mutex);
        for (size_t i = 0; i < batch.size(); ++i) {
            if (!batch[i].network) {
                missing.push_back(batch[i]);
                missingAt.push_back(i);
                continue;
            }
            keys[i] = cacheKey(*batch[i].network, batch[i].setting, m_backend->backendId());
            auto it = m_cache.constFind(keys[i]);
            if (it != m_cache.constEnd()) {
                results[i] = *it;
                ++m_hits;
            } else {
                missing.push_back(batch[i]);
                missingAt.push_back(i);
                ++m_misses;
            }
        }
    }
    if (missing.empty())
        return results;
    const std::vector<Metrics> fresh = m_backend->validate(missing, cancel);
    QMutexLocker lock(&m_mutex);
    for (size_t j = 0; j < fresh.size(); ++j) {
        results[missingAt[j]] = fresh[j];
        if (fresh[j].ok && !keys[missingAt[j]].isEmpty())
            m_cache.insert(keys[missingAt[j]], fresh[j]);
    }
    return results;
}

int64_t CachedValidator::hits() const
{
    QMutexLocker lock(&m_mutex);
    return m_hits;
}

int64_t CachedValidator::misses() const
{
    QMutexLocker lock(&m_mutex);
    return m_misses;
}

} // namespace calibra::validate
