// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One request of the NAS service and its folder: project.yaml, the run directory `run`,
// and the marks that outlive a restart (ended and stopped-by-service here; the service
// writes `cancelled`). What a client is told of it (its state name, its run store) is
// read from there.
#include "SearchContainer.h"

#include "pipeline/RunSnapshot.h"

#include <memory>
#include <optional>
#include <string>

namespace calibra::nas {

enum class RequestState { Queued, Running, Ended };

struct NasRequest
{
    std::string id, directory;
    RequestState state = RequestState::Queued;
    std::shared_ptr<SearchContainer> container; // while Running, once started
    bool cancelRequested = false;
    std::string error; // the container could not start, or ended outside its run
};

std::string runDirectory(const NasRequest &r);

// The state a client sees: the container's, then the run store's once the worker ended.
std::string stateName(const NasRequest &r, pipeline::RunStatus run);
// Whether a client may be sent the run's store now. Not while the run has finished but its
// container has not yet ended (the service notices within a supervision tick): the store
// would read "finished" while the request is still "running", and a client mirroring the
// run would show it finished before it has fetched the report.
bool storeReadyForClients(const NasRequest &r, pipeline::RunStatus run);
// The run's snapshot; none before the run began (or when its worker failed before).
std::optional<pipeline::RunSnapshot> snapshotOf(const NasRequest &r);

// Changes with every write to the run's store: the sizes and times of its database and
// its write-ahead log ("" before there is a run).
std::string storeVersion(const NasRequest &r);
// A consistent copy of the run's store (also while its worker writes to it); false with
// `error` set when there is none to copy.
bool copyStore(const NasRequest &r, std::string *bytes, std::string *error);

// The service stopped the request's worker as it shut down: the run resumes when the
// service starts again. Cleared when the request starts, or ends otherwise.
void markStoppedByService(const NasRequest &r);
void clearStoppedByService(const NasRequest &r);
bool markedStoppedByService(const NasRequest &r);
// A run this service interrupted as it shut down (and nothing finished since).
bool stoppedByService(const NasRequest &r);

// The container ended for good: kept over a restart with why, when it ended outside its
// run (r.error), so a restarted service adopts nothing and says the same. The service
// calls it with its lock held.
void recordEnd(const NasRequest &r);
void clearEnd(const NasRequest &r);
// Whether the request's end was recorded, and its error.
bool recordedEnd(const NasRequest &r, std::string *error);

} // namespace calibra::nas
