// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Background work for a view, where the newest request wins: a layout, a simulation, a
// file to load, a store to read. One task runs at a time on the global thread pool with
// a cancellation flag. start() while one runs asks it to stop and queues the new request
// (replacing any queued one); the stopped task's result is dropped and the queued one
// starts. Only the result of the newest request reaches the handler, on the owner's
// thread. cancel() drops the running task's result (the request it answers is stale). The
// destructor cancels and waits for the running task, so a task never reports to a view
// that is gone; each task's own deadline bounds that wait.
//
// Qt Creator's Utils::Async is the pattern; this keeps only what the views need.
#include <QFutureWatcher>
#include <QtConcurrent>

#include <atomic>
#include <functional>
#include <memory>

namespace calibra::widgets {

template <typename T> class LatestTask
{
public:
    // The work gets its cancellation flag: a long task checks it and returns early.
    using Work = std::function<T(const std::atomic<bool> &cancelled)>;
    using Handler = std::function<void(T)>;

    LatestTask(QObject *owner, Handler onResult) : m_onResult(std::move(onResult))
    {
        QObject::connect(&m_watcher, &QFutureWatcherBase::finished, owner, [this] { onFinished(); });
    }
    ~LatestTask()
    {
        cancel();
        m_watcher.waitForFinished();
    }
    LatestTask(const LatestTask &) = delete;
    LatestTask &operator=(const LatestTask &) = delete;

    void start(Work work)
    {
        if (m_busy) {
            m_next = std::move(work);
            m_cancelled->store(true);
            return;
        }
        run(std::move(work));
    }

    // The running task's result, and any queued request, are dropped.
    void cancel()
    {
        m_next = nullptr;
        if (m_cancelled)
            m_cancelled->store(true);
    }

    // A task runs, or has ended with its end not yet handled on the owner's thread, or is
    // queued (a cancelled task counts until its end is handled, though its result is
    // dropped). The future's own state is not enough: it ends on the worker thread before
    // the watcher's signal arrives here.
    bool isRunning() const { return m_busy; }

    // Called on the owner's thread each time the task turns idle, whether its result was
    // delivered or dropped: a view that queues its own requests behind this one drains its
    // queue here, since a cancelled task never reaches the result handler.
    void onIdle(std::function<void()> handler) { m_onIdle = std::move(handler); }

private:
    void run(Work work)
    {
        m_busy = true;
        m_cancelled = std::make_shared<std::atomic<bool>>(false);
        m_watcher.setFuture(
            QtConcurrent::run([work = std::move(work), cancelled = m_cancelled]() -> T { return work(*cancelled); }));
    }

    void onFinished()
    {
        if (m_next) {
            Work next = std::move(m_next);
            m_next = nullptr;
            run(std::move(next));
            return;
        }
        m_busy = false;
        if (!m_cancelled->load())
            m_onResult(m_watcher.result());
        if (!m_busy && m_onIdle) // the handler may have started the next task
            m_onIdle();
    }

    Handler m_onResult;
    std::function<void()> m_onIdle;
    QFutureWatcher<T> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    Work m_next;         // the newest request, waiting for the running task to stop
    bool m_busy = false; // from run() until onFinished() has handled that task's end
};

} // namespace calibra::widgets
