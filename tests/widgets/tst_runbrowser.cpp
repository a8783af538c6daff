// SPDX-License-Identifier: GPL-3.0-or-later
// The Past Runs tab: lists the runs of the runs folder (set in Preferences), newest
// first, and hands the chosen one to the Runs tab; the main window's File > Open Run
// starts there too.
#include "TestSettings.h"
#include "MainWindow.h"
#include "RunBrowser.h"
#include "RunPanel.h"
#include "RunsFolder.h"
#include "project/Project.h"
#include "pipeline/RunStore.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace calibra;
using namespace calibra::widgets;

namespace {

void writeRun(const QString &dir, const std::string &name, const std::string &status)
{
    pipeline::RunStore store(dir.toStdString(), true);
    pipeline::Project p = pipeline::demoProject();
    p.name = name;
    store.setMeta("project", pipeline::projectToYaml(p));
    store.setMeta("status", status);
    pipeline::Event e;
    e.kind = pipeline::EventKind::FinalModel;
    e.message = "final model: validated latency 0.047 ms, meets the constraints";
    store.putEvent(e);
}

} // namespace

class TestRunBrowser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { calibra::test::useOwnSettings("tst_runbrowser"); }

    void cleanup() { QSettings().clear(); }

    void runsFolderIsAPreference()
    {
        QCOMPARE(runsFolder(), defaultRunsFolder());
        QVERIFY(defaultRunsFolder().endsWith("Calibra runs"));
        QTemporaryDir dir;
        setRunsFolder(dir.path());
        QCOMPARE(runsFolder(), QDir::cleanPath(dir.path()));
        setRunsFolder({}); // back to the default
        QCOMPARE(runsFolder(), defaultRunsFolder());
    }

    void listsAndOpensPastRuns()
    {
        QTemporaryDir root;
        setRunsFolder(root.path());
        RunBrowser browser;
        QSignalSpy refreshed(&browser, &RunBrowser::refreshed);
        browser.show(); // showing the tab reads the folder
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(browser.list()->topLevelItemCount(), 1); // the "No run yet" line
        QVERIFY(!(browser.list()->topLevelItem(0)->flags() & Qt::ItemIsSelectable));

        writeRun(root.filePath("demo-1"), "demo", "finished");
        browser.refresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(browser.list()->topLevelItemCount(), 1);
        QTreeWidgetItem *row = browser.list()->topLevelItem(0);
        QCOMPARE(row->text(0), QString("demo-1"));
        QCOMPARE(row->text(1), QString("demo"));
        QCOMPARE(row->text(3), QString("finished"));
        QVERIFY2(row->toolTip(0).contains("meets the constraints"), qPrintable(row->toolTip(0)));

        QSignalSpy open(&browser, &RunBrowser::openRequested);
        browser.list()->setCurrentItem(row);
        Q_EMIT browser.list()->itemDoubleClicked(row, 0);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toString(), QDir(root.filePath("demo-1")).absolutePath());
    }

    // A run started from the Runs tab lands in the runs folder, where the list finds it.
    void aRunFromTheRunsTabIsListed()
    {
        QTemporaryDir root;
        setRunsFolder(root.path());
        RunPanel panel;
        pipeline::Project p = pipeline::demoProject();
        p.name = "from-the-gui";
        p.estimator = supernet::EstimatorKind::Params;
        p.mode = pipeline::Mode::Offline;
        p.search.population = 4;
        p.search.generations = 1;
        p.finalTraining.epochs = 0;
        panel.setProject(p);
        QSignalSpy finished(&panel, &RunPanel::runFinished);
        QVERIFY(panel.start());
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel.status()));
        QCOMPARE(QFileInfo(panel.runDirectory()).absolutePath(), QDir(root.path()).absolutePath());
        RunBrowser browser;
        QSignalSpy refreshed(&browser, &RunBrowser::refreshed);
        browser.show();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(browser.list()->topLevelItemCount(), 1);
        QCOMPARE(browser.list()->topLevelItem(0)->text(1), QString("from-the-gui"));
        QCOMPARE(browser.list()->topLevelItem(0)->text(3), QString("finished"));
    }

    // In the main window, the Past Runs tab opens a run in the Runs tab, form included.
    void mainWindowOpensARunFromTheList()
    {
        QTemporaryDir root;
        setRunsFolder(root.path());
        writeRun(root.filePath("earlier"), "earlier-project", "interrupted");
        MainWindow w;
        w.show();
        QSignalSpy refreshed(w.runBrowser(), &RunBrowser::refreshed);
        w.tabs()->setCurrentWidget(w.runBrowser());
        QVERIFY(refreshed.wait(10000));
        QSignalSpy opened(w.runPanel(), &RunPanel::runOpened);
        QTreeWidgetItem *row = w.runBrowser()->list()->topLevelItem(0);
        w.runBrowser()->list()->setCurrentItem(row);
        Q_EMIT w.runBrowser()->list()->itemDoubleClicked(row, 0);
        QVERIFY(opened.wait(10000));
        QVERIFY2(opened.at(0).at(0).toBool(), qPrintable(opened.at(0).at(1).toString()));
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.runPanel()));
        QCOMPARE(w.runPanel()->runDirectory(), QDir(root.filePath("earlier")).absolutePath());
        QCOMPARE(w.runPanel()->projectToRun().name, std::string("earlier-project"));
    }
};

QTEST_MAIN(TestRunBrowser)
#include "tst_runbrowser.moc"
