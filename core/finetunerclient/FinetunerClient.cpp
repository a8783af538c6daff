// SPDX-License-Identifier: GPL-3.0-or-later
#include "FinetunerClient.h"

#include "FinetunerError.h"
#include "boardclient/NetworkWire.h"
#include "boardclient/PemFile.h"
#include "boardclient/WireFormat.h"
#include "finetunerclient/finetuner.grpc.pb.h"

#include "boardclient/GrpcTls.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <mutex>
#include <thread>

namespace calibra::finetuner {

namespace {

// Worth asking again: the service is down or restarting (its answers are recorded, so a
// repeated call does no work twice).
bool isTransient(const grpc::Status &s)
{
    return s.error_code() == grpc::StatusCode::UNAVAILABLE;
}

std::vector<calibra::board::v1::Network> toWire(const std::vector<std::shared_ptr<const graph::Network>> &networks)
{
    std::vector<calibra::board::v1::Network> out(networks.size());
    for (size_t i = 0; i < networks.size(); ++i)
        board::toWire(*networks[i], out[i]);
    return out;
}

} // namespace

// Runs the blocking call; a cancelled run cancels it within 50 ms (a check may take
// minutes).
template <typename Call>
grpc::Status callCancellable(grpc::ClientContext &ctx, Call &rpc, const std::atomic<bool> *cancel)
{
    if (!cancel)
        return rpc(ctx);
    std::atomic<bool> done{false};
    std::thread watcher([&] {
        while (!done.load()) {
            if (cancel->load()) {
                ctx.TryCancel();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    const grpc::Status s = rpc(ctx);
    done.store(true);
    watcher.join();
    return s;
}

struct FinetunerClient::Impl
{
    FinetunerConnection connection;
    grpc::SslCredentialsOptions tls;
    grpc::ChannelArguments args;
    std::mutex stubMutex; // a call on one thread may reconnect while another calls
    std::shared_ptr<v1::Finetuner::Stub> current;

    std::shared_ptr<v1::Finetuner::Stub> stub()
    {
        std::lock_guard lock(stubMutex);
        return current;
    }
    // A new channel: one that saw its service die kept failing the TLS handshake with a
    // restarted service for about 20 s (gRPC 1.51's connection backoff).
    void reconnect()
    {
        auto fresh =
            v1::Finetuner::NewStub(grpc::CreateCustomChannel(connection.address, grpc::SslCredentials(tls), args));
        std::lock_guard lock(stubMutex);
        current = std::move(fresh);
    }

    // Calls `rpc` until it answers, the service refuses, or it stays unreachable for
    // connection.reconnectSeconds; a cancelled run stops waiting at once.
    template <typename Call>
    void call(const char *what, Call rpc, double deadlineSeconds, const std::atomic<bool> *cancel)
    {
        const auto giveUp =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(int64_t(connection.reconnectSeconds * 1000));
        for (;;) {
            grpc::ClientContext ctx;
            ctx.set_deadline(std::chrono::system_clock::now()
                             + std::chrono::milliseconds(int64_t(deadlineSeconds * 1000)));
            const grpc::Status s = callCancellable(ctx, rpc, cancel);
            if (s.ok())
                return;
            if (!isTransient(s) || std::chrono::steady_clock::now() > giveUp || (cancel && cancel->load()))
                throw FinetunerError("finetuning service " + connection.address + ": " + what + ": "
                                     + board::describeStatus(s));
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            reconnect();
        }
    }
};

FinetunerClient::FinetunerClient(FinetunerConnection connection) : d(std::make_unique<Impl>())
{
    d->connection = std::move(connection);
    grpc::SslCredentialsOptions tls;
    try {
        tls.pem_root_certs = board::readPemFile(d->connection.caFile, "finetuning service's CA certificate");
        tls.pem_cert_chain = board::readPemFile(d->connection.certFile, "client certificate");
        tls.pem_private_key = board::readPemFile(d->connection.keyFile, "client key");
    } catch (const std::exception &e) {
        throw FinetunerError(e.what());
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(-1);
    args.SetMaxSendMessageSize(-1);
    if (!d->connection.serverName.empty())
        args.SetSslTargetNameOverride(d->connection.serverName);
    // A service that went away is noticed and asked again quickly, not after minutes.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    d->tls = tls;
    d->args = args;
    d->reconnect();
}

FinetunerClient::~FinetunerClient() = default;

const FinetunerConnection &FinetunerClient::connection() const
{
    return d->connection;
}

v1::CapabilitiesReply FinetunerClient::capabilities(double timeoutSeconds)
{
    v1::CapabilitiesReply reply;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(int64_t(timeoutSeconds * 1000)));
    const grpc::Status s = d->stub()->Capabilities(&ctx, v1::CapabilitiesRequest(), &reply);
    if (!s.ok())
        throw FinetunerError("finetuning service " + d->connection.address + ": " + board::describeStatus(s));
    return reply;
}

Session FinetunerClient::open(const graph::Network &reference, const std::string &settingYaml)
{
    v1::OpenRequest request;
    request.set_platform_id(d->connection.platformId);
    board::toWire(reference, *request.mutable_reference());
    request.set_target_setting_yaml(settingYaml);
    v1::OpenReply reply;
    d->call(
        "opening a session", [&](grpc::ClientContext &ctx) { return d->stub()->Open(&ctx, request, &reply); }, 60,
        nullptr);
    Session s;
    s.key = reply.session_key();
    s.resolvedSettingYaml = reply.resolved_setting_yaml();
    s.defaultSettingYaml = reply.default_setting_yaml();
    s.latestPredictorVersion = reply.latest_predictor_version();
    s.validatorId = reply.validator_id();
    s.capabilities.energy = reply.measures_energy();
    s.capabilities.memoryAccess = reply.measures_memory_access();
    for (const std::string &name : reply.ignored_setting_fields()) {
        hardware::SettingField f;
        if (!hardware::parseSettingField(name, &f))
            throw FinetunerError("finetuning service " + d->connection.address + ": unknown setting field '" + name
                                 + "' in its answer");
        s.capabilities.ignoredSettingFields.push_back(f);
    }
    return s;
}

namespace {

// A search's whole pool can exceed what the service takes in one call
// (max_networks_per_call, 4096 by default): calls carry at most this many networks.
constexpr size_t kNetworksPerCall = 1024;

template <typename T, typename OneCall>
std::vector<T> inCalls(const std::vector<std::shared_ptr<const graph::Network>> &networks, OneCall oneCall)
{
    std::vector<T> out;
    for (size_t from = 0; from < networks.size(); from += kNetworksPerCall) {
        const std::vector<std::shared_ptr<const graph::Network>> part(
            networks.begin() + std::ptrdiff_t(from),
            networks.begin() + std::ptrdiff_t(std::min(networks.size(), from + kNetworksPerCall)));
        std::vector<T> answer = oneCall(part);
        out.insert(out.end(), std::make_move_iterator(answer.begin()), std::make_move_iterator(answer.end()));
    }
    return out;
}

} // namespace

std::vector<predictor::Figures>
FinetunerClient::predict(const Session &session, unsigned version,
                         const std::vector<std::shared_ptr<const graph::Network>> &networks,
                         const std::atomic<bool> *cancel)
{
    if (networks.size() > kNetworksPerCall)
        return inCalls<predictor::Figures>(networks,
                                           [&](const auto &part) { return predict(session, version, part, cancel); });
    v1::PredictRequest request;
    request.set_session_key(session.key);
    request.set_predictor_version(version);
    for (auto &n : toWire(networks))
        *request.add_networks() = std::move(n);
    v1::PredictReply reply;
    d->call(
        "predicting", [&](grpc::ClientContext &ctx) { return d->stub()->Predict(&ctx, request, &reply); },
        d->connection.deadlineSeconds, cancel);
    if (reply.figures_size() != int(networks.size()))
        throw FinetunerError("finetuning service " + d->connection.address + ": " + std::to_string(reply.figures_size())
                             + " predictions for " + std::to_string(networks.size()) + " networks");
    std::vector<predictor::Figures> out;
    for (const v1::Figures &f : reply.figures())
        out.push_back({f.latency_seconds(), f.energy_joules(), f.dram_bytes()});
    return out;
}

std::vector<validate::Metrics>
FinetunerClient::validate(const Session &session, const std::vector<std::shared_ptr<const graph::Network>> &networks,
                          const std::atomic<bool> *cancel)
{
    if (networks.size() > kNetworksPerCall)
        return inCalls<validate::Metrics>(networks, [&](const auto &part) { return validate(session, part, cancel); });
    v1::ValidateRequest request;
    request.set_session_key(session.key);
    for (auto &n : toWire(networks))
        *request.add_networks() = std::move(n);
    v1::ValidateReply reply;
    d->call(
        "validating", [&](grpc::ClientContext &ctx) { return d->stub()->Validate(&ctx, request, &reply); },
        d->connection.deadlineSeconds, cancel);
    if (reply.results_size() != int(networks.size()))
        throw FinetunerError("finetuning service " + d->connection.address + ": " + std::to_string(reply.results_size())
                             + " results for " + std::to_string(networks.size()) + " networks");
    std::vector<validate::Metrics> out;
    for (const auto &r : reply.results())
        out.push_back(board::fromWire(r));
    return out;
}

v1::CheckReply FinetunerClient::check(v1::CheckRequest request, const std::string &requestId,
                                      const std::atomic<bool> *cancel)
{
    request.set_request_id(requestId);
    v1::CheckReply reply;
    d->call(
        "checking the predictor", [&](grpc::ClientContext &ctx) { return d->stub()->Check(&ctx, request, &reply); },
        d->connection.deadlineSeconds, cancel);
    // The whole sample, or the first part alone when it decided (a sequential check).
    if (reply.validated_size() != request.networks_size()
        && (request.first_part() == 0 || reply.validated_size() != int(request.first_part())))
        throw FinetunerError("finetuning service " + d->connection.address + ": "
                             + std::to_string(reply.validated_size()) + " results for a sample of "
                             + std::to_string(request.networks_size()));
    return reply;
}

} // namespace calibra::finetuner
