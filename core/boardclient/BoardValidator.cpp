// SPDX-License-Identifier: GPL-3.0-or-later
#include "BoardValidator.h"

#include "validate/CachedValidator.h"

#include "boardclient/NetworkWire.h"
#include "boardclient/PemFile.h"
#include "boardclient/WireFormat.h"
#include "boardclient/board.grpc.pb.h"
#include "base/InputError.h"
#include "boardclient/BoardError.h"
#include "hardware/TargetSetting.h"

#include "boardclient/GrpcTls.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace calibra::validate {

namespace v1 = calibra::board::v1;

namespace {

// The certificates, read once for all of a connection's services.
grpc::SslCredentialsOptions clientTls(const BoardConnection &c)
{
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = board::readPemFile(c.caFile, "services' CA certificate");
    tls.pem_cert_chain = board::readPemFile(c.certFile, "client certificate");
    tls.pem_private_key = board::readPemFile(c.keyFile, "client key");
    return tls;
}

std::shared_ptr<grpc::Channel> makeChannel(const BoardConnection &c, const grpc::SslCredentialsOptions &tls,
                                           const std::string &address)
{
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(-1);
    if (!c.serverName.empty())
        args.SetSslTargetNameOverride(c.serverName);
    // A board that went away should be noticed and retried quickly, not after minutes.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    return grpc::CreateCustomChannel(address, grpc::SslCredentials(tls), args);
}

ServiceStatus askCapabilities(v1::Board::Stub &stub, const std::string &address, double timeoutSeconds)
{
    ServiceStatus st;
    st.address = address;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(int64_t(timeoutSeconds * 1000)));
    v1::CapabilitiesReply reply;
    const grpc::Status s = stub.Capabilities(&ctx, v1::CapabilitiesRequest(), &reply);
    if (!s.ok()) {
        st.error = board::describeStatus(s);
        return st;
    }
    st.reachable = true;
    st.backend = reply.backend();
    st.targetClass = reply.target_class();
    st.metrics.assign(reply.metrics().begin(), reply.metrics().end());
    st.ignoredSettingFields.assign(reply.ignored_setting_fields().begin(), reply.ignored_setting_fields().end());
    st.maxNetworksPerBatch = int(reply.max_networks_per_batch());
    st.maxRequestsPerSecond = reply.max_requests_per_second();
    return st;
}

// A service that paces this client (its rate limit) is waited for, as long as the wait
// for one request stays within this, and at most this long per request in all (wall
// time, the calls included). A slower rate is refused at once: the run reports it
// instead of hanging.
constexpr double kMaxRateLimitWaitSeconds = 30;

// The pause before asking a pacing service again: one request's share of its rate
// (half a second from a service that does not say its rate).
double rateLimitPause(const ServiceStatus &s)
{
    return s.maxRequestsPerSecond > 0 ? std::max(0.02, 1.0 / s.maxRequestsPerSecond) : 0.5;
}

bool isRateLimit(const grpc::Status &s)
{
    return s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED && s.error_message().rfind("rate limit", 0) == 0;
}

struct Service
{
    std::string address;
    std::unique_ptr<v1::Board::Stub> stub;
    ServiceStatus status;
    int consecutiveFailures = 0; // guarded by Impl::mutex
    bool inRotation = true;
};

struct Item
{
    std::string key;
    std::shared_ptr<const graph::Network> network;
    std::vector<size_t> requestIndices; // where its result goes (duplicates share one)
};

struct Chunk
{
    std::string settingYaml;
    std::vector<Item> items;
    std::set<size_t> triedServices;
    std::string lastError;
};

} // namespace

struct BoardValidator::Impl
{
    BoardConnection connection;
    std::vector<std::unique_ptr<Service>> services;
    std::string id;
    mutable std::mutex mutex;
    uint64_t batchCounter = 0;
};

BoardValidator::BoardValidator(BoardConnection connection) : d(std::make_unique<Impl>())
{
    d->connection = std::move(connection);
    if (d->connection.services.empty())
        throw base::InputError("no board service configured");
    std::string errors;
    const grpc::SslCredentialsOptions tls = clientTls(d->connection);
    for (const std::string &address : d->connection.services) {
        auto s = std::make_unique<Service>();
        s->address = address;
        s->stub = v1::Board::NewStub(makeChannel(d->connection, tls, address));
        s->status = askCapabilities(*s->stub, address, 10);
        if (s->status.reachable) {
            const std::string id = "board/" + s->status.backend + "/" + s->status.targetClass;
            if (!d->id.empty() && d->id != id)
                throw board::BoardError("board services serve different targets: " + d->id + " and " + id + " ("
                                        + address + ")");
            d->id = id;
        } else {
            errors += "\n  " + address + ": " + s->status.error;
        }
        d->services.push_back(std::move(s));
    }
    if (d->id.empty())
        throw board::BoardError("no board service answered:" + errors);
}

