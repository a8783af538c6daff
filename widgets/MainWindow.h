// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The workbench's main window: menus, a project explorer dock, the reference network's
// layer table in the centre, and a status bar. Networks load on a worker thread.
#include "LatestTask.h"
#include "hardware/NetworkOnTarget.h"

#include <QMainWindow>

#include <array>
#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTreeWidget;

namespace calibra::pipeline {
struct Project;
}

namespace calibra::widgets {

struct LoadedNetwork;
class DagView;
class NetworkLayerModel;
class TargetSettingEditor;
class SupernetPanel;
class FarmPanel;
class NasPanel;
class RecentMenu;
class RunBrowser;
class RunPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts loading a network file or "builtin:NAME"; emits networkLoaded or loadFailed.
    // A network other than the project's reference makes the project an unsaved
    // "untitled" one with that reference (the platform and setting as they are).
    void openNetwork(const QString &pathOrBuiltin);
    // An ONNX network with the sizes of its symbolic inputs (graph/InputShapes.h:
    // "1x3x224x224"). Opening one without asks for them (not offscreen).
    void openSizedNetwork(const QString &path, const QString &inputShape);
    void openDemo();
    // A new untitled project on the demo's platform, setting and search settings, with
    // this network as its reference (File > New Project, `calibra NETWORK`).
    void newProject(const QString &pathOrBuiltin = {});

    // Project files (docs/pipeline.md): opening one loads its network (on the worker
    // thread), platform and target setting; saving writes the open network, the edited
    // platform and setting, and the rest of the project as it was opened. Both return
    // false with a message naming the file (and line) on failure.
    bool openProject(const QString &path, QString *error = nullptr);
    bool saveProject(const QString &path, QString *error = nullptr);
    const pipeline::Project &project() const { return *m_project; }

    NetworkLayerModel *layerModel() const { return m_model; }
    TargetSettingEditor *targetSettingEditor() const { return m_editor; }
    DagView *dagView() const { return m_dag; }
    SupernetPanel *supernetPanel() const { return m_supernetPanel; }
    RunPanel *runPanel() const { return m_runPanel; }
    RunBrowser *runBrowser() const { return m_runBrowser; }
    FarmPanel *farmPanel() const { return m_farmPanel; }
    NasPanel *nasPanel() const { return m_nasPanel; }
    // The open project with the open network and the edited platform and setting.
    pipeline::Project currentProject() const;
    QTabWidget *tabs() const { return m_tabs; }
    QString nodeDetails() const; // the Node dock's text

    enum class Overlay { None, Latency, Energy, Dram };
    void setOverlay(Overlay overlay); // colours the DAG by simulated cost per execution group

    QStringList recentNetworks() const;

protected:
    void closeEvent(QCloseEvent *event) override;

Q_SIGNALS:
    void networkLoaded(const QString &name);
    void loadFailed(const QString &message);

private:
    struct LoadResult
    {
        std::shared_ptr<const LoadedNetwork> network;
        QString error;
        // Set when the error is an ONNX input with symbolic dimensions: the input, and its
        // size with a "?" for each dimension to give.
        QString symbolicInput, sizeTemplate;
    };

    void createMenus();
    void createDocks(); // MainWindowDocks.cpp
    void createProjectDock();
    void createTargetDock();
    void createNodeDock();
    void showNode(int index);
    void findNodes();
    void exportView();
    void updateOverlay();
    void onLoadFinished(const LoadResult &result);
    void askInputSize(const LoadResult &result);
    void updateProjectTree();
    void chooseNetworkFile();
    void chooseProjectFile();
    void chooseProjectSaveFile();
    void applyProject(const pipeline::Project &project);
    // An opened or resumed run's project becomes the window's (an error in the status bar).
    void applyRunProject(const pipeline::Project &project);
    // A project is the window's only once its network opens: until then what it replaced
    // is kept, and put back if the network cannot be opened (MainWindowNetwork.cpp).
    void keepForRollback();
    void rollBackProject();

    NetworkLayerModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QTreeWidget *m_projectTree = nullptr;
    TargetSettingEditor *m_editor = nullptr;
    DagView *m_dag = nullptr;
    SupernetPanel *m_supernetPanel = nullptr;
    RunPanel *m_runPanel = nullptr;
    RunBrowser *m_runBrowser = nullptr;
    FarmPanel *m_farmPanel = nullptr;
    NasPanel *m_nasPanel = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTextBrowser *m_nodeDetails = nullptr;
    Overlay m_overlay = Overlay::None;
    struct OverlayValues
    {
        std::vector<double> values;
        QString label;
        QString error;
        std::vector<hardware::NodeCost> perNode;
    };
    std::vector<hardware::NodeCost> m_nodeSimulation; // for the Node dock; empty until simulated
    void showOverlay(const OverlayValues &v);
    LatestTask<OverlayValues> m_overlayTask{this, [this](const OverlayValues &v) { showOverlay(v); }};
    RecentMenu *m_recentMenu = nullptr;
    QLabel *m_summary = nullptr;
    LatestTask<LoadResult> m_loader{this, [this](const LoadResult &r) { onLoadFinished(r); }};
    QString m_pendingSource, m_pendingInputShape;
    quint64 m_loadRequests = 0;  // counts openSizedNetwork() calls: a newer one supersedes
    QString m_networkSource;     // what the open network was loaded from
    QString m_networkInputShape; // and its inputs' sizes, when they were given
    std::unique_ptr<pipeline::Project> m_project;
    struct ProjectRollback
    {
        std::shared_ptr<const pipeline::Project> project; // the window's
        std::shared_ptr<const pipeline::Project> form;    // the Runs form's, with unsaved edits
        hardware::Platform platform;
        hardware::TargetSetting setting;
    };
    std::optional<ProjectRollback> m_rollback; // set while an opened project's network loads
};

} // namespace calibra::widgets
