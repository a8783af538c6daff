// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchJobs.h"

#include "project/Project.h"
#include "RunStore.h"
#include "farm/ProgramPath.h"
#include "graph/NetworkFile.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>
#include <QUuid>

#include <filesystem>
#include <set>

namespace calibra::pipeline {

namespace {

constexpr const char *kSearchJobName = "calibra-search";
constexpr const char *kNasJobPrefix = "calibra-nas-"; // a NAS service's search: calibra-nas-REQUEST

void writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        throw farm::FarmError(path.toStdString() + ": cannot write");
}

std::string stem(const std::string &path)
{
    return std::filesystem::path(path).stem().string();
}

} // namespace

SubmittedSearches submitSearches(const SearchSubmission &s)
{
    if (s.projects.empty())
        throw farm::FarmError("no project to submit");
    const QString runs = QDir(QString::fromStdString(s.runsDir)).absolutePath();
    const QString meta = runs + "/.farm";
    if (!QDir().mkpath(meta + "/jobs"))
        throw farm::FarmError(meta.toStdString() + ": cannot create");
    // Every task's project is loaded (and so checked) before anything is submitted.
    SubmittedSearches out;
    QByteArray tasks;
    std::set<std::string> names;
    const std::vector<std::string> settings = s.settings.empty() ? std::vector<std::string>{""} : s.settings;
    for (const std::string &file : s.projects) {
        Project project = loadProject(file);
        makePathsAbsolute(project); // the jobs run on other hosts, from other folders
        for (const std::string &setting : settings) {
            Project p = project;
            std::string name = p.name;
            if (!setting.empty()) {
                p.targetText = graph::readFileBytes(setting);
                p.targetSource = setting;
                p.targetInline = false;
                name += "-" + stem(setting);
            }
            while (!names.insert(name).second)
                name += "-" + std::to_string(names.size());
            const QString projectFile = meta + "/" + QString::fromStdString(name) + ".project.yaml";
            writeFile(projectFile, QByteArray::fromStdString(projectToYaml(p)));
            // Checked as the job will read it.
            loadProject(projectFile.toStdString());
            const QString runDir = runs + "/" + QString::fromStdString(name);
            tasks += projectFile.toUtf8() + '\t' + runDir.toUtf8() + '\n';
            out.runDirs.push_back(runDir.toStdString());
        }
    }
    const QString tasksFile = meta + "/" + QUuid::createUuid().toString(QUuid::WithoutBraces) + ".tasks";
    writeFile(tasksFile, tasks);

    farm::JobRequest job;
    job.name = kSearchJobName;
    job.command = {s.program.empty() ? farm::programBeside("calibra-cli") : s.program, "farm", "task",
                   tasksFile.toStdString()};
    job.partition = s.partition;
    job.timeLimitSeconds = s.timeLimitSeconds;
    job.output = (meta + "/%j.out").toStdString();
    job.arrayTasks = out.runDirs.size() > 1 ? int(out.runDirs.size()) : 0;
    job.workingDirectory = runs.toStdString();
    out.jobId = farm::Slurm(s.slurmConf).submit(job);
    writeFile(meta + "/jobs/" + QString::fromStdString(out.jobId), tasksFile.toUtf8());
    return out;
}

SearchTask readSearchTask(const std::string &tasksFile, int index)
{
    QFile f(QString::fromStdString(tasksFile));
    if (!f.open(QIODevice::ReadOnly))
        throw farm::FarmError(tasksFile + ": cannot read the task list");
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    if (index < 0 || index >= lines.size())
        throw farm::FarmError(tasksFile + ": no task " + std::to_string(index) + " (it has "
                              + std::to_string(lines.size()) + ")");
    const QList<QByteArray> fields = lines[index].split('\t');
    if (fields.size() != 2)
        throw farm::FarmError(tasksFile + ":" + std::to_string(index + 1) + ": expected PROJECT<tab>RUN_DIR");
    return {fields[0].toStdString(), fields[1].toStdString()};
}

std::vector<FarmJobStatus> farmJobs(const farm::Slurm &slurm)
{
    std::vector<FarmJobStatus> out;
    for (farm::JobInfo &job : slurm.queue({}, "calibra-")) {
        FarmJobStatus s;
        s.kind = job.name == kSearchJobName || job.name.rfind(kNasJobPrefix, 0) == 0 ? "search" : "validation";
        if (job.name.rfind(kNasJobPrefix, 0) == 0) {
            s.runDir = job.workDir + "/run"; // a NAS request's folder (nas/SearchContainer.h)
        } else if (s.kind == "search") {
            const std::string base = job.id.substr(0, job.id.find('_'));
            const size_t underscore = job.id.find('_');
            bool numeric = underscore != std::string::npos
                           && job.id.find_first_not_of("0123456789", underscore + 1) == std::string::npos;
            const int index = numeric ? std::stoi(job.id.substr(underscore + 1)) : 0;
            QFile map(QString::fromStdString(job.workDir + "/.farm/jobs/" + base));
            if (map.open(QIODevice::ReadOnly)) {
                try {
                    s.runDir = readSearchTask(map.readAll().trimmed().toStdString(), index).runDir;
                } catch (const farm::FarmError &) {
                }
            }
        }
        if (!s.runDir.empty() && QFile::exists(QString::fromStdString(s.runDir + "/run.sqlite"))) {
            try {
                const RunStore store(s.runDir, RunStore::ReadOnly{});
                const std::vector<Event> events = store.events();
                // The count first: the last event's line can be long.
                s.progress = std::to_string(store.validationCount()) + " validations; "
                             + (events.empty() ? std::string("started") : events.back().message);
            } catch (const std::exception &e) {
                s.progress = std::string("run store unreadable: ") + e.what();
            }
        } else if (!s.runDir.empty()) {
            s.progress = "not started";
        }
        s.job = std::move(job);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace calibra::pipeline
