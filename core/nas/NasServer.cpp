// SPDX-License-Identifier: GPL-3.0-or-later
#include "NasServer.h"

#include "base/InputError.h"
#include "boardclient/GrpcTls.h"
#include "boardclient/NetworkWire.h"
#include "boardclient/PemFile.h"
#include "graph/NetworkFile.h"
#include "graph/YamlFormat.h"
#include "nasclient/nas.grpc.pb.h"
#include "pipeline/RunSnapshot.h"
#include "pipeline/RunStore.h"
#include "project/Project.h"

#include <QCoreApplication>
#include <QDir>
#include <QUuid>

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace calibra::nas {

namespace {

namespace fs = std::filesystem;

enum class RequestState { Queued, Running, Ended };

struct Request
{
    std::string id, directory;
    RequestState state = RequestState::Queued;
    pid_t pid = 0;
    bool cancelRequested = false;
    std::string error; // the worker could not start, or exited without a run
};

std::string runDirectory(const Request &r)
{
    return (fs::path(r.directory) / "run").string();
}

// The state a client sees: the container's, then the run store's once the worker ended.
std::string stateName(const Request &r, pipeline::RunStatus run)
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
    // A live process holds the run's lock: a worker started before a restart, going on
    // alone (not adopted: Cancel cannot reach it).
    case pipeline::RunStatus::Running: return "running";
    default: return r.cancelRequested ? "cancelled" : "failed"; // cancelled before its run began
    }
}

std::optional<pipeline::RunSnapshot> snapshotOf(const Request &r)
{
    try {
        return pipeline::readRunSnapshot(runDirectory(r));
    } catch (const std::exception &) {
        return std::nullopt; // not started yet, or the worker failed before opening the run
    }
}

