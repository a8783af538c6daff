// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the three service programs (calibra-board, calibra-finetuner, calibra-nas) do the
// same way around their server: the shared command line, stop on SIGINT or SIGTERM, and
// refuse a private key that every user may read.
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QList>
#include <QString>

#include <csignal>
#include <cstdio>
#include <functional>
#include <optional>
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

// A service program's name and what its --help says.
struct ServiceProgram
{
    const char *name;        // "calibra-nas": its configuration is "calibra-nas-config YAML"
    const char *description; // "Calibra's NAS service"
    const char *doc;         // "docs/services.md"
};

// The options every service takes besides its own.
struct ServiceArguments
{
    std::string configFile;            // --config FILE, required
    std::optional<std::string> listen; // --listen HOST:PORT overrides the configured address
    bool checkOnly = false;            // --check: check the configuration and exit
};

using ServiceRun = std::function<int(const QCommandLineParser &, const ServiceArguments &, const StopSignals &)>;

// A service's main: parses the shared options and `extra` (which `run` reads from the
// parser), refuses to start without --config (exit 2), blocks SIGINT and SIGTERM before
// any thread starts, and reports what `run` throws as "<name>: <what>" (exit 1). `run`
// returns the exit code.
inline int runServiceMain(QCoreApplication &app, const ServiceProgram &program, const QList<QCommandLineOption> &extra,
                          const ServiceRun &run)
{
    QCoreApplication::setApplicationName(QString::fromLatin1(program.name));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALIBRA_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("%1 (%2).").arg(program.description, program.doc));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                    QStringLiteral("Service configuration (%1-config YAML).").arg(program.name),
                                    QStringLiteral("FILE"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Overrides the configured address."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption check(QStringLiteral("check"), QStringLiteral("Check the configuration and exit."));
    parser.addOptions(QList<QCommandLineOption>{config, listen} + extra + QList<QCommandLineOption>{check});
    parser.process(app);
    if (!parser.isSet(config)) {
        std::fprintf(stderr, "%s: --config FILE is required (see %s)\n", program.name, program.doc);
        return 2;
    }
    ServiceArguments arguments;
    arguments.configFile = parser.value(config).toStdString();
    if (parser.isSet(listen))
        arguments.listen = parser.value(listen).toStdString();
    arguments.checkOnly = parser.isSet(check);

    // Before any gRPC thread starts: the threads inherit the blocked signals.
    const StopSignals stopSignals;
    try {
        return run(parser, arguments, stopSignals);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "%s: %s\n", program.name, e.what());
        return 1;
    }
}

// Prints "<name>: listening on <listening>", waits for SIGINT or SIGTERM and prints
// "<name>: stopping (<signal>)<stopNote>"; the caller then shuts its server down.
inline void announceAndWait(const char *name, const std::string &listening, const StopSignals &stopSignals,
                            const char *stopNote = "")
{
    std::printf("%s: listening on %s\n", name, listening.c_str());
    std::fflush(stdout);
    const char *signal = stopSignals.wait();
    std::printf("%s: stopping (%s)%s\n", name, signal, stopNote);
    std::fflush(stdout);
}

} // namespace calibra::board
