// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A run's connection to its conditional-finetuning service (finetuner.proto): open a
// session for (platform id, reference, target setting), then predict, validate and check
// in it. A service that goes away is waited for (FinetunerConnection::reconnectSeconds)
// before the call fails; a check asked again after a lost answer gets the same answer
// (the service keeps it by request id), so nothing is validated or finetuned twice.
#include "project/FinetunerConnection.h"
#include "finetunerclient/finetuner.pb.h"
#include "graph/Network.h"
#include "predictor/Features.h"
#include "validate/Validator.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace calibra::finetuner {

struct Session
{
    std::string key;
    std::string resolvedSettingYaml, defaultSettingYaml;
    unsigned latestPredictorVersion = 0;
    std::string validatorId;
    validate::BackendCapabilities capabilities;
};

class FinetunerClient
{
public:
    // Reads the certificates; throws FinetunerError naming the file.
    explicit FinetunerClient(FinetunerConnection connection);
    ~FinetunerClient();
    FinetunerClient(const FinetunerClient &) = delete;
    FinetunerClient &operator=(const FinetunerClient &) = delete;

    const FinetunerConnection &connection() const;
    // The service's version and platform ids (a quick call: connection problems show here).
    v1::CapabilitiesReply capabilities(double timeoutSeconds = 10);
    // Throws FinetunerError when the service refuses the platform id or the setting.
    Session open(const graph::Network &reference, const std::string &settingYaml);
    std::vector<predictor::Figures> predict(const Session &session, unsigned version,
                                            const std::vector<std::shared_ptr<const graph::Network>> &networks,
                                            const std::atomic<bool> *cancel);
    std::vector<validate::Metrics> validate(const Session &session,
                                            const std::vector<std::shared_ptr<const graph::Network>> &networks,
                                            const std::atomic<bool> *cancel);
    // `request.session_key` and the rest are the caller's; `requestId` names the check
    // (the same id asked again gets the recorded answer).
    v1::CheckReply check(v1::CheckRequest request, const std::string &requestId, const std::atomic<bool> *cancel);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace calibra::finetuner
