// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "DagView.h"
#include "NetworkLayerModel.h"
#include "SettingsKeys.h"
#include "PreferencesDialog.h"
#include "FarmPanel.h"
#include "NasPanel.h"
#include "RecentMenu.h"
#include "RunBrowser.h"
#include "RunPanel.h"
#include "RunsFolder.h"
#include "SupernetPanel.h"
#include "TargetSettingEditor.h"
#include "graph/NetworkFile.h"
#include "pipeline/RunSnapshot.h"
#include "graph/NetworkSummary.h"
#include "hardware/NetworkOnTarget.h"
#include "project/Project.h"

#include <algorithm>

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QActionGroup>
#include <QCloseEvent>
#include <QInputDialog>
#include <QSettings>
#include <QTabWidget>
#include <QTextBrowser>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>

namespace calibra::widgets {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_project(std::make_unique<pipeline::Project>(pipeline::demoProject()))
{
    setWindowTitle(tr("Calibra"));
    // Large enough for the layer table and both docks, never larger than the screen.
    resize(QSize(1440, 860).boundedTo(screen()->availableGeometry().size() * 0.92));

    m_model = new NetworkLayerModel(this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(Qt::UserRole);
    m_table = new QTableView(this);
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // file order until the user sorts
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_dag = new DagView(this);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_dag, tr("Graph"));
    tabs->addTab(m_table, tr("Layers"));
    m_supernetPanel = new SupernetPanel(this);
    tabs->addTab(m_supernetPanel, tr("Supernet"));
    m_runPanel = new RunPanel(this);
    tabs->addTab(m_runPanel, tr("Runs"));
    m_runBrowser = new RunBrowser(this);
    tabs->addTab(m_runBrowser, tr("Past Runs"));
    connect(m_runBrowser, &RunBrowser::openRequested, this, [this](const QString &dir) {
        if (!m_runPanel->openRun(dir)) {
            statusBar()->showMessage(tr("The Runs tab is busy with a run; open this one when it is done"), 5000);
            return;
        }
        m_tabs->setCurrentWidget(m_runPanel);
    });
    // An opened run's network, platform and setting become the window's: the graph, the
    // target dock and Start then all mean the run's project, not the one open before.
    connect(m_runPanel, &RunPanel::runOpened, this, [this](bool ok) {
        const pipeline::RunSnapshot *run = m_runPanel->snapshot();
        if (!ok || !run)
            return;
        applyRunProject(run->project);
    });
    connect(m_runPanel, &RunPanel::resumedProject, this, &MainWindow::applyRunProject);
    m_farmPanel = new FarmPanel(this);
    tabs->addTab(m_farmPanel, tr("Farm"));
    connect(m_farmPanel, &FarmPanel::followRun, this, [this](const QString &dir) {
        if (!m_runPanel->followRun(dir)) {
            statusBar()->showMessage(tr("The Runs tab is busy with a run; follow this one when it is done"), 5000);
            return;
        }
        m_tabs->setCurrentWidget(m_runPanel);
    });
    m_nasPanel = new NasPanel(this);
    tabs->addTab(m_nasPanel, tr("NAS Service"));
    // Run on the NAS service: submitted from the NAS Service tab's connection, then
    // followed in the Runs tab; what the service refuses is said where Start was clicked.
    connect(m_runPanel, &RunPanel::submitToNasService, this,
            [this](const pipeline::Project &project) { m_nasPanel->submitAndFollow(project, runsFolder()); });
    connect(m_nasPanel, &NasPanel::followFailed, this, [this](const QString &why) {
        m_runPanel->submissionFailed(why);
        QMessageBox::warning(this, tr("NAS service"), why);
    });
    // A remote run, mirrored here, is followed in the Runs tab like a farm run.
    connect(m_nasPanel, &NasPanel::followRun, this, [this](const QString &dir) {
        if (!m_runPanel->followRun(dir)) {
            statusBar()->showMessage(tr("The Runs tab is busy with a run; follow this one when it is done"), 5000);
            return;
        }
        m_tabs->setCurrentWidget(m_runPanel);
    });
    m_tabs = tabs;
    setCentralWidget(tabs);

