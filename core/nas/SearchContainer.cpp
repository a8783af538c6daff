// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchContainer.h"

#include "farm/Slurm.h"

#include <QCoreApplication>
#include <QDir>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace calibra::nas {

namespace {

namespace fs = std::filesystem;

constexpr const char *kPidFile = "worker.pid";
constexpr const char *kJobFile = "slurm-job";
constexpr const char *kTaskFile = "task.tsv";

std::string workerProgram(const NasConfig &config)
{
    if (!config.worker.empty())
        return config.worker;
    return QDir(QCoreApplication::applicationDirPath()).filePath("calibra-cli").toStdString();
}

// Written whole, then renamed: a service killed while writing leaves the old file or none.
void writeSmallFile(const fs::path &path, const std::string &text)
{
    const fs::path part = path.string() + ".part";
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        throw std::runtime_error(part.string() + ": cannot write (disk full?)");
    fs::rename(part, path);
}

std::string readSmallFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::string text;
    std::getline(in, text);
    return text;
}

// When the process started (clock ticks after boot, /proc/PID/stat field 22), or -1 when
// there is no such process. With the pid it names one process: pids are reused.
long long processStartTime(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    if (!std::getline(in, stat))
        return -1;
    const size_t afterName = stat.rfind(')'); // the name may hold spaces and parentheses
    if (afterName == std::string::npos)
        return -1;
    std::istringstream fields(stat.substr(afterName + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
        if (i == 3 && (field == "Z" || field == "X"))
            return -1; // dead, not yet reaped (its parent died too, and nobody reaps)
        if (i == 22)
            return std::stoll(field);
    }
    return -1;
}

// How the run tells its user to reach it: through the service, by the request's id (its
// run directory is on the service's host).
std::vector<std::string> accessArguments(const ContainerFiles &files)
{
    return {"--nas-request", fs::path(files.directory).filename().string()};
}

bool runExists(const ContainerFiles &files)
{
    return fs::exists(fs::path(files.run) / "run.sqlite");
}

class LocalWorker final : public SearchContainer
{
public:
    LocalWorker(pid_t pid, long long startTime, bool child) : m_pid(pid), m_startTime(startTime), m_child(child) {}

    std::string describe() const override
    {
        return "worker pid " + std::to_string(m_pid) + (m_child ? "" : " (adopted after a restart)");
    }

    std::optional<ContainerEnd> poll() override
    {
        // Reaping and signalling under one lock: once reaped, the pid may name another process.
        std::lock_guard lock(m_mutex);
        if (m_ended)
            return ContainerEnd{};
        if (!m_child) { // not ours to wait for: it has ended when its pid names no process or another
            if (processStartTime(m_pid) == m_startTime)
                return std::nullopt;
            m_ended = true;
            return ContainerEnd{};
        }
        int status = 0;
        const pid_t got = waitpid(m_pid, &status, WNOHANG);
        if (got == 0)
            return std::nullopt;
        m_ended = true;
        ContainerEnd end;
        // A signal other than the cancel's (a crash, the OOM killer) left a run that says
        // "running", or none: say what happened. Exit code 130: interrupted, and the run
        // says so.
        if (got == m_pid && WIFSIGNALED(status) && !(m_cancelled && WTERMSIG(status) == SIGINT))
            end.abnormal = "the worker (pid " + std::to_string(m_pid) + ") was killed by signal "
                           + std::to_string(WTERMSIG(status)) + "; see worker.log in the request's folder";
        else if (got == m_pid && WIFEXITED(status) && WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 130)
            end.abnormal = "the worker (pid " + std::to_string(m_pid) + ") exited with code "
                           + std::to_string(WEXITSTATUS(status)) + "; see worker.log in the request's folder";
        return end;
    }

    void cancel() override
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        if (!m_ended && (m_child || processStartTime(m_pid) == m_startTime))
            ::kill(m_pid, SIGINT); // the worker stops cleanly, as on Ctrl-C
    }

    bool stopsWithService() const override { return true; }

private:
    const pid_t m_pid;
    const long long m_startTime;
    const bool m_child;
    std::mutex m_mutex;
    bool m_cancelled = false, m_ended = false;
};

