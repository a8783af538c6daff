// SPDX-License-Identifier: GPL-3.0-or-later
#include "FarmPanel.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace calibra::widgets {

namespace {
enum Column { ColJob, ColKind, ColState, ColWhere, ColTime, ColRun, ColProgress, ColumnCount };
}

FarmPanel::FarmPanel(QWidget *parent) : QWidget(parent)
{
    m_conf = new QLineEdit(this);
    m_conf->setPlaceholderText(tr("Slurm's default configuration"));
    m_conf->setToolTip(tr("slurm.conf of the cluster that holds the boards (empty: Slurm's default)"));
    auto *browse = new QPushButton(tr("Browse..."), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose slurm.conf"), m_conf->text());
        if (!f.isEmpty())
            setSlurmConf(f);
    });
    connect(m_conf, &QLineEdit::editingFinished, this, &FarmPanel::refresh);
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_submit = new QPushButton(tr("Submit Projects..."), this);
    m_submit->setToolTip(tr("Submit project files as Slurm jobs; each writes a run directory"));
    m_follow = new QPushButton(tr("Follow Run"), this);
    m_follow->setToolTip(tr("Show the selected search's run in the Runs tab, updated as it goes"));
    m_cancel = new QPushButton(tr("Cancel Jobs"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Slurm configuration"), this));
    top->addWidget(m_conf, 1);
    top->addWidget(browse);
    top->addWidget(m_refresh);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_submit);
    buttons->addWidget(m_follow);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels(
        {tr("Job"), tr("Kind"), tr("State"), tr("Node or reason"), tr("Time"), tr("Run directory"), tr("Progress")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    m_timer = new QTimer(this);
    m_timer->setInterval(5000);
    connect(m_timer, &QTimer::timeout, this, &FarmPanel::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &FarmPanel::refresh);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &FarmPanel::updateButtons);
    connect(m_submit, &QPushButton::clicked, this, [this] {
        const QStringList projects = QFileDialog::getOpenFileNames(this, tr("Submit Projects"), QString(),
                                                                   tr("Calibra projects (*.yaml *.yml)"));
        if (projects.isEmpty())
            return;
        const QString runs = QFileDialog::getExistingDirectory(
            this, tr("Runs Directory (seen by every node)"),
            QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath("runs"));
        if (!runs.isEmpty())
            submit(projects, runs);
    });
    connect(m_follow, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0 && row < int(m_jobs.size()) && !m_jobs[size_t(row)].runDir.empty())
            Q_EMIT followRun(QString::fromStdString(m_jobs[size_t(row)].runDir));
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        const QStringList ids = selectedJobIds();
        if (ids.isEmpty())
            return;
        if (QMessageBox::question(this, tr("Cancel Jobs"),
                                  tr("Cancel %n job(s)? A cancelled search keeps its run directory and can be resumed.",
                                     nullptr, int(ids.size())))
            == QMessageBox::Yes)
            cancelJobs(ids);
    });
    updateButtons();
}

FarmPanel::~FarmPanel() = default; // Slurm commands time out after 30 s, which bounds the wait

void FarmPanel::setSlurmConf(const QString &path)
{
    m_conf->setText(path);
    refresh();
}

QString FarmPanel::status() const
{
    return m_status->text();
}

QStringList FarmPanel::selectedJobIds() const
{
    QStringList ids;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        if (i.row() < int(m_jobs.size()))
            ids << QString::fromStdString(m_jobs[size_t(i.row())].job.id);
    return ids;
}

void FarmPanel::runInBackground(std::function<Answer()> work, bool submission, bool droppable)
{
    if (m_slurm.isRunning()) {
        // One Slurm command at a time: a refresh is folded into one more read when this
        // is done, a submission or cancellation waits its turn.
        if (droppable)
            m_refreshAfter = true;
        else
            m_queued.push_back({std::move(work), submission});
        return;
    }
    updateButtons();
    m_slurm.start([work = std::move(work), submission](const std::atomic<bool> &) -> Answer {
        try {
            return work();
        } catch (const farm::SlurmNotConfigured &e) {
            Answer a;
            a.submission = submission;
            a.ok = false;
            a.message = tr("no Slurm configuration at %1: choose the cluster's slurm.conf above")
                            .arg(QString::fromStdString(e.path()));
            return a;
        } catch (const std::exception &e) {
            Answer a;
            a.submission = submission;
            a.ok = false;
            a.message = QString::fromStdString(e.what());
            return a;
        }
    });
    updateButtons();
}

