// SPDX-License-Identifier: GPL-3.0-or-later
#include "NasClient.h"

#include "boardclient/NetworkWire.h"
#include "boardclient/PemFile.h"
#include "graph/NetworkFile.h"
#include "nasclient/nas.grpc.pb.h"
#include "project/Project.h"

#include "boardclient/GrpcTls.h"

#include <grpcpp/grpcpp.h>

#include <chrono>

namespace calibra::nas {

struct NasClient::Impl
{
    NasConnection connection;
    std::unique_ptr<v1::Nas::Stub> stub;

    void check(const grpc::Status &s, const char *what) const
    {
        if (!s.ok())
            throw NasError("NAS service " + connection.address + ": " + what + ": " + board::describeStatus(s));
    }
    // One call within the deadline; a failure names the service and what was asked.
    template <typename Reply, typename Request>
    Reply call(grpc::Status (v1::Nas::Stub::*method)(grpc::ClientContext *, const Request &, Reply *),
               const Request &request, const char *what) const
    {
        Reply reply;
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now()
                         + std::chrono::milliseconds(int64_t(connection.deadlineSeconds * 1000)));
        check((stub.get()->*method)(&ctx, request, &reply), what);
        return reply;
    }
};

namespace {

template <typename Request> Request aboutRequest(const std::string &requestId)
{
    Request request;
    request.set_request_id(requestId);
    return request;
}

} // namespace

NasClient::NasClient(NasConnection connection) : d(std::make_unique<Impl>())
{
    d->connection = std::move(connection);
    grpc::SslCredentialsOptions tls;
    try {
        tls.pem_root_certs = board::readPemFile(d->connection.caFile, "NAS service's CA certificate");
        tls.pem_cert_chain = board::readPemFile(d->connection.certFile, "client certificate");
        tls.pem_private_key = board::readPemFile(d->connection.keyFile, "client key");
    } catch (const std::exception &e) {
        throw NasError(e.what());
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(-1);
    args.SetMaxSendMessageSize(-1);
    d->stub = v1::Nas::NewStub(grpc::CreateCustomChannel(d->connection.address, grpc::SslCredentials(tls), args));
}

NasClient::~NasClient() = default;

std::string NasClient::submit(const std::string &projectFile)
{
    const pipeline::Project p = pipeline::loadProject(projectFile);
    return submit(graph::readFileBytes(projectFile), p);
}

std::string NasClient::submit(const pipeline::Project &project)
{
    return submit(pipeline::projectToYaml(project), project);
}

std::string NasClient::submit(const std::string &projectYaml, const pipeline::Project &p)
{
    v1::SubmitRequest request;
    request.set_project_yaml(projectYaml);
    board::toWire(pipeline::loadReference(p), *request.mutable_reference());
    return d->call(&v1::Nas::Stub::Submit, request, "submitting").request_id();
}

v1::StatusReply NasClient::status(const std::string &requestId)
{
    return d->call(&v1::Nas::Stub::Status, aboutRequest<v1::StatusRequest>(requestId), "asking the state");
}

void NasClient::watch(const std::string &requestId, int fromEvent,
                      const std::function<bool(const v1::Event &)> &onEvent)
{
    v1::WatchRequest request = aboutRequest<v1::WatchRequest>(requestId);
    request.set_from_event(fromEvent);
    grpc::ClientContext ctx;
    auto reader = d->stub->Watch(&ctx, request);
    v1::Event e;
    while (reader->Read(&e))
        if (!onEvent(e)) {
            ctx.TryCancel();
            break;
        }
    const grpc::Status s = reader->Finish();
    if (s.error_code() != grpc::StatusCode::CANCELLED)
        d->check(s, "following the run");
}

bool NasClient::cancel(const std::string &requestId)
{
    return d->call(&v1::Nas::Stub::Cancel, aboutRequest<v1::CancelRequest>(requestId), "cancelling").found();
}

void NasClient::resume(const std::string &requestId)
{
    d->call(&v1::Nas::Stub::Resume, aboutRequest<v1::ResumeRequest>(requestId), "resuming");
}

v1::ResultReply NasClient::result(const std::string &requestId, StoreCopy store)
{
    v1::ResultRequest request = aboutRequest<v1::ResultRequest>(requestId);
    request.set_omit_run_store(store == StoreCopy::Omit);
    return d->call(&v1::Nas::Stub::Result, request, "fetching the result");
}

v1::SnapshotReply NasClient::snapshot(const std::string &requestId, const std::string &knownVersion)
{
    v1::SnapshotRequest request = aboutRequest<v1::SnapshotRequest>(requestId);
    request.set_known_version(knownVersion);
    return d->call(&v1::Nas::Stub::Snapshot, request, "reading the run");
}

} // namespace calibra::nas
