// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One run driven from the calling thread, for the Runs tab and `calibra-cli run` alike:
// a new run (in a new directory named after the project when none is given) or a resumed
// one. The pipeline opens and runs on a worker thread of its own (opening reads the
// network, the predictor and the dataset: never on the GUI thread); its events arrive as
// signals on the controller's thread, in order; cancel() stops it after the step in
// progress, and the destructor cancels and waits. LibrePCB's BoardDesignRuleCheck is the
// pattern: copied inputs, a worker, progress signals, a typed result.
#include "Pipeline.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <string>

namespace calibra::pipeline {

class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    // A worker at a lower priority than the calling thread (nice 10 on Linux), and the
    // threads it starts (LibTorch's, the search's): a run takes every core, and a GUI
    // must stay smooth. Off by default (a command-line run has nothing to keep smooth).
    void setLowPriority(bool low) { m_lowPriority = low; }
    // How the run's last event tells the user to reach it (Pipeline::setAccess).
    void setAccess(RunAccess access) { m_access = std::move(access); }

    // Starts a new run of `project` in `directory`, or, when it is empty, in a new
    // directory under `runsFolder` (newRunDirectory). Returns the run's directory. Throws
    // std::logic_error while a run is going, std::runtime_error when the directory cannot
    // be made.
    std::string start(const Project &project, const std::string &directory, const std::string &runsFolder = "runs");
    // Resumes the run in `directory` with the project it recorded. Throws std::logic_error
    // while a run is going.
    void resume(const std::string &directory);
    void cancel(); // the run stops after the step in progress; finished() reports it
    bool isRunning() const { return m_watcher.isRunning(); }
    const std::string &directory() const { return m_directory; }
    const RunResult &result() const { return m_result; } // the last run's, once finished

Q_SIGNALS:
    // The pipeline is open: each search plans this many generations (its progress).
    void opened(int plannedGenerationsPerSearch);
    // Its project: the one given, or for a resumed run the one it recorded.
    void projectOpened(const calibra::pipeline::Project &project);
    void eventArrived(const calibra::pipeline::Event &event);
    void finished(const calibra::pipeline::RunResult &result);

private:
    using Open = std::function<std::unique_ptr<Pipeline>()>;
    void launch(Open open);

    QThreadPool m_worker;
    QFutureWatcher<RunResult> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::string m_directory;
    RunResult m_result;
    bool m_lowPriority = false;
    RunAccess m_access;
};

} // namespace calibra::pipeline
