// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a run reaches its conditional-finetuning service (a project's `finetuner:`
// section, docs/services.md). Plain data: no gRPC here. When set, the run reads no
// platform description and loads no predictor: the service holds both, and validates,
// predicts, checks and finetunes for the run.
#include <string>

namespace calibra {

struct FinetunerConnection
{
    std::string address;           // host:port; empty: checks and finetunes run in process
    std::string platformId;        // the platform, by the id the service knows it by
    std::string caFile;            // the service's CA
    std::string certFile, keyFile; // this client's certificate and key
    std::string serverName;        // expected name in the service's certificate ("" = host)
    // How long one call may take (a check validates and may finetune), and how long the
    // run waits for a service that went away to come back before it stops, resumable.
    double deadlineSeconds = 1800;
    double reconnectSeconds = 120;

    bool enabled() const { return !address.empty(); }
};

} // namespace calibra
