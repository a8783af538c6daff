// SPDX-License-Identifier: GPL-3.0-or-later
// The run store: stores from older and newer Calibras (brought up to date, refused, read
// without being written), every field of a validation, one process per run directory,
// damaged stores refused.
#include "pipeline/Pipeline.h"
#include "pipeline/RunCatalog.h"
#include "pipeline/RunSnapshot.h"
#include "pipeline/RunStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "SmallRuns.h"

using namespace calibra;
using namespace calibra::pipeline;

class TestRunStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    Project project(Mode mode, bool checksPass) const
    {
        return withChecks(smallResNetProject(m_dir.path(), "small"), mode, checksPass);
    }

    // A run.sqlite in `dir` as an older Calibra wrote it: `statements` run on a fresh file.
    static bool writeOldStore(const QString &dir, const QStringList &statements)
    {
        if (!QDir().mkpath(dir))
            return false;
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), dir);
            db.setDatabaseName(QDir(dir).filePath("run.sqlite"));
            ok = db.open();
            QSqlQuery q(db);
            for (const QString &sql : statements)
                ok = ok && q.exec(sql);
            // The first version's tables, where the statements did not make their own: a
            // store missing one is refused as damaged.
            for (const char *sql :
                 {"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
                  "CREATE TABLE IF NOT EXISTS validations (key BLOB PRIMARY KEY, ok INTEGER, error TEXT, "
                  "latency_ms REAL, energy_mj REAL, power_mw REAL, dram_bytes REAL)",
                  "CREATE TABLE IF NOT EXISTS estimates (genotype TEXT PRIMARY KEY, value REAL)",
                  "CREATE TABLE IF NOT EXISTS populations (search INTEGER, generation INTEGER, member INTEGER, "
                  "genotype TEXT, accuracy REAL, latency_ms REAL, power_mw REAL, energy_mj REAL, dram_bytes REAL, "
                  "PRIMARY KEY (search, generation, member))",
                  "CREATE TABLE IF NOT EXISTS generations (search INTEGER, generation INTEGER, evaluated INTEGER, "
                  "PRIMARY KEY (search, generation))",
                  "CREATE TABLE IF NOT EXISTS checks (id INTEGER PRIMARY KEY, search INTEGER, generation INTEGER, "
                  "stage TEXT, samples INTEGER, finetune INTEGER, failures TEXT)",
                  "CREATE TABLE IF NOT EXISTS check_metrics (check_id INTEGER, metric INTEGER, count INTEGER, "
                  "within10 REAL, within5 REAL, mape REAL, rmse REAL, spearman REAL, kendall REAL)",
                  "CREATE TABLE IF NOT EXISTS check_samples (check_id INTEGER, genotype TEXT, pred_latency_s REAL, "
                  "pred_energy_j REAL, pred_dram_bytes REAL, val_latency_s REAL, val_energy_j REAL, "
                  "val_dram_bytes REAL)",
                  "CREATE TABLE IF NOT EXISTS finetunes (id INTEGER PRIMARY KEY, search INTEGER, generation "
                  "INTEGER, stage TEXT, train_samples INTEGER, held_out_samples INTEGER, agg_models INTEGER, "
                  "loss_before REAL, loss_after REAL, adopted INTEGER, seconds REAL, predictor BLOB)",
                  "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, time TEXT, kind TEXT, search "
                  "INTEGER, generation INTEGER, message TEXT)"})
                ok = ok && q.exec(QString::fromLatin1(sql));
            db.close();
        }
        QSqlDatabase::removeDatabase(dir);
        return ok;
    }

