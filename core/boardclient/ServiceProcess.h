// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the three service programs (calibra-board, calibra-finetuner, calibra-nas) do the
// same way around their server: stop on SIGINT or SIGTERM, and refuse a private key that
// every user may read.
#include <QFileInfo>
#include <QString>

#include <csignal>
#include <cstdio>
#include <string>

#include <pthread.h>

namespace calibra::board {

// Blocks SIGINT and SIGTERM in the calling thread, and so in every thread it starts: make
// one before any gRPC thread exists, and wait() takes the signal instead of a handler.
class StopSignals
{
public:
    StopSignals()
    {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGINT);
        sigaddset(&m_set, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &m_set, nullptr);
    }
    // Waits for one; returns its name ("SIGINT" or "SIGTERM").
    const char *wait() const
    {
        int signal = 0;
        sigwait(&m_set, &signal);
        return signal == SIGINT ? "SIGINT" : "SIGTERM";
    }

private:
    sigset_t m_set;
};

// The service's private key proves who it is: readable by every user, anyone on the host
// could impersonate the service. (Group-readable is how distributions share keys with
// services, for example the ssl-cert group.) True, with the reason on standard error,
// when the key must not be used.
inline bool keyReadableByEveryone(const char *program, const std::string &keyFile)
{
    if (!(QFileInfo(QString::fromStdString(keyFile)).permissions() & QFileDevice::ReadOther))
        return false;
    std::fprintf(stderr,
                 "%s: %s: the private key is readable by every user; chmod o-r it (the service does not start with "
                 "it)\n",
                 program, keyFile.c_str());
    return true;
}

} // namespace calibra::board
