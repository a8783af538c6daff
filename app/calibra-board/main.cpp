// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-board: the validating service that runs next to a device board (or hosts the
// simulator, or a vendor tool) and answers Calibra over gRPC with mutual TLS.
// Everything but argument handling and signals lives in core/board.
#include "board/BoardConfig.h"
#include "board/BoardServer.h"
#include "boardclient/ServiceProcess.h"

#include <cstdio>

using namespace calibra;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("Overrides the configured user."),
                                  QStringLiteral("NAME"));
    return board::runServiceMain(
        app, {"calibra-board", "Calibra's validating service", "docs/board.md"}, {user},
        [&](const QCommandLineParser &parser, const board::ServiceArguments &arguments,
            const board::StopSignals &stop) {
            board::BoardConfig c = board::loadBoardConfig(arguments.configFile);
            c.listen = arguments.listen.value_or(c.listen);
            if (parser.isSet(user))
                c.user = parser.value(user).toStdString();
            board::BoardServer server(c);
            if (board::keyReadableByEveryone("calibra-board", c.keyFile))
                return 1;
            const std::string target =
                std::string("backend ") + board::backendKindName(c.backend) + ", target " + server.targetClass();
            if (arguments.checkOnly) {
                std::printf("calibra-board: %s is valid (%s)\n", c.source.c_str(), target.c_str());
                return 0;
            }
            const std::string address = server.start();
            board::dropPrivileges(c.user);
            board::announceAndWait(
                "calibra-board",
                address + " (" + target + ", authorized clients: " + std::to_string(c.clients.size()) + ")", stop);
            server.shutdown(5);
            return 0;
        });
}