BoardValidator::~BoardValidator() = default;

std::string BoardValidator::backendId() const
{
    return d->id;
}

BackendCapabilities BoardValidator::capabilities() const
{
    BackendCapabilities c;
    std::set<hardware::SettingField> ignored;
    std::lock_guard lock(d->mutex);
    for (const auto &s : d->services) {
        if (!s->status.reachable)
            continue;
        const auto has = [&](const char *metric) {
            return std::find(s->status.metrics.begin(), s->status.metrics.end(), metric) != s->status.metrics.end();
        };
        c.energy = c.energy && has("energy");
        c.memoryAccess = c.memoryAccess && has("memory_access");
        for (const std::string &name : s->status.ignoredSettingFields) {
            hardware::SettingField f;
            if (hardware::parseSettingField(name, &f)) // a field unknown here is one this client never sets
                ignored.insert(f);
        }
    }
    c.ignoredSettingFields.assign(ignored.begin(), ignored.end());
    return c;
}

std::vector<ServiceStatus> BoardValidator::statuses() const
{
    std::lock_guard lock(d->mutex);
    std::vector<ServiceStatus> out;
    for (const auto &s : d->services) {
        ServiceStatus st = s->status;
        if (!s->inRotation && st.error.empty())
            st.error = "taken out of rotation after repeated failures";
        out.push_back(st);
    }
    return out;
}

int BoardValidator::servicesInRotation() const
{
    std::lock_guard lock(d->mutex);
    int n = 0;
    for (const auto &s : d->services)
        n += s->inRotation ? 1 : 0;
    return n;
}

std::vector<ServiceStatus> BoardValidator::probe(const BoardConnection &connection, double timeoutSeconds)
{
    std::vector<ServiceStatus> out;
    grpc::SslCredentialsOptions tls;
    std::string unreadable; // a certificate that cannot be read fails every service alike
    try {
        tls = clientTls(connection);
    } catch (const std::exception &e) {
        unreadable = e.what();
    }
    for (const std::string &address : connection.services) {
        if (!unreadable.empty()) {
            ServiceStatus st;
            st.address = address;
            st.error = unreadable;
            out.push_back(st);
            continue;
        }
        auto stub = v1::Board::NewStub(makeChannel(connection, tls, address));
        out.push_back(askCapabilities(*stub, address, timeoutSeconds));
    }
    return out;
}

