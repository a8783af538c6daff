// SPDX-License-Identifier: GPL-3.0-or-later
// The main window offscreen: it opens the demo project on a worker thread, shows the
// layers, reports a bad file instead of crashing, and renders (screenshot).
#include "TestSettings.h"
#include "CheckInspector.h"
#include "GenerationValidationChart.h"
#include "MainWindow.h"
#include "RunBrowser.h"
#include "RunPanel.h"
#include "RunsFolder.h"
#include "SupernetPanel.h"
#include "TextFit.h"
#include "Translations.h"
#include "graph/NetworkFile.h"
#include "supernet/Supernet.h"
#include "graph/OnnxFormat.h"
#include "hardware/Platform.h"
#include "project/Project.h"
#include "pipeline/RunStore.h"
#include "NetworkLayerModel.h"
#include "SmallRuns.h"
#include "TargetSettingEditor.h"

#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

#include <onnx/onnx_pb.h>

using namespace calibra::widgets;
namespace hardware = calibra::hardware;
namespace pipeline = calibra::pipeline;

class TestMainWindow : public QObject
{
    Q_OBJECT

    static void removeTranslators()
    {
        for (QTranslator *t : qApp->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

    // The window at the README's screenshot size with the demo project open.
    static void showDemoAt1366x768(MainWindow &w)
    {
        w.resize(1366, 768);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openDemo();
        QVERIFY(loaded.wait(20000));
    }

    // A row per interface language, for the tests that look at the window in each.
    static void addLanguageRows()
    {
        QTest::addColumn<QString>("language");
        for (const char *code : {"en", "zh_TW", "de"})
            QTest::newRow(code) << QString::fromLatin1(code);
    }

    static void useLanguage(const QString &language)
    {
        removeTranslators();
        if (language != QLatin1String("en"))
            QCOMPARE(installTranslations(*qApp, language), language);
    }

private Q_SLOTS:
    void initTestCase() { calibra::test::useOwnSettings("tst_mainwindow"); }

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

    // The window fits a 1024x600 netbook screen, whichever tab is shown, in every language
    // (a tab whose content is wider scrolls).
    void fitsALaptopScreen_data() { addLanguageRows(); }

    void fitsALaptopScreen()
    {
        QFETCH(QString, language);
        useLanguage(language);
        const auto cleanup = qScopeGuard(removeTranslators);
        if (QTest::currentTestFailed())
            return;
        MainWindow w;
        for (int t = 0; t < w.tabs()->count(); ++t) {
            w.tabs()->setCurrentIndex(t);
            const QSize least = w.minimumSizeHint().expandedTo(w.minimumSize());
            QStringList pages; // the tabs' pages and the docks each need at least
            for (QWidget *d : w.findChildren<QDockWidget *>())
                pages << QStringLiteral("%1 %2x%3")
                             .arg(d->windowTitle())
                             .arg(d->minimumSizeHint().width())
                             .arg(d->minimumSizeHint().height());
            pages << QStringLiteral("status bar %1").arg(w.statusBar()->minimumSizeHint().width());
            for (int p = 0; p < w.tabs()->count(); ++p)
                pages << QStringLiteral("%1 %2x%3")
                             .arg(w.tabs()->tabText(p))
                             .arg(w.tabs()->widget(p)->minimumSizeHint().width())
                             .arg(w.tabs()->widget(p)->minimumSizeHint().height());
            QVERIFY2(least.width() <= 1024 && least.height() <= 600 - 40,
                     qPrintable(QString("tab %1: at least %2x%3 (%4)")
                                    .arg(w.tabs()->tabText(t))
                                    .arg(least.width())
                                    .arg(least.height())
                                    .arg(pages.join(", "))));
        }
    }

    // Every tab renders at 1366x768 during a run and after it, in English, Traditional
    // Chinese and German, with no text cut short, and with the run's views filling as it
    // goes: progress, a check, each generation's validated members, the run in Past Runs.
    // With CALIBRA_SCREENSHOT_DIR set, each view is saved there as
    // <language>-<during|after>-<view>.png (docs/screenshots/tabs).
    void everyTabDuringAndAfterARun_data() { addLanguageRows(); }

    void everyTabDuringAndAfterARun()
    {
        QFETCH(QString, language);
        useLanguage(language);
        const auto cleanup = qScopeGuard(removeTranslators);
        if (QTest::currentTestFailed())
            return;
        QTemporaryDir runs;
        setRunsFolder(runs.path());
        const auto defaultFolder = qScopeGuard([] { setRunsFolder({}); });
        MainWindow w;
        showDemoAt1366x768(w);
        if (QTest::currentTestFailed())
            return;
        pipeline::Project p = w.currentProject();
        p.search.population = 12;
        p.search.generations = 60; // long enough to take every view while it runs, twice over
        p.estimator = calibra::supernet::EstimatorKind::Naswot; // no supernet training: the run is about the views
        p.checkSamples = 8;
        p.finalTraining.epochs = 0;
        RunPanel *panel = w.runPanel();
        panel->setProject(p);
        QSignalSpy finished(panel, &RunPanel::runFinished);
        QVERIFY(panel->start());

        const QString shots = QString::fromLocal8Bit(qgetenv("CALIBRA_SCREENSHOT_DIR"));
        const auto grabEveryTab = [&](const QString &state) {
            const QString prefix = language + QLatin1Char('-') + state + QLatin1Char('-');
            const auto take = [&](const QString &view) {
                QTest::qWait(150); // queued replots
                const QStringList cut = calibra::tests::textsCutShort(&w);
                QVERIFY2(cut.isEmpty(),
                         qPrintable(state + QLatin1Char(' ') + view + QStringLiteral(": ") + cut.join("\n")));
                const QPixmap shot = w.grab();
                QCOMPARE(shot.size(), QSize(1366, 768));
                if (!shots.isEmpty())
                    QVERIFY(shot.save(QDir(shots).filePath(prefix + view + QStringLiteral(".png"))));
            };
            const QStringList mainViews{"graph", "layers", "supernet", "runs", "past-runs", "farm", "nas"};
            QCOMPARE(w.tabs()->count(), int(mainViews.size()));
            const QStringList runViews{"checks", "pareto", "history", "validation", "compare"};
            QCOMPARE(panel->viewTabs()->count(), int(runViews.size()));
            for (int t = 0; t < w.tabs()->count(); ++t) {
                w.tabs()->setCurrentIndex(t);
                if (w.tabs()->currentWidget() != panel) {
                    take(mainViews[t]);
                } else {
                    for (int v = 0; v < panel->viewTabs()->count() && !QTest::currentTestFailed(); ++v) {
                        panel->viewTabs()->setCurrentIndex(v);
                        take(QStringLiteral("runs-") + runViews[v]);
                    }
                }
                if (QTest::currentTestFailed())
                    return;
            }
        };

        // During: two generations done, the pre-search check shown, the run going on.
        QTRY_VERIFY_WITH_TIMEOUT(panel->progressValue() >= 2 && panel->checkInspector()->checkCount() >= 1, 180000);
        QVERIFY(panel->isRunning());
        QVERIFY(panel->progressValue() < panel->progressMaximum());
        grabEveryTab(QStringLiteral("during"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(panel->isRunning(), "the run ended before its views were all taken");

        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 300000);
        QVERIFY(finished.last().at(0).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(panel->validationChart()->validatedPointCount() > 0, 20000);
        w.runBrowser()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(w.runBrowser()->list()->topLevelItemCount(), 1, 20000);
        grabEveryTab(QStringLiteral("after"));
    }

    // In the window at 1366x768: a run whose final model is near chance keeps its warning
    // across the top of the Runs tab when it is reopened, and Past Runs lists it beside an
    // interrupted one. With CALIBRA_SCREENSHOT_DIR set: run-warnings.png and past-runs.png
    // (the README's).
    void untrustworthyResultInTheWindow()
    {
        QTemporaryDir runs;
        setRunsFolder(runs.path());
        const auto defaultFolder = qScopeGuard([] { setRunsFolder({}); });
        {
            pipeline::RunStore killed(runs.filePath("demo-killed").toStdString(), true);
            killed.setMeta("project", pipeline::projectToYaml(pipeline::demoProject()));
            killed.setStatus(pipeline::RunStatus::Interrupted);
        }
        MainWindow w;
        showDemoAt1366x768(w);
        if (QTest::currentTestFailed())
            return;
        pipeline::Project p = withFinalModelAtChance(w.currentProject());
        p.search.population = 8;
        p.search.generations = 3;
        p.estimator = calibra::supernet::EstimatorKind::Params; // no supernet training: the run is about the warning
        p.checkSamples = 8;
        p.finalBaseline = false;
        RunPanel *panel = w.runPanel();
        panel->setProject(p);
        QSignalSpy finished(panel, &RunPanel::runFinished);
        const QString run = runs.filePath("demo-chance");
        QVERIFY(panel->start(run));
        QVERIFY(finished.wait(180000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel->status()));

        QSignalSpy opened(panel, &RunPanel::runOpened);
        bool reopened = false; // QTRY evaluates its condition more than once
        QTRY_VERIFY_WITH_TIMEOUT(reopened || (reopened = panel->openRun(run)), 20000); // once the last read is in
        QVERIFY(opened.wait(20000));
        w.tabs()->setCurrentWidget(panel);
        auto *banner = panel->findChild<QLabel *>(QStringLiteral("runWarnings"));
        QVERIFY(banner && banner->isVisible());
        QVERIFY2(banner->text().contains("near chance"), qPrintable(banner->text()));
        const QString shots = QString::fromLocal8Bit(qgetenv("CALIBRA_SCREENSHOT_DIR"));
        const auto take = [&](const char *name) {
            QTest::qWait(150); // queued replots
            const QPixmap shot = w.grab();
            QCOMPARE(shot.size(), QSize(1366, 768));
            if (!shots.isEmpty())
                QVERIFY(shot.save(QDir(shots).filePath(QLatin1String(name))));
        };
        take("run-warnings.png");
        if (QTest::currentTestFailed())
            return;

        QSignalSpy refreshed(w.runBrowser(), &RunBrowser::refreshed);
        w.tabs()->setCurrentWidget(w.runBrowser());
        w.runBrowser()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(w.runBrowser()->list()->topLevelItemCount(), 2, 20000);
        QStringList statuses;
        for (int i = 0; i < 2; ++i)
            statuses << w.runBrowser()->list()->topLevelItem(i)->text(3);
        statuses.sort();
        QCOMPARE(statuses, (QStringList{"finished", "interrupted"}));
        take("past-runs.png");
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

        // A project whose network cannot be opened is not half-opened: the window keeps
        // the project, network, platform and setting it had, so Start and Save mean them.
        QFile notOnnx(dir.filePath("broken.onnx"));
        QVERIFY(notOnnx.open(QIODevice::WriteOnly));
        notOnnx.write("format: calibra-network\n");
        notOnnx.close();
        QFile badReference(dir.filePath("badref.yaml"));
        QVERIFY(badReference.open(QIODevice::WriteOnly));
        badReference.write("format: calibra-project\nversion: 1\nname: other\nreference: broken.onnx\nplatform: "
                           "builtin:edge-npu-s\nsearch: {population: 6}\n");
        badReference.close();
        // The Supernet tab shows the space the project's search uses, its kernels.
        QFile kernels(dir.filePath("kernels.yaml"));
        QVERIFY(kernels.open(QIODevice::WriteOnly));
        kernels.write("format: calibra-project\nversion: 1\nreference: builtin:resnet18\nplatform: "
                      "builtin:edge-npu-s\nsupernet: {kernels: [7]}\n");
        kernels.close();
        {
            MainWindow w;
            QSignalSpy opened(&w, &MainWindow::networkLoaded);
            QVERIFY2(w.openProject(kernels.fileName(), &error), qPrintable(error));
            QVERIFY(opened.wait(20000));
            QVERIFY(w.supernetPanel()->supernet());
            QCOMPARE(w.supernetPanel()->supernet()->options().kernels, std::vector<int64_t>{7});
        }
        // An unsaved edit in the Runs form survives too.
        pipeline::Project edited = again.runPanel()->projectToRun();
        edited.search.population = 11;
        again.runPanel()->setProject(edited);
        QSignalSpy failed(&again, &MainWindow::loadFailed);
        QVERIFY2(again.openProject(badReference.fileName(), &error), qPrintable(error)); // the network loads later
        QVERIFY(failed.wait(20000));
        QCOMPARE(again.project().file, path.toStdString());
        QCOMPARE(again.currentProject().reference, std::string("builtin:resnet18"));
        QCOMPARE(again.targetSettingEditor()->platform().name, std::string("mobile-apu-l"));
        QCOMPARE(again.targetSettingEditor()->setting().fusion, hardware::Fusion::DepthFirst);
        QCOMPARE(again.runPanel()->projectToRun().search.population, 11);

        // A project whose platform a finetuning service holds opens; saved again, it
        // takes neither the target dock's platform nor its setting.
        QFile remote(dir.filePath("remote.yaml"));
        QVERIFY(remote.open(QIODevice::WriteOnly));
        remote.write("format: calibra-project\nversion: 1\nreference: builtin:resnet18\ntarget: {hardware: "
                     "{dvfs_mhz: 800}}\nfinetuner: {address: '127.0.0.1:50061', platform: npu-a, ca: ca.pem, "
                     "cert: me.pem, key: me.key}\n");
        remote.close();
        QVERIFY2(again.openProject(remote.fileName(), &error), qPrintable(error));
        QVERIFY(again.statusBar()->currentMessage().contains("npu-a"));
        const pipeline::Project kept = again.currentProject();
        QVERIFY(kept.platform.empty());
        QVERIFY(QString::fromStdString(kept.targetText).contains("800"));
        QVERIFY2(again.saveProject(dir.filePath("remote-again.yaml"), &error), qPrintable(error));
        QCOMPARE(pipeline::loadProject(dir.filePath("remote-again.yaml").toStdString()).finetuner.platformId,
                 std::string("npu-a"));
    }

    // An ONNX network exported with a symbolic height and width opens once its size is
    // given, and the project keeps the size: saved, and reopened with it.
    void symbolicInputSizesAreGivenAndKept()
    {
        QTemporaryDir dir;
        onnx::ModelProto model;
        QVERIFY(
            model.ParseFromString(calibra::graph::networkToOnnx(calibra::graph::loadNetwork("builtin:resnet_fmnist"))));
        onnx::TensorShapeProto *shape =
            model.mutable_graph()->mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape();
        shape->mutable_dim(2)->set_dim_param("h");
        shape->mutable_dim(3)->set_dim_param("w");
        const QString file = dir.filePath("dynamic.onnx");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(model.SerializeAsString()));
        f.close();

        MainWindow w;
        QSignalSpy failed(&w, &MainWindow::loadFailed);
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openNetwork(file);
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.at(0).at(0).toString().contains("has symbolic dimensions h, w"),
                 qPrintable(failed.at(0).at(0).toString()));
        w.openSizedNetwork(file, QStringLiteral("1x1x28x28"));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(w.project().referenceInputShape, std::string("1x1x28x28"));
        QCOMPARE(w.project().reference, file.toStdString());
        const QString projectFile = dir.filePath("sized.yaml");
        QString error;
        QVERIFY2(w.saveProject(projectFile, &error), qPrintable(error));

        MainWindow again;
        QSignalSpy againLoaded(&again, &MainWindow::networkLoaded);
        QVERIFY2(again.openProject(projectFile, &error), qPrintable(error));
        QVERIFY(againLoaded.wait(20000));
        QCOMPARE(again.project().referenceInputShape, std::string("1x1x28x28"));
        QCOMPARE(again.layerModel()->rowCount(), w.layerModel()->rowCount());
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
