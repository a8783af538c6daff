// SPDX-License-Identifier: GPL-3.0-or-later
// The conditional-finetuning flows on a small seeded case (a residual CNN on
// Fashion-MNIST-sized input): each mode's decisions, re-runs, reports, kill and resume (in
// process and by SIGKILL of calibra-cli). The store itself: tst_runstore; project files:
// tst_project.
#include "graph/Cost.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "learning/Dataset.h"
#include "learning/Training.h"
#include "pipeline/GenerationValidation.h"
#include "pipeline/Pipeline.h"
#include "pipeline/RunReport.h"
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
#include <QLocale>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

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

    Project smallOneShot(supernet::EstimatorKind estimator) const
    {
        return withSmallOneShot(project(Mode::Pre, true), estimator);
    }

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

    // Both one-shot estimators train the supernet, probe it before the search, and hand
    // the final model its inherited weights; each names its estimate for what it is.
    void oneShotRun_data()
    {
        QTest::addColumn<int>("estimator");
        QTest::addColumn<QString>("noun");
        QTest::newRow("accuracy") << int(supernet::EstimatorKind::OneShot) << "best accuracy";
        QTest::newRow("likelihood") << int(supernet::EstimatorKind::OneShotLikelihood) << "best true-class probability";
    }
    void oneShotRun()
    {
        QFETCH(int, estimator);
        QFETCH(QString, noun);
        Project p = smallOneShot(supernet::EstimatorKind(estimator));
        p.finalTraining.epochs = 1;
        p.finalTraining.maxTrainImages = 256;
        p.finalTraining.maxTestImages = 256;
        p.finalTraining.batchSize = 32;
        std::vector<Event> ev;
        const QString dir = QStringLiteral("oneshot-") + QTest::currentDataTag();
        const RunResult r = runProject(p, dir, &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(count(ev, EventKind::SupernetTraining) >= 2);
        QVERIFY(QFile::exists(m_dir.filePath(dir + "/supernet.pt")));
        bool probed = false;
        for (const Event &e : ev) {
            probed =
                probed
                || (e.kind == EventKind::SupernetTraining && e.message.find("before the search") != std::string::npos);
            if (e.kind == EventKind::GenerationFinished) {
                QVERIFY(e.population.bestAccuracy); // no limits: every member is feasible
                QVERIFY(*e.population.bestAccuracy >= 0 && *e.population.bestAccuracy <= 1); // shares, not scores
                QVERIFY2(e.message.find(noun.toStdString()) != std::string::npos, e.message.c_str());
            }
        }
        QVERIFY(probed);
        QVERIFY(r.final.testAccuracy >= 0 && r.final.testAccuracy <= 1);
        QCOMPARE(r.final.weights, FinalWeights::Trained);
        // The final model carries its trained weights into ONNX.
        const graph::Network final = graph::loadNetwork(r.final.onnxPath);
        QVERIFY(!final.nodes.front().weights.at("weight").data.empty());
    }

    // With no final training, a run that trained the supernet hands back the final model
    // with the supernet's weights, tested and judged, and says they were not retrained.
    void oneShotFinalModelInheritsWithoutTraining()
    {
        Project p = smallOneShot(supernet::EstimatorKind::OneShot);
        p.finalTraining.epochs = 0;
        p.finalTraining.maxTestImages = 256;
        std::vector<Event> ev;
        const RunResult r = runProject(p, "oneshot-inherited", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.final.weights, FinalWeights::Inherited);
        QVERIFY(r.final.testAccuracy >= 0 && r.final.testAccuracy <= 1);
        QVERIFY(r.final.baselineTestAccuracy >= 0 && r.final.baselineTestAccuracy <= 1);
        QCOMPARE(r.final.testImages, 256);
        QVERIFY(std::any_of(ev.begin(), ev.end(), [](const Event &e) {
            return e.kind == EventKind::FinalTraining && e.message.find("not retrained") != std::string::npos;
        }));
        QVERIFY(std::none_of(ev.begin(), ev.end(), [](const Event &e) {
            return e.message.find("training the final model") != std::string::npos;
        }));
        const graph::Network final = graph::loadNetwork(r.final.onnxPath);
        QVERIFY(!final.nodes.front().weights.at("weight").data.empty());
        // What evaluateAccuracy says of the saved file is what the run reported.
        QCOMPARE(learning::evaluateAccuracy(final, learning::loadDataset(p.dataset).test, 256), r.final.testAccuracy);
        QFile json(m_dir.filePath("oneshot-inherited/report.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject fm = QJsonDocument::fromJson(json.readAll()).object()["final_model"].toObject();
        QCOMPARE(fm["weights"].toString(), QString("inherited"));
        QCOMPARE(parseFinalWeights(fm["weights"].toString().toStdString()), FinalWeights::Inherited);
        QCOMPARE(parseFinalWeights(""), FinalWeights::None); // a report from before the key
        QVERIFY(fm["trained_weights"].toBool());
        QCOMPARE(fm["test_accuracy"].toDouble(), r.final.testAccuracy);
        QVERIFY(fm["training_epochs"].isNull() && fm["training_seconds"].isNull());
        QVERIFY(fm["baseline"]["what"].toString().contains("supernet's weights"));
        QCOMPARE(fm["test_images"].toInt(), 256);
        QVERIFY(fm["chance_accuracy"].toDouble() > 0);
        QFile html(m_dir.filePath("oneshot-inherited/report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        QVERIFY(html.readAll().contains("not retrained"));
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
        const QJsonObject fm = o["final_model"].toObject();
        QVERIFY(fm["found"].toBool());
        // The final network's size, as the ONNX file it is saved to counts it.
        const graph::Cost size = graph::networkCost(graph::loadNetwork(fm["onnx"].toString().toStdString())).total;
        QVERIFY(size.params > 0);
        QCOMPARE(fm["parameters"].toInteger(), size.params);
        QCOMPARE(fm["macs"].toInteger(), size.macs);
        // Not trained (final_training.epochs 0): its training figures are null, not -1 or 0.
        for (const char *k : {"test_accuracy", "test_images", "training_epochs", "baseline", "chance_accuracy"})
            QVERIFY2(fm[k].isNull(), k);
        QVERIFY(!fm["trained_weights"].toBool()); // and the page says its files hold the structure only
        QCOMPARE(fm["weights"].toString(), QString("none"));
        // Its inputs and outputs as saved, beside the reference's.
        const graph::Network saved = graph::loadNetwork(fm["onnx"].toString().toStdString());
        const QJsonObject input = fm["inputs"].toArray().at(0).toObject();
        QCOMPARE(input["name"].toString().toStdString(), saved.inputs[0].name);
        QCOMPARE(input["shape"].toArray().size(), qsizetype(saved.inputs[0].shape.size()));
        QCOMPARE(fm["outputs"].toArray().size(), qsizetype(saved.outputs.size()));
        QCOMPARE(fm["reference_inputs"].toArray().size(), 1);
        // The target setting as the run resolved it: the platform's default, every field.
        const QJsonObject setting = o["target_setting"].toObject();
        QCOMPARE(setting["compile"]["tiling"].toString(), QString("auto"));
        QCOMPARE(setting["compile"]["fusion"].toString(), QString("conservative"));
        QCOMPARE(setting["hardware"]["dvfs_mhz"].toDouble(), 1000.0);
        QVERIFY(setting["hardware"]["dram_cap_gbps"].isNull());
        // Both finetunes, with what each adopted, in the JSON and the HTML.
        const QJsonArray finetunes = o["finetunes"].toArray();
        QCOMPARE(finetunes.size(), 2);
        QFile html(dir.filePath("report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.contains("<h2>Finetunes</h2>"));
        QVERIFY(page.contains("auto tiling, conservative fusion"));
        QVERIFY(page.contains("hold the network's structure only: it was not trained"));
        QVERIFY(page.contains(QLocale::c().toString(size.params) + " parameters"));
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

    void reportWithoutFinalModelHasNoFigures()
    {
        // A run that found no final model: its figures are null, never a 0 that reads as
        // a measured or predicted value.
        const QString dir = m_dir.filePath("no-final");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(m_dir.filePath("both-fail/run.sqlite"), dir + "/run.sqlite"));
        RunResult none;
        none.ok = true;
        QVERIFY(!none.final.found);
        report::writeRunReport(RunStore(dir.toStdString(), false), none);
        QFile json(dir + "/report.json");
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject fm = QJsonDocument::fromJson(json.readAll()).object()["final_model"].toObject();
        QVERIFY(!fm["found"].toBool());
        for (const char *k : {"accuracy_estimate", "parameters", "macs", "rank", "test_accuracy"})
            QVERIFY2(fm[k].isNull(), k);
        for (const char *k : {"latency_ms", "power_mw", "energy_mj", "dram_bytes"}) {
            QVERIFY2(fm["predicted"].toObject()[k].isNull(), k);
            QVERIFY2(fm["validated"].toObject()[k].isNull(), k);
        }
        QVERIFY(!fm["validated"].toObject()["ok"].toBool());
    }

    // A reference exported in eval mode has its BatchNorms folded away: a run that trains
    // its networks trains them with BatchNorms added, says so, and hands the final model
    // back as written; one that does not train has nothing to say.
    // Four convolutions with a bias (as such an export has) and `activation`, then a classifier.
    std::string savePlainNetwork(const char *name, OpType activation)
    {
        graph::NetworkBuilder b(name);
        std::string x = b.input("image", {1, 1, 28, 28});
        for (int i = 0; i < 4; ++i)
            x = b.activation(activation, b.conv(x, "c" + std::to_string(i), 8, 3, i == 0 ? 2 : 1, 1, true),
                             "a" + std::to_string(i));
        x = b.op(OpType::Flatten, "flat", {b.op(OpType::GlobalAveragePool, "gap", {x})});
        const std::string path = m_dir.filePath(QString(name) + ".onnx").toStdString(); // as exported
        graph::saveNetwork(b.build({b.linear(x, "fc", 10)}), path);
        return path;
    }

    void foldedNormalizationIsPutBackForTraining()
    {
        const std::string folded = savePlainNetwork("folded", OpType::ReLU);
        for (const int epochs : {1, 0}) {
            Project p = project(Mode::Offline, true);
            p.reference = folded;
            p.estimator = supernet::EstimatorKind::Params;
            p.search.generations = 1;
            p.finalTraining.epochs = epochs;
            p.finalTraining.maxTrainImages = 64;
            p.finalTraining.maxTestImages = 64;
            p.finalTraining.batchSize = 32;
            p.finalBaseline = false;
            std::vector<Event> ev;
            const QString dir = QStringLiteral("folded-%1").arg(epochs);
            const RunResult r = runProject(p, dir, &ev);
            QVERIFY2(r.ok, r.error.c_str());
            const auto said = std::count_if(ev.begin(), ev.end(), [](const Event &e) {
                return e.kind == EventKind::Started
                       && e.message.find(
                              "has 5 convolution and linear layers, no BatchNorm after a convolution and no LayerNorm")
                              != std::string::npos
                       && e.message.find("trained with a BatchNorm after 4 of the reference's convolutions")
                              != std::string::npos;
            });
            QCOMPARE(said, epochs > 0 ? 1 : 0);
            QCOMPARE(RunStore(m_dir.filePath(dir).toStdString(), false).meta("training_normalization"),
                     std::optional<std::string>(epochs > 0 ? "after-convolutions" : "as-written"));
            const graph::Network final = graph::loadNetwork(m_dir.filePath(dir + "/final_model.onnx").toStdString());
            QVERIFY(!final.nodes.empty());
            for (const graph::Node &n : final.nodes)
                QVERIFY2(n.op != OpType::BatchNorm, n.name.c_str());
        }
    }

    // NASWOT reads ReLU activations: a network without them scores the same throughout,
    // and the run says so before the search keeps the cheapest sub-network.
    void constantNaswotScoresArePointedOut()
    {
        Project p = project(Mode::Offline, true);
        p.reference = savePlainNetwork("gelu_net", OpType::GELU);
        p.estimator = supernet::EstimatorKind::Naswot;
        p.search.generations = 1;
        std::vector<Event> ev;
        const RunResult r = runProject(p, "naswot-gelu", &ev);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(std::count_if(ev.begin(), ev.end(),
                               [](const Event &e) {
                                   return e.kind == EventKind::Warning
                                          && e.message.find("the NASWOT score is 0 for every sub-network probed: it "
                                                            "reads ReLU activations, and this network has none")
                                                 != std::string::npos;
                               }),
                 1);
    }

    // A run whose stored genotypes mean other networks under the supernet derived now
    // (another version's choice points or options) is refused on resume, not misread.
    void otherSearchSpaceIsNotResumed()
    {
        Project p = project(Mode::Offline, true);
        p.search.generations = 1;
        const QString dir = m_dir.filePath("space");
        QVERIFY(runProject(p, "space").ok);
        {
            RunStore store(dir.toStdString(), false);
            QVERIFY(store.meta("search_space").has_value());
            store.setMeta("search_space", "another");
        }
        try {
            Pipeline::resume(dir.toStdString());
            QFAIL("a run of another search space resumed");
        } catch (const RunStoreError &e) {
            QVERIFY2(QString(e.what()).contains("stored sub-networks would be read as other networks"), e.what());
        }
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
        // below: at 3, and at 12 once its post check needed half the validations, it
        // sometimes finished first while a second calibra-cli was starting.
        p.search.generations = 40;
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
        QCOMPARE(int(store.generations(0).size()), p.search.generations + 1);
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

    // A run that finishes with a final model over its limits tells a script so: exit code
    // 3, and the last line says why. The same project within its limits exits 0.
    void aFinalModelOverTheLimitsExitsWithThree()
    {
        for (const bool reachable : {false, true}) {
            Project p = project(Mode::Offline, true);
            p.search.generations = 1;
            p.search.constraints.maxLatencyMs = reachable ? 1e9 : 1e-6;
            const QString file = writeProjectFile(p, reachable ? "within.yaml" : "over.yaml");
            QVERIFY(!file.isEmpty());
            QProcess cli;
            cli.start(CALIBRA_CLI, {"run", file, "--dir", m_dir.filePath(reachable ? "within" : "over")});
            QVERIFY(cli.waitForFinished(300000));
            const QByteArray out = cli.readAllStandardOutput();
            QVERIFY2(cli.exitCode() == (reachable ? 0 : 3), out.constData());
            QCOMPARE(out.contains("exit code 3: the final model does not meet the limits: latency "), !reachable);
        }
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

    // A reference that cannot classify the dataset (5 logits for Fashion-MNIST's 10
    // classes) stops the run when it opens, before any search, naming the project, the
    // reference and the dataset. NASWOT alone needs only an image input; the parameter
    // count without final training does not load the dataset at all.
    void aReferenceThatDoesNotFitTheDatasetFailsWhenTheRunOpens()
    {
        QTemporaryDir dir;
        graph::NetworkBuilder b("five_classes");
        auto x = b.input("image", {1, 3, 32, 32});
        x = b.activation(OpType::ReLU, b.conv(x, "c1", 8, 3, 2), "a1");
        x = b.op(OpType::GlobalAveragePool, "gap", {x});
        x = b.op(OpType::Flatten, "flat", {x});
        graph::saveNetwork(b.build({b.linear(x, "fc", 5)}), dir.filePath("five.yaml").toStdString());
        Project p = smallResNetProject(dir.path(), "five");
        p.reference = "five.yaml";
        p.mode = Mode::Offline;
        p.estimator = supernet::EstimatorKind::Naswot;
        p.finalTraining.epochs = 1;
        const auto openingError = [&](const char *run) -> std::string {
            try {
                Pipeline pipe(p, dir.filePath(run).toStdString());
            } catch (const std::exception &e) {
                return e.what();
            }
            return {};
        };
        const QString mismatch = QString::fromStdString(openingError("run"));
        QVERIFY2(mismatch.startsWith(QString::fromStdString(p.file) + ": the reference ")
                     && mismatch.contains("five.yaml does not fit the dataset fashion-mnist: ")
                     && mismatch.contains("output [1, 5] is not [N, 10] logits"),
                 qPrintable(mismatch));
        QVERIFY(!QFile::exists(dir.filePath("run/run.sqlite"))); // nothing was done

        p.finalTraining.epochs = 0; // NASWOT scores the images, whatever the classes
        QCOMPARE(openingError("naswot"), std::string());
        p.dataset = "cifar10:/nonexistent";
        const QString missing = QString::fromStdString(openingError("missing"));
        QVERIFY2(missing.startsWith(QString::fromStdString(p.file) + ": dataset cifar10:/nonexistent: "),
                 qPrintable(missing));
        p.estimator = supernet::EstimatorKind::Params; // the dataset is not used
        QCOMPARE(openingError("params"), std::string());

        // A reference that cannot be loaded names the project and its field as well.
        p.reference = "builtin:resnet_fmnst";
        const QString unknown = QString::fromStdString(openingError("unknown"));
        QVERIFY2(unknown.startsWith(QString::fromStdString(p.file) + ": reference: unknown built-in network"),
                 qPrintable(unknown));
    }

    // A run that fails after it started (here its final training, on one image) prints
    // its error once, on standard error with the command's name.
    void aFailedRunPrintsItsErrorOnce()
    {
        QTemporaryDir dir;
        Project p = smallResNetProject(dir.path(), "fails");
        p.mode = Mode::Offline;
        p.estimator = supernet::EstimatorKind::Params;
        p.search.generations = 1;
        p.finalTraining.epochs = 1;
        p.finalTraining.maxTrainImages = 1;
        QFile f(QString::fromStdString(p.file));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(projectToYaml(p)));
        f.close();
        QProcess cli;
        cli.start(CALIBRA_CLI, {"run", f.fileName(), "--dir", dir.filePath("run")});
        QVERIFY(cli.waitForFinished(300000));
        QCOMPARE(cli.exitCode(), 1);
        const QString out = cli.readAllStandardOutput(), err = cli.readAllStandardError();
        const char *why = "training needs at least 2 images";
        QVERIFY2(!out.contains(why), qPrintable(out));
        QCOMPARE(err.count(why), 1);
        QVERIFY2(err.startsWith("calibra-cli run: "), qPrintable(err));
        QCOMPARE(RunStore(dir.filePath("run").toStdString(), false).meta("status"),
                 std::optional<std::string>("failed"));
    }

    // A project found at a relative path, naming its files relative to itself, records
    // them absolute: the run resumes from any folder. A finished run resumed after a file
    // it named has gone keeps its status (its results stand) and says why it cannot go on.
    void aRunResumesFromAnyFolder()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("project"));
        const QString projectDir = dir.filePath("project");
        Project p = smallResNetProject(projectDir, "relative");
        QFile table(QDir(projectDir).filePath("m.csv"));
        QVERIFY(table.open(QIODevice::WriteOnly));
        table.write("network,phone_ms\nsmall.yaml,1.5\n");
        table.close();
        p.mode = Mode::Offline;
        p.estimator = supernet::EstimatorKind::Params;
        p.validator = ValidatorKind::Table;
        p.measurementDevice = "phone";
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        p.file = "project/project.yaml";
        p.measurementTable = "project/m.csv"; // as read from project/project.yaml
        const std::string run = dir.filePath("run").toStdString();
        {
            Pipeline pipe(p, run);
            QVERIFY(std::filesystem::path(pipe.project().reference).is_absolute());
            QVERIFY(std::filesystem::path(pipe.project().measurementTable).is_absolute());
            const RunResult r = pipe.run();
            QVERIFY2(r.ok, r.error.c_str());
        }
        QVERIFY(QDir::setCurrent(QDir::tempPath()));
        const RunResult again = Pipeline::resume(run)->run();
        QVERIFY2(again.ok, again.error.c_str());

        QVERIFY(QFile::rename(table.fileName(), table.fileName() + ".moved"));
        const RunResult gone = Pipeline::resume(run)->run();
        QVERIFY(QDir::setCurrent(before));
        QVERIFY(!gone.ok);
        QVERIFY2(QString::fromStdString(gone.error).contains("m.csv"), gone.error.c_str());
        QCOMPARE(RunStore(run, false).meta("status"), std::optional<std::string>("finished"));
    }

    // A missing network is named when the run starts.
    void missingNetworkIsNamedAtTheStart()
    {
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
