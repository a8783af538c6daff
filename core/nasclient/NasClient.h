// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A client of a NAS service (nas.proto): submit a project, ask its state, follow its
// events, cancel it, fetch its final model and report. Errors name the service and why.
#include "nasclient/nas.pb.h"
#include "project/Project.h"

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace calibra::nas {

class NasError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct NasConnection
{
    std::string address;           // host:port
    std::string caFile;            // the service's CA
    std::string certFile, keyFile; // this client's certificate and key
    double deadlineSeconds = 60;   // per call (Watch: none)
};

class NasClient
{
public:
    // Reads the certificates; throws NasError naming the file.
    explicit NasClient(NasConnection connection);
    ~NasClient();
    NasClient(const NasClient &) = delete;
    NasClient &operator=(const NasClient &) = delete;

    // Reads the project and its reference network here and sends both; returns the
    // request id.
    std::string submit(const std::string &projectFile);
    // The same for a project in memory (the GUI's, with the Runs tab's settings).
    std::string submit(const pipeline::Project &project);
    v1::StatusReply status(const std::string &requestId);
    // Calls `onEvent` for each event from `fromEvent` on until the run ends; false from
    // `onEvent` stops following.
    void watch(const std::string &requestId, int fromEvent, const std::function<bool(const v1::Event &)> &onEvent);
    bool cancel(const std::string &requestId);
    // Throws NasError when the request is unknown, or queued, running or finished.
    void resume(const std::string &requestId);
    // A finished request's report, final model and (unless omitted: a caller mirroring the
    // run has it from snapshot()) its store.
    enum class StoreCopy { Include, Omit };
    v1::ResultReply result(const std::string &requestId, StoreCopy store = StoreCopy::Include);
    // The run's store now (run_store empty: no run yet, or unchanged since knownVersion).
    v1::SnapshotReply snapshot(const std::string &requestId, const std::string &knownVersion = {});

private:
    std::string submit(const std::string &projectYaml, const pipeline::Project &project);
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace calibra::nas
