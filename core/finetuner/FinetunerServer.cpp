// SPDX-License-Identifier: GPL-3.0-or-later
#include "FinetunerServer.h"

#include "base/InputError.h"
#include "boardclient/BoardValidator.h"
#include "boardclient/GrpcTls.h"
#include "boardclient/NetworkWire.h"
#include "boardclient/PemFile.h"
#include "boardclient/WireFormat.h"
#include "finetuner/JournalValidator.h"
#include "finetuner/ServiceStore.h"
#include "finetunerclient/FinetunerError.h"
#include "finetunerclient/finetuner.grpc.pb.h"
#include "graph/ContentHash.h"
#include "graph/YamlFormat.h"
#include "hardware/Lowering.h"
#include "model/ShippedModel.h"
#include "pipeline/CheckAndFinetune.h"
#include "pipeline/SequentialCheck.h"
#include "predictor/ImplausibleMeasurements.h"
#include "validate/SimulatorValidator.h"

#include <QCryptographicHash>
#include <QThread>
#include <QtConcurrent>

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <numeric>

namespace calibra::finetuner {

namespace {

// Predictor versions kept loaded for predictions.
constexpr size_t kLoadedModels = 8;

struct PlatformState
{
    ServedPlatform served;
    hardware::Platform platform;
    std::string offlineBytes; // version 0
    std::shared_ptr<JournalValidator> validator;
};

struct SessionState
{
    const PlatformState *platform = nullptr;
    graph::Network reference;
    hardware::TargetSetting setting;
};

// Thrown inside a call to answer with a status instead of an exception's text.
struct CallError
{
    grpc::StatusCode code;
    std::string message;
};

// A check's failure as the service's: cancelled, or the validator stopped (the caller
// may ask again: the answer is not recorded).
struct CheckInterrupted
{};

class FinetunerService final : public v1::Finetuner::Service
{
public:
    FinetunerService(const FinetunerConfig &config, ServiceStore &store, std::vector<PlatformState> &platforms)
        : m_config(config), m_store(store), m_platforms(platforms)
    {
    }

    grpc::Status Capabilities(grpc::ServerContext *ctx, const v1::CapabilitiesRequest *,
                              v1::CapabilitiesReply *reply) override
    {
        return guarded(ctx, [&] {
            reply->set_service_version(CALIBRA_VERSION);
            for (const PlatformState &p : m_platforms)
                reply->add_platform_ids(p.served.id);
        });
    }

    grpc::Status Open(grpc::ServerContext *ctx, const v1::OpenRequest *request, v1::OpenReply *reply) override
    {
        return guarded(ctx, [&] {
            const PlatformState *platform = nullptr;
            for (const PlatformState &p : m_platforms)
                if (p.served.id == request->platform_id())
                    platform = &p;
            if (!platform)
                throw CallError{grpc::StatusCode::NOT_FOUND,
                                "platform '" + request->platform_id() + "' is not served here"};
            SessionState s;
            s.platform = platform;
            s.reference = networkOf(request->reference(), "the reference");
            try {
                s.setting = request->target_setting_yaml().empty()
                                ? hardware::defaultSetting(platform->platform)
                                : hardware::parseTargetSettingYaml(request->target_setting_yaml(), "target setting",
                                                                   platform->platform);
            } catch (const std::exception &e) {
                throw CallError{grpc::StatusCode::INVALID_ARGUMENT, e.what()};
            }
            const std::string settingYaml = hardware::targetSettingToYaml(s.setting);
            QCryptographicHash h(QCryptographicHash::Sha256);
            h.addData(QByteArray::fromStdString(platform->served.id));
            h.addData(graph::networkContentHash(s.reference));
            h.addData(QByteArray::fromStdString(hardware::canonicalText(s.setting)));
            const std::string key = h.result().toHex().left(32).toStdString();
            m_store.putSessionFile(key, "platform", platform->served.id);
            m_store.putSessionFile(key, "reference.yaml", graph::networkToYaml(s.reference));
            m_store.putSessionFile(key, "setting.yaml", settingYaml);
            {
                std::lock_guard lock(m_sessionsMutex);
                m_sessions[key] = std::make_shared<const SessionState>(std::move(s));
            }
            reply->set_session_key(key);
            reply->set_resolved_setting_yaml(settingYaml);
            reply->set_default_setting_yaml(
                hardware::targetSettingToYaml(hardware::defaultSetting(platform->platform)));
            reply->set_latest_predictor_version(m_store.latestVersion(key));
            reply->set_validator_id(platform->validator->backendId());
            const validate::BackendCapabilities c = platform->validator->capabilities();
            reply->set_measures_energy(c.energy);
            reply->set_measures_memory_access(c.memoryAccess);
            for (const hardware::SettingField f : c.ignoredSettingFields)
                reply->add_ignored_setting_fields(hardware::settingFieldName(f));
        });
    }

