// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The calibra-finetuner gRPC service (finetunerclient/finetuner.proto): mutual TLS with
// client certificates from the configured CA and an allow-list of their names; per
// platform it holds the description, the offline predictor and a validator (the
// simulator, or calibra-board services). Checks and finetunes run the same code as a run
// in process (pipeline/CheckAndFinetune.h); answers, predictor versions and validations
// are kept in the store directory, so a restarted service answers a repeated check the
// same way without validating or finetuning again.
#include "finetuner/FinetunerConfig.h"

#include <memory>
#include <string>

namespace calibra::finetuner {

class FinetunerServer
{
public:
    // Reads the certificates, platforms and predictors; throws with the file named.
    explicit FinetunerServer(FinetunerConfig config);
    ~FinetunerServer();

    // Binds and starts serving; returns the address it listens on (port 0 in the
    // config picks a free port).
    std::string start();
    // Stops accepting calls and lets running ones finish until `graceSeconds`.
    void shutdown(double graceSeconds = 5);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace calibra::finetuner
