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

namespace {

} // namespace

struct NasClient::Impl
{
    NasConnection connection;
    std::unique_ptr<v1::Nas::Stub> stub;

    void check(const grpc::Status &s, const char *what) const
    {
        if (!s.ok())
            throw NasError("NAS service " + connection.address + ": " + what + ": " + board::describeStatus(s));
    }
    void limit(grpc::ClientContext &ctx) const
    {
        ctx.set_deadline(std::chrono::system_clock::now()
                         + std::chrono::milliseconds(int64_t(connection.deadlineSeconds * 1000)));
    }
};

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
    board::toWire(graph::loadNetwork(pipeline::resolvePath(p, p.reference)), *request.mutable_reference());
    v1::SubmitReply reply;
    grpc::ClientContext ctx;
    d->limit(ctx);
    d->check(d->stub->Submit(&ctx, request, &reply), "submitting");
    return reply.request_id();
}

v1::StatusReply NasClient::status(const std::string &requestId)
{
    v1::StatusRequest request;
    request.set_request_id(requestId);
    v1::StatusReply reply;
    grpc::ClientContext ctx;
    d->limit(ctx);
    d->check(d->stub->Status(&ctx, request, &reply), "asking the state");
    return reply;
}

void NasClient::watch(const std::string &requestId, int fromEvent,
                      const std::function<bool(const v1::Event &)> &onEvent)
{
    v1::WatchRequest request;
    request.set_request_id(requestId);
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
    v1::CancelRequest request;
    request.set_request_id(requestId);
    v1::CancelReply reply;
    grpc::ClientContext ctx;
    d->limit(ctx);
    d->check(d->stub->Cancel(&ctx, request, &reply), "cancelling");
    return reply.found();
}

void NasClient::resume(const std::string &requestId)
{
    v1::ResumeRequest request;
    request.set_request_id(requestId);
    v1::ResumeReply reply;
    grpc::ClientContext ctx;
    d->limit(ctx);
    d->check(d->stub->Resume(&ctx, request, &reply), "resuming");
}

v1::ResultReply NasClient::result(const std::string &requestId)
{
    v1::ResultRequest request;
    request.set_request_id(requestId);
    v1::ResultReply reply;
    grpc::ClientContext ctx;
    d->limit(ctx);
    d->check(d->stub->Result(&ctx, request, &reply), "fetching the result");
    return reply;
}

v1::SnapshotReply NasClient::snapshot(const std::string &requestId, const std::string &knownVersion)
{
    v1::SnapshotRequest request;
    request.set_request_id(requestId);
    request.set_known_version(knownVersion);
    v1::SnapshotReply reply;
    grpc::ClientContext ctx;
    d->limit(ctx);
    d->check(d->stub->Snapshot(&ctx, request, &reply), "reading the run");
    return reply;
}

} // namespace calibra::nas
