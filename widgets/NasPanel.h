// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The NAS Service tab: searches run by a calibra-nas service (docs/services.md). Submit a
// project file there, see each request's state and last progress line (in the
// interface's language), cancel or resume one, and open one in the Runs tab: its run is mirrored
// into the runs folder, every two seconds while it runs, and the Runs tab follows the
// mirror as it follows a local run (its charts grow with each generation). The
// connection and the requests submitted from here are remembered. Every call runs on a
// worker thread, one at a time; the list refreshes every few seconds while the tab is
// shown.
#include "LatestTask.h"
#include "nasclient/NasClient.h"
#include "pipeline/RunLock.h"

#include <QWidget>

#include <deque>
#include <functional>
#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace calibra::widgets {

class NasPanel : public QWidget
{
    Q_OBJECT
public:
    explicit NasPanel(QWidget *parent = nullptr);
    ~NasPanel() override;

    void setConnection(const nas::NasConnection &connection);
    nas::NasConnection connection() const;
    void submit(const QString &projectFile);
    // Submits a project from memory (the Runs tab's) and follows it into `runsFolder`;
    // emits followFailed when the service does not take it.
    void submitAndFollow(const pipeline::Project &project, const QString &runsFolder);
    void refresh();
    void cancelRequest(const QString &id);
    // Queues a cancelled, interrupted or failed request again; its search resumes its run.
    void resumeRequest(const QString &id);
    // Mirrors the request's run into RUNSFOLDER/nas-ID (its store while it runs; then its
    // report and final model too) until it ends, and emits followRun with that folder.
    // Following another request stops following this one.
    void follow(const QString &id, const QString &runsFolder);
    QString followedRequest() const { return m_followId; }

    QTableWidget *table() const { return m_table; }
    QString status() const;
    QStringList requestIds() const { return m_ids; }
    QString selectedRequest() const;

Q_SIGNALS:
    void refreshed();
    // A mirrored run to follow in the Runs tab (the mirror holds its run lock while the
    // remote run goes on, so that it reads as running).
    void followRun(const QString &runDirectory);
    // The project was not taken, or the request followed ended with no run to show.
    void followFailed(const QString &why);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Row
    {
        QString id, state, events, lastMessage, container;
        std::string lastTextJson; // translated on the GUI thread
    };
    struct Answer
    {
        std::vector<Row> rows;
        bool readStates = true; // every request's state read after the call
        QString message;        // what was done, or the error
        QString submittedId;    // submit(): the new request
        QString followFolder;   // submitAndFollow(): where to follow it
        QString submitError;    // submitAndFollow(): why the service did not take it
        // follow(): the request mirrored, its state and store version, whether it ended
        QString mirroredId, mirrorState;
        std::string mirrorVersion;
        bool mirrorEnded = false;
    };
    using Work = std::function<Answer(nas::NasClient &)>;
    // A call, and what its answer says even when no client could be made for it.
    struct Call
    {
        Work work;
        QString mirrorId;           // a mirror of this request
        bool reportFailure = false; // a submission the Runs tab waits for
    };
    void enqueue(Work work, QString mirrorId = {}, bool reportFailure = false);
    void startNext();
    void apply(const Answer &answer);
    void rememberConnection() const;
    void updateButtons();
    void mirrorNext();
    static void mirror(nas::NasClient &client, const QString &id, const QString &dir, const std::string &known,
                       Answer &answer);
    void stopFollowing();

    QLineEdit *m_service, *m_ca, *m_cert, *m_key;
    QTableWidget *m_table;
    QPushButton *m_submit, *m_refresh, *m_cancel, *m_resume, *m_open;
    QLabel *m_status;
    QTimer *m_timer;
    QTimer *m_followTimer;
    QString m_followId, m_followDir;
    std::string m_knownVersion;
    bool m_followEmitted = false;
    bool m_mirrorPending = false; // a copy queued or under way
    std::unique_ptr<pipeline::RunLock> m_mirrorLock;
    QStringList m_ids; // requests submitted from here, newest last
    std::deque<Call> m_queue;
    LatestTask<Answer> m_calls{this, [this](const Answer &answer) { apply(answer); }};
};

} // namespace calibra::widgets