std::string readWhole(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class NasService final : public v1::Nas::Service
{
public:
    explicit NasService(const NasConfig &config) : m_config(config)
    {
        std::error_code error;
        fs::create_directories(m_config.runs, error);
        if (error)
            throw base::InputError(m_config.runs + ": cannot create the runs directory");
        // Requests from before a restart keep answering Status and Result; those that never
        // started (no run directory) and were not cancelled wait again, in submission order.
        std::vector<std::pair<fs::file_time_type, std::shared_ptr<Request>>> waiting;
        for (const auto &entry : fs::directory_iterator(m_config.runs))
            if (entry.is_directory() && fs::exists(entry.path() / "project.yaml")) {
                auto r = std::make_shared<Request>();
                r->id = entry.path().filename().string();
                r->directory = entry.path().string();
                r->cancelRequested = fs::exists(entry.path() / "cancelled");
                r->state = RequestState::Ended;
                if (!r->cancelRequested && !fs::exists(entry.path() / "run")) {
                    r->state = RequestState::Queued;
                    waiting.push_back({fs::last_write_time(entry.path() / "project.yaml"), r});
                }
                m_requests[r->id] = r;
            }
        std::sort(waiting.begin(), waiting.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[time, r] : waiting)
            m_queue.push_back(r);
        m_scheduler = std::thread([this] { schedule(); });
    }

    ~NasService() override
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
            for (auto &[id, r] : m_requests)
                if (r->state == RequestState::Running)
                    ::kill(r->pid, SIGINT); // resumable, as Ctrl-C leaves it
        }
        m_changed.notify_all();
        m_scheduler.join();
        for (std::thread &t : m_waiters)
            t.join();
    }

    grpc::Status Submit(grpc::ServerContext *ctx, const v1::SubmitRequest *request, v1::SubmitReply *reply) override
    {
        if (grpc::Status s = authorize(ctx); !s.ok())
            return s;
        auto r = std::make_shared<Request>();
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
        if (p.finetuner.enabled()) {
            p.finetuner.caFile = m_config.finetunerCa;
            p.finetuner.certFile = m_config.finetunerCert;
            p.finetuner.keyFile = m_config.finetunerKey;
        }
        try {
            fs::create_directories(r->directory);
            graph::saveNetwork(reference, (fs::path(r->directory) / "reference.yaml").string());
            // Written whole, then renamed: the scheduler never starts a half-written project.
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
        if (grpc::Status s = authorize(ctx); !s.ok())
            return s;
        const auto r = find(request->request_id());
        if (!r)
            return {grpc::StatusCode::NOT_FOUND, "no request '" + request->request_id() + "' on this service"};
        const Request copy = snapshotRequest(*r);
        const auto run = snapshotOf(copy);
        reply->set_state(stateName(copy, run ? run->status : pipeline::RunStatus::Unknown));
        reply->set_run_status(run ? pipeline::runStatusName(run->status) : "");
        if (run) {
            reply->set_events(int(run->events.size()));
            if (!run->events.empty())
                reply->set_last_message(run->events.back().message);
        }
        reply->set_error(copy.error);
        return grpc::Status::OK;
    }

    grpc::Status Watch(grpc::ServerContext *ctx, const v1::WatchRequest *request,
                       grpc::ServerWriter<v1::Event> *writer) override
    {
        if (grpc::Status s = authorize(ctx); !s.ok())
            return s;
        const auto r = find(request->request_id());
        if (!r)
            return {grpc::StatusCode::NOT_FOUND, "no request '" + request->request_id() + "' on this service"};
        int next = std::max(0, request->from_event());
        for (;;) {
            bool ended = snapshotRequest(*r).state == RequestState::Ended; // before reading: no event lost
            const auto run = snapshotOf(*r);
            if (run && run->status == pipeline::RunStatus::Running)
                ended = false; // a worker from before a restart still writes to it
            if (run)
                for (; next < int(run->events.size()); ++next) {
                    const pipeline::Event &e = run->events[size_t(next)];
                    v1::Event out;
                    out.set_index(next);
                    out.set_kind(pipeline::eventKindName(e.kind));
                    out.set_search(e.search);
                    out.set_generation(e.generation);
                    out.set_message(e.message);
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
        std::lock_guard lock(m_mutex);
        const auto it = m_requests.find(request->request_id());
        reply->set_found(it != m_requests.end());
        if (it == m_requests.end())
            return grpc::Status::OK;
        Request &r = *it->second;
        r.cancelRequested = true;
        std::ofstream(fs::path(r.directory) / "cancelled") << "cancelled\n"; // kept over a restart
        if (r.state == RequestState::Queued) {
            std::erase_if(m_queue, [&](const auto &q) { return q->id == r.id; });
            r.state = RequestState::Ended;
        } else if (r.state == RequestState::Running) {
            ::kill(r.pid, SIGINT); // the worker stops cleanly, as on Ctrl-C
        }
        m_changed.notify_all();
        return grpc::Status::OK;
    }

    grpc::Status Result(grpc::ServerContext *ctx, const v1::ResultRequest *request, v1::ResultReply *reply) override
    {
        if (grpc::Status s = authorize(ctx); !s.ok())
            return s;
        const auto r = find(request->request_id());
        if (!r)
            return {grpc::StatusCode::NOT_FOUND, "no request '" + request->request_id() + "' on this service"};
        const Request copy = snapshotRequest(*r);
        const auto run = snapshotOf(copy);
        const std::string state = stateName(copy, run ? run->status : pipeline::RunStatus::Unknown);
        if (state != "finished")
            return {grpc::StatusCode::FAILED_PRECONDITION,
                    "request '" + copy.id + "' is " + state + ": only a finished run has a result"};
        const fs::path dir = runDirectory(copy);
        reply->set_report_json(readWhole(dir / "report.json"));
        reply->set_report_html(readWhole(dir / "report.html"));
        if (fs::exists(dir / "final_model.onnx"))
            reply->set_final_model_onnx(readWhole(dir / "final_model.onnx"));
        try {
            // A name of its own per call: two fetches at once must not share the file.
            const fs::path file = fs::path(copy.directory)
                                  / ("store-" + QUuid::createUuid().toString(QUuid::Id128).toStdString() + ".sqlite");
            pipeline::RunStore(dir.string(), pipeline::RunStore::ReadOnly{}).copyTo(file.string());
            reply->set_run_store(readWhole(file));
            std::error_code ignored;
            fs::remove(file, ignored);
        } catch (const std::exception &e) {
            return {grpc::StatusCode::INTERNAL, std::string("cannot copy the run's store: ") + e.what()};
        }
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

    std::shared_ptr<Request> find(const std::string &id)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_requests.find(id);
        return it == m_requests.end() ? nullptr : it->second;
    }

    Request snapshotRequest(const Request &r)
    {
        std::lock_guard lock(m_mutex);
        return r;
    }

    std::string workerProgram() const
    {
        if (!m_config.worker.empty())
            return m_config.worker;
        return QDir(QCoreApplication::applicationDirPath()).filePath("calibra-cli").toStdString();
    }

    // Starts queued requests while fewer than max_running run.
    void schedule()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            while (!m_queue.empty() && m_running < m_config.maxRunning) {
                const std::shared_ptr<Request> r = m_queue.front();
                m_queue.pop_front();
                startWorker(*r);
            }
            m_changed.wait(lock);
        }
    }

    // With m_mutex held.
    void startWorker(Request &r)
    {
        const std::string program = workerProgram();
        const std::string project = (fs::path(r.directory) / "project.yaml").string();
        const std::string run = runDirectory(r);
        const std::string log = (fs::path(r.directory) / "worker.log").string();
        std::vector<std::string> args{program, "run", project, "-d", run};
        std::vector<char *> argv;
        for (std::string &a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
        // The service blocks SIGINT in its threads (sigwait takes it); the worker must not
        // inherit that, or Cancel could not interrupt it.
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        sigset_t none;
        sigemptyset(&none);
        posix_spawnattr_setsigmask(&attributes, &none);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
        pid_t pid = 0;
        const int error = posix_spawn(&pid, program.c_str(), &files, &attributes, argv.data(), environ);
        posix_spawnattr_destroy(&attributes);
        posix_spawn_file_actions_destroy(&files);
        if (error != 0) {
            r.state = RequestState::Ended;
            r.error = "cannot start the worker " + program + ": " + std::strerror(error);
            return;
        }
        r.pid = pid;
        r.state = RequestState::Running;
        ++m_running;
        m_waiters.emplace_back([this, pid, &r] {
            int status = 0;
            waitpid(pid, &status, 0);
            std::lock_guard lock(m_mutex);
            // A worker killed by a signal other than the cancel's (a crash, the OOM killer)
            // left a run that says "running": say what happened.
            if (WIFSIGNALED(status) && !(r.cancelRequested && WTERMSIG(status) == SIGINT))
                r.error = "the worker (pid " + std::to_string(pid) + ") was killed by signal "
                          + std::to_string(WTERMSIG(status)) + "; see worker.log in the request's folder";
            r.state = RequestState::Ended;
            --m_running;
            m_changed.notify_all();
        });
    }

    const NasConfig &m_config;
    std::mutex m_mutex;
    std::condition_variable m_changed; // a request queued, started or ended
    std::map<std::string, std::shared_ptr<Request>> m_requests;
    std::deque<std::shared_ptr<Request>> m_queue;
    int m_running = 0;
    bool m_stopping = false;
    std::thread m_scheduler;
    std::vector<std::thread> m_waiters;
};

} // namespace

