// SPDX-License-Identifier: GPL-3.0-or-later
#include "RemoteValidator.h"

#include "hardware/TargetSetting.h"

namespace calibra::finetuner {

RemoteValidator::RemoteValidator(std::shared_ptr<FinetunerClient> client, Session session)
    : m_client(std::move(client)), m_session(std::move(session)),
      m_setting(hardware::parseResolvedTargetSettingYaml(m_session.resolvedSettingYaml,
                                                         "the finetuning service's resolved setting"))
{
}

std::vector<validate::Metrics> RemoteValidator::validate(const std::vector<validate::ValidationRequest> &batch,
                                                         const std::atomic<bool> *cancel)
{
    std::vector<validate::Metrics> out(batch.size());
    std::vector<std::shared_ptr<const graph::Network>> networks;
    std::vector<size_t> where;
    for (size_t i = 0; i < batch.size(); ++i) {
        if (!(batch[i].setting == m_setting)) {
            out[i].error = "the finetuning service validates in its session's target setting only";
            continue;
        }
        networks.push_back(batch[i].network);
        where.push_back(i);
    }
    if (networks.empty())
        return out;
    try {
        const std::vector<validate::Metrics> results = m_client->validate(m_session, networks, cancel);
        for (size_t k = 0; k < where.size(); ++k)
            out[where[k]] = results[k];
    } catch (const std::exception &e) {
        // The service stayed away past the wait: transient, so the run stops resumable
        // instead of recording the networks as failed.
        for (const size_t i : where) {
            out[i] = cancel && cancel->load() ? validate::cancelledMetrics() : validate::Metrics{};
            if (!(cancel && cancel->load())) {
                out[i].error = e.what();
                out[i].transient = true;
            }
        }
    }
    return out;
}

} // namespace calibra::finetuner
