// SPDX-License-Identifier: GPL-3.0-or-later
#include "FarmValidator.h"

#include "validate/CachedValidator.h"
#include "farm/FarmSpool.h"
#include "farm/ProgramPath.h"
#include "farm/Slurm.h"
#include "graph/YamlFormat.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace calibra::validate {

namespace {

struct Job
{
    std::string id;
    std::vector<std::string> keys;
};

} // namespace

struct FarmValidator::Impl
{
    FarmConnection connection;
    std::string platform;
    std::string id;
    farm::FarmSpool spool;
    farm::Slurm slurm;
    mutable std::mutex mutex;
    FarmStats stats;

    Impl(FarmConnection c, std::string p)
        : connection(std::move(c)), platform(std::move(p)), spool(connection.spool), slurm(connection.slurmConf)
    {
    }

    Job submit(const std::vector<std::string> &keys, const std::map<std::string, const ValidationRequest *> &requests);
    bool waitOrCancelled(const std::atomic<bool> *cancel) const;
};

FarmValidator::FarmValidator(FarmConnection connection, std::string platform)
    : d(std::make_unique<Impl>(std::move(connection), std::move(platform)))
{
    if (d->connection.worker.empty())
        d->connection.worker = farm::programBeside("calibra-farm-worker");
    if (d->connection.services.empty())
        throw farm::FarmError("the farm has no board services (validator.services: {NODE: host:port, '*': ...})");
    d->id = "farm/" + d->connection.gres + "/" + d->platform;
    d->slurm.queue(); // Slurm answers, or the error says why not
}

FarmValidator::~FarmValidator() = default;

std::string FarmValidator::backendId() const
{
    return d->id;
}

FarmStats FarmValidator::stats() const
{
    std::lock_guard lock(d->mutex);
    return d->stats;
}

Job FarmValidator::Impl::submit(const std::vector<std::string> &keys,
                                const std::map<std::string, const ValidationRequest *> &requests)
{
    farm::FarmBatch batch;
    batch.platform = platform;
    batch.services = connection.services;
    batch.board = connection.board;
    std::map<std::string, int> settingIndex;
    for (const std::string &key : keys) {
        const ValidationRequest &r = *requests.at(key);
        const std::string settingYaml = hardware::targetSettingToYaml(r.setting);
        const auto [it, added] = settingIndex.emplace(settingYaml, int(batch.settings.size()));
        if (added)
            batch.settings.push_back(settingYaml);
        batch.entries.push_back({key, it->second, graph::networkToYaml(*r.network)});
    }
    const std::string batchId = spool.writeBatch(batch);
    farm::JobRequest job;
    job.name = "calibra-validate";
    job.command = {connection.worker, spool.batchPath(batchId)};
    job.gres = connection.gres;
    job.partition = connection.partition;
    job.timeLimitSeconds = connection.timeLimitSeconds;
    job.output = spool.logPattern();
    job.workingDirectory = spool.directory();
    return {slurm.submit(job), keys};
}

bool FarmValidator::Impl::waitOrCancelled(const std::atomic<bool> *cancel) const
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(connection.pollSeconds);
    while (std::chrono::steady_clock::now() < until) {
        if (cancel && cancel->load())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return cancel && cancel->load();
}

