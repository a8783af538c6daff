// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's docks: the project tree, the target-setting editor and the selected
// node's details, arranged for the screen the window starts on.
#include "MainWindow.h"

#include "RunPanel.h"
#include "TargetSettingEditor.h"
#include "project/Project.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QStyle>
#include <QTextBrowser>
#include <QTreeWidget>

namespace calibra::widgets {

void MainWindow::createDocks()
{
    createTargetDock();
    createProjectDock();
    createNodeDock();
    // On a laptop's screen the target setting shares the left column with the project, as
    // tabs, so that the Runs tab's charts get the width (a saved layout overrides this).
    if (const QScreen *s = screen(); s && s->availableGeometry().width() < 1600) {
        auto *project = findChild<QDockWidget *>(QStringLiteral("projectDock"));
        auto *target = findChild<QDockWidget *>(QStringLiteral("targetDock"));
        tabifyDockWidget(project, target);
        project->raise();
    }
}

void MainWindow::createProjectDock()
{
    auto *dock = new QDockWidget(tr("Project"), this);
    dock->setObjectName(QStringLiteral("projectDock"));
    m_projectTree = new QTreeWidget(dock);
    m_projectTree->setHeaderLabels({tr("Item"), tr("Value")});
    dock->setWidget(m_projectTree);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    if (QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu")))
        view->addAction(dock->toggleViewAction());
    updateProjectTree();
}

void MainWindow::createTargetDock()
{
    auto *dock = new QDockWidget(tr("Target setting"), this);
    dock->setObjectName(QStringLiteral("targetDock"));
    m_editor = new TargetSettingEditor(dock);
    // Scrolls up and down where the screen is too short for it.
    auto *scroll = new QScrollArea(dock);
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_editor->minimumSizeHint().width() + style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    dock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    if (QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu")))
        view->addAction(dock->toggleViewAction());
    connect(m_editor, &TargetSettingEditor::settingChanged, this, [this] {
        if (m_projectTree)
            updateProjectTree();
        if (m_runPanel)
            m_runPanel->setProject(currentProject(), false);
        updateOverlay();
    });
}

void MainWindow::createNodeDock()
{
    auto *dock = new QDockWidget(tr("Node"), this);
    dock->setObjectName(QStringLiteral("nodeDock"));
    m_nodeDetails = new QTextBrowser(dock);
    m_nodeDetails->setPlaceholderText(tr("Select a node in the graph"));
    dock->setWidget(m_nodeDetails);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    if (QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu")))
        view->addAction(dock->toggleViewAction());
}

} // namespace calibra::widgets