    grpc::Status Predict(grpc::ServerContext *ctx, const v1::PredictRequest *request, v1::PredictReply *reply) override
    {
        return guarded(ctx, [&] {
            const auto session = sessionOf(request->session_key());
            const auto networks = networksOf(request->networks());
            const std::vector<predictor::Figures> figures = predictWith(
                *session, *modelOf(request->session_key(), *session, request->predictor_version()), networks);
            for (const predictor::Figures &f : figures) {
                v1::Figures *out = reply->add_figures();
                out->set_latency_seconds(f.latencySeconds);
                out->set_energy_joules(f.energyJoules);
                out->set_dram_bytes(f.dramBytes);
            }
        });
    }

    grpc::Status Validate(grpc::ServerContext *ctx, const v1::ValidateRequest *request,
                          v1::ValidateReply *reply) override
    {
        return guarded(ctx, [&] {
            const auto session = sessionOf(request->session_key());
            std::vector<validate::ValidationRequest> batch;
            for (auto &n : networksOf(request->networks()))
                batch.push_back({std::move(n), session->setting});
            const CancelFlag cancel(ctx);
            for (const validate::Metrics &m : session->platform->validator->validate(batch, cancel.flag()))
                board::toWire(m, *reply->add_results());
        });
    }

    grpc::Status Check(grpc::ServerContext *ctx, const v1::CheckRequest *request, v1::CheckReply *reply) override
    {
        return guarded(ctx, [&] {
            const std::string &key = request->session_key();
            const auto session = sessionOf(key);
            if (request->request_id().empty())
                throw CallError{grpc::StatusCode::INVALID_ARGUMENT, "a check needs a request_id"};
            // One check per request id at a time: a client that asks again while the first
            // call still runs waits for its answer instead of doing the work twice.
            const std::shared_ptr<std::mutex> running = requestLock(key + "/" + request->request_id());
            std::lock_guard requestLockGuard(*running);
            if (const auto recorded = m_store.answer(key, request->request_id())) {
                if (!reply->ParseFromString(*recorded))
                    throw CallError{grpc::StatusCode::INTERNAL, "the recorded answer is damaged"};
                return;
            }
            check(ctx, *session, *request, *reply);
            m_store.putAnswer(key, request->request_id(), reply->SerializeAsString());
            // Answered from the store from now on: the lock is not needed any more (a
            // caller already waiting on it holds it alive, and finds the answer).
            std::lock_guard sessions(m_sessionsMutex);
            m_requestLocks.erase(key + "/" + request->request_id());
        });
    }

private:
    // The call's cancellation (the client went away or cancelled) as a flag the long work
    // polls; a watcher raises it.
    class CancelFlag
    {
    public:
        explicit CancelFlag(grpc::ServerContext *ctx)
            : m_watcher([this, ctx] {
                  while (!m_done.load()) {
                      if (ctx->IsCancelled()) {
                          m_flag.store(true);
                          return;
                      }
                      std::this_thread::sleep_for(std::chrono::milliseconds(50));
                  }
              })
        {
        }
        ~CancelFlag()
        {
            m_done.store(true);
            m_watcher.join();
        }
        const std::atomic<bool> *flag() const { return &m_flag; }

