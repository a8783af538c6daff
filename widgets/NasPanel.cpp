// SPDX-License-Identifier: GPL-3.0-or-later
#include "NasPanel.h"
#include "ScrollWhenNarrow.h"

#include "RunsFolder.h"
#include "TranslatedText.h"

#include "nasclient/ResultFiles.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace calibra::widgets {

namespace {

enum Column { ColRequest, ColState, ColEvents, ColLast, ColumnCount };

// The service's state word, as the table shows it (the word itself stays in the item's
// data for the buttons).
QString stateText(const QString &state)
{
    if (state == QLatin1String("queued"))
        return NasPanel::tr("queued");
    if (state == QLatin1String("running"))
        return NasPanel::tr("running");
    if (state == QLatin1String("finished"))
        return NasPanel::tr("finished");
    if (state == QLatin1String("failed"))
        return NasPanel::tr("failed");
    if (state == QLatin1String("cancelled"))
        return NasPanel::tr("cancelled");
    if (state == QLatin1String("interrupted"))
        return NasPanel::tr("interrupted");
    return state; // "unknown" comes translated already
}

QLineEdit *fileRow(QWidget *parent, QFormLayout *form, const QString &label, const QString &title)
{
    auto *edit = new QLineEdit(parent);
    auto *browse = new QPushButton(NasPanel::tr("Browse..."), parent);
    QObject::connect(browse, &QPushButton::clicked, parent, [=] {
        const QString f = QFileDialog::getOpenFileName(parent, title, edit->text(),
                                                       NasPanel::tr("PEM files (*.pem *.key *.crt);;All files (*)"));
        if (!f.isEmpty())
            edit->setText(f);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

bool following(const QString &state)
{
    return state == QLatin1String("queued") || state == QLatin1String("running");
}

} // namespace

NasPanel::NasPanel(QWidget *parent) : QWidget(parent)
{
    auto *form = new QFormLayout;
    m_service = new QLineEdit(this);
    m_service->setPlaceholderText(QStringLiteral("host:port"));
    form->addRow(tr("NAS service"), m_service);
    m_ca = fileRow(this, form, tr("CA"), tr("The service's CA certificate"));
    m_cert = fileRow(this, form, tr("Certificate"), tr("This client's certificate"));
    m_key = fileRow(this, form, tr("Key"), tr("This client's key"));

    m_submit = new QPushButton(tr("Submit Project..."), this);
    m_submit->setToolTip(tr("Send a project file and its reference network; the service runs the search in a "
                            "container of its own"));
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_cancel = new QPushButton(tr("Cancel Request"), this);
    m_resume = new QPushButton(tr("Resume Request"), this);
    m_resume->setToolTip(tr("Queue a cancelled, interrupted or failed request again: its search goes on where it "
                            "stopped"));
    m_open = new QPushButton(tr("Open in Runs Tab"), this);
    m_open->setToolTip(tr("Copy the run into the runs folder and show it in the Runs tab; a running search is "
                          "copied again every two seconds until it ends"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_submit, m_refresh, m_cancel, m_resume, m_open})
        buttons->addWidget(b);
    buttons->addStretch(1);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Request"), tr("State"), tr("Events"), tr("Last progress")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_status = new QLabel(tr("Submit a project to a NAS service (docs/services.md)."), this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *content = new QWidget(this);
    scrollWhenNarrow(this, content);
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    QSettings settings;
    m_service->setText(settings.value("nas/service").toString());
    m_ca->setText(settings.value("nas/ca").toString());
    m_cert->setText(settings.value("nas/cert").toString());
    m_key->setText(settings.value("nas/key").toString());
    m_ids = settings.value("nas/requests").toStringList();

    m_timer = new QTimer(this);
    m_timer->setInterval(3000);
    connect(m_timer, &QTimer::timeout, this, &NasPanel::refresh);
    m_followTimer = new QTimer(this);
    m_followTimer->setInterval(2000);
    connect(m_followTimer, &QTimer::timeout, this, &NasPanel::mirrorNext);
    m_calls.onIdle([this] { startNext(); });
    connect(m_refresh, &QPushButton::clicked, this, &NasPanel::refresh);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &NasPanel::updateButtons);
    connect(m_submit, &QPushButton::clicked, this, [this] {
        const QString project =
            QFileDialog::getOpenFileName(this, tr("Submit Project"), QString(), tr("Calibra projects (*.yaml *.yml)"));
        if (!project.isEmpty())
            submit(project);
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        const QString id = selectedRequest();
        if (!id.isEmpty()
            && QMessageBox::question(this, tr("Cancel Request"),
                                     tr("Cancel request %1? A running search stops as on Ctrl-C.").arg(id))
                   == QMessageBox::Yes)
            cancelRequest(id);
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        const QString id = selectedRequest();
        if (!id.isEmpty())
            resumeRequest(id);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QString id = selectedRequest();
        if (!id.isEmpty())
            follow(id, runsFolder());
    });
    updateButtons();
}

NasPanel::~NasPanel() =
    default; // each call has a deadline, which bounds LatestTask's wait; the mirror's lock goes last

void NasPanel::setConnection(const nas::NasConnection &c)
{
    m_service->setText(QString::fromStdString(c.address));
    m_ca->setText(QString::fromStdString(c.caFile));
    m_cert->setText(QString::fromStdString(c.certFile));
    m_key->setText(QString::fromStdString(c.keyFile));
}

nas::NasConnection NasPanel::connection() const
{
    nas::NasConnection c;
    c.address = m_service->text().trimmed().toStdString();
    c.caFile = m_ca->text().trimmed().toStdString();
    c.certFile = m_cert->text().trimmed().toStdString();
    c.keyFile = m_key->text().trimmed().toStdString();
    c.deadlineSeconds = 10; // the window waits for a call in flight when it closes
    return c;
}

QString NasPanel::status() const
{
    return m_status->text();
}

QString NasPanel::selectedRequest() const
{
    const int row = m_table->currentRow();
    return row >= 0 && m_table->item(row, ColRequest) ? m_table->item(row, ColRequest)->text() : QString();
}

void NasPanel::rememberConnection() const
{
    QSettings settings;
    settings.setValue("nas/service", m_service->text().trimmed());
    settings.setValue("nas/ca", m_ca->text().trimmed());
    settings.setValue("nas/cert", m_cert->text().trimmed());
    settings.setValue("nas/key", m_key->text().trimmed());
    settings.setValue("nas/requests", m_ids);
}

void NasPanel::submit(const QString &projectFile)
{
    rememberConnection();
    enqueue([projectFile](nas::NasClient &client) {
        Answer a;
        a.submittedId = QString::fromStdString(client.submit(projectFile.toStdString()));
        a.message = tr("Submitted %1 as request %2.").arg(QDir::toNativeSeparators(projectFile), a.submittedId);
        return a;
    });
}

void NasPanel::submitAndFollow(const pipeline::Project &project, const QString &runsFolder)
{
    // What can be told at once (no service named, a certificate that cannot be read) is
    // told at once: the Runs tab waits for this answer.
    QString problem;
    if (m_service->text().trimmed().isEmpty())
        problem = tr("Name the NAS service (host:port) and its certificates in the NAS Service tab first.");
    else
        try {
            nas::NasClient check(connection()); // reads the certificates; connects only when called
        } catch (const std::exception &e) {
            problem = QString::fromStdString(e.what());
        }
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        Q_EMIT followFailed(problem);
        return;
    }
    rememberConnection();
    enqueue(
        [project, runsFolder](nas::NasClient &client) {
            Answer a;
            a.submittedId = QString::fromStdString(client.submit(project));
            a.followFolder = runsFolder;
            a.message =
                tr("Submitted project %1 as request %2.").arg(QString::fromStdString(project.name), a.submittedId);
            return a;
        },
        {}, true);
}

void NasPanel::refresh()
{
    if (m_ids.isEmpty() || m_service->text().trimmed().isEmpty())
        return;
    if (!m_queue.empty() || m_calls.isRunning())
        return; // every call ends with the states read again
    enqueue([](nas::NasClient &) { return Answer{}; });
}

void NasPanel::cancelRequest(const QString &id)
{
    enqueue([id](nas::NasClient &client) {
        Answer a;
        a.message = client.cancel(id.toStdString()) ? tr("Cancelling request %1.").arg(id)
                                                    : tr("The service has no request %1.").arg(id);
        return a;
    });
}

void NasPanel::resumeRequest(const QString &id)
{
    enqueue([id](nas::NasClient &client) {
        client.resume(id.toStdString());
        Answer a;
        a.message = tr("Resuming request %1.").arg(id);
        return a;
    });
}

void NasPanel::follow(const QString &id, const QString &folder)
{
    stopFollowing();
    const QString dir = QDir(folder).filePath("nas-" + id);
    try {
        // Held while the remote run goes on: the mirror reads as running, not as a run
        // whose writer died, and no local resume writes into it.
        m_mirrorLock = std::make_unique<pipeline::RunLock>(dir.toStdString());
    } catch (const std::exception &e) {
        m_status->setText(tr("Cannot follow request %1 in %2: %3")
                              .arg(id, QDir::toNativeSeparators(dir), QString::fromStdString(e.what())));
        return;
    }
    m_followId = id;
    m_followDir = dir;
    m_knownVersion.clear();
    m_followEmitted = false;
    m_status->setText(tr("Following request %1 in %2.").arg(id, QDir::toNativeSeparators(dir)));
    mirrorNext();
    m_followTimer->start();
}

void NasPanel::stopFollowing()
{
    m_followTimer->stop();
    m_followId.clear();
    m_followDir.clear();
    m_mirrorLock.reset();
}

void NasPanel::mirrorNext()
{
    if (m_followId.isEmpty() || m_mirrorPending)
        return; // one copy at a time: the next tick asks again
    m_mirrorPending = true;
    const QString id = m_followId, dir = m_followDir;
    const std::string known = m_knownVersion;
    enqueue(
        [id, dir, known](nas::NasClient &client) {
            Answer a;
            a.readStates = false;
            a.mirroredId = id;
            mirror(client, id, dir, known, a);
            return a;
        },
        id);
}

void NasPanel::mirror(nas::NasClient &client, const QString &id, const QString &dir, const std::string &known,
                      Answer &a)
{
    const nas::v1::SnapshotReply snapshot = client.snapshot(id.toStdString(), known);
    a.mirrorState = QString::fromStdString(snapshot.state());
    a.mirrorVersion = snapshot.version();
    a.mirrorEnded = !following(a.mirrorState);
    // A finished run's report and final model first: when the Runs tab reads "finished",
    // they are there (the service sends no store that reads finished before the request
    // is). The store comes once: with the snapshot, or with the result when the snapshot
    // found it unchanged (its version, sizes and times, may miss a last write).
    if (a.mirrorState == QLatin1String("finished"))
        nas::writeResultFiles(dir.toStdString(),
                              client.result(id.toStdString(), snapshot.run_store().empty()
                                                                  ? nas::NasClient::StoreCopy::Include
                                                                  : nas::NasClient::StoreCopy::Omit));
    nas::writeRunFile(dir.toStdString(), "run.sqlite", snapshot.run_store());
    if (a.mirrorEnded && QFile::exists(QDir(dir).filePath("run.sqlite")))
        a.message =
            tr("Request %1 is %2; its run is in %3.").arg(id, stateText(a.mirrorState), QDir::toNativeSeparators(dir));
    else if (a.mirrorEnded)
        a.message =
            tr("Request %1 is %2 and has no run to show (Refresh shows why).").arg(id, stateText(a.mirrorState));
}

void NasPanel::enqueue(Work work, QString mirrorId, bool reportFailure)
{
    m_queue.push_back({std::move(work), std::move(mirrorId), reportFailure});
    if (!m_calls.isRunning())
        startNext();
    updateButtons();
}

// One call at a time: LatestTask drops a superseded result, and no submission may be lost.
void NasPanel::startNext()
{
    if (m_queue.empty()) {
        updateButtons();
        return;
    }
    Call call = std::move(m_queue.front());
    m_queue.pop_front();
    const nas::NasConnection c = connection();
    const QStringList ids = m_ids;
    m_calls.start([call = std::move(call), c, ids](const std::atomic<bool> &cancelled) -> Answer {
        Answer a;
        a.mirroredId = call.mirrorId;
        try {
            nas::NasClient client(c);
            a = call.work(client);
            if (!a.readStates)
                return a;
            QStringList all = ids;
            if (!a.submittedId.isEmpty())
                all << a.submittedId;
            // One status call per request: stopped when the panel goes away (its
            // destructor waits for this task), and after the first that cannot reach the
            // service (the others would each wait out their deadline).
            bool reachable = true;
            for (const QString &id : all) {
                if (cancelled.load())
                    break;
                Row row{id, {}, {}, {}};
                try {
                    if (!reachable)
                        throw std::runtime_error(a.message.toStdString());
                    const nas::v1::StatusReply s = client.status(id.toStdString());
                    row.state = QString::fromStdString(s.state());
                    row.events = QString::number(s.events());
                    row.container = QString::fromStdString(s.container());
                    if (s.error().empty()) {
                        row.lastMessage = QString::fromStdString(s.last_message());
                        row.lastTextJson = s.last_text_json();
                    } else {
                        row.lastMessage = QString::fromStdString(s.error());
                    }
                } catch (const std::exception &e) {
                    row.state = tr("unknown");
                    row.lastMessage = QString::fromStdString(e.what());
                    if (reachable && row.lastMessage.contains(QLatin1String("unreachable"))) {
                        reachable = false;
                        a.message = row.lastMessage;
                    }
                }
                a.rows.push_back(row);
            }
        } catch (const std::exception &e) {
            a.message = QString::fromStdString(e.what());
            if (call.reportFailure)
                a.submitError = tr("The NAS service did not take the project: %1").arg(a.message);
            else if (!call.mirrorId.isEmpty())
                a.message =
                    tr("Request %1 could not be copied (tried again in two seconds): %2").arg(call.mirrorId, a.message);
        }
        return a;
    });
}

void NasPanel::apply(const Answer &answer)
{
    if (!answer.submittedId.isEmpty() && !m_ids.contains(answer.submittedId)) {
        m_ids << answer.submittedId;
        rememberConnection();
    }
    if (!answer.rows.empty() || m_ids.isEmpty()) {
        const QString selected = selectedRequest();
        m_table->setRowCount(int(answer.rows.size()));
        for (size_t i = 0; i < answer.rows.size(); ++i) {
            const Row &r = answer.rows[i];
            const TranslatableText last = TranslatableText::fromJson(r.lastTextJson);
            const QStringList cells{r.id, stateText(r.state), r.events,
                                    last.empty() ? r.lastMessage : translatedText(last)};
            for (int c = 0; c < ColumnCount; ++c) {
                auto *item = new QTableWidgetItem(cells[c]);
                item->setToolTip(cells[c]);
                m_table->setItem(int(i), c, item);
            }
            if (!r.container.isEmpty()) // how the service holds the search: "Slurm job 56: RUNNING b1"
                m_table->item(int(i), ColState)->setToolTip(r.container);
            m_table->item(int(i), ColState)->setData(Qt::UserRole, r.state);
            if (r.id == selected)
                m_table->selectRow(int(i));
        }
    }
    if (!answer.message.isEmpty())
        m_status->setText(answer.message);
    updateButtons();
    Q_EMIT refreshed();
    if (!answer.submitError.isEmpty())
        Q_EMIT followFailed(answer.submitError);
    if (!answer.submittedId.isEmpty() && !answer.followFolder.isEmpty())
        follow(answer.submittedId, answer.followFolder);
    if (!answer.mirroredId.isEmpty())
        m_mirrorPending = false;
    if (!answer.mirroredId.isEmpty() && answer.mirroredId == m_followId && !answer.mirrorState.isEmpty()) {
        if (!answer.mirrorVersion.empty())
            m_knownVersion = answer.mirrorVersion;
        const QString dir = m_followDir;
        if (answer.mirrorEnded)
            stopFollowing(); // the mirror is whole: its lock goes before the Runs tab reads it
        // Followed in the Runs tab once there is a run to show; a request that ends
        // without one (it failed to start, or was cancelled first) says why instead.
        const bool hasRun = QFile::exists(QDir(dir).filePath("run.sqlite"));
        if (!m_followEmitted && hasRun) {
            m_followEmitted = true;
            Q_EMIT followRun(dir);
        } else if (!m_followEmitted && answer.mirrorEnded) {
            Q_EMIT followFailed(answer.message);
        }
    }
}

void NasPanel::updateButtons()
{
    const int row = m_table->currentRow();
    const QString state = row >= 0 && m_table->item(row, ColState)
                              ? m_table->item(row, ColState)->data(Qt::UserRole).toString()
                              : QString();
    m_cancel->setEnabled(following(state));
    m_resume->setEnabled(state == QLatin1String("cancelled") || state == QLatin1String("interrupted")
                         || state == QLatin1String("failed"));
    m_open->setEnabled(following(state) || state == QLatin1String("finished") || state == QLatin1String("failed")
                       || state == QLatin1String("cancelled") || state == QLatin1String("interrupted"));
}

void NasPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void NasPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

} // namespace calibra::widgets
