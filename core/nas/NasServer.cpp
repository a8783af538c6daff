// SPDX-License-Identifier: GPL-3.0-or-later
#include "NasServer.h"

#include "NasRequest.h"
#include "SearchContainer.h"
#include "base/InputError.h"
#include "base/WholeFile.h"
#include "boardclient/GrpcTls.h"
#include "boardclient/NetworkWire.h"
#include "boardclient/PemFile.h"
#include "graph/NetworkFile.h"
#include "graph/YamlFormat.h"
#include "nasclient/nas.grpc.pb.h"
#include "pipeline/RunSnapshot.h"
#include "pipeline/RunStore.h"
#include "project/Project.h"

#include <QLockFile>
#include <QUuid>

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

namespace calibra::nas {

namespace {

namespace fs = std::filesystem;

class NasService final : public v1::Nas::Service
{
public:
    explicit NasService(const NasConfig &config) : m_config(config) {}

    // Reads the requests from before a restart and starts serving them. Requests keep
    // answering Status and Result. Their containers that still run are adopted (followed,
    // and cancelled on request); those that never started (no run directory), and runs
    // this service stopped as it shut down, wait again in submission order, unless
    // cancelled.
    void begin()
    {
        std::error_code error;
        fs::create_directories(m_config.runs, error);
        if (error)
            throw base::InputError(m_config.runs + ": cannot create the runs directory");
        std::vector<std::pair<fs::file_time_type, std::shared_ptr<NasRequest>>> waiting;
        for (const auto &entry : fs::directory_iterator(m_config.runs))
            if (entry.is_directory() && fs::exists(entry.path() / "project.yaml")) {
                auto r = std::make_shared<NasRequest>();
                r->id = entry.path().filename().string();
                r->directory = entry.path().string();
                r->cancelRequested = fs::exists(entry.path() / "cancelled");
                r->state = RequestState::Ended;
                const bool ended = recordedEnd(*r, &r->error);
                std::unique_ptr<SearchContainer> container;
                if (!ended)
                    container = adoptContainer(m_config, ContainerFiles::of(r->directory));
                if (container) {
                    r->container = std::move(container);
                    r->state = RequestState::Running;
                    ++m_running;
                } else if (!r->cancelRequested && (!fs::exists(entry.path() / "run") || stoppedByService(*r))) {
                    r->state = RequestState::Queued;
                    r->error.clear();
                    waiting.push_back({fs::last_write_time(entry.path() / "project.yaml"), r});
                }
                m_requests[r->id] = r;
            }
        std::sort(waiting.begin(), waiting.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[time, r] : waiting)
            m_queue.push_back(r);
        m_supervisor = std::thread([this] { supervise(); });
    }

    // The service is going: nothing more starts, and a worker that stops now (a signal
    // that reached it directly, as systemd sends one to every process of the service)
    // resumes when the service starts again.
    void stopStarting()
    {
        std::lock_guard lock(m_mutex);
        m_shuttingDown = true;
    }

    ~NasService() override
    {
        if (!m_supervisor.joinable())
            return; // never began
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
            m_shuttingDown = true;
        }
        m_changed.notify_all();
        m_supervisor.join();
        // Workers on this host stop with the service, resumable, and resume when it starts
        // again; Slurm jobs go on and are adopted then.
        std::vector<std::shared_ptr<SearchContainer>> stopping;
        for (auto &[id, r] : m_requests)
            if (r->container && r->container->stopsWithService()) {
                if (!r->cancelRequested)
                    markStoppedByService(*r);
                r->container->cancel();
                stopping.push_back(r->container);
            }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        for (const auto &c : stopping)
            while (!c->poll() && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }

