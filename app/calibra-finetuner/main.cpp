// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-finetuner: the conditional-finetuning service. It holds the platform
// descriptions and the predictors, validates through its own validator, and checks and
// finetunes for search runs over gRPC with mutual TLS (docs/services.md). Everything but
// argument handling and signals lives in core/finetuner.
#include "finetuner/FinetunerConfig.h"
#include "finetuner/FinetunerServer.h"
#include "boardclient/ServiceProcess.h"

#include <cstdio>

using namespace calibra;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return board::runServiceMain(
        app, {"calibra-finetuner", "Calibra's conditional-finetuning service", "docs/services.md"}, {},
        [](const QCommandLineParser &, const board::ServiceArguments &arguments, const board::StopSignals &stop) {
            finetuner::FinetunerConfig c = finetuner::loadFinetunerConfig(arguments.configFile);
            c.listen = arguments.listen.value_or(c.listen);
            if (board::keyReadableByEveryone("calibra-finetuner", c.keyFile))
                return 1;
            finetuner::FinetunerServer server(c);
            if (arguments.checkOnly) {
                std::printf("calibra-finetuner: %s is valid (%zu platforms)\n", c.source.c_str(), c.platforms.size());
                return 0;
            }
            const std::string address = server.start();
            board::announceAndWait("calibra-finetuner",
                                   address + " (platforms: " + std::to_string(c.platforms.size())
                                       + ", authorized clients: " + std::to_string(c.clients.size()) + ")",
                                   stop);
            server.shutdown(5);
            return 0;
        });
}
