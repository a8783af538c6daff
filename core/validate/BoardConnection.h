// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where and how Calibra reaches its calibra-board services (a project's `validator:`
// section, the GUI's connection panel, calibra-cli board). Plain data: no gRPC here.
#include <string>
#include <vector>

namespace calibra::validate {

struct BoardConnection
{
    std::vector<std::string> services; // host:port
    std::string caFile;                // the services' CA
    std::string certFile, keyFile;     // this client's certificate and key
    std::string serverName;            // expected name in the services' certificates ("" = host)
    double deadlineSeconds = 600;      // per chunk
    int chunkSize = 16;
    int maxFailures = 3;
};

} // namespace calibra::validate
