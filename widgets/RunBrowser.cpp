// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunBrowser.h"

#include "MetricNames.h"
#include "RunsFolder.h"

#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace calibra::widgets {

namespace {

enum Column { Name, Project, Mode, Status, Generations, Validations, Warnings, Modified, kColumns };

} // namespace

RunBrowser::RunBrowser(QWidget *parent) : QWidget(parent)
{
    m_folder = new QLabel(this);
    m_folder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_folder->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setColumnCount(kColumns);
    m_list->setHeaderLabels({tr("Run"), tr("Project"), tr("Mode"), tr("Status"), tr("Generations"), tr("Validations"),
                             tr("Warnings"), tr("Last change")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setSortingEnabled(false); // newest first, as read
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_open = new QPushButton(tr("Open in the Runs Tab"), this);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    connect(m_open, &QPushButton::clicked, this, &RunBrowser::openSelected);
    connect(refresh, &QPushButton::clicked, this, &RunBrowser::refresh);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &RunBrowser::openSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_open->setEnabled(!m_list->selectedItems().isEmpty()); });
    m_open->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_folder, 1);
    buttons->addWidget(refresh);
    buttons->addWidget(m_open);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);
}

RunBrowser::~RunBrowser() = default;

void RunBrowser::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void RunBrowser::refresh()
{
    const QString folder = runsFolder();
    m_folder->setText(tr("Runs in %1 (Edit > Preferences changes the folder)").arg(QDir::toNativeSeparators(folder)));
    const std::string path = folder.toStdString();
    m_reader.start([path](const std::atomic<bool> &) { return pipeline::listRuns(path); });
}

void RunBrowser::fill(const std::vector<pipeline::RunEntry> &runs)
{
    const QString selected =
        m_list->currentItem() ? m_list->currentItem()->data(Name, Qt::UserRole).toString() : QString();
    m_list->clear();
    for (const pipeline::RunEntry &r : runs) {
        const QString dir = QString::fromStdString(r.directory);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(Name, QDir(dir).dirName());
        item->setData(Name, Qt::UserRole, dir);
        item->setText(Project, QString::fromStdString(r.project));
        item->setText(Mode, modeText(r.mode));
        item->setText(Status, runStatusText(r.status));
        item->setText(Generations, QString::number(r.generations));
        item->setText(Validations, QString::number(r.validations));
        item->setText(Warnings, r.warnings > 0 ? QString::number(r.warnings) : QString());
        item->setText(Modified,
                      QDateTime::fromMSecsSinceEpoch(r.modifiedMsecs).toString(Qt::ISODate).replace('T', ' '));
        for (int c : {Generations, Validations, Warnings})
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        // The final model (or why the run failed) where the row has no room for it.
        const bool troubled = r.status == pipeline::RunStatus::Failed || r.status == pipeline::RunStatus::Interrupted
                              || r.status == pipeline::RunStatus::Unreadable;
        const QString detail = QString::fromStdString(troubled && !r.error.empty() ? r.error : r.finalModel);
        for (int c = 0; c < kColumns; ++c)
            item->setToolTip(c, dir + (detail.isEmpty() ? QString() : QStringLiteral("\n") + detail));
        if (dir == selected)
            m_list->setCurrentItem(item);
    }
    if (runs.empty()) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(Name, tr("No run yet: runs started in the Runs tab are kept here"));
        item->setFlags(Qt::NoItemFlags);
        item->setFirstColumnSpanned(true);
    }
    Q_EMIT refreshed();
}

void RunBrowser::openSelected()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item || item->data(Name, Qt::UserRole).toString().isEmpty())
        return;
    Q_EMIT openRequested(item->data(Name, Qt::UserRole).toString());
}

} // namespace calibra::widgets
