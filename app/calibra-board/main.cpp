// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-board: the validating service that runs next to a device board (or hosts the
// simulator, or a vendor tool) and answers Calibra over gRPC with mutual TLS.
// Everything but argument handling and signals lives in core/board.
#include "board/BoardConfig.h"
#include "board/BoardServer.h"
#include "boardclient/ServiceProcess.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("calibra-board"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALIBRA_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Calibra's validating service (docs/board.md)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                    QStringLiteral("Service configuration (calibra-board-config YAML)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Overrides the configured address."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("Overrides the configured user."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption check(QStringLiteral("check"), QStringLiteral("Check the configuration and exit."));
    parser.addOptions({config, listen, user, check});
    parser.process(app);
    if (!parser.isSet(config)) {
        std::fprintf(stderr, "calibra-board: --config FILE is required (see docs/board.md)\n");
        return 2;
    }

    // Before any gRPC thread starts: the threads inherit the blocked signals.
    const calibra::board::StopSignals stopSignals;

    try {
        calibra::board::BoardConfig c = calibra::board::loadBoardConfig(parser.value(config).toStdString());
        if (parser.isSet(listen))
            c.listen = parser.value(listen).toStdString();
        if (parser.isSet(user))
            c.user = parser.value(user).toStdString();
        calibra::board::BoardServer server(c);
        if (calibra::board::keyReadableByEveryone("calibra-board", c.keyFile))
            return 1;
        if (parser.isSet(check)) {
            std::printf("calibra-board: %s is valid (backend %s, target %s)\n", c.source.c_str(),
                        calibra::board::backendKindName(c.backend), server.targetClass().c_str());
            return 0;
        }
        const std::string address = server.start();
        calibra::board::dropPrivileges(c.user);
        std::printf("calibra-board: listening on %s (backend %s, target %s, authorized clients: %zu)\n",
                    address.c_str(), calibra::board::backendKindName(c.backend), server.targetClass().c_str(),
                    c.clients.size());
        std::fflush(stdout);
        const char *signal = stopSignals.wait();
        std::printf("calibra-board: stopping (%s)\n", signal);
        std::fflush(stdout);
        server.shutdown(5);
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "calibra-board: %s\n", e.what());
        return 1;
    }
}
