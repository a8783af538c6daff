// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's network: loaded on a worker thread (a newer request supersedes a
// running one), its symbolic input sizes asked for, and shown in every view once loaded.
#include "MainWindow.h"

#include "DagView.h"
#include "NetworkLayerModel.h"
#include "RecentMenu.h"
#include "RunPanel.h"
#include "SupernetPanel.h"
#include "TargetSettingEditor.h"
#include "graph/GraphError.h"
#include "graph/InputShapes.h"
#include "graph/NetworkFile.h"
#include "graph/NetworkSummary.h"
#include "project/Project.h"

#include <QApplication>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>

namespace calibra::widgets {

void MainWindow::openNetwork(const QString &source)
{
    openSizedNetwork(source, QString());
}

void MainWindow::openSizedNetwork(const QString &source, const QString &inputShape)
{
    // A newer request supersedes a running load (LatestTask).
    ++m_loadRequests;
    m_pendingSource = source;
    m_pendingInputShape = inputShape;
    statusBar()->showMessage(tr("Loading %1...").arg(source));
    const std::string path = source.toStdString(), sizes = inputShape.toStdString();
    // The supernet as the project's search will build it (its kernels, widths, depths).
    const supernet::SupernetOptions options = m_project->supernet;
    m_loader.start([path, sizes, options](const std::atomic<bool> &) -> LoadResult {
        try {
            auto loaded = std::make_shared<LoadedNetwork>();
            loaded->network = graph::loadNetwork(path, graph::parseInputShapes(sizes, "the input size"));
            loaded->cost = graph::networkCost(loaded->network);
            loaded->supernet = std::make_shared<const supernet::Supernet>(loaded->network, options);
            return {std::move(loaded), {}, {}, {}};
        } catch (const graph::SymbolicInputError &e) {
            return {nullptr, QString::fromStdString(e.what()), QString::fromStdString(e.input()),
                    QString::fromStdString(e.sizeTemplate())};
        } catch (const std::exception &e) {
            return {nullptr, QString::fromStdString(e.what()), {}, {}};
        }
    });
}

// The file is fine but for its input's size: asked for, and the file loaded again with it.
void MainWindow::askInputSize(const LoadResult &result)
{
    const quint64 request = m_loadRequests;
    bool ok = false;
    const QString size = QInputDialog::getText(
        this, tr("Input size needed"),
        tr("%1 was exported with a symbolic height or width for its input '%2'.\nGive the size to open it at "
           "(batch x channels x height x width,\nas %3 with the question marks filled in):")
            .arg(QFileInfo(m_pendingSource).fileName(), result.symbolicInput, result.sizeTemplate),
        QLineEdit::Normal, result.sizeTemplate, &ok);
    // Another network or project was opened while the dialog was up (a resumed run's
    // project, say): that one is the window's now, and neither answer may undo it.
    if (request != m_loadRequests)
        return;
    if (!ok || size.trimmed().isEmpty()) {
        rollBackProject();
        return;
    }
    // Added to the sizes already given: a model with several symbolic inputs asks for each.
    const QString entry =
        size.contains(QLatin1Char('=')) ? size.trimmed() : result.symbolicInput + QLatin1Char('=') + size.trimmed();
    openSizedNetwork(m_pendingSource, (m_pendingInputShape + QLatin1Char(' ') + entry).trimmed());
}

void MainWindow::onLoadFinished(const LoadResult &result)
{
    if (!result.network) {
        statusBar()->showMessage(tr("Could not open %1").arg(m_pendingSource), 5000);
        const bool offscreen = QApplication::platformName().startsWith(QLatin1String("offscreen"));
        Q_EMIT loadFailed(result.error);
        if (!result.symbolicInput.isEmpty() && !offscreen) {
            askInputSize(result); // puts the project back if no size is given
            return;
        }
        // A project file's own network, not one opened alone (a new project from a network
        // file is named after the network, as the user chose it).
        const bool project =
            m_rollback && !m_project->file.empty()
            && m_pendingSource.toStdString() == pipeline::resolvePath(*m_project, m_project->reference);
        rollBackProject();
        if (!offscreen)
            QMessageBox::warning(this, project ? tr("Could not open the project") : tr("Could not open network"),
                                 project ? tr("The project's network could not be opened; the project that was "
                                              "open stays open.\n\n%1")
                                               .arg(result.error)
                                         : result.error);
        return;
    }
    m_rollback.reset(); // the project's network opened: the project is the window's
    m_model->setNetwork(result.network);
    m_supernetPanel->setSupernet(result.network->supernet);
    m_dag->setNetwork(std::shared_ptr<const graph::Network>(result.network, &result.network->network));
    updateOverlay();
    // The editor's live panel simulates the same immutable network.
    m_editor->setNetwork(std::shared_ptr<const graph::Network>(result.network, &result.network->network));
    m_table->resizeColumnsToContents();
    const graph::Network &net = result.network->network;
    const graph::Cost &total = result.network->cost.total;
    setWindowTitle(tr("%1 - Calibra").arg(QString::fromStdString(net.name)));
    m_summary->setText(tr("%1: %2 layers, %3 parameters, %4 MACs")
                           .arg(QString::fromStdString(net.name))
                           .arg(net.nodes.size())
                           .arg(QString::fromStdString(graph::humanCount(total.params)))
                           .arg(QString::fromStdString(graph::humanCount(total.macs))));
    statusBar()->showMessage(tr("Opened %1").arg(m_pendingSource), 5000);
    m_networkSource = m_pendingSource;
    m_networkInputShape = m_pendingInputShape;
    // Another reference is another project: the tree must not name the old one's file.
    if (m_networkSource.toStdString() != pipeline::resolvePath(*m_project, m_project->reference)) {
        m_project->name = "untitled";
        m_project->file.clear();
        m_project->reference = m_networkSource.toStdString();
    }
    m_project->referenceInputShape = m_networkInputShape.toStdString();
    m_runPanel->setProject(currentProject(), false);
    m_recentMenu->rememberNetwork(m_pendingSource);
    updateProjectTree();
    Q_EMIT networkLoaded(QString::fromStdString(net.name));
}

void MainWindow::keepForRollback()
{
    // Nothing to go back to before a network ever opened (at start): the project stays,
    // without a network, as its tree says. A project replacing one still loading: the one
    // before both is kept.
    if (!m_rollback && !m_networkSource.isEmpty())
        m_rollback = ProjectRollback{std::make_shared<const pipeline::Project>(*m_project),
                                     std::make_shared<const pipeline::Project>(m_runPanel->projectToRun()),
                                     m_editor->platform(), m_editor->setting()};
}

void MainWindow::rollBackProject()
{
    if (!m_rollback)
        return;
    const ProjectRollback before = *m_rollback;
    m_rollback.reset();
    *m_project = *before.project;
    m_runPanel->setProject(*before.form); // the form as it was, edits included
    m_editor->setPlatform(before.platform);
    m_editor->setSetting(before.setting);
    updateProjectTree();
}

} // namespace calibra::widgets
