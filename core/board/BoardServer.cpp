// SPDX-License-Identifier: GPL-3.0-or-later
#include "BoardServer.h"

#include "board/BoardBackends.h"
#include "boardclient/GrpcTls.h"
#include "boardclient/NetworkWire.h"
#include "boardclient/PemFile.h"
#include "board/RateLimiter.h"
#include "boardclient/WireFormat.h"
#include "boardclient/board.grpc.pb.h"
#include "graph/Cost.h"
#include "graph/YamlFormat.h"
#include "base/InputError.h"
#include "boardclient/BoardError.h"
#include "hardware/TargetSetting.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace calibra::board {

namespace {

class BoardService final : public v1::Board::Service
{
public:
    BoardService(const BoardConfig &config, Backend backend) : m_config(config), m_backend(std::move(backend))
    {
        for (const ClientRule &c : config.clients)
            m_rates.configure(c.commonName, c.maxRequestsPerSecond, c.burst);
    }

    grpc::Status Capabilities(grpc::ServerContext *ctx, const v1::CapabilitiesRequest *,
                              v1::CapabilitiesReply *reply) override
    {
        std::string client;
        if (grpc::Status s = authorize(ctx, client); !s.ok())
            return s;
        reply->set_service_version(CALIBRA_VERSION);
        reply->set_backend(backendKindName(m_config.backend));
        reply->set_target_class(m_config.targetClass);
        for (const std::string &m : m_backend.metrics)
            reply->add_metrics(m);
        for (const hardware::SettingField f : m_backend.validator->capabilities().ignoredSettingFields)
            reply->add_ignored_setting_fields(hardware::settingFieldName(f));
        reply->set_max_networks_per_batch(uint32_t(m_config.maxNetworksPerBatch));
        reply->set_max_message_bytes(uint64_t(m_config.maxMessageBytes));
        reply->set_max_nodes(uint32_t(m_config.maxNodes));
        reply->set_max_macs(uint64_t(m_config.maxMacs));
        double rate = 0;
        for (const ClientRule &c : m_config.clients)
            if (c.commonName == client)
                rate = c.maxRequestsPerSecond;
        reply->set_max_requests_per_second(rate);
        return grpc::Status::OK;
    }

    grpc::Status Health(grpc::ServerContext *ctx, const v1::HealthRequest *, v1::HealthReply *reply) override
    {
        std::string client;
        if (grpc::Status s = authorize(ctx, client); !s.ok())
            return s;
        reply->set_serving(true);
        reply->set_running_batches(uint32_t(m_running.load()));
        reply->set_validated_networks(m_validated.load());
        return grpc::Status::OK;
    }

    grpc::Status Abort(grpc::ServerContext *ctx, const v1::AbortRequest *request, v1::AbortReply *reply) override
    {
        std::string client;
        if (grpc::Status s = authorize(ctx, client); !s.ok())
            return s;
        std::lock_guard lock(m_batchesMutex);
        const auto it = m_batches.find(client + "/" + request->batch_id());
        reply->set_found(it != m_batches.end());
        if (it != m_batches.end())
            it->second->store(true);
        return grpc::Status::OK;
    }

