// Runs from the GUI: a short seeded run goes to completion on a worker thread and fills
// the charts from its events; a run can be cancelled and says how to resume; the main
// window hands the open network and setting to the panel.
#include "MainWindow.h"
#include "RunCharts.h"
#include "RunPanel.h"
#include "pipeline/RunStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace calibra;
using namespace calibra::widgets;

namespace {

pipeline::Project smallProject()
{
    pipeline::Project p = pipeline::demoProject();
    p.estimator = "params"; // no dataset or training: the test is about the panel
    p.search.population = 6;
    p.search.generations = 2;
    p.checkSamples = 6;
    p.aggPredefined = p.aggOperations = p.aggStructural = 1;
    for (auto &t : p.thresholds.metric)
        t = {1.0, 0.0, 1.0}; // every check fails: finetune, re-run
    p.finalTraining.epochs = 0;
    return p;
}

} // namespace

class TestRunPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void runToCompletion()
    {
        QTemporaryDir dir;
        RunPanel panel;
        panel.resize(1200, 700);
        panel.show();
        panel.setProject(smallProject());
        QSignalSpy finished(&panel, &RunPanel::runFinished);
        QVERIFY(panel.start(dir.filePath("run")));
        QVERIFY(panel.isRunning());
        QVERIFY(!panel.start(dir.filePath("other"))); // one run at a time
        QVERIFY(finished.wait(180000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel.status()));
        QVERIFY2(panel.status().contains("Finished"), qPrintable(panel.status()));
        QVERIFY(panel.log().contains("final model"));
        QCOMPARE(panel.lastResult().searches, 2);
        // Charts hold the run's points: the last check's sub-networks, every generation.
        const pipeline::RunStore store(dir.filePath("run").toStdString(), false);
        const auto checks = store.checks();
        QVERIFY(!checks.empty());
        QCOMPARE(panel.checkChart()->pointCount(), checks.back().summary.samples);
        QCOMPARE(panel.generationChart()->pointCount(), 2 * 3);
        QVERIFY(QFile::exists(dir.filePath("run/report.html")));
        // Reopened from its directory, the run shows the same points.
        RunPanel reopened;
        QSignalSpy opened(&reopened, &RunPanel::runOpened);
        QVERIFY(reopened.openRun(dir.filePath("run")));
        QVERIFY(opened.wait(20000));
        QVERIFY(opened.at(0).at(0).toBool());
        QCOMPARE(reopened.checkChart()->pointCount(), panel.checkChart()->pointCount());
        QCOMPARE(reopened.generationChart()->pointCount(), 6);
        QVERIFY(reopened.log().contains("final model"));
        QVERIFY(reopened.openRun(dir.filePath("nothing-here")));
        QVERIFY(opened.wait(20000));
        QVERIFY(!opened.at(1).at(0).toBool());
        QVERIFY2(opened.at(1).at(1).toString().contains("not a run directory"), qPrintable(opened.at(1).at(1).toString()));

        const QByteArray shots = qgetenv("CALIBRA_SCREENSHOT_DIR"); // the README's screenshot, when asked
        if (!shots.isEmpty()) {
            QTest::qWait(100); // queued replots
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(shots) + "/run-panel.png"));
        }
    }

    void cancelSaysHowToResume()
    {
        QTemporaryDir dir;
        RunPanel panel;
        pipeline::Project p = smallProject();
        p.search.generations = 50;
        panel.setProject(p);
        QSignalSpy finished(&panel, &RunPanel::runFinished);
        QVERIFY(panel.start(dir.filePath("run")));
        panel.cancel();
        QVERIFY(finished.wait(180000));
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY(panel.lastResult().cancelled || !panel.lastResult().error.empty());
        QVERIFY2(panel.status().contains("--resume") || panel.status().contains("Failed"), qPrintable(panel.status()));
        QVERIFY(!panel.isRunning());
    }

    void formOverridesTheProject()
    {
        RunPanel panel;
        panel.setProject(smallProject());
        QCOMPARE(panel.projectToRun().search.population, 6);
        pipeline::Project other = smallProject();
        other.search.population = 40;
        panel.setProject(other, false); // keeps the form
        QCOMPARE(panel.projectToRun().search.population, 6);
        panel.setProject(other);
        QCOMPARE(panel.projectToRun().search.population, 40);
    }

    void mainWindowHandsOverTheNetwork()
    {
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openNetwork(QStringLiteral("builtin:resnet18"));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(w.runPanel()->projectToRun().reference, std::string("builtin:resnet18"));
    }
};

QTEST_MAIN(TestRunPanel)
#include "tst_runpanel.moc"
