// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A request's search container: a calibra-cli worker process on the service's host, or a
// Slurm job on the cluster (docs/services.md). Either leaves a file in the request's
// folder (worker.pid, slurm-job) by which a restarted service finds the container again
// and adopts it: it follows it to its end and can cancel it.
#include "NasConfig.h"

#include <memory>
#include <optional>
#include <string>

namespace calibra::nas {

// Where a request's search lives: its folder, the project it runs, its run directory
// and the log its worker writes.
struct ContainerFiles
{
    std::string directory, project, run, log;
    static ContainerFiles of(const std::string &requestDirectory);
};

struct ContainerEnd
{
    // Why the container ended outside its run ("" when it ended on its own: the run store
    // says how): a signal, a Slurm state such as TIMEOUT or NODE_FAIL.
    std::string abnormal;
};

class SearchContainer
{
public:
    virtual ~SearchContainer() = default;
    // "worker pid 1234", "Slurm job 56: PENDING (Resources)": for a status line.
    virtual std::string describe() const = 0;
    // Whether it has ended, without waiting (a Slurm container asks Slurm at most every
    // two seconds). Called from one thread.
    virtual std::optional<ContainerEnd> poll() = 0;
    // Stops the search as Ctrl-C does (it stays resumable). Safe beside poll().
    virtual void cancel() = 0;
    // A worker on this host stops with the service; a Slurm job goes on without it.
    virtual bool stopsWithService() const = 0;
};

// Starts the request's search: a new run, or the run in files.run resumed. Throws
// std::runtime_error saying why it could not start.
std::unique_ptr<SearchContainer> startContainer(const NasConfig &config, const ContainerFiles &files);
// The container a previous service started for this request, if it still runs. A Slurm
// job is adopted also when Slurm does not answer now (it is asked again as it is followed).
std::unique_ptr<SearchContainer> adoptContainer(const NasConfig &config, const ContainerFiles &files);
// Forgets the request's container once it has ended: a restart adopts nothing for it.
void forgetContainer(const ContainerFiles &files);

} // namespace calibra::nas
