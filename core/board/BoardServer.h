// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The calibra-board gRPC service: mutual TLS with client certificates from the
// configured CA, per-client authorization by certificate name and a request-rate limit,
// message-size caps, every network checked against the schema and the size limits
// before any work, a time limit per batch, abort, health and capabilities.
#include "board/BoardConfig.h"

#include <memory>
#include <string>

namespace calibra::board {

class BoardServer
{
public:
    // Reads the certificates and sets the backend up; throws with the file named.
    explicit BoardServer(BoardConfig config);
    ~BoardServer();

    // Binds and starts serving; returns the address it listens on (port 0 in the
    // config picks a free port).
    std::string start();
    // Stops accepting calls and lets running ones finish until `graceSeconds`.
    void shutdown(double graceSeconds = 5);
    void wait();

    std::string targetClass() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// When running as root: switches to `user` (groups too) and keeps /proc/self writable
// for peak-memory measurement. Throws when root has no user to switch to.
void dropPrivileges(const std::string &user);

} // namespace calibra::board