    createMenus();
    createDocks();
    connect(m_dag, &DagView::nodeSelected, this, &MainWindow::showNode);
    // A sub-network clicked in a run's Pareto chart: its DAG and choices in the Supernet tab.
    connect(m_runPanel, &RunPanel::candidateSelected, this, [this](const search::Genotype &g) {
        if (!m_supernetPanel->supernet() || !m_supernetPanel->supernet()->isValid(g)) {
            statusBar()->showMessage(tr("That sub-network belongs to another supernet than the open network's"), 5000);
            return;
        }
        m_supernetPanel->highlight(g);
        m_tabs->setCurrentWidget(m_supernetPanel);
    });
    const QSettings settings;
    restoreGeometry(settings.value(settings::kWindowGeometry).toByteArray());
    restoreState(settings.value(settings::kWindowState).toByteArray());
    m_tabs->setCurrentIndex(std::clamp(settings.value(settings::kCurrentTab, 0).toInt(), 0, m_tabs->count() - 1));

    m_summary = new QLabel(tr("No network loaded"), this);
    statusBar()->addPermanentWidget(m_summary);
}

MainWindow::~MainWindow() = default;

void MainWindow::showOverlay(const OverlayValues &v)
{
    m_nodeSimulation = v.perNode;
    if (!v.error.isEmpty()) {
        m_dag->clearOverlay();
        statusBar()->showMessage(tr("No simulation for the overlay and node figures: %1").arg(v.error), 8000);
    } else if (m_overlay != Overlay::None) {
        m_dag->setOverlay(v.values, v.label);
    }
    if (m_dag->selectedNode() >= 0)
        showNode(m_dag->selectedNode());
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Network..."), QKeySequence::Open, this, &MainWindow::chooseNetworkFile);
    QMenu *builtins = file->addMenu(tr("Open &Built-in Network"));
    for (const std::string &name : graph::builtinNetworkNames()) {
        const QString source = QStringLiteral("builtin:") + QString::fromStdString(name);
        builtins->addAction(QString::fromStdString(name), this, [this, source] { openNetwork(source); });
    }
    m_recentMenu = new RecentMenu(tr("Open &Recent"), file);
    file->addMenu(m_recentMenu);
    connect(m_recentMenu, &RecentMenu::networkChosen, this, &MainWindow::openNetwork);
    connect(m_recentMenu, &RecentMenu::projectChosen, this, [this](const QString &path) {
        QString error;
        if (!openProject(path, &error))
            QMessageBox::warning(this, tr("Could not open project"), error);
    });
    file->addAction(tr("&New Project"), QKeySequence::New, this, [this] { newProject(m_networkSource); });
    file->addAction(tr("Open &Project..."), this, &MainWindow::chooseProjectFile);
    file->addAction(tr("&Save Project As..."), QKeySequence::SaveAs, this, &MainWindow::chooseProjectSaveFile);
    file->addAction(tr("Open &Demo Project"), this, &MainWindow::openDemo);
    file->addAction(tr("Open R&un..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Run Directory"), runsFolderOrHome());
        if (dir.isEmpty())
            return;
        m_tabs->setCurrentWidget(m_runPanel);
        m_runPanel->openRun(dir);
    });
    file->addAction(tr("&Export Graph View..."), this, &MainWindow::exportView);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Find Node..."), QKeySequence::Find, this, &MainWindow::findNodes);
    edit->addSeparator();
    edit->addAction(tr("&Preferences..."), QKeySequence::Preferences, this, [this] {
        PreferencesDialog dialog(this);
        dialog.exec();
    });
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QAction *direction = view->addAction(tr("Lay Out &Left to Right"));
    direction->setCheckable(true);
    connect(direction, &QAction::toggled, this, [this](bool on) { m_dag->setLeftToRight(on); });
    view->addAction(tr("&Fit Graph"), this, [this] { m_dag->fitAll(); });
    view->addAction(tr("&Collapse Blocks"), this, [this] { m_dag->collapseAll(); });
    view->addAction(tr("&Expand All Blocks"), this, [this] { m_dag->expandAll(); });
    QMenu *overlay = view->addMenu(tr("Cost &Overlay"));
    auto *overlays = new QActionGroup(this);
    const std::pair<QString, Overlay> choices[] = {{tr("None"), Overlay::None},
                                                   {tr("Simulated Latency"), Overlay::Latency},
                                                   {tr("Simulated Energy"), Overlay::Energy},
                                                   {tr("Simulated DRAM Traffic"), Overlay::Dram}};
    for (const auto &[text, kind] : choices) {
        QAction *a = overlay->addAction(text);
        a->setCheckable(true);
        a->setChecked(kind == Overlay::None);
        overlays->addAction(a);
        connect(a, &QAction::triggered, this, [this, kind = kind] { setOverlay(kind); });
    }
    view->addSeparator();
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Calibra"), this, [this] {
        QMessageBox::about(
            this, tr("About Calibra"),
            tr("<b>Calibra %1</b><p>Hardware-aware neural architecture search for edge accelerators.</p>")
                .arg(QStringLiteral(CALIBRA_VERSION)));
    });
}

