// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli farm submit | status | cancel: searches and validations on a Slurm farm
// whose nodes hold boards; and `task`, what a search job runs. (Validation jobs run
// calibra-farm-worker.)
#include "CliCommands.h"

#include "farm/Slurm.h"
#include "pipeline/SearchJobs.h"

#include <QCommandLineParser>

#include <cstdio>
#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cstdlib>

namespace calibra::cli {

namespace {

QCommandLineOption slurmConfOption()
{
    return {QStringLiteral("slurm-conf"), QStringLiteral("Slurm's configuration (default: Slurm's own)."),
            QStringLiteral("FILE")};
}

int submit(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Submits searches as Slurm jobs: one per project, or a job array over --setting files. Each task writes "
        "RUNS/NAME[-SETTING] and resumes it when Slurm requeues the task."));
    parser.addPositionalArgument("PROJECT", "Project files.", "PROJECT...");
    const QCommandLineOption setting("setting", "A target-setting file (repeatable): every project runs with each.",
                                     "FILE");
    const QCommandLineOption runs("runs", "Directory of the run directories, seen by every node (default: runs).",
                                  "DIR", "runs");
    const QCommandLineOption partition("partition", "Slurm partition.", "NAME");
    const QCommandLineOption time("time", "Time limit per task in seconds.", "SECONDS");
    const QCommandLineOption program("program", "calibra-cli as the nodes find it (default: this one).", "PATH");
    const QCommandLineOption conf = slurmConfOption();
    parser.addOptions({setting, runs, partition, time, program, conf});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "farm submit", 1, 10000, code))
        return code;
    try {
        pipeline::SearchSubmission s;
        for (const QString &p : parser.positionalArguments())
            s.projects.push_back(p.toStdString());
        for (const QString &f : parser.values(setting))
            s.settings.push_back(f.toStdString());
        s.runsDir = parser.value(runs).toStdString();
        s.partition = parser.value(partition).toStdString();
        if (parser.isSet(time)) {
            bool ok = false;
            s.timeLimitSeconds = parser.value(time).toDouble(&ok);
            if (!ok || s.timeLimitSeconds <= 0) {
                std::fprintf(stderr, "calibra-cli farm submit: --time must be a number of seconds > 0\n");
                return kExitUsage;
            }
        }
        s.slurmConf = parser.value(conf).toStdString();
        s.program = parser.value(program).toStdString();
        const pipeline::SubmittedSearches out = pipeline::submitSearches(s);
        std::printf("submitted job %s\n", out.jobId.c_str());
        for (size_t i = 0; i < out.runDirs.size(); ++i)
            std::printf("  task %zu: %s\n", i, out.runDirs[i].c_str());
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("farm submit", e);
    }
}

void printJobs(const std::vector<pipeline::FarmJobStatus> &jobs)
{
    if (jobs.empty()) {
        std::printf("no Calibra jobs in the queue\n");
        return;
    }
    std::printf("%-12s %-10s %-11s %-10s %-10s %s\n", "JOB", "KIND", "STATE", "NODE", "TIME", "RUN / PROGRESS");
    for (const pipeline::FarmJobStatus &j : jobs) {
        std::printf("%-12s %-10s %-11s %-10s %-10s %s%s%s\n", j.job.id.c_str(), j.kind.c_str(), j.job.state.c_str(),
                    j.job.where().c_str(), j.job.elapsed.c_str(), j.runDir.c_str(), j.progress.empty() ? "" : "  ",
                    j.progress.c_str());
    }
}

int status(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists Calibra's Slurm jobs: searches with their run directory and progress, and validation batches. "
        "--watch follows them until none is left."));
    const QCommandLineOption conf = slurmConfOption();
    const QCommandLineOption watch("watch", "List again every SECONDS until no Calibra job is left.", "SECONDS");
    parser.addOptions({conf, watch});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "farm status", 0, 0, code))
        return code;
    bool ok = true;
    const double every = parser.isSet(watch) ? parser.value(watch).toDouble(&ok) : 0;
    if (!ok || every < 0) {
        std::fprintf(stderr, "calibra-cli farm status: --watch must be a number of seconds\n");
        return kExitUsage;
    }
    try {
        const farm::Slurm slurm(parser.value(conf).toStdString());
        for (;;) {
            const std::vector<pipeline::FarmJobStatus> jobs = pipeline::farmJobs(slurm);
            printJobs(jobs);
            std::fflush(stdout);
            if (every <= 0 || jobs.empty())
                return kExitOk;
            std::this_thread::sleep_for(std::chrono::duration<double>(every));
            std::printf("\n");
        }
    } catch (const std::exception &e) {
        return reportError("farm status", e);
    }
}