    grpc::Status Submit(grpc::ServerContext *ctx, const v1::SubmitRequest *request, v1::SubmitReply *reply) override
    {
        if (grpc::Status s = authorize(ctx); !s.ok())
            return s;
        auto r = std::make_shared<NasRequest>();
        r->id = QUuid::createUuid().toString(QUuid::Id128).left(12).toStdString();
        r->directory = (fs::path(m_config.runs) / r->id).string();
        pipeline::Project p;
        graph::Network reference;
        try {
            p = pipeline::parseProject(request->project_yaml(), "the submitted project");
            reference = board::fromWire(request->reference(), "the submitted reference");
        } catch (const std::exception &e) {
            return {grpc::StatusCode::INVALID_ARGUMENT, e.what()};
        }
        if (const std::string refused = refusal(p); !refused.empty())
            return {grpc::StatusCode::INVALID_ARGUMENT, refused};
        if (p.finetuner.enabled() && m_config.finetunerCert.empty())
            return {grpc::StatusCode::FAILED_PRECONDITION,
                    "the project names a finetuning service, and this NAS service has no certificate for one "
                    "(finetuner_tls in its configuration)"};
        const std::string projectFile = (fs::path(r->directory) / "project.yaml").string();
        p.file = projectFile;
        p.reference = "reference.yaml";
        p.referenceInputShape.clear(); // the reference arrives sized
        if (p.finetuner.enabled()) {
            p.finetuner.caFile = m_config.finetunerCa;
            p.finetuner.certFile = m_config.finetunerCert;
            p.finetuner.keyFile = m_config.finetunerKey;
        }
        try {
            fs::create_directories(r->directory);
            graph::saveNetwork(reference, (fs::path(r->directory) / "reference.yaml").string());
            // Written whole, then renamed: the supervisor never starts a half-written project.
            const std::string text = pipeline::projectToYaml(p);
            const std::string part = projectFile + ".part";
            std::ofstream out(part, std::ios::binary | std::ios::trunc);
            out << text;
            out.close();
            if (!out)
                throw std::runtime_error(part + ": cannot write (disk full?)");
            fs::rename(part, projectFile);
        } catch (const std::exception &e) {
            std::error_code ignored;
            fs::remove_all(r->directory, ignored);
            return {grpc::StatusCode::INTERNAL, std::string("cannot store the request: ") + e.what()};
        }
        {
            std::lock_guard lock(m_mutex);
            m_requests[r->id] = r;
            m_queue.push_back(r);
        }
        m_changed.notify_all();
        reply->set_request_id(r->id);
        return grpc::Status::OK;
    }

    grpc::Status Status(grpc::ServerContext *ctx, const v1::StatusRequest *request, v1::StatusReply *reply) override
    {
        std::shared_ptr<NasRequest> r;
        if (grpc::Status s = lookUp(ctx, request->request_id(), &r); !s.ok())
            return s;
        const NasRequest copy = snapshotRequest(*r);
        const auto run = snapshotOf(copy);
        reply->set_state(stateName(copy, run ? run->status : pipeline::RunStatus::Unknown));
        reply->set_run_status(run ? pipeline::runStatusName(run->status) : "");
        if (run) {
            reply->set_events(int(run->events.size()));
            if (!run->events.empty()) {
                reply->set_last_message(run->events.back().message);
                reply->set_last_text_json(run->events.back().text.toJson());
            }
        }
        reply->set_error(copy.error);
        if (copy.container)
            reply->set_container(copy.container->describe());
        return grpc::Status::OK;
    }

    grpc::Status Watch(grpc::ServerContext *ctx, const v1::WatchRequest *request,
                       grpc::ServerWriter<v1::Event> *writer) override
    {
        std::shared_ptr<NasRequest> r;
        if (grpc::Status s = lookUp(ctx, request->request_id(), &r); !s.ok())
            return s;
        int next = std::max(0, request->from_event());
        for (;;) {
            const bool ended = snapshotRequest(*r).state == RequestState::Ended; // before reading: no event lost
            const auto run = snapshotOf(*r);
            if (run)
                for (; next < int(run->events.size()); ++next) {
                    const pipeline::Event &e = run->events[size_t(next)];
                    v1::Event out;
                    out.set_index(next);
                    out.set_kind(pipeline::eventKindName(e.kind));
                    out.set_search(e.search);
                    out.set_generation(e.generation);
                    out.set_message(e.message);
                    out.set_text_json(e.text.toJson());
                    if (!writer->Write(out))
                        return grpc::Status::OK; // the client went away
                }
            if (ended || ctx->IsCancelled())
                return grpc::Status::OK;
            std::unique_lock lock(m_mutex);
            m_changed.wait_for(lock, std::chrono::milliseconds(300));
        }
    }