std::vector<Metrics> BoardValidator::validate(const std::vector<ValidationRequest> &batch,
                                              const std::atomic<bool> *cancel)
{
    std::vector<Metrics> results(batch.size());
    // Distinct (network, setting) pairs: the key is the content hash of both, which is
    // also what the service echoes back.
    std::map<std::string, Item> items;
    std::map<std::string, std::vector<std::string>> keysBySetting; // setting YAML -> keys, in order
    for (size_t i = 0; i < batch.size(); ++i) {
        if (!batch[i].network) {
            results[i].error = "no network";
            continue;
        }
        if (cancel && cancel->load()) {
            results[i] = cancelledMetrics();
            continue;
        }
        const std::string settingYaml = hardware::targetSettingToYaml(batch[i].setting);
        const std::string key =
            CachedValidator::cacheKey(*batch[i].network, batch[i].setting, d->id).toHex().toStdString();
        auto [it, fresh] = items.try_emplace(key);
        if (fresh) {
            it->second.key = key;
            it->second.network = batch[i].network;
            keysBySetting[settingYaml].push_back(key);
        }
        it->second.requestIndices.push_back(i);
    }

    int chunkSize = std::max(1, d->connection.chunkSize);
    for (const auto &s : d->services)
        if (s->status.maxNetworksPerBatch > 0)
            chunkSize = std::min(chunkSize, s->status.maxNetworksPerBatch);
    std::deque<Chunk> queue;
    for (const auto &[settingYaml, keys] : keysBySetting)
        for (size_t start = 0; start < keys.size(); start += size_t(chunkSize)) {
            Chunk c;
            c.settingYaml = settingYaml;
            for (size_t k = start; k < std::min(keys.size(), start + size_t(chunkSize)); ++k)
                c.items.push_back(std::move(items[keys[k]]));
            queue.push_back(std::move(c));
        }

    std::mutex &mutex = d->mutex;
    std::condition_variable changed;
    int inFlight = 0;
    std::vector<Chunk> failed;
    std::set<grpc::ClientContext *> active; // calls in flight, for cancellation
    const auto deliver = [&](const Item &item, const Metrics &m) {
        for (size_t i : item.requestIndices)
            results[i] = m;
    };
    const auto otherServiceCanTake = [&](const Chunk &c) {
        for (size_t s = 0; s < d->services.size(); ++s)
            if (d->services[s]->inRotation && !c.triedServices.count(s))
                return true;
        return false;
    };

    const auto worker = [&](size_t serviceIndex) {
        Service &service = *d->services[serviceIndex];
        std::unique_lock lock(mutex);
        for (;;) {
            if (!service.inRotation || (cancel && cancel->load()))
                break;
            auto it = std::find_if(queue.begin(), queue.end(),
                                   [&](const Chunk &c) { return !c.triedServices.count(serviceIndex); });
            if (it == queue.end()) {
                if (inFlight == 0)
                    break;
                changed.wait(lock);
                continue;
            }
            Chunk chunk = std::move(*it);
            queue.erase(it);
            ++inFlight;
            const std::string batchId = std::to_string(++d->batchCounter);
            lock.unlock();

            v1::ValidateRequest request;
            request.set_batch_id(batchId);
            request.set_target_setting_yaml(chunk.settingYaml);
            for (const Item &item : chunk.items) {
                v1::NetworkItem *n = request.add_networks();
                n->set_key(item.key);
                board::toWire(*item.network, *n->mutable_network());
            }
            v1::ValidateReply reply;
            grpc::Status status;
            const double pause = rateLimitPause(service.status);
            const auto waitUntil =
                std::chrono::steady_clock::now() + std::chrono::duration<double>(kMaxRateLimitWaitSeconds);
            for (;;) {
                grpc::ClientContext ctx;
                ctx.set_deadline(std::chrono::system_clock::now()
                                 + std::chrono::milliseconds(int64_t(d->connection.deadlineSeconds * 1000)));
                {
                    std::lock_guard guard(mutex);
                    active.insert(&ctx);
                }
                status = service.stub->Validate(&ctx, request, &reply);
                {
                    std::lock_guard guard(mutex);
                    active.erase(&ctx);
                }
                // Paced by the service: not a failure; ask again once a request's share
                // of the rate has passed, in slices that a cancel interrupts.
                if (!isRateLimit(status)
                    || std::chrono::steady_clock::now() + std::chrono::duration<double>(pause) > waitUntil)
                    break;
                for (const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(pause);
                     std::chrono::steady_clock::now() < until && !(cancel && cancel->load());)
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
                if (cancel && cancel->load())
                    break;
            }

            lock.lock();
            --inFlight;
            if (status.ok()) {
                service.consecutiveFailures = 0;
                std::map<std::string, const v1::Result *> byKey;
                for (const v1::Result &r : reply.results())
                    byKey.emplace(r.key(), &r); // a key answered twice counts once
                for (const Item &item : chunk.items) {
                    const auto r = byKey.find(item.key);
                    Metrics m;
                    if (r == byKey.end()) {
                        m.error = "board " + service.address + " returned no result for this network";
                        m.transient = true;
                    } else
                        m = board::fromWire(*r->second);
                    deliver(item, m);
                }
            } else {
                const bool cancelled = cancel && cancel->load();
                chunk.lastError = "board " + service.address + " " + board::describeStatus(status);
                chunk.triedServices.insert(serviceIndex);
                // A service that only paces this client is busy, not broken: it stays in rotation.
                if (!cancelled && !isRateLimit(status) && ++service.consecutiveFailures >= d->connection.maxFailures) {
                    service.inRotation = false;
                    service.status.error = "taken out of rotation: " + chunk.lastError;
                }
                // One retry, on another service.
                if (!cancelled && chunk.triedServices.size() < 2 && otherServiceCanTake(chunk))
                    queue.push_back(std::move(chunk));
                else
                    failed.push_back(std::move(chunk));
            }
            changed.notify_all();
        }
        changed.notify_all();
    };

    // Cancels the calls in flight when `cancel` is raised; woken at once when the batch
    // ends so that it adds nothing to a call's time.
    std::mutex finishedMutex;
    std::condition_variable finishedChanged;
    bool finished = false;
    std::thread canceller([&] {
        std::unique_lock wait(finishedMutex);
        while (!finishedChanged.wait_for(wait, std::chrono::milliseconds(50), [&] { return finished; })) {
            if (cancel && cancel->load()) {
                std::lock_guard guard(mutex);
                for (grpc::ClientContext *ctx : active)
                    ctx->TryCancel();
            }
        }
    });
    std::vector<std::thread> workers;
    for (size_t s = 0; s < d->services.size(); ++s)
        if (d->services[s]->inRotation)
            workers.emplace_back(worker, s);
    for (std::thread &t : workers)
        t.join();
    {
        std::lock_guard guard(finishedMutex);
        finished = true;
    }
    finishedChanged.notify_all();
    canceller.join();

    const bool cancelled = cancel && cancel->load();
    for (Chunk &c : queue) // nobody left who could take them
        failed.push_back(std::move(c));
    for (const Chunk &c : failed)
        for (const Item &item : c.items) {
            Metrics m = cancelledMetrics();
            if (!cancelled)
                m.error = c.lastError.empty() ? "no board service in rotation" : c.lastError;
            deliver(item, m);
        }
    return results;
}

} // namespace calibra::validate