private Q_SLOTS:
    // A run store written before finetunes recorded their method opens, gains the column
    // and keeps its rows.
    void olderRunStoreGainsTheMethodColumn()
    {
        const QString dir = m_dir.filePath("old-store");
        QVERIFY(
            writeOldStore(dir, {"CREATE TABLE finetunes (id INTEGER PRIMARY KEY, search INTEGER, generation INTEGER,"
                                " stage TEXT, train_samples INTEGER, held_out_samples INTEGER, agg_models INTEGER,"
                                " loss_before REAL, loss_after REAL, adopted INTEGER, seconds REAL, predictor BLOB)",
                                "INSERT INTO finetunes (search, generation, stage, train_samples, held_out_samples,"
                                " agg_models, loss_before, loss_after, adopted, seconds)"
                                " VALUES (0, -1, 'pre', 20, 5, 6, 0.5, 0.1, 1, 2.0)"}));
        QCOMPARE(RunStore(dir.toStdString(), RunStore::ReadOnly{}).version(), 0);
        RunStore store(dir.toStdString(), false);
        QCOMPARE(store.version(), 2); // brought up to date once, then known by its version
        QCOMPARE(int(store.finetunes().size()), 1);
        QCOMPARE(store.finetunes()[0].trainSamples, 20);
        QVERIFY(store.finetunes()[0].method.empty());
        FinetuneSummary f{CheckStage::Post, 30, 8, 6, 0.4, 0.2, true, 1.0, "calibrate"};
        store.putFinetune(1, 2, f, "model bytes");
        QCOMPARE(store.finetunes()[1].method, std::string("calibrate"));
        QCOMPARE(store.latestPredictor().value_or(""), std::string("model bytes"));
        // Version 2's column: how many of a sequential check's sample were left unvalidated.
        StoredCheck c;
        c.summary.stage = CheckStage::Post;
        c.summary.samples = 6;
        c.summary.notValidated = 6;
        store.putCheck(c);
        QCOMPARE(store.checks().at(0).summary.notValidated, 6);
    }

    // A version 1 store (every column before sequential checks) read without being
    // written sees no check left unvalidated; opened to write, it gains the column.
    void versionOneStoreGainsNotValidated()
    {
        const QString dir = m_dir.filePath("version-one");
        QVERIFY(
            writeOldStore(dir, {"CREATE TABLE checks (id INTEGER PRIMARY KEY, search INTEGER, generation INTEGER,"
                                " stage TEXT, samples INTEGER, finetune INTEGER, failures TEXT, decision TEXT,"
                                " notes TEXT, decisions TEXT)",
                                "INSERT INTO checks (search, generation, stage, samples, finetune, failures,"
                                " decision, notes, decisions) VALUES (0, -1, 'pre', 12, 0, '[]', 'bypass', '[]', '')",
                                "PRAGMA user_version = 1"}));
        {
            const RunStore read(dir.toStdString(), RunStore::ReadOnly{});
            QCOMPARE(read.version(), 1);
            QCOMPARE(read.checks().at(0).summary.samples, 12);
            QCOMPARE(read.checks().at(0).summary.notValidated, 0);
        }
        RunStore store(dir.toStdString(), false);
        QCOMPARE(store.version(), 2);
        QCOMPARE(store.checks().at(0).summary.decision, CheckDecision::Bypass);
        QCOMPARE(store.checks().at(0).summary.notValidated, 0);
    }

    // A store a newer Calibra wrote (a higher format version) is not written to: this
    // build does not know what the newer one changed. It can still be read.
    void storeFromANewerCalibraIsNotWritten()
    {
        const QString dir = m_dir.filePath("newer-store");
        QVERIFY(writeOldStore(dir, {"PRAGMA user_version = 7"}));
        try {
            RunStore store(dir.toStdString(), false);
            QFAIL("opened to write");
        } catch (const RunStoreError &e) {
            QVERIFY2(QString(e.what()).contains("written by a newer Calibra (store version 7, this one knows up to 2)"),
                     e.what());
        }
        QCOMPARE(RunStore(dir.toStdString(), RunStore::ReadOnly{}).version(), 7);
    }

    // Views and the list of runs read a store from an older Calibra without writing to it
    // (not even to bring it up to date): its bytes and time stay as they were, and what
    // it lacks reads as empty.
    void olderStoreIsReadWithoutBeingWritten()
    {
        const QString parent = m_dir.filePath("old-read");
        const QString dir = parent + "/run";
        Project p = project(Mode::Pre, true);
        p.name = "old";
        QVERIFY(writeOldStore(
            dir, {"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
                  QStringLiteral("INSERT INTO meta VALUES ('project', '%1')")
                      .arg(QString::fromStdString(projectToYaml(p)).replace("'", "''")),
                  "INSERT INTO meta VALUES ('status', 'finished')",
                  "CREATE TABLE events (id INTEGER PRIMARY KEY, time TEXT, kind TEXT, search INTEGER, generation "
                  "INTEGER, message TEXT)",
                  "INSERT INTO events (kind, search, generation, message) VALUES ('warning', 0, -1, 'an old warning')",
                  "CREATE TABLE checks (id INTEGER PRIMARY KEY, search INTEGER, generation INTEGER, stage TEXT, "
                  "samples INTEGER, finetune INTEGER, failures TEXT)",
                  "INSERT INTO checks VALUES (1, 0, -1, 'pre', 8, 1, 'latency: within 10% 50.0% < 90.0%')",
                  "CREATE TABLE validations (key BLOB PRIMARY KEY, ok INTEGER, error TEXT, latency_ms REAL, "
                  "energy_mj REAL, power_mw REAL, dram_bytes REAL)",
                  "INSERT INTO validations VALUES (x'01', 1, '', 1.0, 2.0, 3.0, 4.0)"}));
        const QString file = dir + "/run.sqlite";
        QFile before(file);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();
        const QDateTime modified = QFileInfo(file).lastModified();

        const std::vector<RunEntry> runs = listRuns(parent.toStdString());
        QCOMPARE(int(runs.size()), 1);
        QCOMPARE(runs[0].status, RunStatus::Finished);
        QCOMPARE(runs[0].warnings, 1);
        QCOMPARE(runs[0].validations, 1);
        const RunSnapshot run = readRunSnapshot(dir.toStdString());
        QCOMPARE(run.events.front().message, std::string("an old warning"));
        QVERIFY(run.events.front().text.empty());
        QCOMPARE(int(run.checks.size()), 1);
        QCOMPARE(run.checks[0].summary.decision, CheckDecision::Finetune); // derived from the failure flag
        QVERIFY(run.generationSamples.empty());
        QCOMPARE(RunStore(dir.toStdString(), RunStore::ReadOnly{}).validationCounts().unrecorded, 1);

        QFile after(file);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
        QCOMPARE(QFileInfo(file).lastModified(), modified);
        QVERIFY(!QFile::exists(file + "-wal") || QFileInfo(file + "-wal").size() == 0);
    }

    // A validation keeps every field: a board's p90 latency and peak memory, and an
    // unavailable metric stays unavailable (NaN), in a new store and in one written before
    // those columns existed.
    void validationsKeepEveryField()
    {
        validate::Metrics measured;
        measured.ok = true;
        measured.latencyMs = 1.25;
        measured.latencyP90Ms = 1.5;
        measured.peakMemoryBytes = 3.5e6;
        measured.energyMj = std::nan("");
        measured.averagePowerMw = std::nan("");
        measured.dramBytes = std::nan("");
        const auto check = [&](RunStore &store) {
            store.putValidations({{QByteArray("k1"), measured}}, pipeline::ValidationPurpose::Check);
            const validate::Metrics back = store.validations().at(QByteArray("k1"));
            QVERIFY(back.ok);
            QCOMPARE(back.latencyMs, 1.25);
            QCOMPARE(back.latencyP90Ms, 1.5);
            QCOMPARE(back.peakMemoryBytes, 3.5e6);
            QVERIFY(std::isnan(back.energyMj) && std::isnan(back.averagePowerMw) && std::isnan(back.dramBytes));
        };
        {
            RunStore fresh(m_dir.filePath("fresh-store").toStdString(), true);
            check(fresh);
        }
        const QString dir = m_dir.filePath("old-validations");
        QVERIFY(writeOldStore(
            dir, {"CREATE TABLE validations (key BLOB PRIMARY KEY, ok INTEGER, error TEXT, latency_ms REAL,"
                  " energy_mj REAL, power_mw REAL, dram_bytes REAL)",
                  "INSERT INTO validations VALUES (x'6f6c64', 1, '', 2.0, 3.0, 4.0, 5.0)"}));
        RunStore old(dir.toStdString(), false);
        const validate::Metrics kept = old.validations().at(QByteArray("old"));
        QCOMPARE(kept.latencyMs, 2.0);
        QCOMPARE(kept.dramBytes, 5.0);
        QCOMPARE(kept.latencyP90Ms, 0.0); // not measured then
        check(old);
    }

    void oneProcessPerRunDirectory()
    {
        QTemporaryDir dir;
        const Project p = withChecks(smallResNetProject(dir.path(), "locked"), Mode::Offline, true);
        const std::string run = dir.filePath("run").toStdString();
        {
            Pipeline first(p, run);
            // A second writer, new or resumed, is refused naming the holder.
            for (int attempt = 0; attempt < 2; ++attempt) {
                try {
                    if (attempt == 0)
                        Pipeline::resume(run);
                    else
                        Pipeline second(p, run);
                    QFAIL("a second process was let into a run directory in use");
                } catch (const RunStoreError &e) {
                    const QString message = e.what();
                    QVERIFY2(message.contains("in use by")
                                 && message.contains(QString("pid %1").arg(QCoreApplication::applicationPid())),
                             e.what());
                }
            }
        }
        // Released with the first pipeline: the run resumes.
        QVERIFY(Pipeline::resume(run) != nullptr);
    }

    void damagedStoresAreRefused()
    {
        QTemporaryDir dir;
        const Project p = withChecks(smallResNetProject(dir.path(), "damaged"), Mode::Offline, true);
        const std::string run = dir.filePath("run").toStdString();
        {
            Pipeline(p, run);
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("dropper"));
            db.setDatabaseName(dir.filePath("run/run.sqlite"));
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("DROP TABLE validations")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("dropper"));
        try {
            Pipeline::resume(run);
            QFAIL("a store without its validations table was resumed");
        } catch (const RunStoreError &e) {
            QVERIFY2(QString(e.what()).contains("run.sqlite is damaged: its table 'validations' is missing"), e.what());
        }
        // Not a database at all, and a directory where the database should be.
        QFile::remove(dir.filePath("run/run.sqlite"));
        QFile::remove(dir.filePath("run/run.sqlite-wal"));
        QFile::remove(dir.filePath("run/run.sqlite-shm"));
        QFile junk(dir.filePath("run/run.sqlite"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        QVERIFY_EXCEPTION_THROWN(RunStore(run, false), RunStoreError);
        QVERIFY(QFile::remove(dir.filePath("run/run.sqlite")));
        QVERIFY(QDir().mkpath(dir.filePath("run/run.sqlite")));
        try {
            RunStore store(run, false);
            QFAIL("a directory was opened as a run store");
        } catch (const RunStoreError &e) {
            QVERIFY2(QString(e.what()).contains("run.sqlite is not a file"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_runstore.moc"