    grpc::Status Validate(grpc::ServerContext *ctx, const v1::ValidateRequest *request,
                          v1::ValidateReply *reply) override
    {
        std::string client;
        if (grpc::Status s = authorize(ctx, client); !s.ok())
            return s;
        if (!m_rates.tryAcquire(client))
            return {grpc::StatusCode::RESOURCE_EXHAUSTED, "rate limit: client '" + client
                                                              + "' sends more than its "
                                                                "allowed requests per second; retry later"};
        if (request->networks_size() > m_config.maxNetworksPerBatch)
            return {grpc::StatusCode::INVALID_ARGUMENT, "batch of " + std::to_string(request->networks_size())
                                                            + " networks; this service takes at most "
                                                            + std::to_string(m_config.maxNetworksPerBatch)};
        hardware::TargetSetting setting;
        try {
            setting =
                hardware::parseTargetSettingYaml(request->target_setting_yaml(), "target setting", m_backend.platform);
        } catch (const std::exception &e) {
            // The reason names the platform's figures (its DVFS points, cores, SRAM,
            // dataflows): it goes to the board's log, the client learns only which field.
            return {grpc::StatusCode::INVALID_ARGUMENT, publicSettingError(e.what(), logIncident(client, e.what()))};
        }

        // Every network is checked before any is validated.
        const int n = request->networks_size();
        std::vector<validate::Metrics> results(static_cast<size_t>(n));
        std::vector<validate::ValidationRequest> work;
        std::vector<int> workIndex;
        for (int i = 0; i < n; ++i) {
            const v1::NetworkItem &item = request->networks(i);
            const std::string source = "network " + std::to_string(i) + " (" + item.key().substr(0, 16) + ")";
            try {
                auto net = std::make_shared<graph::Network>(item.has_network()
                                                                ? fromWire(item.network(), source)
                                                                : graph::parseNetworkYaml(item.network_yaml(), source));
                const graph::NetworkCost cost = graph::networkCost(*net);
                if (int64_t(net->nodes.size()) > m_config.maxNodes)
                    throw std::runtime_error(source + ": " + std::to_string(net->nodes.size())
                                             + " nodes; this service takes at most "
                                             + std::to_string(m_config.maxNodes));
                if (double(cost.total.macs) > m_config.maxMacs)
                    throw std::runtime_error(source + ": " + std::to_string(cost.total.macs / 1000000)
                                             + " M MACs; this service takes at most "
                                             + std::to_string(int64_t(m_config.maxMacs / 1e6)) + " M");
                work.push_back({std::move(net), setting});
                workIndex.push_back(i);
            } catch (const std::exception &e) {
                results[size_t(i)].error = std::string("invalid network: ") + e.what();
            }
        }

        auto stop = std::make_shared<std::atomic<bool>>(false);
        const std::string batchKey = client + "/" + request->batch_id();
        {
            std::lock_guard lock(m_batchesMutex);
            m_batches[batchKey] = stop;
        }
        ++m_running;
        // The backend polls one flag; the watchdog raises it when the client goes away,
        // its deadline passes, or the batch outlives the service's limit.
        // Woken at once when the batch ends (a plain sleep would add its period to every call).
        std::mutex doneMutex;
        std::condition_variable doneChanged;
        bool done = false;
        std::atomic<bool> overTime{false};
        std::thread watchdog([&] {
            const auto start = std::chrono::steady_clock::now();
            std::unique_lock lock(doneMutex);
            while (!doneChanged.wait_for(lock, std::chrono::milliseconds(20), [&] { return done; })) {
                if (ctx->IsCancelled())
                    stop->store(true);
                if (std::chrono::steady_clock::now() - start
                    > std::chrono::duration<double>(m_config.maxBatchSeconds)) {
                    overTime.store(true);
                    stop->store(true);
                }
            }
        });
        std::vector<validate::Metrics> measured;
        try {
            measured = m_backend.validator->validate(work, stop.get());
        } catch (const std::exception &e) {
            validate::Metrics failed;
            failed.error = "the board failed (incident "
                           + logIncident(client, std::string("backend failed: ") + e.what()) + " in the board's log)";
            failed.transient = true;
            measured.assign(work.size(), failed);
        }
        {
            std::lock_guard lock(doneMutex);
            done = true;
        }
        doneChanged.notify_all();
        watchdog.join();
        --m_running;
        {
            std::lock_guard lock(m_batchesMutex);
            m_batches.erase(batchKey);
        }
        for (size_t k = 0; k < work.size() && k < measured.size(); ++k) {
            validate::Metrics m = measured[k];
            if (!m.ok && m.error == validate::cancelledMetrics().error) { // stopped by `stop`: say why
                m.error = overTime.load() ? "the batch exceeded this service's time limit of "
                                                + std::to_string(int(m_config.maxBatchSeconds)) + " s"
                                          : "aborted";
            } else if (!m.ok && !m.transient) {
                // A backend's reason may describe the hardware (a layer that does not fit
                // its SRAM): logged here, an incident number sent.
                m.error = "the board could not run this network (incident " + logIncident(client, m.error)
                          + " in the board's log)";
            }
            results[size_t(workIndex[k])] = m;
            if (m.ok)
                ++m_validated;
        }
        if (ctx->IsCancelled())
            return {grpc::StatusCode::CANCELLED, "the client cancelled the batch or its deadline passed"};
        reply->set_backend_id(std::string("board/") + backendKindName(m_config.backend) + "/" + m_config.targetClass);
        for (int i = 0; i < n; ++i) {
            v1::Result *r = reply->add_results();
            r->set_key(request->networks(i).key());
            toWire(results[size_t(i)], *r);
        }
        return grpc::Status::OK;
    }

private:
    // Writes a reason the client may not see to the board's log (standard error, the
    // journal under systemd) and returns the incident number that finds it there.
    std::string logIncident(const std::string &client, const std::string &reason)
    {
        const std::string id = "E" + std::to_string(++m_incidents);
        std::fprintf(stderr, "calibra-board: incident %s (client '%s'): %s\n", id.c_str(), client.c_str(),
                     reason.c_str());
        std::fflush(stderr);
        return id;
    }

