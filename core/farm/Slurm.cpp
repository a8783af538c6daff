// SPDX-License-Identifier: GPL-3.0-or-later
#include "Slurm.h"

#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <cmath>
#include <set>

namespace calibra::farm {

Slurm::Slurm(std::string slurmConf) : m_conf(std::move(slurmConf)) {}

Slurm::Output Slurm::runRaw(const std::string &program, const std::vector<std::string> &arguments,
                            std::chrono::milliseconds timeout) const
{
    // Without a configuration file Slurm's commands look for a configless controller
    // in DNS and give up only after a minute: say what is missing at once instead.
    const QString conf = !m_conf.empty()                           ? QString::fromStdString(m_conf)
                         : qEnvironmentVariableIsSet("SLURM_CONF") ? qEnvironmentVariable("SLURM_CONF")
                                                                   : QStringLiteral("/etc/slurm/slurm.conf");
    if (!QFileInfo(conf).isFile())
        throw SlurmNotConfigured(conf.toStdString());
    QProcess p;
    if (!m_conf.empty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SLURM_CONF", QString::fromStdString(m_conf));
        p.setProcessEnvironment(env);
    }
    QStringList args;
    for (const std::string &a : arguments)
        args << QString::fromStdString(a);
    p.start(QString::fromStdString(program), args);
    const std::string commandLine = program + (arguments.empty() ? "" : " " + arguments.front() + " ...");
    if (!p.waitForStarted(10000))
        throw FarmError(program + ": cannot start (is Slurm's client installed? " + p.errorString().toStdString()
                        + ")");
    if (!p.waitForFinished(int(timeout.count()))) {
        p.kill();
        p.waitForFinished(2000);
        throw FarmError(commandLine + ": no answer within " + std::to_string(timeout.count() / 1000) + " s");
    }
    Output o;
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = p.readAllStandardOutput().toStdString();
    o.err = p.readAllStandardError().trimmed().toStdString();
    if (o.err.empty() && o.exitCode != 0)
        o.err = "exit code " + std::to_string(o.exitCode);
    o.err = commandLine + ": " + o.err;
    return o;
}

std::string Slurm::run(const std::string &program, const std::vector<std::string> &arguments,
                       std::chrono::milliseconds timeout, bool allowFailure) const
{
    Output o = runRaw(program, arguments, timeout);
    if (!allowFailure && o.exitCode != 0)
        throw FarmError(o.err);
    return o.out;
}

std::string Slurm::shellQuote(const std::string &word)
{
    std::string q = "'";
    for (char c : word)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string Slurm::timeLimitText(double seconds)
{
    const long total = std::max(1L, long(std::ceil(seconds)));
    const long minutes = total / 60, rest = total % 60;
    return std::to_string(minutes) + ":" + (rest < 10 ? "0" : "") + std::to_string(rest);
}

std::string Slurm::submit(const JobRequest &r) const
{
    std::vector<std::string> args = {"--parsable", "--job-name=" + r.name};
    if (!r.gres.empty())
        args.push_back("--gres=" + r.gres + ":1");
    if (!r.partition.empty())
        args.push_back("--partition=" + r.partition);
    if (r.timeLimitSeconds > 0)
        args.push_back("--time=" + timeLimitText(r.timeLimitSeconds));
    if (!r.output.empty())
        args.push_back("--output=" + r.output);
    if (r.arrayTasks > 0)
        args.push_back("--array=0-" + std::to_string(r.arrayTasks - 1));
    args.push_back(r.requeue ? "--requeue" : "--no-requeue");
    if (!r.workingDirectory.empty())
        args.push_back("--chdir=" + r.workingDirectory);
    std::string wrap = "exec";
    for (const std::string &w : r.command)
        wrap += " " + shellQuote(w);
    args.push_back("--wrap=" + wrap);
    std::string out = run("sbatch", args);
    // --parsable prints "id" or "id;cluster".
    out = out.substr(0, out.find_first_of(";\n"));
    if (out.empty() || out.find_first_not_of("0123456789") != std::string::npos)
        throw FarmError("sbatch: unexpected answer '" + out + "'");
    return out;
}

namespace {

std::vector<std::string> splitFields(const std::string &line, char sep)
{
    std::vector<std::string> f;
    size_t start = 0;
    for (;;) {
        const size_t end = line.find(sep, start);
        f.push_back(line.substr(start, end - start));
        if (end == std::string::npos)
            return f;
        start = end + 1;
    }
}

} // namespace

std::vector<JobInfo> Slurm::queue(const std::vector<std::string> &ids, const std::string &namePrefix) const
{
    // All of this user's jobs, filtered here: squeue -j fails outright when one of the
    // ids has already left the queue.
    const std::string out = run("squeue", {"--me", "--noheader", "--array", "--format=%i|%j|%T|%N|%r|%M|%Z"});
    const std::set<std::string> wanted(ids.begin(), ids.end());
    std::vector<JobInfo> jobs;
    size_t start = 0;
    while (start < out.size()) {
        size_t end = out.find('\n', start);
        if (end == std::string::npos)
            end = out.size();
        const std::string line = out.substr(start, end - start);
        start = end + 1;
        const std::vector<std::string> f = splitFields(line, '|');
        if (f.size() < 7)
            continue;
        JobInfo j{f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
        const std::string base = j.id.substr(0, j.id.find('_'));
        if (!wanted.empty() && !wanted.count(j.id) && !wanted.count(base))
            continue;
        if (!namePrefix.empty() && j.name.rfind(namePrefix, 0) != 0)
            continue;
        jobs.push_back(std::move(j));
    }
    return jobs;
}

void Slurm::cancel(const std::vector<std::string> &ids) const
{
    if (ids.empty())
        return;
    std::vector<std::string> args = ids;
    // A job that ended meanwhile is not an error worth reporting.
    run("scancel", args, std::chrono::seconds(30), true);
}

void Slurm::startNow(const std::string &id) const
{
    run("scontrol", {"update", "JobId=" + id, "StartTime=now"}, std::chrono::seconds(30), true);
}

JobInfo Slurm::job(const std::string &id) const
{
    JobInfo j;
    j.id = id;
    const Output o = runRaw("scontrol", {"show", "job", "--oneliner", id}, std::chrono::seconds(30));
    // A job Slurm no longer knows is not an error; a controller that does not answer is.
    if (o.exitCode != 0 && o.err.find("Invalid job id") != std::string::npos)
        return j;
    if (o.exitCode != 0)
        throw FarmError(o.err);
    const std::string &out = o.out;
    for (const std::string &field : splitFields(out.substr(0, out.find('\n')), ' ')) {
        const size_t eq = field.find('=');
        if (eq == std::string::npos)
            continue;
        const std::string key = field.substr(0, eq), value = field.substr(eq + 1);
        if (key == "JobState")
            j.state = value;
        else if (key == "JobName")
            j.name = value;
        else if (key == "NodeList")
            j.nodes = value;
        else if (key == "Reason")
            j.reason = value;
        else if (key == "RunTime")
            j.elapsed = value;
        else if (key == "WorkDir")
            j.workDir = value;
    }
    return j;
}

bool Slurm::terminalState(const std::string &state)
{
    static const std::set<std::string> running = {"PENDING",  "RUNNING",     "CONFIGURING", "COMPLETING",
                                                  "REQUEUED", "REQUEUE_FED", "RESIZING",    "SUSPENDED",
                                                  "STOPPED",  "SIGNALING",   "STAGE_OUT"};
    // Held states (REQUEUE_HOLD, SPECIAL_EXIT, ...) count as ended: nobody releases
    // them, so the client resubmits what they left undone.
    return !state.empty() && !running.count(state);
}

} // namespace calibra::farm