    private:
        std::atomic<bool> m_flag{false}, m_done{false};
        std::thread m_watcher;
    };

    template <typename Work> grpc::Status guarded(grpc::ServerContext *ctx, Work work)
    {
        if (grpc::Status s = authorize(ctx); !s.ok())
            return s;
        try {
            work();
            return grpc::Status::OK;
        } catch (const CallError &e) {
            return {e.code, e.message};
        } catch (const CheckInterrupted &) {
            return {grpc::StatusCode::CANCELLED, "the check was cancelled before it finished; ask again"};
        } catch (const base::InputError &e) {
            return {grpc::StatusCode::INVALID_ARGUMENT, e.what()};
        } catch (const std::exception &e) {
            // The service's own failure (its store, LibTorch): logged, and not worth asking
            // again at once (UNAVAILABLE would make the client retry the whole check).
            std::fprintf(stderr, "calibra-finetuner: %s\n", e.what());
            std::fflush(stderr);
            return {grpc::StatusCode::INTERNAL, std::string("the service failed: ") + e.what()};
        }
    }

    grpc::Status authorize(grpc::ServerContext *ctx) const
    {
        return board::authorizeClient(ctx, [this](const std::string &name) {
            return std::find(m_config.clients.begin(), m_config.clients.end(), name) != m_config.clients.end();
        });
    }

    static graph::Network networkOf(const board::v1::Network &wire, const std::string &source)
    {
        try {
            return board::fromWire(wire, source);
        } catch (const std::exception &e) {
            throw CallError{grpc::StatusCode::INVALID_ARGUMENT, std::string("invalid network: ") + e.what()};
        }
    }

    std::vector<std::shared_ptr<const graph::Network>>
    networksOf(const google::protobuf::RepeatedPtrField<board::v1::Network> &wire) const
    {
        if (wire.size() > m_config.maxNetworksPerCall)
            throw CallError{grpc::StatusCode::INVALID_ARGUMENT,
                            std::to_string(wire.size()) + " networks; this service takes at most "
                                + std::to_string(m_config.maxNetworksPerCall) + " a call"};
        std::vector<std::shared_ptr<const graph::Network>> out(size_t(wire.size()));
        std::vector<int> index(size_t(wire.size()));
        std::iota(index.begin(), index.end(), 0);
        std::mutex errorMutex;
        std::string error;
        QtConcurrent::blockingMap(index, [&](int i) {
            try {
                out[size_t(i)] =
                    std::make_shared<graph::Network>(board::fromWire(wire[i], "network " + std::to_string(i)));
            } catch (const std::exception &e) {
                std::lock_guard lock(errorMutex);
                if (error.empty())
                    error = e.what();
            }
        });
        if (!error.empty())
            throw CallError{grpc::StatusCode::INVALID_ARGUMENT, "invalid network: " + error};
        return out;
    }

    // A session opened before a restart is read back from the store.
    std::shared_ptr<const SessionState> sessionOf(const std::string &key)
    {
        std::lock_guard lock(m_sessionsMutex);
        if (const auto it = m_sessions.find(key); it != m_sessions.end())
            return it->second;
        const auto platformId = m_store.sessionFile(key, "platform");
        const auto reference = m_store.sessionFile(key, "reference.yaml");
        const auto setting = m_store.sessionFile(key, "setting.yaml");
        if (!platformId || !reference || !setting)
            throw CallError{grpc::StatusCode::NOT_FOUND, "no session '" + key + "' (open one first)"};
        auto s = std::make_shared<SessionState>();
        for (const PlatformState &p : m_platforms)
            if (p.served.id == *platformId)
                s->platform = &p;
        if (!s->platform)
            throw CallError{grpc::StatusCode::NOT_FOUND,
                            "session '" + key + "' is on platform '" + *platformId + "', no longer served here"};
        s->reference = graph::parseNetworkYaml(*reference, "session " + key + " reference");
        s->setting = hardware::parseTargetSettingYaml(*setting, "session " + key + " setting", s->platform->platform,
                                                      {}, hardware::SettingOrigin::Recorded);
        m_sessions[key] = s;
        return s;
    }