    grpc::Status Cancel(grpc::ServerContext *ctx, const v1::CancelRequest *request, v1::CancelReply *reply) override
    {
        if (grpc::Status s = authorize(ctx); !s.ok())
            return s;
        std::unique_lock lock(m_mutex);
        const auto it = m_requests.find(request->request_id());
        reply->set_found(it != m_requests.end());
        if (it == m_requests.end())
            return grpc::Status::OK;
        NasRequest &r = *it->second;
        if (r.state == RequestState::Ended)
            return grpc::Status::OK; // nothing to stop: an interrupted run stays "interrupted"
        r.cancelRequested = true;
        std::ofstream(fs::path(r.directory) / "cancelled") << "cancelled\n"; // kept over a restart
        std::shared_ptr<SearchContainer> container;
        if (r.state == RequestState::Queued) {
            std::erase_if(m_queue, [&](const auto &q) { return q->id == r.id; });
            r.state = RequestState::Ended;
        } else if (r.state == RequestState::Running) {
            container = r.container; // none yet while it starts: the supervisor cancels it then
        }
        lock.unlock();
        if (container)
            container->cancel(); // stops as on Ctrl-C (for a Slurm job, scancel)
        m_changed.notify_all();
        return grpc::Status::OK;
    }

    grpc::Status Resume(grpc::ServerContext *ctx, const v1::ResumeRequest *request, v1::ResumeReply *) override
    {
        std::shared_ptr<NasRequest> r;
        if (grpc::Status s = lookUp(ctx, request->request_id(), &r); !s.ok())
            return s;
        const auto run = snapshotOf(snapshotRequest(*r));
        std::lock_guard lock(m_mutex);
        const std::string state = stateName(*r, run ? run->status : pipeline::RunStatus::Unknown);
        if (r->state != RequestState::Ended || state == "finished" || state == "running")
            return {grpc::StatusCode::FAILED_PRECONDITION,
                    "request '" + r->id + "' is " + state + ": only a cancelled, interrupted or failed one resumes"};
        std::error_code ignored;
        fs::remove(fs::path(r->directory) / "cancelled", ignored);
        r->cancelRequested = false;
        r->error.clear();
        r->state = RequestState::Queued;
        m_queue.push_back(r);
        m_changed.notify_all();
        return grpc::Status::OK;
    }

    grpc::Status Result(grpc::ServerContext *ctx, const v1::ResultRequest *request, v1::ResultReply *reply) override
    {
        std::shared_ptr<NasRequest> r;
        if (grpc::Status s = lookUp(ctx, request->request_id(), &r); !s.ok())
            return s;
        const NasRequest copy = snapshotRequest(*r);
        const auto run = snapshotOf(copy);
        const std::string state = stateName(copy, run ? run->status : pipeline::RunStatus::Unknown);
        if (state != "finished")
            return {grpc::StatusCode::FAILED_PRECONDITION,
                    "request '" + copy.id + "' is " + state + ": only a finished run has a result"};
        const fs::path dir = runDirectory(copy);
        reply->set_report_json(base::readWholeFile(dir / "report.json").value_or(""));
        reply->set_report_html(base::readWholeFile(dir / "report.html").value_or(""));
        if (fs::exists(dir / "final_model.onnx"))
            reply->set_final_model_onnx(base::readWholeFile(dir / "final_model.onnx").value_or(""));
        if (request->omit_run_store())
            return grpc::Status::OK;
        std::string store, error;
        if (!copyStore(copy, &store, &error))
            return {grpc::StatusCode::INTERNAL, "cannot copy the run's store: " + error};
        reply->set_run_store(std::move(store));
        return grpc::Status::OK;
    }

