// SPDX-License-Identifier: GPL-3.0-or-later
#include "NasRequest.h"

#include "base/WholeFile.h"
#include "pipeline/RunStore.h"

#include <QUuid>

#include <filesystem>
#include <fstream>

namespace calibra::nas {

namespace fs = std::filesystem;

namespace {

constexpr const char *kStoppedByService = "stopped-by-service";
constexpr const char *kEnded = "ended";

fs::path mark(const NasRequest &r, const char *name)
{
    return fs::path(r.directory) / name;
}

} // namespace

std::string runDirectory(const NasRequest &r)
{
    return (fs::path(r.directory) / "run").string();
}

std::string stateName(const NasRequest &r, pipeline::RunStatus run)
{
    switch (r.state) {
    case RequestState::Queued: return r.cancelRequested ? "cancelled" : "queued";
    case RequestState::Running: return "running";
    case RequestState::Ended: break;
    }
    if (!r.error.empty())
        return "failed";
    switch (run) {
    case pipeline::RunStatus::Finished: return "finished";
    case pipeline::RunStatus::Failed: return "failed";
    case pipeline::RunStatus::Interrupted: return r.cancelRequested ? "cancelled" : "interrupted";
    // Its container has ended, so its writer is gone, even when its lock names another
    // host (a Slurm node that died), which cannot be asked.
    case pipeline::RunStatus::Running: return r.cancelRequested ? "cancelled" : "interrupted";
    default: return r.cancelRequested ? "cancelled" : "failed"; // cancelled before its run began
    }
}

bool storeReadyForClients(const NasRequest &r, pipeline::RunStatus run)
{
    return !(r.state == RequestState::Running && run == pipeline::RunStatus::Finished);
}

std::optional<pipeline::RunSnapshot> snapshotOf(const NasRequest &r)
{
    try {
        return pipeline::readRunSnapshot(runDirectory(r));
    } catch (const std::exception &) {
        return std::nullopt; // not started yet, or the worker failed before opening the run
    }
}

std::string storeVersion(const NasRequest &r)
{
    std::string version;
    for (const char *name : {"run.sqlite", "run.sqlite-wal"}) {
        std::error_code e1, e2;
        const fs::path file = fs::path(runDirectory(r)) / name;
        const auto size = fs::file_size(file, e1);
        const auto time = fs::last_write_time(file, e2);
        if (e1 || e2) {
            if (version.empty())
                return {}; // no database: no run yet
            continue;
        }
        version += std::to_string(size) + "@" + std::to_string(time.time_since_epoch().count()) + ";";
    }
    return version;
}

bool copyStore(const NasRequest &r, std::string *bytes, std::string *error)
{
    try {
        // A name of its own per call: two fetches at once must not share the file.
        const fs::path file =
            fs::path(r.directory) / ("store-" + QUuid::createUuid().toString(QUuid::Id128).toStdString() + ".sqlite");
        pipeline::RunStore(runDirectory(r), pipeline::RunStore::ReadOnly{}).copyTo(file.string());
        *bytes = base::readWholeFile(file).value_or("");
        std::error_code ignored;
        fs::remove(file, ignored);
        return true;
    } catch (const std::exception &e) {
        *error = e.what();
        return false;
    }
}

void markStoppedByService(const NasRequest &r)
{
    std::ofstream(mark(r, kStoppedByService)) << "resume\n";
}

void clearStoppedByService(const NasRequest &r)
{
    std::error_code ignored;
    fs::remove(mark(r, kStoppedByService), ignored);
}

bool markedStoppedByService(const NasRequest &r)
{
    return fs::exists(mark(r, kStoppedByService));
}

bool stoppedByService(const NasRequest &r)
{
    if (!markedStoppedByService(r))
        return false;
    const auto run = snapshotOf(r);
    return run && run->status == pipeline::RunStatus::Interrupted;
}

void recordEnd(const NasRequest &r)
{
    std::ofstream(mark(r, kEnded), std::ios::binary | std::ios::trunc) << r.error;
}

void clearEnd(const NasRequest &r)
{
    std::error_code ignored;
    fs::remove(mark(r, kEnded), ignored);
}

bool recordedEnd(const NasRequest &r, std::string *error)
{
    if (!fs::exists(mark(r, kEnded)))
        return false;
    *error = base::readWholeFile(mark(r, kEnded)).value_or("");
    return true;
}

} // namespace calibra::nas
