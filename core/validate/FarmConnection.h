// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where and how Calibra validates on a board farm run by Slurm (a project's
// `validator: {kind: farm, ...}`, calibra-cli farm). Plain data: no Slurm or gRPC here.
#include "BoardConnection.h"

#include <map>
#include <string>

namespace calibra::validate {

struct FarmConnection
{
    // A directory every board host and this machine see (a shared file system): batches
    // go in, results come back keyed by content hash, job logs land there.
    std::string spool;
    std::string gres = "board:sim"; // the boards' generic resource, board:<class>
    std::string partition;          // "" = Slurm's default partition
    double timeLimitSeconds = 600;  // per validation job (sbatch --time)
    int batchSize = 16;             // networks per job
    int maxAttempts = 3;            // jobs per network before it is reported failed
    double pollSeconds = 1;         // how often the queue is read
    std::string slurmConf;          // "" = Slurm's own default
    std::string worker;             // the program jobs run ("" = calibra-farm-worker beside this program)
    // The calibra-board service on each board host, by Slurm node name; "*" serves any
    // node not named (usually "localhost:PORT": the board beside the job).
    std::map<std::string, std::string> services;
    BoardConnection board; // certificates, server name, deadline (services unused)
};

} // namespace calibra::validate