    // "target setting:4: hardware.dvfs_mhz: 750 MHz is not a DVFS point of edge-npu-s
    // (500, 1000)" -> the field only; any other reason (YAML syntax, the format line) ->
    // nothing but that the text is not a valid setting.
    static std::string publicSettingError(const std::string &reason, const std::string &incident)
    {
        std::string where = "it";
        const std::string source = "target setting";
        if (reason.rfind(source, 0) == 0) {
            size_t at = source.size(); // then ":LINE" when the reason has a line
            const auto digitAt = [&](size_t i) {
                return i < reason.size() && std::isdigit(static_cast<unsigned char>(reason[i]));
            };
            if (reason.compare(at, 1, ":") == 0 && digitAt(at + 1))
                for (++at; digitAt(at); ++at)
                    ;
            if (reason.compare(at, 2, ": ") == 0) {
                const size_t colon = reason.find(':', at + 2);
                const std::string field = reason.substr(at + 2, colon == std::string::npos ? 0 : colon - at - 2);
                if (!field.empty()
                    && field.find_first_not_of("abcdefghijklmnopqrstuvwxyz_.0123456789") == std::string::npos)
                    where = "field '" + field + "'";
            }
        }
        return "the target setting is not valid for this board: " + where
               + " (the reason would describe the board; it is in the board's log as incident " + incident + ")";
    }

    // The certificate's name must be one of the configured clients.
    grpc::Status authorize(grpc::ServerContext *ctx, std::string &client) const
    {
        return authorizeClient(
            ctx,
            [this](const std::string &name) {
                return std::any_of(m_config.clients.begin(), m_config.clients.end(),
                                   [&](const ClientRule &c) { return c.commonName == name; });
            },
            &client);
    }

    const BoardConfig &m_config;
    Backend m_backend;
    RateLimiter m_rates;
    std::mutex m_batchesMutex;
    std::map<std::string, std::shared_ptr<std::atomic<bool>>> m_batches;
    std::atomic<int> m_running{0};
    std::atomic<uint64_t> m_validated{0};
    std::atomic<uint64_t> m_incidents{0};
};

} // namespace

struct BoardServer::Impl
{
    BoardConfig config;
    std::string ca, cert, key;
    std::unique_ptr<BoardService> service;
    std::unique_ptr<grpc::Server> server;
};

BoardServer::BoardServer(BoardConfig config) : d(std::make_unique<Impl>())
{
    d->config = std::move(config);
    d->ca = readPemFile(d->config.caFile, "client CA certificate (tls.ca)");
    d->cert = readPemFile(d->config.certFile, "service certificate (tls.cert)");
    d->key = readPemFile(d->config.keyFile, "service key (tls.key)");
    Backend backend = makeBackend(d->config);
    if (d->config.targetClass.empty())
        d->config.targetClass = backend.platform.name;
    d->service = std::make_unique<BoardService>(d->config, std::move(backend));
}

BoardServer::~BoardServer()
{
    if (d->server)
        shutdown(1);
}

std::string BoardServer::targetClass() const
{
    return d->config.targetClass;
}

std::string BoardServer::start()
{
    const std::string address = startTlsServer(d->server, d->service.get(), d->config.listen, d->ca, d->cert, d->key,
                                               d->config.maxMessageBytes);
    if (address.empty())
        throw BoardError(d->config.source + ": cannot listen on '" + d->config.listen
                         + "' (address in use, or the certificate and key do not match)");
    return address;
}

void BoardServer::shutdown(double graceSeconds)
{
    if (!d->server)
        return;
    d->server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(int64_t(graceSeconds * 1000)));
    d->server->Wait();
    d->server.reset();
}

void BoardServer::wait()
{
    if (d->server)
        d->server->Wait();
}

void dropPrivileges(const std::string &user)
{
    if (geteuid() != 0)
        return;
    if (user.empty())
        throw base::InputError("calibra-board does not run as root: set 'user:' in the configuration "
                               "(or --user) to the unprivileged account it should switch to");
    const passwd *pw = getpwnam(user.c_str());
    if (!pw)
        throw base::InputError("user '" + user + "' does not exist");
    if (pw->pw_uid == 0)
        throw base::InputError("user '" + user + "' is root: choose an unprivileged account");
    if (setgroups(0, nullptr) != 0 || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
        throw BoardError("cannot switch to user '" + user + "'");
    if (setuid(0) == 0)
        throw BoardError("could still regain root after switching to '" + user + "': refusing to serve");
    prctl(PR_SET_DUMPABLE, 1); // setuid cleared it; /proc/self/clear_refs needs it
}

} // namespace calibra::board