    grpc::Status Snapshot(grpc::ServerContext *ctx, const v1::SnapshotRequest *request,
                          v1::SnapshotReply *reply) override
    {
        std::shared_ptr<NasRequest> r;
        if (grpc::Status s = lookUp(ctx, request->request_id(), &r); !s.ok())
            return s;
        const NasRequest copy = snapshotRequest(*r);
        // The version first: a write after it makes the next call copy again, never miss.
        const std::string version = storeVersion(copy);
        const auto run = snapshotOf(copy);
        reply->set_state(stateName(copy, run ? run->status : pipeline::RunStatus::Unknown));
        if (!run || version.empty() || !storeReadyForClients(copy, run->status))
            return grpc::Status::OK;
        reply->set_version(version);
        if (version == request->known_version())
            return grpc::Status::OK;
        std::string store, error;
        if (!copyStore(copy, &store, &error))
            return {grpc::StatusCode::INTERNAL, "cannot copy the run's store: " + error};
        reply->set_run_store(std::move(store));
        return grpc::Status::OK;
    }

private:
    // What a client may ask this host to run: the search itself, nothing that reads the
    // host's files or reaches other machines with its certificates. The project names a
    // finetuning service (which validates), or simulates a built-in platform with the
    // shipped predictor; a named dataset; no measurement table or reference models.
    static std::string refusal(const pipeline::Project &p)
    {
        if (!p.finetuner.enabled()) {
            if (p.validator != pipeline::ValidatorKind::Simulator)
                return std::string("the NAS service does not validate with '")
                       + pipeline::validatorKindName(p.validator)
                       + "' for its clients: name a finetuning service (finetuner:), which validates";
            if (p.platform.rfind("builtin:", 0) != 0 || p.predictor.rfind("builtin:", 0) != 0)
                return "the NAS service reads no platform or predictor file for its clients: use builtin: ones, or "
                       "name a finetuning service (finetuner:)";
        }
        if (!p.referenceModels.empty())
            return "the NAS service reads no reference-device models (check.references) for its clients";
        if (p.dataset.find('/') != std::string::npos || p.dataset.find('\\') != std::string::npos)
            return "the NAS service trains on the datasets it has by name (such as fashion-mnist), not on a path";
        return {};
    }

    grpc::Status authorize(grpc::ServerContext *ctx) const
    {
        return board::authorizeClient(ctx, [this](const std::string &name) {
            return std::find(m_config.clients.begin(), m_config.clients.end(), name) != m_config.clients.end();
        });
    }

    // An authorized client's request by id, or the status that says why there is none.
    grpc::Status lookUp(grpc::ServerContext *ctx, const std::string &id, std::shared_ptr<NasRequest> *out)
    {
        if (grpc::Status s = authorize(ctx); !s.ok())
            return s;
        *out = find(id);
        if (!*out)
            return {grpc::StatusCode::NOT_FOUND, "no request '" + id + "' on this service"};
        return grpc::Status::OK;
    }

    std::shared_ptr<NasRequest> find(const std::string &id)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_requests.find(id);
        return it == m_requests.end() ? nullptr : it->second;
    }

    NasRequest snapshotRequest(const NasRequest &r)
    {
        std::lock_guard lock(m_mutex);
        return r;
    }

