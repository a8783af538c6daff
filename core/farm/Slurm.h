// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The few Slurm commands Calibra needs (sbatch, squeue, scancel, scontrol), run as
// programs: their command-line interface is Slurm's stable one, libslurm's C API is not.
// Errors throw FarmError with the command and what Slurm printed.
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace calibra::farm {

class FarmError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// No slurm.conf where Slurm's commands would look: typed, so that the GUI can say it in
// the interface's language and point at its own field.
class SlurmNotConfigured : public FarmError
{
public:
    explicit SlurmNotConfigured(std::string path)
        : FarmError("no Slurm configuration at " + path
                    + " (choose the cluster's slurm.conf: validator.slurm_conf, --slurm-conf or the Farm tab)"),
          m_path(std::move(path))
    {
    }
    const std::string &path() const { return m_path; }

private:
    std::string m_path;
};

struct JobRequest
{
    std::string name;                 // --job-name
    std::vector<std::string> command; // run by the job (quoted for the shell here)
    std::string gres;                 // "" = none; else --gres=GRES:1
    std::string partition;            // "" = default
    double timeLimitSeconds = 0;      // 0 = the partition's limit
    std::string output;               // --output (may use %j, %A, %a)
    int arrayTasks = 0;               // > 0: a job array 0..arrayTasks-1
    bool requeue = true;              // requeued (not lost) when its node fails
    std::string workingDirectory;
};

struct JobInfo
{
    std::string id; // "123" or "123_4" for array tasks
    std::string name;
    std::string state; // PENDING, RUNNING, COMPLETED, FAILED, ...
    std::string nodes;
    std::string reason; // why pending, or the node
    std::string elapsed;
    std::string workDir;

    // The nodes it runs on, or why it waits: "b1" or "(Resources)".
    std::string where() const { return nodes.empty() ? "(" + reason + ")" : nodes; }
};

class Slurm
{
public:
    // `slurmConf` "" = Slurm's default configuration.
    explicit Slurm(std::string slurmConf = {});

    std::string submit(const JobRequest &request) const; // the job id
    // The jobs still known to squeue among `ids` (all of this user's when empty),
    // optionally only those whose name starts with `namePrefix`.
    std::vector<JobInfo> queue(const std::vector<std::string> &ids = {}, const std::string &namePrefix = {}) const;
    void cancel(const std::vector<std::string> &ids) const;
    // Makes a pending job eligible now (Slurm holds a requeued job back for minutes).
    void startNow(const std::string &id) const;
    // scontrol's view of one job (also shortly after it ended); empty state when Slurm
    // does not know it (any more). Throws FarmError when Slurm does not answer.
    JobInfo job(const std::string &id) const;

    static bool terminalState(const std::string &state);
    static std::string shellQuote(const std::string &word);
    static std::string timeLimitText(double seconds); // "M:SS", rounded up to whole seconds

private:
    struct Output
    {
        int exitCode = 0;     // -1: killed by a signal
        std::string out, err; // err names the command
    };
    Output runRaw(const std::string &program, const std::vector<std::string> &arguments,
                  std::chrono::milliseconds timeout) const;
    std::string run(const std::string &program, const std::vector<std::string> &arguments,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30), bool allowFailure = false) const;
    std::string m_conf;
};

} // namespace calibra::farm
