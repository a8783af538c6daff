// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Searches as Slurm jobs: one job per project, or a job array over target settings,
// each task writing its own run directory under a runs directory every node sees. A
// task whose job is requeued (its node failed) resumes its run instead of starting
// again. The GUI and calibra-cli list, follow and cancel them.
#include "farm/Slurm.h"

#include <string>
#include <vector>

namespace calibra::pipeline {

struct SearchSubmission
{
    std::vector<std::string> projects; // project files
    std::vector<std::string> settings; // target-setting files; each project runs with each (empty: its own)
    std::string runsDir = "runs";
    std::string partition;       // "" = default
    double timeLimitSeconds = 0; // per task; 0 = the partition's limit
    std::string slurmConf;       // "" = Slurm's default
    std::string program;         // calibra-cli on the nodes ("" = beside this program)
};

struct SubmittedSearches
{
    std::string jobId;                // an array job when there is more than one task
    std::vector<std::string> runDirs; // by task index
};

// Writes each task's project (paths made absolute) and the task list under
// RUNS/.farm, then submits. Throws on a bad project or setting (file named) or when
// sbatch refuses.
SubmittedSearches submitSearches(const SearchSubmission &submission);

struct SearchTask
{
    std::string projectFile;
    std::string runDir;
};
// Task `index` of a task list (calibra-cli farm task). Throws farm::FarmError.
SearchTask readSearchTask(const std::string &tasksFile, int index);

struct FarmJobStatus
{
    farm::JobInfo job;
    std::string kind;     // search | validation
    std::string runDir;   // searches: the task's run directory
    std::string progress; // searches: the run's last event and its validation count
};
// Calibra's jobs in the queue (searches and validation batches), with each search's run
// directory and progress read from its run store.
std::vector<FarmJobStatus> farmJobs(const farm::Slurm &slurm);

} // namespace calibra::pipeline