void MainWindow::showNode(int index)
{
    const auto loaded = m_model->network();
    if (!loaded || index < 0 || size_t(index) >= loaded->network.nodes.size())
        return;
    const graph::Node &n = loaded->network.nodes[size_t(index)];
    const graph::Cost &c = loaded->cost.perNode[size_t(index)];
    QString html =
        QStringLiteral("<h3>%1</h3><p><b>%2</b></p><table>")
            .arg(QString::fromStdString(n.name).toHtmlEscaped(),
                 QString::fromUtf8(graph::opTypeName(n.op).data(), qsizetype(graph::opTypeName(n.op).size())));
    auto row = [&html](const QString &key, const QString &value) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(key.toHtmlEscaped(), value.toHtmlEscaped());
    };
    for (size_t i = 0; i < n.inputs.size(); ++i)
        row(tr("input %1").arg(QString::fromStdString(n.inputs[i])),
            QString::fromStdString(graph::shapeToString(n.inputShapes[i])));
    for (size_t i = 0; i < n.outputs.size(); ++i)
        row(tr("output %1").arg(QString::fromStdString(n.outputs[i])),
            QString::fromStdString(graph::shapeToString(n.outputShapes[i])));
    for (const auto &[key, value] : n.attrs.values())
        row(QString::fromStdString(key), QString::fromStdString(graph::attrValueToString(value)));
    row(tr("parameters"), QLocale().toString(qlonglong(c.params)));
    row(tr("MACs"), QLocale().toString(qlonglong(c.macs)));
    row(tr("weight bytes (fp32)"), QLocale().toString(qlonglong(c.weightBytes)));
    row(tr("activation bytes in / out (fp32)"),
        QStringLiteral("%1 / %2").arg(QLocale().toString(qlonglong(c.inputBytes)),
                                      QLocale().toString(qlonglong(c.outputBytes))));
    if (size_t(index) < m_nodeSimulation.size() && std::isfinite(m_nodeSimulation[size_t(index)].latencyUs)) {
        const hardware::NodeCost &sim = m_nodeSimulation[size_t(index)];
        row(tr("simulated latency of its execution group"), tr("%1 us").arg(sim.latencyUs, 0, 'f', 2));
        row(tr("simulated energy of its execution group"), tr("%1 uJ").arg(sim.energyUj, 0, 'f', 2));
        row(tr("simulated DRAM traffic of its execution group"), tr("%1 KB").arg(sim.dramKB, 0, 'f', 1));
    }
    m_nodeDetails->setHtml(html + QStringLiteral("</table>"));
}

QString MainWindow::nodeDetails() const
{
    return m_nodeDetails->toPlainText();
}

void MainWindow::findNodes()
{
    const QString text = QInputDialog::getText(this, tr("Find Node"), tr("Name or op type:"));
    if (text.isEmpty())
        return;
    const QList<int> hits = m_dag->find(text);
    statusBar()->showMessage(hits.isEmpty() ? tr("No node matches '%1'").arg(text)
                                            : tr("%n node(s) match '%1'", nullptr, int(hits.size())).arg(text),
                             5000);
}

void MainWindow::exportView()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Graph View"), QString(), tr("PNG (*.png);;SVG (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ? m_dag->exportSvg(path, &error)
                                                                              : m_dag->exportPng(path, &error);
    if (!ok)
        QMessageBox::warning(this, tr("Export failed"), error);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(settings::kWindowGeometry, saveGeometry());
    settings.setValue(settings::kWindowState, saveState());
    settings.setValue(settings::kCurrentTab, m_tabs->currentIndex());
    QMainWindow::closeEvent(event);
}

QStringList MainWindow::recentNetworks() const
{
    return m_recentMenu->entries();
}

void MainWindow::setOverlay(Overlay overlay)
{
    m_overlay = overlay;
    updateOverlay();
}

