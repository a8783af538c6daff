// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-nas: the NAS service. Clients submit projects over gRPC with mutual TLS; each
// search runs in a container of its own (a run directory and a calibra-cli worker on this
// host, or a Slurm job), and checks and finetunes through the finetuning service its
// project names (docs/services.md). Everything but argument handling and signals lives in core/nas.
#include "nas/NasConfig.h"
#include "nas/NasServer.h"
#include "boardclient/ServiceProcess.h"

#include <cstdio>

using namespace calibra;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return board::runServiceMain(
        app, {"calibra-nas", "Calibra's NAS service", "docs/services.md"}, {},
        [](const QCommandLineParser &, const board::ServiceArguments &arguments, const board::StopSignals &stop) {
            nas::NasConfig c = nas::loadNasConfig(arguments.configFile);
            c.listen = arguments.listen.value_or(c.listen);
            if (board::keyReadableByEveryone("calibra-nas", c.keyFile))
                return 1;
            nas::NasServer server(c);
            if (arguments.checkOnly) {
                std::printf("calibra-nas: %s is valid\n", c.source.c_str());
                return 0;
            }
            const std::string address = server.start();
            board::announceAndWait("calibra-nas",
                                   address + " (runs in " + c.runs + ", " + std::to_string(c.maxRunning)
                                       + " at once, authorized clients: " + std::to_string(c.clients.size()) + ")",
                                   stop, "; running searches are interrupted and stay resumable");
            server.shutdown(5);
            return 0;
        });
}
