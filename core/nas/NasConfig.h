// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The configuration of one calibra-nas service (YAML, format calibra-nas-config,
// docs/services.md): where it listens, its certificates, which clients may submit, where
// each request's container (run directory) goes, the worker program that runs a search,
// whether it runs here or as a Slurm job, how many run at once, and the client
// certificate it calls finetuning services with.
#include <string>
#include <vector>

namespace calibra::nas {

// What holds a request's search: a worker process on the service's host, or a Slurm job.
enum class ContainerKind { Local, Slurm };
const char *containerKindName(ContainerKind kind); // local, slurm
bool parseContainerKind(const std::string &name, ContainerKind *out);

struct NasSlurm
{
    std::string conf;            // slurm.conf; "" Slurm's default
    std::string partition;       // "" the default partition
    double timeLimitSeconds = 0; // per search; 0 the partition's limit
};

struct NasConfig
{
    std::string source;
    std::string listen = "127.0.0.1:50071";
    std::string caFile, certFile, keyFile; // the service's (it always requires client certificates)
    std::vector<std::string> clients;      // certificate common names allowed; empty: refuse everyone
    std::string runs;                      // one directory per request
    std::string worker;                    // calibra-cli; "" the one beside calibra-nas
    int maxRunning = 1;                    // searches at once; the others wait in order
    ContainerKind container = ContainerKind::Local;
    NasSlurm slurm; // container: slurm (runs and the worker must be on every node)
    // The certificates the searches present to a finetuning service a project names.
    std::string finetunerCa, finetunerCert, finetunerKey;
};

// Throws base::InputError naming file, line and field; relative paths are taken relative
// to the config file.
NasConfig loadNasConfig(const std::string &path);
NasConfig parseNasConfig(const std::string &text, const std::string &source);

} // namespace calibra::nas
