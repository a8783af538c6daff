// SPDX-License-Identifier: GPL-3.0-or-later
// The main window offscreen: it opens the demo project on a worker thread, shows the
// layers, reports a bad file instead of crashing, and renders (screenshot).
#include "MainWindow.h"
#include "RunPanel.h"
#include "hardware/Platform.h"
#include "pipeline/Project.h"
#include "pipeline/RunStore.h"
#include "NetworkLayerModel.h"
#include "TargetSettingEditor.h"

#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using calibra::widgets::MainWindow;
namespace hardware = calibra::hardware;
namespace pipeline = calibra::pipeline;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // keeps QSettings off the user's files
        QCoreApplication::setOrganizationName(QStringLiteral("CalibraTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    }

    void opensDemoAndShowsLayers()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openDemo();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.at(0).at(0).toString(), QString("resnet_fmnist"));
        // stem 3 + 6 basic blocks x 7 + 2 downsample shortcuts x 2 + pool, flatten, linear
        QCOMPARE(w.layerModel()->rowCount(), 52);
        QVERIFY(w.windowTitle().startsWith("resnet_fmnist"));
        QCOMPARE(w.targetSettingEditor()->platform().name, std::string("edge-npu-s")); // the demo project's platform
        QStringList menus;
        for (QAction *a : w.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus, (QStringList{"&File", "&Edit", "&View", "&Help"}));
        bool summaryShown = false;
        for (QLabel *l : w.statusBar()->findChildren<QLabel *>())
            summaryShown |= l->text().contains("175.0 k parameters");
        QVERIFY(summaryShown);

        // A screenshot proves the window renders; kept for people to look at.
        const QPixmap shot = w.grab();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), w.size());
        const QString path =
            QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation)).filePath("calibra-mainwindow.png");
        QVERIFY(shot.save(path));
    }

    // File > Open Built-in Network opens any built-in network; a network that is not the
    // project's reference makes an untitled project (the tree must not name the old file),
    // keeping the platform; `calibra NETWORK` starts one on the demo's platform.
    void builtinNetworkMakesAnUntitledProject()
    {
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openDemo();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(w.project().name, std::string("demo"));
        QMenu *builtins = nullptr;
        for (QMenu *m : w.menuBar()->actions().at(0)->menu()->findChildren<QMenu *>())
            if (m->title() == "Open &Built-in Network")
                builtins = m;
        QVERIFY(builtins);
        QStringList names;
        for (QAction *a : builtins->actions())
            names << a->text();
        QVERIFY2(names.contains("mobilenet_v2") && names.contains("vit_small"), qPrintable(names.join(", ")));
        builtins->actions().at(int(names.indexOf("mobilenet_v2")))->trigger();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.last().at(0).toString(), QString("mobilenet_v2"));
        QCOMPARE(w.project().name, std::string("untitled"));
        QVERIFY(w.project().file.empty());
        QCOMPARE(w.project().reference, std::string("builtin:mobilenet_v2"));
        QCOMPARE(w.targetSettingEditor()->platform().name, std::string("edge-npu-s"));

        MainWindow fresh;
        QSignalSpy freshLoaded(&fresh, &MainWindow::networkLoaded);
        fresh.newProject(QStringLiteral("builtin:resnet18"));
        QVERIFY(freshLoaded.wait(20000));
        QCOMPARE(fresh.project().name, std::string("untitled"));
        QCOMPARE(fresh.targetSettingEditor()->platform().name, std::string("edge-npu-s"));
    }

    // Opening a past run makes its project the window's: its network in the graph, its
    // platform in the target dock, its name in the tree (Start runs what is shown).
    void openedRunBecomesTheWindowsProject()
    {
        QTemporaryDir dir;
        pipeline::Project p = pipeline::demoProject();
        p.name = "past";
        p.reference = "builtin:mobilenet_v2_cifar";
        p.platform = "builtin:mobile-apu-l";
        p.targetText.clear();
        {
            pipeline::RunStore store(dir.filePath("past").toStdString(), true);
            store.setMeta("project", pipeline::projectToYaml(p));
            store.setMeta("status", "finished");
        }
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openDemo();
        QVERIFY(loaded.wait(20000));
        QVERIFY(w.runPanel()->openRun(dir.filePath("past")));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.last().at(0).toString(), QString("mobilenet_v2_cifar"));
        QCOMPARE(w.project().name, std::string("past"));
        QCOMPARE(w.project().reference, std::string("builtin:mobilenet_v2_cifar"));
        QCOMPARE(w.targetSettingEditor()->platform().name, std::string("mobile-apu-l"));
        QCOMPARE(w.currentProject().reference, std::string("builtin:mobilenet_v2_cifar"));
    }

    // The window fits a 1366x768 laptop screen, whichever tab is shown.
    void fitsALaptopScreen()
    {
        MainWindow w;
        for (int t = 0; t < w.tabs()->count(); ++t) {
            w.tabs()->setCurrentIndex(t);
            const QSize least = w.minimumSizeHint().expandedTo(w.minimumSize());
            QVERIFY2(least.width() <= 1366 && least.height() <= 768 - 40,
                     qPrintable(QString("tab %1: at least %2x%3 (runs tab %4)")
                                    .arg(w.tabs()->tabText(t))
                                    .arg(least.width())
                                    .arg(least.height())
                                    .arg(w.runPanel()->minimumSizeHint().width())));
        }
    }

    void newerRequestSupersedesRunningLoad()
    {
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openNetwork(QStringLiteral(CALIBRA_TEST_DATA "/onnx/resnet18.onnx.gz")); // ~0.1 s load
        w.openNetwork(QStringLiteral("builtin:espcn_x3"));                         // returns at once
        QVERIFY(loaded.wait(20000));
        QTest::qWait(500); // the superseded load finishes unobserved
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(0).toString(), QString("espcn_x3"));
        QCOMPARE(w.layerModel()->rowCount(), 6);
    }

    void remembersWindowStateAndRecentNetworks()
    {
        QSettings().clear();
        QSize wanted;
        {
            MainWindow w;
            w.show();
            QSignalSpy loaded(&w, &MainWindow::networkLoaded);
            w.openNetwork(QStringLiteral("builtin:resnet18"));
            QVERIFY(loaded.wait(20000));
            w.openNetwork(QStringLiteral("builtin:espcn_x3"));
            QVERIFY(loaded.wait(20000));
            // A size the window can take (above its minimum), remembered across starts.
            wanted = QSize(std::max(1000, w.minimumSizeHint().width() + 40),
                           std::max(640, w.minimumSizeHint().height() + 40));
            w.resize(wanted);
            w.close();
        }
        MainWindow again;
        QCOMPARE(again.size(), wanted);
        QCOMPARE(again.recentNetworks(), (QStringList{"builtin:espcn_x3", "builtin:resnet18"}));
        QSettings().clear();
    }

    void projectFilesRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("mine.yaml");
        {
            MainWindow w;
            QSignalSpy loaded(&w, &MainWindow::networkLoaded);
            w.openNetwork(QStringLiteral("builtin:resnet18"));
            QVERIFY(loaded.wait(20000));
            w.targetSettingEditor()->setPlatform(hardware::loadPlatform("builtin:mobile-apu-l"));
            hardware::TargetSetting s = w.targetSettingEditor()->setting();
            s.fusion = hardware::Fusion::DepthFirst;
            w.targetSettingEditor()->setSetting(s);
            QString error;
            QVERIFY2(w.saveProject(path, &error), qPrintable(error));
        }
        MainWindow again;
        QSignalSpy loaded(&again, &MainWindow::networkLoaded);
        QString error;
        QVERIFY2(again.openProject(path, &error), qPrintable(error));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.at(0).at(0).toString(), QString("resnet18"));
        QCOMPARE(again.targetSettingEditor()->platform().name, std::string("mobile-apu-l"));
        QCOMPARE(again.targetSettingEditor()->setting().fusion, hardware::Fusion::DepthFirst);
        QCOMPARE(again.project().search.population, pipeline::demoProject().search.population); // the rest kept
        QVERIFY(again.recentNetworks().contains("project:" + path)); // File > Open Recent lists projects too

        QFile bad(dir.filePath("bad.yaml"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("format: calibra-project\nversion: 1\nreference: builtin:resnet18\nplatform: "
                  "builtin:edge-npu-s\nmode: later\n");
        bad.close();
        QVERIFY(!again.openProject(bad.fileName(), &error));
        QVERIFY2(error.contains("bad.yaml:5") && error.contains("later"), qPrintable(error));
    }

    void badFileIsReportedNotFatal()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("broken.yaml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("format: calibra-network\nversion: 1\ninputs: [");
        f.close();
        MainWindow w;
        QSignalSpy failed(&w, &MainWindow::loadFailed);
        w.openNetwork(f.fileName());
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.at(0).at(0).toString().contains("broken.yaml:"), qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(w.layerModel()->rowCount(), 0);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
