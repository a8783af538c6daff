// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-nas: the NAS service. Clients submit projects over gRPC with mutual TLS; each
// search runs in a container of its own (a run directory and a calibra-cli worker on this
// host, or a Slurm job), and checks and finetunes through the finetuning service its
// project names (docs/services.md). Everything but argument handling and signals lives in core/nas.
#include "nas/NasConfig.h"
#include "nas/NasServer.h"
#include "boardclient/ServiceProcess.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("calibra-nas"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALIBRA_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Calibra's NAS service (docs/services.md)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                    QStringLiteral("Service configuration (calibra-nas-config YAML)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Overrides the configured address."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption check(QStringLiteral("check"), QStringLiteral("Check the configuration and exit."));
    parser.addOptions({config, listen, check});
    parser.process(app);
    if (!parser.isSet(config)) {
        std::fprintf(stderr, "calibra-nas: --config FILE is required (see docs/services.md)\n");
        return 2;
    }

    // Before any gRPC thread starts: the threads inherit the blocked signals.
    const calibra::board::StopSignals stopSignals;

    try {
        calibra::nas::NasConfig c = calibra::nas::loadNasConfig(parser.value(config).toStdString());
        if (parser.isSet(listen))
            c.listen = parser.value(listen).toStdString();
        if (calibra::board::keyReadableByEveryone("calibra-nas", c.keyFile))
            return 1;
        calibra::nas::NasServer server(c);
        if (parser.isSet(check)) {
            std::printf("calibra-nas: %s is valid\n", c.source.c_str());
            return 0;
        }
        const std::string address = server.start();
        std::printf("calibra-nas: listening on %s (runs in %s, %d at once, authorized clients: %zu)\n", address.c_str(),
                    c.runs.c_str(), c.maxRunning, c.clients.size());
        std::fflush(stdout);
        const char *signal = stopSignals.wait();
        std::printf("calibra-nas: stopping (%s); running searches are interrupted and stay resumable\n", signal);
        std::fflush(stdout);
        server.shutdown(5);
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "calibra-nas: %s\n", e.what());
        return 1;
    }
}