int cancel(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Cancels Calibra's Slurm jobs. A cancelled search keeps its run directory; 'calibra-cli run --resume' "
        "continues it."));
    parser.addPositionalArgument("JOB", "Job ids (123 or 123_4).", "[JOB...]");
    const QCommandLineOption all("all", "Cancel every Calibra job of this user.");
    const QCommandLineOption conf = slurmConfOption();
    parser.addOptions({all, conf});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "farm cancel", 0, 10000, code))
        return code;
    if (parser.isSet(all) == !parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "calibra-cli farm cancel: give job ids or --all\n");
        return kExitUsage;
    }
    try {
        const farm::Slurm slurm(parser.value(conf).toStdString());
        std::vector<std::string> ids;
        if (parser.isSet(all)) {
            for (const farm::JobInfo &j : slurm.queue({}, "calibra-"))
                ids.push_back(j.id);
        } else {
            // Only Calibra's jobs: a typo must not cancel someone's other work.
            std::vector<std::string> asked;
            for (const QString &id : parser.positionalArguments())
                asked.push_back(id.toStdString());
            const std::vector<farm::JobInfo> ours = slurm.queue(asked, "calibra-");
            for (const std::string &id : asked) {
                const bool known = std::any_of(ours.begin(), ours.end(), [&](const farm::JobInfo &j) {
                    return j.id == id || j.id.substr(0, j.id.find('_')) == id;
                });
                if (!known) {
                    std::fprintf(stderr, "calibra-cli farm cancel: %s is not a Calibra job in the queue\n", id.c_str());
                    return kExitFailure;
                }
                ids.push_back(id);
            }
        }
        slurm.cancel(ids);
        std::printf("cancelled %zu job(s)\n", ids.size());
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("farm cancel", e);
    }
}

// Run by a search job: task $SLURM_ARRAY_TASK_ID of a task list.
int task(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "(Run by Slurm) Runs one task of a submitted search, or resumes it when its run directory already has a run."));
    parser.addPositionalArgument("TASKS", "The task list.", "TASKS");
    const QCommandLineOption index("index", "Task index (default: $SLURM_ARRAY_TASK_ID, else 0).", "N");
    parser.addOption(index);
    // A NAS service's search: passed to calibra-cli run.
    const QCommandLineOption nasRequest("nas-request", "The NAS service request this run is.", "ID");
    parser.addOption(nasRequest);
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "farm task", 1, 1, code))
        return code;
    try {
        QString i = parser.value(index);
        if (i.isEmpty())
            i = qEnvironmentVariable("SLURM_ARRAY_TASK_ID", QStringLiteral("0"));
        const pipeline::SearchTask t =
            pipeline::readSearchTask(parser.positionalArguments().front().toStdString(), i.toInt());
        const QString dir = QString::fromStdString(t.runDir);
        QStringList extra;
        if (parser.isSet(nasRequest))
            extra << QStringLiteral("--nas-request") << parser.value(nasRequest);
        const int code =
            QFileInfo::exists(dir + "/run.sqlite")
                ? runCommand(QStringList{QStringLiteral("--resume"), dir} + extra)
                : runCommand(QStringList{QString::fromStdString(t.projectFile), QStringLiteral("--dir"), dir} + extra);
        // To Slurm a job fails when its run does; a run that finished with a final model
        // over the limits is a result, which its report tells.
        return code == kExitNotMet ? kExitOk : code;
    } catch (const std::exception &e) {
        return reportError("farm task", e);
    }
}

} // namespace

int farmCommand(const QStringList &arguments)
{
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("submit"))
        return submit(arguments.mid(1));
    if (sub == QLatin1String("status"))
        return status(arguments.mid(1));
    if (sub == QLatin1String("cancel"))
        return cancel(arguments.mid(1));
    if (sub == QLatin1String("task"))
        return task(arguments.mid(1));
    std::fprintf(stderr, "calibra-cli farm: expected 'submit', 'status' or 'cancel' (then --help)\n");
    return sub == QLatin1String("--help") ? kExitOk : kExitUsage;
}

} // namespace calibra::cli
