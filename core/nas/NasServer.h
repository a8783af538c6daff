// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The calibra-nas gRPC service (nasclient/nas.proto): mutual TLS and an allow-list of
// client certificate names, like the board and the finetuning service. Each submitted
// project gets a container of its own: a directory under the configured runs folder with
// the project and its reference, and the search that writes its own run directory there
// (SearchContainer.h: a worker process, or a Slurm job). Up to max_running searches run
// at once, the others wait in order. Status, events and snapshots are read from the run's
// store; cancelling interrupts the search as Ctrl-C does (the run stays resumable). A
// restarted service adopts the containers still running.
#include "nas/NasConfig.h"

#include <memory>
#include <string>

namespace calibra::nas {

class NasServer
{
public:
    explicit NasServer(NasConfig config); // reads the certificates; throws naming the file
    ~NasServer();                         // stops serving and interrupts running searches

    std::string start(); // returns the address it listens on
    void shutdown(double graceSeconds = 5);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace calibra::nas
