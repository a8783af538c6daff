// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Validates through the conditional-finetuning service's own validator (a board, the farm
// or the simulator behind it), in the session's target setting: a run that uses the
// service validates its generations' members and its final model there too, and so never
// needs the platform's description.
#include "finetunerclient/FinetunerClient.h"

namespace calibra::finetuner {

class RemoteValidator final : public validate::Validator
{
public:
    RemoteValidator(std::shared_ptr<FinetunerClient> client, Session session);
    // The service's validator's id: cache keys match a run that validates in process.
    std::string backendId() const override { return m_session.validatorId; }
    validate::BackendCapabilities capabilities() const override { return m_session.capabilities; }
    // A request in another setting than the session's is refused (its result would be
    // the session setting's).
    std::vector<validate::Metrics> validate(const std::vector<validate::ValidationRequest> &batch,
                                            const std::atomic<bool> *cancel) override;

private:
    std::shared_ptr<FinetunerClient> m_client;
    Session m_session;
    hardware::TargetSetting m_setting;
};

} // namespace calibra::finetuner