std::unique_ptr<SearchContainer> startLocalWorker(const NasConfig &config, const ContainerFiles &files)
{
    const std::string program = workerProgram(config);
    std::vector<std::string> args = runExists(files)
                                        ? std::vector<std::string>{program, "run", "--resume", files.run}
                                        : std::vector<std::string>{program, "run", files.project, "-d", files.run};
    const std::vector<std::string> access = accessArguments(files);
    args.insert(args.end(), access.begin(), access.end());
    std::vector<char *> argv;
    for (std::string &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, files.log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // The service blocks SIGINT in its threads (sigwait takes it); the worker must not
    // inherit that, or Cancel could not interrupt it.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    // A process group of its own: Ctrl-C at the service's terminal reaches the service,
    // which stops its workers itself (and marks them to resume), not the workers directly.
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
    pid_t pid = 0;
    const int error = posix_spawn(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        throw std::runtime_error("cannot start the worker " + program + ": " + std::strerror(error));
    const long long started = processStartTime(pid);
    auto worker = std::make_unique<LocalWorker>(pid, started, true);
    try {
        writeSmallFile(fs::path(files.directory) / kPidFile, std::to_string(pid) + " " + std::to_string(started));
    } catch (...) {
        // A worker no restart could find again must not run on: stopped, and waited for
        // (bounded), so that the request is not resumed while it still holds its run.
        worker->cancel();
        for (int i = 0; i < 600 && !worker->poll(); ++i)
            usleep(50 * 1000);
        throw;
    }
    return worker;
}

class SlurmJob final : public SearchContainer
{
public:
    SlurmJob(const NasSlurm &slurm, std::string id) : m_slurm(slurm.conf), m_id(std::move(id)) {}

    std::string describe() const override
    {
        std::lock_guard lock(m_mutex);
        return "Slurm job " + m_id + (m_state.empty() ? "" : ": " + m_state) + (m_where.empty() ? "" : " " + m_where);
    }

    std::optional<ContainerEnd> poll() override
    {
        const auto now = std::chrono::steady_clock::now();
        if (now - m_lastPoll < std::chrono::seconds(2))
            return std::nullopt;
        m_lastPoll = now;
        farm::JobInfo job;
        try {
            job = m_slurm.job(m_id);
        } catch (const farm::FarmError &e) {
            std::lock_guard lock(m_mutex);
            m_where = std::string("(Slurm does not answer: ") + e.what() + ")";
            return std::nullopt; // asked again: a job is not given up while its controller is away
        }
        {
            std::lock_guard lock(m_mutex);
            m_state = job.state;
            m_where = job.where();
        }
        if (job.state.empty()) // Slurm has forgotten it (it ended long ago): the run tells how
            return ContainerEnd{};
        if (!farm::Slurm::terminalState(job.state))
            return std::nullopt;
        ContainerEnd end;
        if (job.state == "CANCELLED" && !m_cancelled)
            end.abnormal = "Slurm job " + m_id + " was cancelled outside the service";
        else if (job.state != "COMPLETED" && job.state != "CANCELLED")
            end.abnormal = "Slurm job " + m_id + " ended " + job.state + "; see worker.log in the request's folder";
        return end;
    }

    void cancel() override
    {
        m_cancelled = true;
        try {
            m_slurm.cancel({m_id}); // SIGTERM, which calibra-cli takes as Ctrl-C
        } catch (const farm::FarmError &) {
            // The next poll says what Slurm did; a cancel that did not reach it is seen there.
        }
    }

    bool stopsWithService() const override { return false; }

private:
    const farm::Slurm m_slurm;
    const std::string m_id;
    mutable std::mutex m_mutex;
    std::string m_state, m_where;
    std::chrono::steady_clock::time_point m_lastPoll{};
    std::atomic<bool> m_cancelled{false};
};

// The name a request's job has in Slurm: how it is found when its id was never written.
std::string slurmJobName(const ContainerFiles &files)
{
    return "calibra-nas-" + fs::path(files.directory).filename().string();
}

// A live job of the request that no file names: submitted just before the service died,
// before it wrote the id down. Adopted, and its id written now, so that no second job
// runs the same search.
std::unique_ptr<SearchContainer> adoptUnrecordedJob(const NasConfig &config, const ContainerFiles &files)
{
    std::vector<farm::JobInfo> jobs;
    try {
        jobs = farm::Slurm(config.slurm.conf).queue({}, slurmJobName(files));
    } catch (const farm::FarmError &) {
        return nullptr; // Slurm does not answer: a new submission fails as well, and says why
    }
    for (const farm::JobInfo &job : jobs)
        if (job.name == slurmJobName(files) && !farm::Slurm::terminalState(job.state)) {
            try {
                writeSmallFile(fs::path(files.directory) / kJobFile, job.id);
            } catch (const std::exception &) {
                // Followed now all the same; a later restart looks it up by name again.
            }
            return std::make_unique<SlurmJob>(config.slurm, job.id);
        }
    return nullptr;
}

std::unique_ptr<SearchContainer> submitSlurmJob(const NasConfig &config, const ContainerFiles &files)
{
    // calibra-cli farm task starts the run, or resumes it when Slurm requeues the job.
    const fs::path tasks = fs::path(files.directory) / kTaskFile;
    writeSmallFile(tasks, files.project + "\t" + files.run + "\n");
    farm::JobRequest job;
    job.name = slurmJobName(files);
    job.command = {workerProgram(config), "farm", "task", tasks.string(), "--index", "0"};
    const std::vector<std::string> access = accessArguments(files);
    job.command.insert(job.command.end(), access.begin(), access.end());
    job.partition = config.slurm.partition;
    job.timeLimitSeconds = config.slurm.timeLimitSeconds;
    job.output = files.log;
    job.workingDirectory = files.directory;
    std::string id;
    try {
        id = farm::Slurm(config.slurm.conf).submit(job);
    } catch (const farm::FarmError &e) {
        throw std::runtime_error(std::string("cannot submit the search to Slurm: ") + e.what());
    }
    auto container = std::make_unique<SlurmJob>(config.slurm, id);
    try {
        writeSmallFile(fs::path(files.directory) / kJobFile, id);
    } catch (...) {
        container->cancel();
        throw;
    }
    return container;
}

} // namespace

ContainerFiles ContainerFiles::of(const std::string &requestDirectory)
{
    const fs::path dir(requestDirectory);
    return {dir.string(), (dir / "project.yaml").string(), (dir / "run").string(), (dir / "worker.log").string()};
}

std::unique_ptr<SearchContainer> startContainer(const NasConfig &config, const ContainerFiles &files)
{
    forgetContainer(files); // a container from an earlier start: this one replaces it
    switch (config.container) {
    case ContainerKind::Local: return startLocalWorker(config, files);
    case ContainerKind::Slurm: return submitSlurmJob(config, files);
    }
    return nullptr;
}

void forgetContainer(const ContainerFiles &files)
{
    std::error_code ignored;
    fs::remove(fs::path(files.directory) / kPidFile, ignored);
    fs::remove(fs::path(files.directory) / kJobFile, ignored);
}

std::unique_ptr<SearchContainer> adoptContainer(const NasConfig &config, const ContainerFiles &files)
{
    const fs::path dir(files.directory);
    if (fs::exists(dir / kJobFile)) {
        const std::string id = readSmallFile(dir / kJobFile);
        if (id.empty())
            return nullptr;
        try {
            const farm::JobInfo job = farm::Slurm(config.slurm.conf).job(id);
            if (job.state.empty() || farm::Slurm::terminalState(job.state))
                return nullptr;
        } catch (const farm::FarmError &) {
            // Slurm does not answer now: the job is followed until it does.
        }
        return std::make_unique<SlurmJob>(config.slurm, id);
    }
    if (fs::exists(dir / kPidFile)) {
        std::istringstream in(readSmallFile(dir / kPidFile));
        long long pid = 0, started = -1;
        if (!(in >> pid >> started) || pid <= 0 || started < 0)
            return nullptr;
        if (processStartTime(pid_t(pid)) != started)
            return nullptr; // ended, and the pid maybe reused
        return std::make_unique<LocalWorker>(pid_t(pid), started, false);
    }
    if (config.container == ContainerKind::Slurm)
        return adoptUnrecordedJob(config, files);
    return nullptr;
}

} // namespace calibra::nas
