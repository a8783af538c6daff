// SPDX-License-Identifier: GPL-3.0-or-later
#include "NasPanel.h"

#include "RunsFolder.h"

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
    m_fetch = new QPushButton(tr("Fetch and Open"), this);
    m_fetch->setToolTip(tr("Copy the finished run into the runs folder and open it in the Runs tab"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_submit, m_refresh, m_cancel, m_fetch})
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

    auto *layout = new QVBoxLayout(this);
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
    connect(m_fetch, &QPushButton::clicked, this, [this] {
        const QString id = selectedRequest();
        if (!id.isEmpty())
            fetch(id, runsFolder());
    });
    updateButtons();
}

NasPanel::~NasPanel() = default; // each call has a deadline, which bounds LatestTask's wait

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

void NasPanel::fetch(const QString &id, const QString &folder)
{
    enqueue([id, folder](nas::NasClient &client) {
        const nas::v1::ResultReply r = client.result(id.toStdString());
        const QString dir = QDir(folder).filePath("nas-" + id);
        if (!QDir().mkpath(dir))
            throw std::runtime_error(dir.toStdString() + ": cannot create the folder");
        for (const auto &[name, bytes] : {std::pair{"run.sqlite", &r.run_store()},
                                          {"report.json", &r.report_json()},
                                          {"report.html", &r.report_html()},
                                          {"final_model.onnx", &r.final_model_onnx()}}) {
            if (bytes->empty())
                continue;
            QFile f(QDir(dir).filePath(QString::fromLatin1(name)));
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes->data(), qint64(bytes->size())) != qint64(bytes->size()))
                throw std::runtime_error(f.fileName().toStdString() + ": cannot write");
        }
        Answer a;
        a.fetchedDir = dir;
        a.message = tr("Fetched request %1 into %2.").arg(id, QDir::toNativeSeparators(dir));
        return a;
    });
}

void NasPanel::enqueue(Work work)
{
    m_queue.push_back(std::move(work));
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
    Work work = std::move(m_queue.front());
    m_queue.pop_front();
    const nas::NasConnection c = connection();
    const QStringList ids = m_ids;
    m_calls.start([work = std::move(work), c, ids](const std::atomic<bool> &cancelled) -> Answer {
        Answer a;
        try {
            nas::NasClient client(c);
            a = work(client);
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
                    row.lastMessage = QString::fromStdString(s.error().empty() ? s.last_message() : s.error());
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
            const QStringList cells{r.id, stateText(r.state), r.events, r.lastMessage};
            for (int c = 0; c < ColumnCount; ++c) {
                auto *item = new QTableWidgetItem(cells[c]);
                item->setToolTip(cells[c]);
                m_table->setItem(int(i), c, item);
            }
            m_table->item(int(i), ColState)->setData(Qt::UserRole, r.state);
            if (r.id == selected)
                m_table->selectRow(int(i));
        }
    }
    if (!answer.message.isEmpty())
        m_status->setText(answer.message);
    updateButtons();
    Q_EMIT refreshed();
    if (!answer.fetchedDir.isEmpty())
        Q_EMIT openRun(answer.fetchedDir);
}

void NasPanel::updateButtons()
{
    const int row = m_table->currentRow();
    const QString state = row >= 0 && m_table->item(row, ColState)
                              ? m_table->item(row, ColState)->data(Qt::UserRole).toString()
                              : QString();
    m_cancel->setEnabled(state == QLatin1String("queued") || state == QLatin1String("running"));
    m_fetch->setEnabled(state == QLatin1String("finished"));
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