std::vector<Metrics> FarmValidator::validate(const std::vector<ValidationRequest> &batch,
                                             const std::atomic<bool> *cancel)
{
    std::vector<Metrics> results(batch.size());
    std::map<std::string, std::vector<size_t>> indicesByKey;
    std::map<std::string, const ValidationRequest *> requestByKey;
    std::vector<std::string> order; // distinct keys, first-seen order
    for (size_t i = 0; i < batch.size(); ++i) {
        const std::string key =
            CachedValidator::cacheKey(*batch[i].network, batch[i].setting, d->id).toHex().toStdString();
        auto &indices = indicesByKey[key];
        if (indices.empty()) {
            order.push_back(key);
            requestByKey[key] = &batch[i];
        }
        indices.push_back(i);
    }
    std::map<std::string, Metrics> done;
    std::vector<std::string> pending;
    for (const std::string &key : order) {
        if (auto m = d->spool.readResult(key)) {
            done[key] = *m;
            std::lock_guard lock(d->mutex);
            ++d->stats.resultsFromSpool;
        } else {
            pending.push_back(key);
        }
    }
    std::map<std::string, int> attempts;
    std::vector<Job> inFlight;
    const auto failRemaining = [&](const Metrics &m) {
        for (const std::string &key : order)
            if (!done.count(key))
                done[key] = m;
    };
    try {
        while (!pending.empty() || !inFlight.empty()) {
            for (size_t start = 0; start < pending.size(); start += size_t(d->connection.batchSize)) {
                const std::vector<std::string> keys(
                    pending.begin() + long(start),
                    pending.begin() + long(std::min(pending.size(), start + size_t(d->connection.batchSize))));
                const bool again =
                    std::any_of(keys.begin(), keys.end(), [&](const auto &k) { return attempts[k] > 0; });
                inFlight.push_back(d->submit(keys, requestByKey));
                std::lock_guard lock(d->mutex);
                ++d->stats.jobsSubmitted;
                d->stats.jobsResubmitted += again ? 1 : 0;
            }
            pending.clear();
            if (d->waitOrCancelled(cancel)) {
                std::vector<std::string> ids;
                for (const Job &j : inFlight)
                    ids.push_back(j.id);
                d->slurm.cancel(ids);
                failRemaining(cancelledMetrics());
                break;
            }
            std::map<std::string, std::string> states;
            for (const farm::JobInfo &j : d->slurm.queue()) {
                states[j.id] = j.state;
                // A job requeued after its node failed waits for its begin time (two
                // minutes in Slurm 22.05); its board is gone, another is free now.
                if (j.state == "PENDING" && j.reason == "BeginTime")
                    d->slurm.startNow(j.id);
            }
            std::vector<Job> still;
            for (Job &job : inFlight) {
                const auto it = states.find(job.id);
                if (it != states.end() && !farm::Slurm::terminalState(it->second)) {
                    still.push_back(std::move(job));
                    continue;
                }
                if (it != states.end())
                    d->slurm.cancel({job.id});     // held: it would never run again by itself
                std::optional<farm::JobInfo> info; // asked of scontrol only for a failure message
                for (const std::string &key : job.keys) {
                    if (auto m = d->spool.readResult(key)) {
                        done[key] = *m;
                    } else if (++attempts[key] < d->connection.maxAttempts) {
                        pending.push_back(key);
                    } else {
                        if (!info) {
                            try {
                                info = d->slurm.job(job.id);
                            } catch (const farm::FarmError &) {
                                info = farm::JobInfo{}; // only for the message: "state unknown"
                            }
                        }
                        Metrics m;
                        m.transient = true;
                        m.error = "farm: not validated after " + std::to_string(attempts[key]) + " jobs; the last, "
                                  + job.id + ", ended " + (info->state.empty() ? "(state unknown)" : info->state)
                                  + (info->nodes.empty() ? "" : " on " + info->nodes);
                        if (const std::string tail = d->spool.logTail(job.id); !tail.empty())
                            m.error += ": " + tail;
                        done[key] = m;
                    }
                }
            }
            inFlight = std::move(still);
        }
    } catch (const std::exception &e) {
        // Slurm itself failed (sbatch refused, controller unreachable): what the jobs
        // already wrote is kept; the rest is a transient failure that names the cause.
        std::vector<std::string> ids;
        for (const Job &j : inFlight)
            ids.push_back(j.id);
        try {
            d->slurm.cancel(ids);
        } catch (const std::exception &) {
        }
        for (const Job &j : inFlight)
            for (const std::string &key : j.keys)
                if (auto m = d->spool.readResult(key))
                    done[key] = *m;
        Metrics m;
        m.transient = true;
        m.error = std::string("farm: ") + e.what();
        failRemaining(m);
    }
    for (const auto &[key, indices] : indicesByKey)
        for (size_t i : indices)
            results[i] = done.at(key);
    return results;
}

} // namespace calibra::validate
