// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-farm-worker BATCH [--node NAME]: what a Slurm validation job runs on a board
// host. Validates the batch on this node's calibra-board service and writes one result
// per network into the farm's spool. Exit 0 when every network has its result, 75
// (EX_TEMPFAIL) when some are left for another job, 2 on a wrong command line. Kept
// apart from calibra-cli so that it starts without loading LibTorch: it runs once per job.
#include "farm/FarmWorker.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("calibra-farm-worker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALIBRA_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run by Slurm: validates a farm batch on this node's board service and writes the results into the spool."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("BATCH", "The batch file (SPOOL/batches/ID.json).");
    const QCommandLineOption node("node", "This node's name (default: $SLURMD_NODENAME).", "NAME");
    parser.addOption(node);
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "calibra-farm-worker: expected one batch file (see --help)\n");
        return 2;
    }
    try {
        const calibra::farm::WorkerOutcome o = calibra::farm::runWorker(
            parser.positionalArguments().front().toStdString(), parser.value(node).toStdString());
        std::printf("%d validated, %d already there, %d left for another job (service %s)\n", o.validated,
                    o.alreadyThere, o.transient, o.service.c_str());
        return o.transient > 0 ? calibra::farm::kWorkerTransientExit : 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "calibra-farm-worker: %s\n", e.what());
        // The board or its service is the problem, not the networks: another job may succeed.
        return calibra::farm::kWorkerTransientExit;
    }
}