    std::shared_ptr<std::mutex> requestLock(const std::string &id)
    {
        std::lock_guard lock(m_sessionsMutex);
        auto &slot = m_requestLocks[id];
        if (!slot)
            slot = std::make_shared<std::mutex>();
        return slot;
    }

    // A predictor version of the session, loaded once and shared by predictions.
    std::shared_ptr<const model::PerformanceModel> modelOf(const std::string &key, const SessionState &s,
                                                           unsigned version)
    {
        std::lock_guard lock(m_modelsMutex);
        const std::string id = key + "/" + std::to_string(version);
        if (const auto it = m_models.find(id); it != m_models.end())
            return it->second;
        auto model = std::make_shared<const model::PerformanceModel>(
            model::PerformanceModel::loadFromBytes(bytesOf(key, s, version), "predictor " + id));
        // Bounded: a long-lived service sees many sessions and versions; one dropped here
        // is loaded again when asked for (a prediction in flight keeps its copy).
        if (m_models.size() >= kLoadedModels)
            m_models.erase(m_models.begin());
        m_models[id] = model;
        return model;
    }

    std::string bytesOf(const std::string &key, const SessionState &s, unsigned version) const
    {
        if (version == 0)
            return s.platform->offlineBytes;
        const auto bytes = m_store.version(key, version);
        if (!bytes)
            throw CallError{grpc::StatusCode::NOT_FOUND,
                            "session '" + key + "' has no predictor version " + std::to_string(version)};
        return *bytes;
    }

    static std::vector<predictor::Figures> predictWith(const SessionState &s, const model::PerformanceModel &model,
                                                       const std::vector<std::shared_ptr<const graph::Network>> &nets)
    {
        std::vector<predictor::NetworkFeatures> features(nets.size());
        std::vector<size_t> index(nets.size());
        std::iota(index.begin(), index.end(), 0);
        QtConcurrent::blockingMap(index, [&](size_t i) {
            features[i] = predictor::networkFeatures(hardware::lowerNetwork(*nets[i]), s.platform->platform, s.setting);
        });
        std::vector<const predictor::NetworkFeatures *> ptrs;
        for (const auto &f : features)
            ptrs.push_back(&f);
        return model.predict(ptrs);
    }

    // A run stops rather than go on with fewer results (RecordingValidator); so does a
    // check here, unrecorded: asked again, it validates what is missing.
    static void stopIfUnavailable(const CollectingValidator &validator)
    {
        if (const std::string error = validator.transientError(); !error.empty())
            throw CallError{grpc::StatusCode::UNAVAILABLE, "validation unavailable: " + error};
    }

