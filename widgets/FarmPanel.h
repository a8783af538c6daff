// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Farm tab: Calibra's Slurm jobs (searches and validation batches) with state, node,
// time, and each search's run directory and progress; submit project files as search
// jobs, follow a search's run in the Runs tab, cancel jobs. Every Slurm command runs
// on a worker thread; the list refreshes every few seconds while the tab is shown.
#include "LatestTask.h"
#include "pipeline/SearchJobs.h"

#include <QWidget>

#include <functional>
#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace calibra::widgets {

class FarmPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FarmPanel(QWidget *parent = nullptr);
    ~FarmPanel() override;

    // Slurm's configuration file ("" = Slurm's default).
    void setSlurmConf(const QString &path);
    void refresh();
    // Submits the projects as search jobs writing under `runsDir`; emits submitted.
    void submit(const QStringList &projects, const QString &runsDir);
    // Cancels these jobs (no question asked; the Cancel button asks first).
    void cancelJobs(const QStringList &ids);

    QTableWidget *table() const { return m_table; }
    QString status() const;
    const std::vector<pipeline::FarmJobStatus> &jobs() const { return m_jobs; }
    QStringList selectedJobIds() const;

Q_SIGNALS:
    void refreshed();
    void submitted(bool ok, const QString &message);
    // The user asked to follow a search: its run directory.
    void followRun(const QString &runDirectory);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Answer
    {
        std::vector<pipeline::FarmJobStatus> jobs; // the queue after the action (when ok)
        QString message;                           // what was done, or the error
        bool ok = true;
        bool submission = false; // the answer to submit()
    };
    void runInBackground(std::function<Answer()> work, bool submission, bool droppable);
    void apply(const Answer &answer);
    void updateButtons();

    QLineEdit *m_conf;
    QTableWidget *m_table;
    QPushButton *m_refresh, *m_submit, *m_follow, *m_cancel;
    QLabel *m_status;
    QTimer *m_timer;
    // One Slurm command at a time (runInBackground queues the others).
    LatestTask<Answer> m_slurm{this, [this](const Answer &answer) { apply(answer); }};
    std::vector<pipeline::FarmJobStatus> m_jobs;
    bool m_refreshAfter = false;
    struct Queued
    {
        std::function<Answer()> work;
        bool submission;
    };
    std::vector<Queued> m_queued;
};

} // namespace calibra::widgets