    // Starts queued requests while fewer than max_running run, and follows the running
    // containers to their end. Containers are started and asked outside the lock (sbatch and
    // scontrol may take seconds).
    void supervise()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            while (!m_shuttingDown && !m_queue.empty() && m_running < m_config.maxRunning) {
                const std::shared_ptr<NasRequest> r = m_queue.front();
                m_queue.pop_front();
                r->state = RequestState::Running;
                ++m_running;
                lock.unlock();
                std::shared_ptr<SearchContainer> container;
                std::string error;
                try {
                    const ContainerFiles files = ContainerFiles::of(r->directory);
                    clearStoppedByService(*r);
                    clearEnd(*r);
                    container = startContainer(m_config, files);
                } catch (const std::exception &e) {
                    error = e.what();
                }
                lock.lock();
                if (!container) {
                    r->state = RequestState::Ended;
                    r->error = error;
                    recordEnd(*r);
                    --m_running;
                } else {
                    r->container = container;
                    if (r->cancelRequested) { // while it started
                        lock.unlock();
                        container->cancel();
                        lock.lock();
                    }
                }
                m_changed.notify_all();
            }
            std::vector<std::shared_ptr<NasRequest>> running;
            for (const auto &[id, r] : m_requests)
                if (r->state == RequestState::Running && r->container)
                    running.push_back(r);
            lock.unlock();
            struct Ended
            {
                std::shared_ptr<NasRequest> request;
                ContainerEnd end;
                bool interrupted = false; // its run stopped resumably
            };
            std::vector<Ended> ended;
            for (const auto &r : running)
                if (std::optional<ContainerEnd> end = r->container->poll())
                    ended.push_back({r, *end});
            for (Ended &e : ended) {
                // A run that finished or failed says so itself; a container that ended
                // without one says nothing unless told to.
                const auto run = snapshotOf(*e.request);
                if (run && (run->status == pipeline::RunStatus::Finished || run->status == pipeline::RunStatus::Failed))
                    e.end.abnormal.clear();
                else if (!run && e.end.abnormal.empty())
                    e.end.abnormal =
                        "the search ended before it started its run; see worker.log in the request's folder";
                e.interrupted = run && run->status == pipeline::RunStatus::Interrupted;
            }
            lock.lock();
            for (const Ended &e : ended) {
                NasRequest &r = *e.request;
                r.container.reset();
                --m_running;
                forgetContainer(ContainerFiles::of(r.directory));
                // Stopped by this service (as it shuts down now, or before a restart that
                // adopted it): it resumes, now or when the service starts again.
                if (!r.cancelRequested && e.end.abnormal.empty() && e.interrupted
                    && (m_shuttingDown || markedStoppedByService(r))) {
                    if (m_shuttingDown) {
                        markStoppedByService(r);
                        r.state = RequestState::Ended;
                    } else {
                        r.state = RequestState::Queued;
                        m_queue.push_back(e.request);
                    }
                    continue;
                }
                clearStoppedByService(r);
                r.error = r.cancelRequested ? std::string() : e.end.abnormal;
                r.state = RequestState::Ended;
                recordEnd(r);
            }
            if (!ended.empty())
                m_changed.notify_all();
            m_changed.wait_for(lock, std::chrono::milliseconds(250));
        }
    }

    const NasConfig &m_config;
    std::mutex m_mutex;
    std::condition_variable m_changed; // a request queued, started or ended
    std::map<std::string, std::shared_ptr<NasRequest>> m_requests;
    std::deque<std::shared_ptr<NasRequest>> m_queue;
    int m_running = 0;
    bool m_stopping = false;     // the supervisor ends
    bool m_shuttingDown = false; // nothing starts; workers that stop now resume after a restart
    std::thread m_supervisor;
};

} // namespace

struct NasServer::Impl
{
    NasConfig config;
    std::string ca, cert, key;
    std::unique_ptr<QLockFile> runsLock; // one service per runs folder; released last
    std::unique_ptr<NasService> service;
    std::unique_ptr<grpc::Server> server;
};

NasServer::NasServer(NasConfig config) : d(std::make_unique<Impl>())
{
    d->config = std::move(config);
    d->ca = board::readPemFile(d->config.caFile, "client CA certificate (tls.ca)");
    d->cert = board::readPemFile(d->config.certFile, "service certificate (tls.cert)");
    d->key = board::readPemFile(d->config.keyFile, "service key (tls.key)");
}

NasServer::~NasServer()
{
    if (d->server)
        shutdown(1);
}

std::string NasServer::start()
{
    // Two services on one runs folder would start, adopt and stop each other's searches.
    std::error_code error;
    fs::create_directories(d->config.runs, error);
    auto lock =
        std::make_unique<QLockFile>(QString::fromStdString((fs::path(d->config.runs) / ".service.lock").string()));
    lock->setStaleLockTime(0); // held as long as its holder lives
    if (!lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, program;
        lock->getLockInfo(&pid, &host, &program);
        throw base::InputError(d->config.runs + ": another NAS service (" + program.toStdString() + ", pid "
                               + std::to_string(pid) + " on " + host.toStdString() + ") serves this runs folder");
    }
    d->runsLock = std::move(lock);
    d->service = std::make_unique<NasService>(d->config);
    const std::string address =
        board::startTlsServer(d->server, d->service.get(), d->config.listen, d->ca, d->cert, d->key, 256 << 20);
    if (address.empty())
        throw base::InputError(d->config.source + ": cannot listen on '" + d->config.listen
                               + "' (address in use, or the certificate and key do not match)");
    d->service->begin(); // only once it serves: a service that cannot listen touches no search
    return address;
}

void NasServer::shutdown(double graceSeconds)
{
    if (!d->server)
        return;
    d->service->stopStarting();
    d->server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(int64_t(graceSeconds * 1000)));
    d->server->Wait();
    d->server.reset();
}

} // namespace calibra::nas
