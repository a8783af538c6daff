// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The NAS Service tab: searches run by a calibra-nas service (docs/services.md). Submit a
// project file there, see each request's state and last progress line, cancel one, and
// fetch a finished one into the runs folder, where it opens in the Runs tab like a local
// run. The connection and the requests submitted from here are remembered. Every call
// runs on a worker thread, one at a time; the list refreshes every few seconds while the
// tab is shown.
#include "LatestTask.h"
#include "nasclient/NasClient.h"

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
    void refresh();
    void cancelRequest(const QString &id);
    // Writes the request's run directory (store, report, final model) under `runsFolder`
    // and emits openRun with it.
    void fetch(const QString &id, const QString &runsFolder);

    QTableWidget *table() const { return m_table; }
    QString status() const;
    QStringList requestIds() const { return m_ids; }
    QString selectedRequest() const;

Q_SIGNALS:
    void refreshed();
    void openRun(const QString &runDirectory);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Row
    {
        QString id, state, events, lastMessage;
    };
    struct Answer
    {
        std::vector<Row> rows;
        QString message;     // what was done, or the error
        QString submittedId; // submit(): the new request
        QString fetchedDir;  // fetch(): the run directory written
    };
    using Work = std::function<Answer(nas::NasClient &)>;
    void enqueue(Work work);
    void startNext();
    void apply(const Answer &answer);
    void rememberConnection() const;
    void updateButtons();

    QLineEdit *m_service, *m_ca, *m_cert, *m_key;
    QTableWidget *m_table;
    QPushButton *m_submit, *m_refresh, *m_cancel, *m_fetch;
    QLabel *m_status;
    QTimer *m_timer;
    QStringList m_ids; // requests submitted from here, newest last
    std::deque<Work> m_queue;
    LatestTask<Answer> m_calls{this, [this](const Answer &answer) { apply(answer); }};
};

} // namespace calibra::widgets
