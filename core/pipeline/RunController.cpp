// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunController.h"

#include "RunCatalog.h"

#include <QtConcurrent>

#include <stdexcept>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace calibra::pipeline {

namespace {

// With both cores taken by a run, Fusion's paints (the log's scroll bar, the progress
// bar) took 10-270 ms (bench_runviews). On Linux the nice value is per thread and
// inherited by the threads this one starts; unprivileged processes cannot raise it
// again, so only the run's own worker thread calls this.
void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
}

} // namespace

RunController::RunController(QObject *parent) : QObject(parent)
{
    m_worker.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_result = m_watcher.result();
        Q_EMIT finished(m_result);
    });
}

RunController::~RunController()
{
    cancel();
    m_watcher.waitForFinished(); // the run stops after the step in progress
}

std::string RunController::start(const Project &project, const std::string &directory, const std::string &runsFolder)
{
    if (isRunning())
        throw std::logic_error("a run is going: cancel it or wait for it first");
    m_directory = directory.empty() ? newRunDirectory(runsFolder, project.name) : directory;
    launch([project, dir = m_directory] { return std::make_unique<Pipeline>(project, dir); });
    return m_directory;
}

void RunController::resume(const std::string &directory)
{
    if (isRunning())
        throw std::logic_error("a run is going: cancel it or wait for it first");
    m_directory = directory;
    launch([directory] { return Pipeline::resume(directory); });
}

void RunController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void RunController::launch(Open open)
{
    m_result = {};
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const auto cancel = m_cancel;
    const bool low = m_lowPriority;
    const RunAccess access = m_access;
    // Events are queued to this object: they arrive on its thread, in order, and are
    // dropped with it (the destructor waits for the worker first).
    m_watcher.setFuture(
        QtConcurrent::run(&m_worker, [this, open = std::move(open), cancel, low, access]() -> RunResult {
            if (low)
                lowerThisThreadsPriority();
            try {
                const std::unique_ptr<Pipeline> pipe = open();
                pipe->setAccess(access);
                QMetaObject::invokeMethod(
                    this,
                    [this, planned = pipe->plannedGenerations(false), project = pipe->project()] {
                        Q_EMIT opened(planned);
                        Q_EMIT projectOpened(project);
                    },
                    Qt::QueuedConnection);
                return pipe->run(cancel.get(), [this](const Event &e) {
                    QMetaObject::invokeMethod(
                        this, [this, e] { Q_EMIT eventArrived(e); }, Qt::QueuedConnection);
                });
            } catch (const std::exception &e) {
                RunResult r;
                r.error = e.what();
                return r;
            }
        }));
}

} // namespace calibra::pipeline