void MainWindow::updateOverlay()
{
    // The simulation runs whether or not an overlay is shown: the Node dock shows each
    // node's execution-group figures under the edited setting.
    const auto loaded = m_model->network();
    if (m_overlay == Overlay::None)
        m_dag->clearOverlay();
    if (!loaded)
        return;
    // Snapshot for the worker: the network (immutable, shared), platform and setting.
    const hardware::Platform platform = m_editor->platform();
    const hardware::TargetSetting setting = m_editor->setting();
    const Overlay kind = m_overlay;
    m_overlayTask.start([loaded, platform, setting, kind](const std::atomic<bool> &) -> OverlayValues {
        OverlayValues out;
        try {
            const hardware::NetworkOnTarget target(std::shared_ptr<const graph::Network>(loaded, &loaded->network));
            out.perNode = target.nodeCosts(platform, setting);
            for (const hardware::NodeCost &c : out.perNode)
                out.values.push_back(kind == Overlay::Latency  ? c.latencyUs
                                     : kind == Overlay::Energy ? c.energyUj
                                                               : c.dramKB);
            out.label = kind == Overlay::Latency  ? tr("latency per execution group, us")
                        : kind == Overlay::Energy ? tr("energy per execution group, uJ")
                                                  : tr("DRAM traffic per execution group, KB");
        } catch (const std::exception &e) {
            out.error = QString::fromStdString(e.what());
        }
        return out;
    });
}

void MainWindow::updateProjectTree()
{
    m_projectTree->clear();
    new QTreeWidgetItem(m_projectTree,
                        {tr("Project"), m_project->file.empty()
                                            ? QString::fromStdString(m_project->name)
                                            : QString::fromStdString(m_project->name + " (" + m_project->file + ")")});
    const auto loaded = m_model->network();
    auto *ref = new QTreeWidgetItem(
        m_projectTree, {tr("Reference DNN"), loaded ? QString::fromStdString(loaded->network.name) : tr("none")});
    if (loaded) {
        for (const auto &in : loaded->network.inputs)
            new QTreeWidgetItem(ref, {tr("Input %1").arg(QString::fromStdString(in.name)),
                                      QString::fromStdString(graph::shapeToString(in.shape))});
        new QTreeWidgetItem(ref,
                            {tr("Parameters"), QString::fromStdString(graph::humanCount(loaded->cost.total.params))});
        new QTreeWidgetItem(ref, {tr("MACs"), QString::fromStdString(graph::humanCount(loaded->cost.total.macs))});
    }
    const FinetunerConnection &service = m_project->finetuner;
    if (service.enabled()) {
        // The service holds the platform and the predictor: the tree names them as the
        // project does, not as the target dock (a local platform) would.
        const QString where = QString::fromStdString(service.address);
        new QTreeWidgetItem(
            m_projectTree,
            {tr("Platform"),
             tr("%1 (held by the finetuning service %2)").arg(QString::fromStdString(service.platformId), where)});
        new QTreeWidgetItem(m_projectTree, {tr("Target setting"), m_project->targetText.empty()
                                                                      ? tr("the platform's fastest")
                                                                      : tr("the project's, checked by the service")});
    } else {
        const hardware::TargetSetting s = m_editor->setting();
        new QTreeWidgetItem(m_projectTree, {tr("Platform"), QString::fromStdString(m_editor->platform().name)});
        new QTreeWidgetItem(m_projectTree,
                            {tr("Target setting"), tr("%1 fusion, %2, %3 MHz")
                                                       .arg(QLatin1String(hardware::fusionName(s.fusion)),
                                                            QLatin1String(hardware::precisionName(s.precision)))
                                                       .arg(s.dvfsMhz)});
    }
    if (const supernet::Supernet *sn = m_supernetPanel->supernet())
        new QTreeWidgetItem(m_projectTree, {tr("Supernet"), tr("%1 choice points, 10^%2 sub-networks")
                                                                .arg(sn->choices().size())
                                                                .arg(sn->log10SpaceSize(), 0, 'f', 1)});
    new QTreeWidgetItem(m_projectTree,
                        {tr("Predictor"), service.enabled() ? tr("the finetuning service's, versioned per platform, "
                                                                 "reference and setting")
                                          : m_project->predictor == "builtin:offline"
                                              ? tr("shipped offline model (builtin:offline)")
                                              : QString::fromStdString(m_project->predictor)});
    new QTreeWidgetItem(m_projectTree, {tr("Runs"), tr("the Runs tab; calibra-cli run")});
    m_projectTree->expandAll();
    m_projectTree->resizeColumnToContents(0);
}

