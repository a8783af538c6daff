// SPDX-License-Identifier: GPL-3.0-or-later
// The conditional-finetuning flows on a small seeded case (a residual CNN on
// Fashion-MNIST-sized input): each mode's decisions, re-runs, the run store, kill and
// resume (in process and by SIGKILL of calibra-cli), bad project files.
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "hardware/HardwareError.h"
#include "pipeline/GenerationValidation.h"
#include "pipeline/Pipeline.h"
#include "pipeline/RunStore.h"
#include "pipeline/RunSnapshot.h"
#include "pipeline/RunCatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <limits>

#include <cmath>

#include "SmallRuns.h"

using namespace calibra;
using namespace calibra::pipeline;
using graph::OpType;

namespace {

// Reads the process's output until it contains `marker` (or the process goes quiet).
QByteArray readUntil(QProcess &process, const char *marker)
{
    QByteArray out;
    while (!out.contains(marker) && process.waitForReadyRead(60000))
        out += process.readAllStandardOutput();
    return out;
}

int count(const std::vector<Event> &events, EventKind kind)
{
    return int(std::count_if(events.begin(), events.end(), [&](const Event &e) { return e.kind == kind; }));
}

} // namespace

class TestPipeline : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    Project m_base;

    Project project(Mode mode, bool checksPass) const { return withChecks(m_base, mode, checksPass); }

    QString writeProjectFile(const Project &p, const QString &name)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QByteArray::fromStdString(projectToYaml(p)));
        return f.fileName();
    }

    RunResult runProject(const Project &p, const QString &name, std::vector<Event> *events = nullptr)
    {
        return runCollecting(p, m_dir.filePath(name), events);
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
    void initTestCase()
    {
        if (!QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed (scripts/setup.sh installs it)");
        m_base = smallResNetProject(m_dir.path(), "small");
        m_base.search.seed = 3;
    }

    // A measured final model is accepted on its median, and near the limit on the upper
    // end of the median's 95% interval; unmeasured metrics break nothing.
    void finalModelNearTheLimitIsJudgedOnItsUpperBound()
    {
        search::Constraints c;
        c.maxLatencyMs = 0.9;
        validate::Metrics m;
        m.ok = true;
        m.latencyMs = 0.872;
        m.averagePowerMw = std::numeric_limits<double>::quiet_NaN();
        m.dramBytes = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(validatedViolations(m, c).empty()); // a simulator's figure: no interval
        m.latencyHighMs = 0.885;
        QVERIFY(validatedViolations(m, c).empty());
        m.latencyHighMs = 0.93;
        const std::vector<std::string> v = validatedViolations(m, c);
        QCOMPARE(int(v.size()), 1);
        QCOMPARE(QString::fromStdString(v[0]),
                 QString("latency 0.872 ms is within the limit 0.9 ms on its median, but the upper end of its 95% "
                         "interval, 0.93 ms, is not"));
        m.latencyMs = 0.95;
        QCOMPARE(QString::fromStdString(validatedViolations(m, c).at(0)),
                 QString("latency 0.95 ms exceeds the limit 0.9 ms"));
    }

    // A power limit the project trusts unvalidated is judged on the prediction, and says so.
    void unmeasuredLimitIsJudgedOnItsPrediction()
    {
        search::Constraints c;
        c.maxPowerMw = 400;
        validate::Metrics m;
        m.ok = true;
        m.latencyMs = 1;
        m.averagePowerMw = m.dramBytes = std::numeric_limits<double>::quiet_NaN();
        search::Evaluation predicted;
        predicted.powerMw = 380;
        QVERIFY(validatedViolations(m, c, &predicted).empty());
        predicted.powerMw = 420;
        QCOMPARE(QString::fromStdString(validatedViolations(m, c, &predicted).at(0)),
                 QString("power 420 mW (predicted: not measured) exceeds the limit 400 mW"));
        m.averagePowerMw = 390; // measured after all: the measurement decides
        QVERIFY(validatedViolations(m, c, &predicted).empty());
    }

    void preBypassesWhenAccurate()
    {
        std::vector<Event> ev;
        const RunResult r = runProject(project(Mode::Pre, true), "pre-pass", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(count(ev, EventKind::AccuracyCheck), 1);
        QCOMPARE(count(ev, EventKind::FinetuneStarted), 0);
        QCOMPARE(r.searches, 1);
        QCOMPARE(count(ev, EventKind::GenerationFinished), 3);
        QVERIFY(r.final.found);
        QVERIFY(r.final.validated.ok);
        QVERIFY(r.validations >= 8); // the check's sample + the final model
    }

    void preFinetunesWhenInaccurate()
    {
        std::vector<Event> ev;
        const RunResult r = runProject(project(Mode::Pre, false), "pre-fail", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(count(ev, EventKind::FinetuneFinished), 1);
        QCOMPARE(count(ev, EventKind::SearchRerun), 0);
        // The check came before generation 0 and the finetune before the search.
        const auto firstGen =
            std::find_if(ev.begin(), ev.end(), [](const Event &e) { return e.kind == EventKind::GenerationFinished; });
        const auto tuned =
            std::find_if(ev.begin(), ev.end(), [](const Event &e) { return e.kind == EventKind::FinetuneFinished; });
        QVERIFY(tuned < firstGen);
        QCOMPARE(tuned->finetune.aggModels, 6);
        // The store records what was adopted, as the event said.
        const RunStore store(m_dir.filePath("pre-fail").toStdString(), false);
        QCOMPARE(int(store.finetunes().size()), 1);
        const FinetuneSummary stored = store.finetunes().front();
        QCOMPARE(stored.adopted, tuned->finetune.adopted);
        QCOMPARE(stored.method, tuned->finetune.method);
        if (stored.adopted)
            QVERIFY(stored.method == "calibrate" || stored.method == "retrain" || stored.method == "calibrate+retrain");
        else
            QVERIFY(stored.method.empty());
    }

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
        QCOMPARE(store.version(), 1); // brought up to date once, then known by its version
        QCOMPARE(int(store.finetunes().size()), 1);
        QCOMPARE(store.finetunes()[0].trainSamples, 20);
        QVERIFY(store.finetunes()[0].method.empty());
        FinetuneSummary f{CheckStage::Post, 30, 8, 6, 0.4, 0.2, true, 1.0, "calibrate"};
        store.putFinetune(1, 2, f, "model bytes");
        QCOMPARE(store.finetunes()[1].method, std::string("calibrate"));
        QCOMPARE(store.latestPredictor().value_or(""), std::string("model bytes"));
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
            QVERIFY2(QString(e.what()).contains("written by a newer Calibra (store version 7, this one knows up to 1)"),
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

    void postFinetunesAndReruns()
    {
        std::vector<Event> ev;
        const RunResult r = runProject(project(Mode::Post, false), "post-fail", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.searches, 2);
        QCOMPARE(count(ev, EventKind::SearchRerun), 1);
        QCOMPARE(count(ev, EventKind::AccuracyCheck), 2);    // after each search
        QCOMPARE(count(ev, EventKind::FinetuneFinished), 1); // no finetune without a re-run left
        // A failed check's message names what failed, not only the shares within 10%.
        for (const Event &e : ev)
            if (e.kind == EventKind::AccuracyCheck && e.check.report.finetune)
                QVERIFY2(e.message.find(e.check.report.failures.front().english()) != std::string::npos,
                         e.message.c_str());
        QCOMPARE(count(ev, EventKind::GenerationFinished), 6);
        const RunStore store(m_dir.filePath("post-fail").toStdString(), false);
        QCOMPARE(int(store.generations(1).size()), 3);
        QCOMPARE(int(store.checks().size()), 2);
        QCOMPARE(store.checks()[0].summary.stage, CheckStage::Post);
    }

    void postBypassesWhenAccurate()
    {
        std::vector<Event> ev;
        const RunResult r = runProject(project(Mode::Post, true), "post-pass", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.searches, 1);
        QCOMPARE(count(ev, EventKind::FinetuneStarted), 0);
    }

    // Both checks fail and finetune. The post check judges sub-networks the pre finetune
    // did not use, so whether it re-runs the search depends on its finetune being
    // adopted: a re-run exactly when it was.
    void bothChecksTwice()
    {
        std::vector<Event> ev;
        const RunResult r = runProject(project(Mode::Both, false), "both-fail", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        const RunStore store(m_dir.filePath("both-fail").toStdString(), false);
        const std::vector<FinetuneSummary> finetunes = store.finetunes();
        QCOMPARE(int(finetunes.size()), 2);
        QCOMPARE(finetunes[0].stage, CheckStage::Pre);
        QCOMPARE(finetunes[1].stage, CheckStage::Post);
        QCOMPARE(r.searches, finetunes[1].adopted ? 2 : 1);
        QCOMPARE(count(ev, EventKind::AccuracyCheck), 1 + r.searches); // pre, then post after each search
        QCOMPARE(count(ev, EventKind::FinetuneFinished), 2);
        // Validations counted by purpose: the checks' samples, the finetunes' reference
        // and AGG models; together, every validation of the run.
        QVERIFY(r.validationsByPurpose.of(ValidationPurpose::Check) >= 8);
        QVERIFY(r.validationsByPurpose.of(ValidationPurpose::Finetune) >= 1);
        QCOMPARE(r.validationsByPurpose.total(), r.validations);
        QCOMPARE(store.validationCounts().total(), r.validations);
    }

    void offlineNeverChecks()
    {
        std::vector<Event> ev;
        const RunResult r = runProject(project(Mode::Offline, false), "offline", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(count(ev, EventKind::AccuracyCheck), 0);
        // Each generation's best members, and the final model's best few candidates (a
        // network counts once, for the first purpose it was validated for: the final
        // model is often a generation's best, validated already).
        const ValidationCounts &v = r.validationsByPurpose;
        QCOMPARE(v.of(ValidationPurpose::Check), 0);
        QCOMPARE(v.of(ValidationPurpose::Finetune), 0);
        QVERIFY(v.of(ValidationPurpose::Final) <= 25);
        QVERIFY(v.of(ValidationPurpose::Generation) >= 1 && v.of(ValidationPurpose::Generation) <= 2 * 3);
        QCOMPARE(v.total(), r.validations);
    }

    // Each generation's best members (predicted-feasible by accuracy) are validated and
    // recorded with it, for the predicted-vs-validated chart; 0 turns it off.
    void eachGenerationValidatesItsBestMembers()
    {
        Project p = project(Mode::Offline, false);
        p.search.constraints.maxLatencyMs = 1e9; // every member feasible: the best is the most accurate
        const QString dir = m_dir.filePath("per-generation");
        std::vector<Event> ev;
        const RunResult r = runCollecting(p, dir, &ev);
        QVERIFY2(r.ok, r.error.c_str());
        const RunSnapshot run = readRunSnapshot(dir.toStdString());
        QCOMPARE(int(run.generationSamples.size()), p.search.generations + 1);
        for (const StoredGenerationSamples &g : run.generationSamples) {
            const search::Generation &gen = run.searches[0][size_t(g.generation)];
            QCOMPARE(int(g.samples.size()), 2);
            double best = 0;
            for (const search::Evaluation &e : gen.evaluations)
                best = std::max(best, e.accuracy);
            for (const StoredCheckSample &x : g.samples) {
                QVERIFY(x.validated.latencySeconds > 0);
                const auto member =
                    std::find(gen.population.begin(), gen.population.end(), genotypeFromText(x.genotype));
                QVERIFY(member != gen.population.end());
                // The prediction recorded is the one the search used for that member.
                QCOMPARE(x.predicted.latencySeconds,
                         gen.evaluations[size_t(member - gen.population.begin())].latencyMs / 1e3);
            }
            const auto first =
                std::find(gen.population.begin(), gen.population.end(), genotypeFromText(g.samples[0].genotype));
            const auto second =
                std::find(gen.population.begin(), gen.population.end(), genotypeFromText(g.samples[1].genotype));
            QCOMPARE(std::max(gen.evaluations[size_t(first - gen.population.begin())].accuracy,
                              gen.evaluations[size_t(second - gen.population.begin())].accuracy),
                     best);
        }
        for (const GenerationValidation &g : generationValidations(run))
            QVERIFY(g.validated >= 1);
        // The events carry their text (translated by the GUI), stored with them; the
        // message is its English.
        for (const Event &stored : run.events)
            if (stored.kind == EventKind::GenerationFinished || stored.kind == EventKind::Started) {
                QVERIFY(!stored.text.empty());
                QCOMPARE(stored.message, stored.text.english());
            }
        // The generation line says what validation found.
        QVERIFY(std::any_of(ev.begin(), ev.end(), [](const Event &e) {
            return e.kind == EventKind::GenerationFinished
                   && e.message.find("best validated: latency") != std::string::npos;
        }));

        p.validatePerGeneration = 0;
        const QString off = m_dir.filePath("per-generation-off");
        const RunResult none = runCollecting(p, off);
        QVERIFY2(none.ok, none.error.c_str());
        QVERIFY(readRunSnapshot(off.toStdString()).generationSamples.empty());
        QCOMPARE(none.validationsByPurpose.of(ValidationPurpose::Generation), 0);
    }

    void onlineRetrainsEveryGeneration()
    {
        std::vector<Event> ev;
        const RunResult r = runProject(project(Mode::Online, true), "online", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(count(ev, EventKind::AccuracyCheck), 2); // before generations 1 and 2
        QCOMPARE(count(ev, EventKind::FinetuneFinished), 2);
        // Each check compares a whole generation's new candidates (8); sub-networks whose
        // genotypes differ only in a skipped block are the same network, validated once.
        for (const Event &e : ev)
            if (e.kind == EventKind::AccuracyCheck)
                QCOMPARE(e.check.samples, 8);
        QVERIFY2(r.validations > 8, qPrintable(QString::number(r.validations)));
    }

    void oneShotRun()
    {
        Project p = project(Mode::Pre, true);
        p.estimator = supernet::EstimatorKind::OneShot;
        p.oneShot.steps = 6;
        p.oneShot.batchSize = 32;
        p.oneShot.randomPerStep = 1;
        p.oneShotTestImages = 64;
        p.search.generations = 1;
        p.finalTraining.epochs = 1;
        p.finalTraining.maxTrainImages = 256;
        p.finalTraining.maxTestImages = 256;
        p.finalTraining.batchSize = 32;
        std::vector<Event> ev;
        const RunResult r = runProject(p, "oneshot", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(count(ev, EventKind::SupernetTraining) >= 2);
        QVERIFY(QFile::exists(m_dir.filePath("oneshot/supernet.pt")));
        for (const Event &e : ev)
            if (e.kind == EventKind::GenerationFinished)
                QVERIFY(e.population.bestAccuracy >= 0 && e.population.bestAccuracy <= 1); // accuracies, not scores
        QVERIFY(r.final.testAccuracy >= 0 && r.final.testAccuracy <= 1);
        // The final model carries its trained weights into ONNX.
        const graph::Network final = graph::loadNetwork(r.final.onnxPath);
        QVERIFY(!final.nodes.front().weights.at("weight").data.empty());
    }

    void reportFiles()
    {
        const QDir dir(m_dir.filePath("both-fail"));
        for (const char *f : {"report.json", "report.html", "generations.csv", "population.csv", "checks.csv",
                              "final_model.onnx", "final_model.yaml"})
            QVERIFY2(QFile::exists(dir.filePath(f)), f);
        QFile json(dir.filePath("report.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(o["mode"].toString(), QString("both"));
        const int searches = o["searches"].toInt();
        QVERIFY(searches == 1 || searches == 2);
        QCOMPARE(o["checks"].toArray().size(), 1 + searches);
        QVERIFY(o["final_model"].toObject()["found"].toBool());
        // Both finetunes, with what each adopted, in the JSON and the HTML.
        const QJsonArray finetunes = o["finetunes"].toArray();
        QCOMPARE(finetunes.size(), 2);
        QFile html(dir.filePath("report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.contains("<h2>Finetunes</h2>"));
        // Validations counted by purpose, adding up to the run's count.
        const QJsonObject purposes = o["validations_by_purpose"].toObject();
        int total = 0;
        for (const char *k : {"check", "finetune", "generation", "final"})
            total += purposes[k].toInt();
        QCOMPARE(total, o["validations"].toInt());
        QVERIFY(purposes["generation"].toInt() > 0);
        // The charts, drawn in the page: predicted vs validated latency per generation
        // with the checks marked, the checks' samples, the hypervolume history.
        QVERIFY(page.count("<svg xmlns") >= 3);
        QVERIFY(page.contains("Predicted vs validated latency, each generation"));
        QVERIFY(page.contains("pre: finetune"));
        QVERIFY(page.contains("Accuracy checks: predicted vs validated latency"));
        for (const QJsonValue &v : finetunes) {
            const QJsonObject f = v.toObject();
            QVERIFY(f.contains("method"));
            if (f["adopted"].toBool())
                QVERIFY(page.contains("yes (" + f["method"].toString() + ")"));
        }
        const graph::Network final = graph::loadNetwork(dir.filePath("final_model.onnx").toStdString());
        QCOMPARE(final.outputs.size(), size_t(1));
        QFile csv(dir.filePath("generations.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), 1 + 3 * searches); // header + 3 generations per search
    }

    void stopAndResumeLosesNothing()
    {
        const Project p = project(Mode::Post, false); // its finetune is adopted: a re-run follows
        const RunResult whole = runProject(p, "whole");
        QVERIFY2(whole.ok, whole.error.c_str());

        const std::string dir = m_dir.filePath("resumed").toStdString();
        {
            Pipeline first(p, dir);
            first.setStopAfterGenerations(4); // inside the re-run search
            const RunResult r = first.run();
            QVERIFY(r.cancelled);
        }
        QCOMPARE(RunStore(dir, false).meta("status").value_or(""), std::string("interrupted"));
        const auto resumed = Pipeline::resume(dir);
        std::vector<Event> ev;
        std::string statusWhileResumed;
        const RunResult r = resumed->run(nullptr, [&](const Event &e) {
            if (ev.empty()) // a resumed run is running again, for the Past Runs tab and followers
                statusWhileResumed = RunStore(dir, false).meta("status").value_or("");
            ev.push_back(e);
        });
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(statusWhileResumed, std::string("running"));
        QCOMPARE(count(ev, EventKind::GenerationFinished), 2); // only what was missing
        QCOMPARE(r.validations, whole.validations);
        QCOMPARE(r.searches, whole.searches);
        QCOMPARE(r.final.genotype, whole.final.genotype);
        QVERIFY_EXCEPTION_THROWN(Pipeline(p, dir), RunStoreError); // a directory holds one run
    }

    // Killed mid-run (its lock left behind), then resumed: nothing redone, nothing lost; a
    // resume while it still ran was refused.
    void killedCliResumes()
    {
        Project p = project(Mode::Post, false);
        // Enough generations that the run is still going when it is refused and killed
        // below: at 3 it sometimes finished first on a fast machine.
        p.search.generations = 12;
        const QString file = writeProjectFile(p, "kill.yaml");
        QVERIFY(!file.isEmpty());
        const QString dir = m_dir.filePath("killed");
        QProcess cli;
        cli.start(CALIBRA_CLI, {"run", file, "--dir", dir});
        QVERIFY(cli.waitForStarted());
        const QByteArray out = readUntil(cli, "generation 2");
        QVERIFY2(out.contains("generation 2"), out.constData());
        // A second process is refused while the first runs, naming it.
        QProcess second;
        second.start(CALIBRA_CLI, {"run", "--resume", dir});
        QVERIFY(second.waitForFinished(60000));
        const QByteArray refusal = second.readAllStandardError();
        QCOMPARE(second.exitCode(), 1);
        QVERIFY2(refusal.contains("in use by calibra-cli")
                     && refusal.contains("(pid " + QByteArray::number(cli.processId()) + " on "),
                 refusal.constData());
        cli.kill(); // SIGKILL: no chance to clean up; its lock is stale and taken over below
        cli.waitForFinished();
        int before = 0;
        {
            const RunStore store(dir.toStdString(), false);
            before = store.validationCount();
            QCOMPARE(store.meta("status").value_or(""), std::string("running"));
        }
        QProcess again;
        again.start(CALIBRA_CLI, {"run", "--resume", dir});
        QVERIFY(again.waitForFinished(300000));
        const QByteArray log = again.readAllStandardOutput() + again.readAllStandardError();
        QVERIFY2(again.exitCode() == 0, log.constData());
        QVERIFY2(!log.contains("search 0 generation 0:"), log.constData()); // not redone
        const RunStore store(dir.toStdString(), false);
        QCOMPARE(store.meta("status").value_or(""), std::string("finished"));
        QVERIFY(store.validationCount() >= before);
        QCOMPARE(int(store.generations(0).size()), 13);
    }

    // SIGTERM (and Ctrl-C's SIGINT) stop the run cleanly after the current step: exit code
    // 130, status "interrupted", and --resume finishes it.
    void terminatedCliStopsCleanly()
    {
        Project p = project(Mode::Offline, true);
        p.search.generations = 40;
        const QString file = writeProjectFile(p, "term.yaml");
        QVERIFY(!file.isEmpty());
        const QString dir = m_dir.filePath("terminated");
        QProcess cli;
        cli.start(CALIBRA_CLI, {"run", file, "--dir", dir});
        QVERIFY(cli.waitForStarted());
        QByteArray out = readUntil(cli, "generation 1:");
        cli.terminate();
        QVERIFY(cli.waitForFinished(60000));
        out += cli.readAllStandardOutput();
        QCOMPARE(cli.exitCode(), 130);
        QVERIFY2(out.contains("--resume"), out.constData());
        {
            const RunStore store(dir.toStdString(), false);
            QCOMPARE(store.meta("status").value_or(""), std::string("interrupted"));
        }
        QProcess again;
        again.start(CALIBRA_CLI, {"run", "--resume", dir});
        QVERIFY(again.waitForFinished(300000));
        QCOMPARE(again.exitCode(), 0);
    }

    void validatesFromAMeasurementTable()
    {
        // validator: {kind: table, ...} round-trips, with the table relative to the project.
        const std::string head = "format: calibra-project\nversion: 1\nreference: a.yaml\nplatform: b\n";
        const Project parsed =
            parseProject(head + "validator: {kind: table, measurements: m.csv, device: phone}\n", "/projects/p.yaml");
        QCOMPARE(parsed.validator, ValidatorKind::Table);
        QCOMPARE(parsed.measurementTable, std::string("/projects/m.csv"));
        QCOMPARE(parsed.measurementDevice, std::string("phone"));
        QCOMPARE(parseProject(projectToYaml(parsed), "/projects/p.yaml").measurementTable,
                 std::string("/projects/m.csv"));
        try {
            parseProject(head + "validator: {kind: table, measurements: m.csv}\n", "p.yaml");
            QFAIL("a table without a device was accepted");
        } catch (const std::exception &e) {
            QVERIFY2(QString(e.what()).contains("device"), e.what());
        }

        // A run validates on the named device of the table; a device the table lacks
        // stops the run before any work, naming the table and the devices it has.
        QTemporaryDir dir;
        Project p = smallResNetProject(dir.path(), "table");
        QFile table(dir.filePath("m.csv"));
        QVERIFY(table.open(QIODevice::WriteOnly));
        table.write("network,phone_ms\nsmall.yaml,1.5\n");
        table.close();
        p.validator = ValidatorKind::Table;
        p.measurementTable = table.fileName().toStdString();
        p.measurementDevice = "laptop";
        const RunResult r = runCollecting(withChecks(p, Mode::Pre, true), dir.filePath("run"));
        QVERIFY(!r.ok);
        QVERIFY2(QString::fromStdString(r.error).contains("m.csv: no device 'laptop' (the table has phone)"),
                 r.error.c_str());
        // Marked failed, and a corrected run may take the directory: nothing was done.
        QCOMPARE(RunStore(dir.filePath("run").toStdString(), false).meta("status"),
                 std::optional<std::string>("failed"));
        p.measurementDevice = "phone";
        Pipeline retry(withChecks(p, Mode::Pre, true), dir.filePath("run").toStdString());
        QCOMPARE(retry.project().measurementDevice, std::string("phone"));
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

    void badProjectFiles()
    {
        const auto errorOf = [](const std::string &text) -> QString {
            try {
                parseProject(text, "p.yaml");
            } catch (const std::exception &e) {
                return e.what();
            }
            return {};
        };
        const std::string head = "format: calibra-project\nversion: 1\n";
        QString e = errorOf(head + "platform: builtin:edge-npu-s\n");
        QVERIFY2(e.contains("p.yaml") && e.contains("reference"), qPrintable(e));
        e = errorOf(head + "reference: a.yaml\nplatform: b\nmode: sometimes\n");
        QVERIFY2(e.contains("p.yaml:5") && e.contains("sometimes"), qPrintable(e));
        e = errorOf(head + "reference: a.yaml\nplatform: b\nsearch:\n  populaton: 5\n");
        QVERIFY2(e.contains("populaton"), qPrintable(e));
        e = errorOf(head + "reference: a.yaml\nplatform: b\nsearch:\n  population: 2\n");
        QVERIFY2(e.contains("search.population"), qPrintable(e));
        e = errorOf(head + "reference: a.yaml\nplatform: b\nsupernet:\n  kernels: [3, 4]\n");
        QVERIFY2(e.contains("supernet.kernels") && e.contains("odd"), qPrintable(e));
        e = errorOf("format: calibra-target-setting\nversion: 1\n");
        QVERIFY2(e.contains("calibra-project"), qPrintable(e));

        // A project round-trips through YAML.
        const Project p = project(Mode::Online, false);
        const Project back = parseProject(projectToYaml(p), "x.yaml");
        QCOMPARE(projectToYaml(back), projectToYaml(p));
        QCOMPARE(back.search.population, 8);
        QCOMPARE(back.mode, Mode::Online);
        Project withSubstitutions = p;
        withSubstitutions.supernet.substitutions = true;
        QVERIFY(parseProject(projectToYaml(withSubstitutions), "s.yaml").supernet.substitutions);
        e = errorOf(head + "reference: a.yaml\nplatform: b\nsupernet:\n  substitutions: maybe\n");
        QVERIFY2(e.contains("supernet.substitutions"), qPrintable(e));
        Project labelled = p;
        labelled.oneShot.distill = false;
        QVERIFY(!parseProject(projectToYaml(labelled), "d.yaml").oneShot.distill);
        QVERIFY(parseProject(projectToYaml(p), "d.yaml").oneShot.distill); // the default
        // The one-shot schedule, the estimator probe's choice, the baseline and the
        // decision threshold round-trip; bad values name their field.
        Project tuned = p;
        tuned.oneShot.warmupShare = 0.3;
        tuned.oneShot.smallestEveryStep = true;
        tuned.poorEstimates = PoorEstimates::Extend;
        tuned.finalBaseline = false;
        tuned.thresholds.minDecisionAgreement = 0.8;
        const Project tunedBack = parseProject(projectToYaml(tuned), "t.yaml");
        QCOMPARE(tunedBack.oneShot.warmupShare, 0.3);
        QVERIFY(tunedBack.oneShot.smallestEveryStep);
        QVERIFY(tunedBack.poorEstimates == PoorEstimates::Extend);
        QVERIFY(!tunedBack.finalBaseline);
        QCOMPARE(tunedBack.thresholds.minDecisionAgreement, 0.8);
        e = errorOf(head + "reference: a.yaml\nplatform: b\noneshot:\n  on_poor_estimates: retry\n");
        QVERIFY2(e.contains("oneshot.on_poor_estimates") && e.contains("warn or extend"), qPrintable(e));
        e = errorOf(head + "reference: a.yaml\nplatform: b\nthresholds:\n  decision_agreement: 1.5\n");
        QVERIFY2(e.contains("thresholds.decision_agreement"), qPrintable(e));
        e = errorOf(head + "reference: a.yaml\nplatform: b\noneshot:\n  distill: 3\n");
        QVERIFY2(e.contains("oneshot.distill") && e.contains("true or false"), qPrintable(e));
        Project calibrating = p;
        calibrating.finetuneMethod = predictor::FinetuneMethod::Calibrate;
        QCOMPARE(parseProject(projectToYaml(calibrating), "c.yaml").finetuneMethod,
                 predictor::FinetuneMethod::Calibrate);
        e = errorOf(head + "reference: a.yaml\nplatform: b\ncheck:\n  finetune: sometimes\n");
        QVERIFY2(e.contains("check.finetune") && e.contains("auto, retrain, calibrate, profile or transfer"),
                 qPrintable(e));
        // Transfer names its reference devices' model files, relative to the project.
        const Project transferring = parseProject(head
                                                      + "reference: a.yaml\nplatform: b\ncheck:\n  finetune: "
                                                        "transfer\n  references: [gpu.pt, /abs/npu.pt]\n",
                                                  "/projects/t.yaml");
        QCOMPARE(transferring.finetuneMethod, predictor::FinetuneMethod::Transfer);
        QCOMPARE(transferring.referenceModels, (std::vector<std::string>{"/projects/gpu.pt", "/abs/npu.pt"}));
        QCOMPARE(parseProject(projectToYaml(transferring), "/elsewhere/t.yaml").referenceModels,
                 transferring.referenceModels);
        e = errorOf(head + "reference: a.yaml\nplatform: b\ncheck:\n  finetune: transfer\n");
        QVERIFY2(e.contains("check.finetune") && e.contains("check.references"), qPrintable(e));
        e = errorOf(head + "reference: a.yaml\nplatform: b\ncheck:\n  finetune: transfer\n  references: gpu.pt\n");
        QVERIFY2(e.contains("check.references") && e.contains("list"), qPrintable(e));

        // A missing network is named when the run starts.
        Project missing = m_base;
        missing.reference = "nowhere.yaml";
        try {
            Pipeline pipe(missing, m_dir.filePath("missing").toStdString());
            QFAIL("a project with a missing network started");
        } catch (const std::exception &ex) {
            QVERIFY2(QString(ex.what()).contains("nowhere.yaml"), ex.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