    void check(grpc::ServerContext *ctx, const SessionState &s, const v1::CheckRequest &request, v1::CheckReply &reply)
    {
        pipeline::Project project;
        try {
            project = pipeline::parseProject(request.project_yaml(), "the run's project");
        } catch (const std::exception &e) {
            throw CallError{grpc::StatusCode::INVALID_ARGUMENT, e.what()};
        }
        if (!project.referenceModels.empty())
            throw CallError{grpc::StatusCode::INVALID_ARGUMENT,
                            "the project names reference models for a transfer finetune; the service does not read "
                            "the client's files (leave reference_models out)"};
        pipeline::CheckStage stage;
        pipeline::FinetunePolicy policy;
        if (!pipeline::parseCheckStage(request.stage(), &stage))
            throw CallError{grpc::StatusCode::INVALID_ARGUMENT, "unknown check stage '" + request.stage() + "'"};
        if (!pipeline::parseFinetunePolicy(request.policy(), &policy))
            throw CallError{grpc::StatusCode::INVALID_ARGUMENT, "unknown finetune policy '" + request.policy() + "'"};
        const auto networks = networksOf(request.networks());
        if (request.accuracies_size() != int(networks.size()))
            throw CallError{grpc::StatusCode::INVALID_ARGUMENT, "one accuracy estimate per network is needed"};
        const pipeline::CheckContext context{project, s.reference, s.platform->platform, s.setting};
        model::PerformanceModel model = model::PerformanceModel::loadFromBytes(
            bytesOf(request.session_key(), s, request.predictor_version()), "the check's predictor");
        const CancelFlag cancel(ctx);
        const auto stopIfCancelled = [&] {
            if (cancel.flag()->load())
                throw CheckInterrupted{};
        };
        CollectingValidator validator(*s.platform->validator);
        const auto validateAndJudge = [&](size_t count) {
            validator.clear();
            const std::vector<std::shared_ptr<const graph::Network>> part(networks.begin(),
                                                                          networks.begin() + std::ptrdiff_t(count));
            pipeline::ValidatedNetworks v =
                pipeline::validateForCheck(context, validator, part, request.stage(), cancel.flag());
            stopIfCancelled();
            stopIfUnavailable(validator);
            std::vector<double> accuracies;
            for (const size_t i : v.indexInSample)
                accuracies.push_back(request.accuracies(int(i)));
            return std::pair(std::move(v), pipeline::judgeCheck(context, model, v.samples, accuracies, stage, policy));
        };
        // The same two parts as the run's own sequential check, decided by the same rule.
        const size_t firstPart = request.first_part();
        if (firstPart > networks.size())
            throw CallError{grpc::StatusCode::INVALID_ARGUMENT, "the first part is larger than the sample"};
        const auto [validated, summary] = pipeline::judgeInParts(
            project, firstPart, networks.size(), policy != pipeline::FinetunePolicy::Never, validateAndJudge);
        for (const auto &[cacheKey, metrics] : validator.collected())
            board::toWire(metrics, *reply.add_validated());
        for (const predictor::Figures &f : summary.predicted) {
            v1::Figures *out = reply.add_predicted();
            out->set_latency_seconds(f.latencySeconds);
            out->set_energy_joules(f.energyJoules);
            out->set_dram_bytes(f.dramBytes);
        }
        reply.set_decision(pipeline::checkDecisionName(summary.decision));
        reply.set_predictor_version(request.predictor_version());
        const bool finetune = policy == pipeline::FinetunePolicy::Always
                              || (summary.report.finetune && policy == pipeline::FinetunePolicy::WhenFailed);
        if (!finetune || validated.samples.empty())
            return;
        validator.clear();
        int aggChosen = 0;
        const pipeline::FinetuneOutcome outcome = pipeline::finetuneOnCheck(
            context, model, validator, validated.samples, stage, policy, request.search(),
            [&](int, int aggModels, int) { aggChosen = aggModels; }, stopIfCancelled, cancel.flag());
        stopIfUnavailable(validator);
        reply.set_finetuned(true);
        v1::Finetune &f = *reply.mutable_finetune();
        const pipeline::FinetuneSummary &m = outcome.summary;
        f.set_train_samples(m.trainSamples);
        f.set_held_out_samples(m.heldOutSamples);
        f.set_agg_models(m.aggModels);
        f.set_held_out_loss_before(m.heldOutLossBefore);
        f.set_held_out_loss_after(m.heldOutLossAfter);
        f.set_adopted(m.adopted);
        f.set_seconds(m.seconds);
        f.set_method(m.method);
        f.set_reference_samples(m.composition.reference);
        f.set_subnetwork_samples(m.composition.subnetworks);
        f.set_agg_predefined(m.composition.aggPredefined);
        f.set_agg_operation(m.composition.aggOperation);
        f.set_agg_structural(m.composition.aggStructural);
        f.set_agg_over_budget(outcome.aggOverBudget);
        f.set_agg_chosen(aggChosen);
        f.set_energy_from_predicted_power(outcome.report.energyFromPredictedPower);
        for (const model::RejectedMeasurement &x : outcome.report.implausible) {
            v1::Implausible *i = f.add_implausible();
            i->set_metric(predictor::metricName(x.metric));
            i->set_factor(x.factor);
        }
        for (const auto &[cacheKey, metrics] : validator.collected()) {
            v1::FinetuneValidation *v = reply.add_finetune_validations();
            v->set_key(cacheKey.toStdString());
            board::toWire(metrics, *v->mutable_result());
        }
        if (m.adopted)
            reply.set_predictor_version(
                m_store.addVersion(request.session_key(), model.toBytes(), request.request_id()));
    }