void MainWindow::chooseNetworkFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Network"), QString(),
                                                      tr("Networks (*.yaml *.yml *.onnx *.onnx.gz);;All files (*)"));
    if (!path.isEmpty())
        openNetwork(path);
}

void MainWindow::openDemo()
{
    applyProject(pipeline::demoProject());
}

void MainWindow::newProject(const QString &pathOrBuiltin)
{
    pipeline::Project p = pipeline::demoProject();
    p.name = "untitled";
    if (!pathOrBuiltin.isEmpty())
        p.reference = pathOrBuiltin.toStdString();
    applyProject(p);
}

void MainWindow::applyProject(const pipeline::Project &project)
{
    if (project.finetuner.enabled()) {
        keepForRollback();
        // The service holds the platform: the target dock keeps the platform it shows, and
        // the project keeps its own setting (currentProject() does not take the dock's).
        *m_project = project;
        m_runPanel->setProject(project);
        openSizedNetwork(QString::fromStdString(pipeline::resolvePath(project, project.reference)),
                         QString::fromStdString(project.referenceInputShape));
        statusBar()->showMessage(
            tr("The finetuning service %1 holds this project's platform (%2); the target setting dock "
               "shows a local platform, not the project's")
                .arg(QString::fromStdString(project.finetuner.address),
                     QString::fromStdString(project.finetuner.platformId)),
            10000);
        return;
    }
    // The platform and setting files are small and parsed here; the network, which can be
    // large, loads on the worker thread.
    const hardware::Platform platform = hardware::loadPlatform(pipeline::resolvePath(project, project.platform));
    const hardware::TargetSetting setting = pipeline::targetSettingOf(project, platform);
    keepForRollback();
    *m_project = project;
    m_runPanel->setProject(project); // the form shows the project's search settings
    m_editor->setPlatform(platform);
    m_editor->setSetting(setting);
    openSizedNetwork(QString::fromStdString(pipeline::resolvePath(project, project.reference)),
                     QString::fromStdString(project.referenceInputShape));
}

void MainWindow::applyRunProject(const pipeline::Project &project)
{
    try {
        applyProject(project);
    } catch (const std::exception &e) {
        statusBar()->showMessage(
            tr("The run's platform or target setting could not be opened: %1").arg(QString::fromStdString(e.what())),
            8000);
    }
}

bool MainWindow::openProject(const QString &path, QString *error)
{
    try {
        applyProject(pipeline::loadProject(path.toStdString()));
        m_recentMenu->rememberProject(path);
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        statusBar()->showMessage(tr("Could not open project %1").arg(path), 5000);
        return false;
    }
}

pipeline::Project MainWindow::currentProject() const
{
    pipeline::Project p = *m_project;
    if (!m_networkSource.isEmpty()) {
        p.reference = m_networkSource.toStdString();
        p.referenceInputShape = m_networkInputShape.toStdString();
    }
    if (p.finetuner.enabled())
        return p; // its platform and setting are the service's, not the target dock's
    const std::string platformName = m_editor->platform().name;
    const auto builtins = hardware::builtinPlatformNames();
    if (std::find(builtins.begin(), builtins.end(), platformName) != builtins.end())
        p.platform = "builtin:" + platformName;
    p.targetText = hardware::targetSettingToYaml(m_editor->setting());
    p.targetSource.clear(); // the dock's setting: no file, no line of the project's
    p.targetInline = false;
    return p;
}

bool MainWindow::saveProject(const QString &path, QString *error)
{
    pipeline::Project p = currentProject();
    p.file = path.toStdString();
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = tr("%1: cannot write (%2)").arg(path, f.errorString());
        return false;
    }
    f.write(QByteArray::fromStdString(pipeline::projectToYaml(p)));
    *m_project = p;
    m_recentMenu->rememberProject(path);
    updateProjectTree();
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

void MainWindow::chooseProjectFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), tr("Calibra projects (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openProject(path, &error))
        QMessageBox::warning(this, tr("Could not open project"), error);
}

void MainWindow::chooseProjectSaveFile()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Project"), QString(), tr("Calibra projects (*.yaml)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveProject(path, &error))
        QMessageBox::warning(this, tr("Could not save project"), error);
}

} // namespace calibra::widgets
