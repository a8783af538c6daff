// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Wraps any validator with a cache keyed by the content hash of (network, target
// setting, backend): a network validated once is never validated again, whoever asks.
// Thread-safe; only successful results are cached.
#include "Validator.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>

namespace calibra::validate {

class CachedValidator : public Validator
{
public:
    explicit CachedValidator(std::shared_ptr<Validator> backend);

    std::string backendId() const override { return m_backend->backendId(); }
    BackendCapabilities capabilities() const override { return m_backend->capabilities(); }
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch,
                                  const std::atomic<bool> *cancel) override;

    static QByteArray cacheKey(const graph::Network &network, const hardware::TargetSetting &setting,
                               const std::string &backendId);
    int64_t hits() const;
    int64_t misses() const;

private:
    std::shared_ptr<Validator> m_backend;
    mutable QMutex m_mutex;
    QHash<QByteArray, Metrics> m_cache;
    int64_t m_hits = 0, m_misses = 0;
};

} // namespace calibra::validate