void FarmPanel::refresh()
{
    const std::string conf = m_conf->text().trimmed().toStdString();
    runInBackground(
        [conf] {
            Answer a;
            a.jobs = pipeline::farmJobs(farm::Slurm(conf));
            return a;
        },
        false, true);
}

void FarmPanel::submit(const QStringList &projects, const QString &runsDir)
{
    pipeline::SearchSubmission s;
    for (const QString &p : projects)
        s.projects.push_back(p.toStdString());
    s.runsDir = runsDir.toStdString();
    s.slurmConf = m_conf->text().trimmed().toStdString();
    runInBackground(
        [s] {
            Answer a;
            a.submission = true;
            const pipeline::SubmittedSearches out = pipeline::submitSearches(s);
            a.message = tr("Submitted job %1: %n run(s) under %2", nullptr, int(out.runDirs.size()))
                            .arg(QString::fromStdString(out.jobId), QString::fromStdString(s.runsDir));
            a.jobs = pipeline::farmJobs(farm::Slurm(s.slurmConf));
            return a;
        },
        true, false);
}

void FarmPanel::cancelJobs(const QStringList &ids)
{
    std::vector<std::string> list;
    for (const QString &id : ids)
        list.push_back(id.toStdString());
    const std::string conf = m_conf->text().trimmed().toStdString();
    runInBackground(
        [list, conf] {
            const farm::Slurm slurm(conf);
            slurm.cancel(list);
            Answer a;
            a.message = tr("Cancelled %n job(s)", nullptr, int(list.size()));
            a.jobs = pipeline::farmJobs(slurm);
            return a;
        },
        false, false);
}

void FarmPanel::apply(const Answer &a)
{
    if (!a.ok) {
        m_status->setText(tr("Slurm: %1").arg(a.message));
    } else {
        const QStringList selected = selectedJobIds();
        m_jobs = a.jobs;
        m_table->setRowCount(int(m_jobs.size()));
        for (int row = 0; row < int(m_jobs.size()); ++row) {
            const pipeline::FarmJobStatus &j = m_jobs[size_t(row)];
            const QString kind = j.kind == "search" ? tr("search") : tr("validation");
            const QString cells[ColumnCount] = {
                QString::fromStdString(j.job.id),      kind,
                QString::fromStdString(j.job.state),   QString::fromStdString(j.job.where()),
                QString::fromStdString(j.job.elapsed), QString::fromStdString(j.runDir),
                QString::fromStdString(j.progress)};
            for (int c = 0; c < ColumnCount; ++c)
                m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
            if (selected.contains(cells[ColJob]))
                m_table->selectRow(row);
        }
        m_table->resizeColumnsToContents();
        const QString summary = m_jobs.empty() ? tr("No Calibra jobs in the queue.")
                                               : tr("%n Calibra job(s) in the queue.", nullptr, int(m_jobs.size()));
        m_status->setText(a.message.isEmpty() ? summary : a.message + QLatin1Char('\n') + summary);
    }
    if (a.submission)
        Q_EMIT submitted(a.ok, a.message);
    Q_EMIT refreshed();
    updateButtons();
    if (!m_queued.empty()) {
        Queued next = std::move(m_queued.front());
        m_queued.erase(m_queued.begin());
        runInBackground(std::move(next.work), next.submission, false);
    } else if (m_refreshAfter) {
        m_refreshAfter = false;
        refresh();
    }
}

void FarmPanel::updateButtons()
{
    const bool busy = m_slurm.isRunning();
    const int row = m_table->currentRow();
    const bool search = row >= 0 && row < int(m_jobs.size()) && !m_jobs[size_t(row)].runDir.empty();
    m_follow->setEnabled(search && !m_table->selectionModel()->selectedRows().isEmpty());
    m_cancel->setEnabled(!busy && !m_table->selectionModel()->selectedRows().isEmpty());
    m_submit->setEnabled(!busy);
    m_refresh->setEnabled(!busy);
}

void FarmPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void FarmPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

} // namespace calibra::widgets