    const FinetunerConfig &m_config;
    ServiceStore &m_store;
    std::vector<PlatformState> &m_platforms;
    std::mutex m_sessionsMutex;
    std::map<std::string, std::shared_ptr<const SessionState>> m_sessions;
    std::map<std::string, std::shared_ptr<std::mutex>> m_requestLocks;
    std::mutex m_modelsMutex;
    std::map<std::string, std::shared_ptr<const model::PerformanceModel>> m_models;
};

} // namespace

struct FinetunerServer::Impl
{
    FinetunerConfig config;
    std::string ca, cert, key;
    std::unique_ptr<ServiceStore> store;
    std::vector<PlatformState> platforms;
    std::unique_ptr<FinetunerService> service;
    std::unique_ptr<grpc::Server> server;
};

FinetunerServer::FinetunerServer(FinetunerConfig config) : d(std::make_unique<Impl>())
{
    d->config = std::move(config);
    d->ca = board::readPemFile(d->config.caFile, "client CA certificate (tls.ca)");
    d->cert = board::readPemFile(d->config.certFile, "service certificate (tls.cert)");
    d->key = board::readPemFile(d->config.keyFile, "service key (tls.key)");
    d->store = std::make_unique<ServiceStore>(d->config.store);
    for (const ServedPlatform &served : d->config.platforms) {
        PlatformState p;
        p.served = served;
        p.platform = hardware::loadPlatform(served.platform);
        p.offlineBytes = model::loadModel(served.predictor).toBytes();
        // Journaled as many networks at a time as the backend validates at once.
        std::shared_ptr<validate::Validator> backend;
        size_t inFlight = 1;
        if (served.validator == ServiceValidatorKind::Board) {
            backend = std::make_shared<validate::BoardValidator>(served.board);
            inFlight = served.board.services.size();
        } else {
            backend = std::make_shared<validate::SimulatorValidator>(p.platform);
            inFlight = size_t(std::max(1, QThread::idealThreadCount()));
        }
        p.validator = std::make_shared<JournalValidator>(std::move(backend), *d->store, inFlight);
        d->platforms.push_back(std::move(p));
    }
    d->service = std::make_unique<FinetunerService>(d->config, *d->store, d->platforms);
}

FinetunerServer::~FinetunerServer()
{
    if (d->server)
        shutdown(1);
}

std::string FinetunerServer::start()
{
    const std::string address = board::startTlsServer(d->server, d->service.get(), d->config.listen, d->ca, d->cert,
                                                      d->key, d->config.maxMessageBytes);
    if (address.empty())
        throw FinetunerError(d->config.source + ": cannot listen on '" + d->config.listen
                             + "' (address in use, or the certificate and key do not match)");
    return address;
}

void FinetunerServer::shutdown(double graceSeconds)
{
    if (!d->server)
        return;
    d->server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(int64_t(graceSeconds * 1000)));
    d->server->Wait();
    d->server.reset();
}

} // namespace calibra::finetuner
