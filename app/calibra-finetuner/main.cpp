// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-finetuner: the conditional-finetuning service. It holds the platform
// descriptions and the predictors, validates through its own validator, and checks and
// finetunes for search runs over gRPC with mutual TLS (docs/services.md). Everything but
// argument handling and signals lives in core/finetuner.
#include "finetuner/FinetunerConfig.h"
#include "finetuner/FinetunerServer.h"
#include "boardclient/ServiceProcess.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("calibra-finetuner"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALIBRA_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Calibra's conditional-finetuning service (docs/services.md)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                    QStringLiteral("Service configuration (calibra-finetuner-config YAML)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Overrides the configured address."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption check(QStringLiteral("check"), QStringLiteral("Check the configuration and exit."));
    parser.addOptions({config, listen, check});
    parser.process(app);
    if (!parser.isSet(config)) {
        std::fprintf(stderr, "calibra-finetuner: --config FILE is required (see docs/services.md)\n");
        return 2;
    }

    // Before any gRPC thread starts: the threads inherit the blocked signals.
    const calibra::board::StopSignals stopSignals;

    try {
        calibra::finetuner::FinetunerConfig c =
            calibra::finetuner::loadFinetunerConfig(parser.value(config).toStdString());
        if (parser.isSet(listen))
            c.listen = parser.value(listen).toStdString();
        if (calibra::board::keyReadableByEveryone("calibra-finetuner", c.keyFile))
            return 1;
        calibra::finetuner::FinetunerServer server(c);
        if (parser.isSet(check)) {
            std::printf("calibra-finetuner: %s is valid (%zu platforms)\n", c.source.c_str(), c.platforms.size());
            return 0;
        }
        const std::string address = server.start();
        std::printf("calibra-finetuner: listening on %s (platforms: %zu, authorized clients: %zu)\n", address.c_str(),
                    c.platforms.size(), c.clients.size());
        std::fflush(stdout);
        const char *signal = stopSignals.wait();
        std::printf("calibra-finetuner: stopping (%s)\n", signal);
        std::fflush(stdout);
        server.shutdown(5);
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "calibra-finetuner: %s\n", e.what());
        return 1;
    }
}