struct NasServer::Impl
{
    NasConfig config;
    std::string ca, cert, key;
    std::unique_ptr<NasService> service;
    std::unique_ptr<grpc::Server> server;
};

NasServer::NasServer(NasConfig config) : d(std::make_unique<Impl>())
{
    d->config = std::move(config);
    d->ca = board::readPemFile(d->config.caFile, "client CA certificate (tls.ca)");
    d->cert = board::readPemFile(d->config.certFile, "service certificate (tls.cert)");
    d->key = board::readPemFile(d->config.keyFile, "service key (tls.key)");
    d->service = std::make_unique<NasService>(d->config);
}

NasServer::~NasServer()
{
    if (d->server)
        shutdown(1);
}

std::string NasServer::start()
{
    const std::string address =
        board::startTlsServer(d->server, d->service.get(), d->config.listen, d->ca, d->cert, d->key, 256 << 20);
    if (address.empty())
        throw base::InputError(d->config.source + ": cannot listen on '" + d->config.listen
                               + "' (address in use, or the certificate and key do not match)");
    return address;
}

void NasServer::shutdown(double graceSeconds)
{
    if (!d->server)
        return;
    d->server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(int64_t(graceSeconds * 1000)));
    d->server->Wait();
    d->server.reset();
}

} // namespace calibra::nas
