// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The configuration of one calibra-board service (YAML, format calibra-board-config,
// docs/board.md): where it listens, its certificates, which clients may call it and how
// often, what it validates with, and the limits it enforces before doing any work.
#include <string>
#include <vector>

namespace calibra::board {

enum class BackendKind { Simulator, Host, Command };
const char *backendKindName(BackendKind k);

struct ClientRule
{
    std::string commonName;           // the client certificate's CN
    double maxRequestsPerSecond = 10; // token bucket refill rate
    int burst = 20;                   // token bucket size
};

struct BoardConfig
{
    std::string source; // the file it came from (for messages)
    std::string listen = "127.0.0.1:50051";
    std::string targetClass; // the coarse name clients see (defaults to the platform's)
    std::string user;        // drop to this user when started as root

    // Certificates (PEM files). The service always requires and verifies client
    // certificates signed by `caFile`.
    std::string caFile, certFile, keyFile;
    std::vector<ClientRule> clients; // empty: refuse everyone

    BackendKind backend = BackendKind::Simulator;
    std::string platform = "builtin:edge-npu-s"; // what settings are checked against; the simulator's chip
    // Simulator: hold the board this long per network, as a real board's measurement
    // would (a stand-in board for farm tests and throughput benchmarks).
    double holdSeconds = 0;
    int warmupRuns = 5; // host measurement
    int timedRuns = 30;
    double minSeconds = 1.0;          // host measurement: time each network at least this long
    double precision = 0.01;          // host measurement: then until the median is known to +-1% (95%)
    double maxSeconds = 10.0;         // host measurement: or this long at most
    std::vector<std::string> command; // external command: program and arguments
    double commandTimeoutSeconds = 120;

    int maxMessageBytes = 16 << 20;
    int maxNetworksPerBatch = 64;
    int maxNodes = 10000;
    double maxMacs = 1e11;
    double maxBatchSeconds = 600; // the service stops a batch that runs longer
    bool exposePerLayer = false;  // reserved: per-layer traces stay private
};

// Throws base::InputError naming file, line and field. Relative certificate and
// platform paths are taken relative to the config file.
BoardConfig loadBoardConfig(const std::string &path);
BoardConfig parseBoardConfig(const std::string &text, const std::string &source);

} // namespace calibra::board
