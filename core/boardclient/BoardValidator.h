// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Validation on tethered boards: a client of one or more calibra-board services
// (mutual TLS). Batches are split into chunks that run in parallel, one per service; a
// chunk that fails is retried once on another service; a service that fails
// `maxFailures` times in a row is taken out of rotation. Results are matched by content
// hash, so none is lost, duplicated or given to the wrong network: a request with no
// answer comes back ok = false with the reason.
#include "validate/BoardConnection.h"
#include "validate/Validator.h"

#include <memory>
#include <string>
#include <vector>

namespace calibra::validate {

struct ServiceStatus
{
    std::string address;
    bool reachable = false;
    std::string error;   // why not
    std::string backend; // simulator | host | command
    std::string targetClass;
    std::vector<std::string> metrics;
    std::vector<std::string> ignoredSettingFields; // YAML names
    int maxNetworksPerBatch = 0;
    double maxRequestsPerSecond = 0; // this client's rate at the service; 0: not said
};

class BoardValidator : public Validator
{
public:
    // Reads the certificates and asks every service for its capabilities; at least one
    // must answer and all that answer must serve the same target. Throws otherwise.
    explicit BoardValidator(BoardConnection connection);
    ~BoardValidator() override;

    std::string backendId() const override;
    // What every service that answered measures; the fields any of them ignores.
    BackendCapabilities capabilities() const override;
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch,
                                  const std::atomic<bool> *cancel) override;

    std::vector<ServiceStatus> statuses() const;
    // Services still in rotation.
    int servicesInRotation() const;

    // Capabilities of every service without building a validator (a "test connection").
    static std::vector<ServiceStatus> probe(const BoardConnection &connection, double timeoutSeconds = 5);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace calibra::validate
