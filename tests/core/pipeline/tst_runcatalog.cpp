// SPDX-License-Identifier: GPL-3.0-or-later
// The run browser's catalogue: runs under a folder, newest first, each with its project,
// mode, status, counts and final-model line; a damaged store is listed as unreadable.
#include "project/Project.h"
#include "pipeline/RunCatalog.h"
#include "pipeline/RunLock.h"
#include "pipeline/RunStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace calibra;
using namespace calibra::pipeline;

namespace {

void writeRun(const QString &dir, const std::string &name, const std::string &status, int generations)
{
    RunStore store(dir.toStdString(), true);
    Project p = demoProject();
    p.name = name;
    p.mode = Mode::Post;
    store.setMeta("project", projectToYaml(p));
    store.setMeta("status", status);
    for (int g = 0; g < generations; ++g) {
        Event e;
        e.kind = EventKind::GenerationFinished;
        e.generation = g;
        store.putEvent(e);
    }
    Event w;
    w.kind = EventKind::Warning;
    w.message = "the one-shot supernet's training stopped at its time budget";
    store.putEvent(w);
    if (status == "finished") {
        Event f;
        f.kind = EventKind::FinalModel;
        f.message = "final model: validated latency 0.047 ms, meets the constraints";
        store.putEvent(f);
    }
    validate::Metrics m;
    m.ok = true;
    m.latencyMs = 1;
    store.putValidations({{QByteArray("a"), m}, {QByteArray("b"), m}}, pipeline::ValidationPurpose::Check);
}

void setModified(const QString &dir, const QDateTime &when)
{
    for (const char *name : {"run.sqlite", "run.sqlite-wal"}) {
        QFile f(QDir(dir).filePath(QLatin1String(name)));
        if (f.exists()) {
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(when, QFileDevice::FileModificationTime));
        }
    }
}

} // namespace

class TestRunCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsRunsNewestFirst()
    {
        QTemporaryDir root;
        const QDateTime now = QDateTime::currentDateTime();
        writeRun(root.filePath("old"), "first", "finished", 3);
        writeRun(root.filePath("new"), "second", "interrupted", 1);
        setModified(root.filePath("old"), now.addDays(-2));
        setModified(root.filePath("new"), now.addSecs(-60));
        QVERIFY(QDir(root.path()).mkdir("not-a-run"));
        QVERIFY(QDir(root.path()).mkdir("damaged"));
        QFile junk(root.filePath("damaged/run.sqlite"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("this is not an SQLite database, but a run store someone overwrote");
        junk.close();
        setModified(root.filePath("damaged"), now.addDays(-1));

        const std::vector<RunEntry> runs = listRuns(root.path().toStdString());
        QCOMPARE(int(runs.size()), 3); // not-a-run holds no store
        QCOMPARE(runs[0].project, std::string("second"));
        QCOMPARE(runs[0].status, RunStatus::Interrupted);
        QCOMPARE(runs[0].generations, 0); // generation 0 only: the initial population, none evolved
        QVERIFY(runs[0].finalModel.empty());
        QCOMPARE(QString::fromStdString(runs[1].directory), QDir(root.filePath("damaged")).absolutePath());
        QCOMPARE(runs[1].status, RunStatus::Unreadable);
        QVERIFY2(!runs[1].error.empty(), runs[1].error.c_str());
        const RunEntry &old = runs[2];
        QCOMPARE(old.project, std::string("first"));
        QCOMPARE(old.mode, std::string("post"));
        QCOMPARE(old.status, RunStatus::Finished);
        QCOMPARE(old.generations, 2); // generations 0, 1 and 2: two evolved
        QCOMPARE(old.validations, 2);
        QCOMPARE(old.warnings, 1);
        QCOMPARE(old.finalModel, std::string("final model: validated latency 0.047 ms, meets the constraints"));
        QVERIFY(old.modifiedMsecs < runs[0].modifiedMsecs);

        // Reading a run is not a change: listed again later, each keeps its time and place.
        QTest::qWait(1100);
        const std::vector<RunEntry> again = listRuns(root.path().toStdString());
        QCOMPARE(again.size(), runs.size());
        for (size_t i = 0; i < runs.size(); ++i) {
            QCOMPARE(again[i].directory, runs[i].directory);
            QCOMPARE(again[i].modifiedMsecs, runs[i].modifiedMsecs);
        }
    }

    // A store that says "running" with nobody holding its lock was killed or crashed.
    void aRunWhoseProcessDiedIsInterrupted()
    {
        QTemporaryDir root;
        writeRun(root.filePath("alive"), "alive", "running", 1);
        writeRun(root.filePath("dead"), "dead", "running", 1);
        // The dead run's lock is still there, left by a process that no longer runs.
        QFile stale(root.filePath("dead/run.lock"));
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write(QByteArray("999999999\ncalibra-cli\n") + QSysInfo::machineHostName().toUtf8() + "\n");
        stale.close();
        const RunLock held(root.filePath("alive").toStdString());
        QVERIFY(RunLock::isHeld(root.filePath("alive").toStdString()));
        QVERIFY(!RunLock::isHeld(root.filePath("dead").toStdString()));
        const std::vector<RunEntry> runs = listRuns(root.path().toStdString());
        QCOMPARE(int(runs.size()), 2);
        for (const RunEntry &e : runs) {
            if (e.project == "alive") {
                QCOMPARE(e.status, RunStatus::Running);
            } else {
                QCOMPARE(e.status, RunStatus::Interrupted);
                QVERIFY2(QString::fromStdString(e.error).contains("killed or crashed"), e.error.c_str());
            }
        }
    }

    // Runs started in the same second (two windows, a window and the CLI) get a directory
    // each; the folder is made when missing.
    void newRunDirectoriesNeverCollide()
    {
        QTemporaryDir dir;
        const std::string folder = QDir(dir.path()).filePath("runs/nested").toStdString();
        std::vector<std::string> made;
        for (int i = 0; i < 3; ++i)
            made.push_back(newRunDirectory(folder, "demo"));
        std::sort(made.begin(), made.end());
        QVERIFY(std::unique(made.begin(), made.end()) == made.end());
        for (const std::string &d : made) {
            QVERIFY2(QFileInfo(QString::fromStdString(d)).isDir(), d.c_str());
            QVERIFY(QString::fromStdString(d).contains("/runs/nested/demo-"));
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, newRunDirectory("/proc/no-runs-here", "demo"));
    }

    void missingFolderListsNothing()
    {
        QTemporaryDir root;
        QVERIFY(listRuns(root.filePath("absent").toStdString()).empty());
    }
};

QTEST_GUILESS_MAIN(TestRunCatalog)
#include "tst_runcatalog.moc"
