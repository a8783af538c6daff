// SPDX-License-Identifier: GPL-3.0-or-later
// The conditional-finetuning flow as DESIGN.md section 2 describes it, checked on what
// the run stored rather than on event counts: where check samples come from, what the
// finetune set holds, which predictor a re-run uses, how a check that cannot act is
// labelled; and results that look fine but are not (a starved budget, a final model at
// chance) are flagged in report.json.
#include "graph/NetworkFile.h"
#include "hardware/Lowering.h"
#include "hardware/Platform.h"
#include "hardware/TargetSetting.h"
#include "pipeline/Pipeline.h"
#include "pipeline/RunStore.h"
#include "model/PerformanceModel.h"
#include "model/ShippedModel.h"
#include "supernet/Supernet.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <set>

#include "SmallRuns.h"

using namespace calibra;
using namespace calibra::pipeline;

namespace {

std::set<std::string> genotypesOf(const std::vector<search::Genotype> &population)
{
    std::set<std::string> out;
    for (const auto &g : population)
        out.insert(genotypeText(g));
    return out;
}

// Whether a check sampled the reference: the finetune set then holds it once.
int referenceSampled(const Project &p, const StoredCheck &check)
{
    const supernet::Supernet space(graph::loadNetwork(resolvePath(p, p.reference)), p.supernet);
    const std::string reference = genotypeText(space.referenceGenotype());
    return int(std::count_if(check.samples.begin(), check.samples.end(),
                             [&](const StoredCheckSample &x) { return x.genotype == reference; }));
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

bool anyContains(const QJsonArray &lines, const QString &text)
{
    for (const QJsonValue &v : lines)
        if (v.toString().contains(text))
            return true;
    return false;
}

} // namespace

class TestPipelineFlow : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    Project m_base;

    Project project(Mode mode, bool checksPass) const { return withChecks(m_base, mode, checksPass); }

    RunResult run(const Project &p, const QString &name, std::vector<Event> *events = nullptr)
    {
        return runCollecting(p, m_dir.filePath(name), events);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed (scripts/setup.sh installs it)");
        m_base = smallResNetProject(m_dir.path(), "flow");
        m_base.estimator = supernet::EstimatorKind::Params;
        m_base.aggOperations = 3;
        m_base.search.generations = 3;
        m_base.search.seed = 5;
    }

    // Embodiment 1: the pre-search check samples the initial population, and the
    // finetune set holds the reference, the sampled sub-networks and all three kinds of
    // AGG models.
    void preCheckSamplesTheInitialPopulation()
    {
        std::vector<Event> events;
        const RunResult r = run(project(Mode::Pre, false), "pre", &events);
        QVERIFY2(r.ok, r.error.c_str());
        const RunStore store(m_dir.filePath("pre").toStdString(), false);
        const std::vector<StoredCheck> checks = store.checks();
        QCOMPARE(int(checks.size()), 1);
        const std::set<std::string> initial = genotypesOf(store.generations(0).front().population);
        QCOMPARE(int(checks[0].samples.size()), m_base.checkSamples);
        for (const StoredCheckSample &x : checks[0].samples)
            QVERIFY2(initial.count(x.genotype), x.genotype.c_str());

        const std::vector<FinetuneSummary> finetunes = store.finetunes();
        QCOMPARE(int(finetunes.size()), 1);
        const FinetuneSummary::Composition c = finetunes[0].composition;
        QCOMPARE(c.reference, 1);
        QCOMPARE(c.subnetworks, checks[0].summary.samples - referenceSampled(project(Mode::Pre, false), checks[0]));
        QCOMPARE(c.aggPredefined, m_base.aggPredefined);
        QCOMPARE(c.aggOperation, m_base.aggOperations);
        QCOMPARE(c.aggStructural, m_base.aggStructural);
        QCOMPARE(finetunes[0].aggModels, c.aggPredefined + c.aggOperation + c.aggStructural);
        // report.json says the same.
        const QJsonObject set =
            readJson(m_dir.filePath("pre/report.json"))["finetunes"].toArray()[0].toObject()["finetune_set"].toObject();
        QCOMPARE(set["agg_operation_variations"].toInt(), m_base.aggOperations);
        QCOMPARE(set["reference"].toInt(), 1);
    }

    // A project saved before mutated_genes keeps its per-gene probability, and the run's
    // first line says so; a new project's first line does not.
    void anOlderProjectsMutationIsSaid()
    {
        Project older = project(Mode::Offline, true);
        older.search.generations = 1;
        older.search.mutationProbability = 0.1;
        std::vector<Event> events;
        const RunResult r = run(older, "older", &events);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(events.front().kind, EventKind::Started);
        QVERIFY2(events.front().text.english().find("; mutation 0.1 per gene (mutation_probability")
                     != std::string::npos,
                 events.front().text.english().c_str());
        Project fresh = older;
        fresh.search.mutationProbability.reset();
        events.clear();
        QVERIFY(run(fresh, "fresh", &events).ok);
        QVERIFY(events.front().text.english().find("mutation") == std::string::npos);
    }

    // A sequential check whose first part has already failed beyond what the rest could
    // undo, with no finetune to follow (a post check with no re-run left), validates no
    // more: the first part is recorded, judged and said in report.json. A check that
    // finetunes validates the whole sample (its finetuning data), as does one made with
    // sequential checks off.
    void aSequentialCheckStopsOnACertainFailureOnlyWithoutAFinetune()
    {
        Project p = project(Mode::Post, false); // max_mape 0: any error fails for certain
        p.maxReruns = 0;
        p.checkSamples = 12;
        p.search.population = 16;
        const RunResult r = run(p, "sequential");
        QVERIFY2(r.ok, r.error.c_str());
        const RunStore store(m_dir.filePath("sequential").toStdString(), false);
        const std::vector<StoredCheck> checks = store.checks();
        QCOMPARE(int(checks.size()), 1);
        // Half of each stratum, rounded up: 6, or 7 when two strata are odd.
        const int first = int(checks[0].samples.size());
        QVERIFY2(first == 6 || first == 7, qPrintable(QString::number(first)));
        QCOMPARE(checks[0].summary.origins.total(), first);
        QCOMPARE(checks[0].summary.decision, CheckDecision::WouldFinetune);
        const QJsonObject check = readJson(m_dir.filePath("sequential/report.json"))["checks"].toArray()[0].toObject();
        QCOMPARE(check["samples"].toInt(), first);
        QVERIFY(anyContains(check["notes"].toArray(),
                            QStringLiteral("decided on the first part (%1 sub-networks compared): it already fails the "
                                           "check whatever the other %2 would show")
                                .arg(first)
                                .arg(12 - first)));

        Project finetunes = p;
        finetunes.maxReruns = 1;
        QVERIFY(run(finetunes, "finetunes").ok);
        const RunStore whole(m_dir.filePath("finetunes").toStdString(), false);
        QCOMPARE(whole.checks().at(0).summary.decision, CheckDecision::Finetune);
        QCOMPARE(int(whole.checks().at(0).samples.size()), 12);
        QCOMPARE(whole.finetunes().at(0).composition.subnetworks,
                 12 - referenceSampled(finetunes, whole.checks().at(0)));

        p.sequentialChecks = false;
        QVERIFY(run(p, "at-once").ok);
        const RunStore atOnce(m_dir.filePath("at-once").toStdString(), false);
        QCOMPARE(int(atOnce.checks().at(0).samples.size()), 12);
        QCOMPARE(atOnce.checks().at(0).summary.decision, CheckDecision::WouldFinetune);
        QVERIFY(!anyContains(
            readJson(m_dir.filePath("at-once/report.json"))["checks"].toArray()[0].toObject()["notes"].toArray(),
            "decided on the first"));
    }

    // A run stopped (as if killed) once a sequential check's first part is validated, and
    // resumed, ends as the uninterrupted run: the same sample judged the same way, and no
    // more networks validated in all (the first part comes from the store). Both ways a
    // check may go: on to its second part (a pre check that finetunes), and decided on
    // its first (a post check with no re-run left).
    void aCheckStoppedBetweenItsPartsResumesAsIfUninterrupted_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("maxReruns");
        QTest::addColumn<bool>("decidedEarly");
        QTest::newRow("second part") << int(Mode::Pre) << 1 << false;
        QTest::newRow("decided on the first") << int(Mode::Post) << 0 << true;
    }
    void aCheckStoppedBetweenItsPartsResumesAsIfUninterrupted()
    {
        QFETCH(int, mode);
        QFETCH(int, maxReruns);
        QFETCH(bool, decidedEarly);
        Project p = project(Mode(mode), false);
        p.maxReruns = maxReruns;
        p.checkSamples = 12;
        p.search.population = 16;
        const QString name = QStringLiteral("parts-%1").arg(mode);
        const RunResult whole = run(p, name + "-whole");
        QVERIFY2(whole.ok, whole.error.c_str());

        const std::string dir = m_dir.filePath(name + "-stopped").toStdString();
        {
            Pipeline first(p, dir);
            first.setStopAfterCheckParts(1);
            QVERIFY(first.run().cancelled);
        }
        QVERIFY(RunStore(dir, false).checks().empty()); // stopped before the check was judged
        const RunResult resumed = Pipeline::resume(dir)->run();
        QVERIFY2(resumed.ok, resumed.error.c_str());

        const std::vector<StoredCheck> expected =
            RunStore(m_dir.filePath(name + "-whole").toStdString(), false).checks();
        const std::vector<StoredCheck> checks = RunStore(dir, false).checks();
        QCOMPARE(checks.size(), expected.size());
        QVERIFY(!checks.empty());
        QCOMPARE(expected[0].summary.notValidated > 0, decidedEarly);
        QCOMPARE(checks[0].summary.notValidated > 0, decidedEarly);
        for (size_t c = 0; c < checks.size(); ++c) {
            QCOMPARE(checks[c].summary.decision, expected[c].summary.decision);
            QCOMPARE(checks[c].summary.notValidated, expected[c].summary.notValidated);
            QCOMPARE(checks[c].samples.size(), expected[c].samples.size());
            for (size_t i = 0; i < checks[c].samples.size(); ++i)
                QCOMPARE(checks[c].samples[i].genotype, expected[c].samples[i].genotype);
        }
        QCOMPARE(resumed.validations, whole.validations);
        QCOMPARE(resumed.searches, whole.searches);
        QCOMPARE(resumed.final.genotype, whole.final.genotype);
    }

    // Embodiment 2: the post-search check samples all generations' populations; a
    // re-run happens only with a changed predictor, and it searches with that predictor.
    void postCheckSamplesAllGenerationsAndRerunsWithTheFinetunedPredictor()
    {
        Project p = project(Mode::Post, false);
        p.checkSamples = 20; // more than one generation holds
        std::vector<Event> events;
        const RunResult r = run(p, "post", &events);
        QVERIFY2(r.ok, r.error.c_str());
        const RunStore store(m_dir.filePath("post").toStdString(), false);
        std::set<std::string> all;
        for (const search::Generation &g : store.generations(0))
            for (const std::string &text : genotypesOf(g.population))
                all.insert(text);
        const std::set<std::string> last = genotypesOf(store.generations(0).back().population);
        const StoredCheck first = store.checks().front();
        QCOMPARE(first.summary.stage, CheckStage::Post);
        int fromEarlier = 0;
        for (const StoredCheckSample &x : first.samples) {
            QVERIFY2(all.count(x.genotype), x.genotype.c_str());
            fromEarlier += last.count(x.genotype) == 0;
        }
        QVERIFY2(fromEarlier > 0, "the sample holds only the last generation");

        const std::vector<FinetuneSummary> finetunes = store.finetunes();
        QCOMPARE(int(finetunes.size()), 1);
        if (!finetunes[0].adopted) { // the same predictor would repeat the same search
            qInfo("the finetune was not adopted: checking that the search was not re-run");
            QCOMPARE(r.searches, 1);
            QVERIFY(
                std::any_of(events.begin(), events.end(), [](const Event &e) { return e.kind == EventKind::Warning; }));
            return;
        }
        QCOMPARE(r.searches, 2);
        // Search 1 predicted its members with the adopted predictor, not the offline one.
        const model::PerformanceModel tuned =
            model::PerformanceModel::loadFromBytes(store.latestPredictor().value(), "adopted predictor");
        const model::PerformanceModel offline = model::loadModel("builtin:offline");
        const supernet::Supernet supernet(graph::loadNetwork(m_dir.filePath("small.yaml").toStdString()), p.supernet);
        const hardware::Platform platform = hardware::loadPlatform(p.platform);
        const hardware::TargetSetting setting = hardware::defaultSetting(platform);
        const search::Generation g0 = store.generations(1).front();
        int differ = 0;
        for (size_t i = 0; i < g0.population.size(); ++i) {
            const predictor::NetworkFeatures f = predictor::networkFeatures(
                hardware::lowerNetwork(supernet.decode(g0.population[i])), platform, setting);
            const double withTuned = tuned.predict({&f}).front().latencySeconds * 1e3;
            const double withOffline = offline.predict({&f}).front().latencySeconds * 1e3;
            QVERIFY2(std::abs(g0.evaluations[i].latencyMs - withTuned) <= 1e-6 * withTuned,
                     qPrintable(QString("%1 vs %2").arg(g0.evaluations[i].latencyMs).arg(withTuned)));
            differ += std::abs(withOffline - withTuned) > 1e-6 * withTuned;
        }
        QVERIFY(differ > 0);
    }

    // A failed check that cannot act is "would finetune" in the store, report.json and
    // the event; never "finetune".
    void aCheckThatCannotActSaysWouldFinetune()
    {
        Project p = project(Mode::Post, false);
        p.maxReruns = 0;
        std::vector<Event> events;
        const RunResult r = run(p, "would", &events);
        QVERIFY2(r.ok, r.error.c_str());
        const RunStore store(m_dir.filePath("would").toStdString(), false);
        QCOMPARE(int(store.checks().size()), 1);
        QVERIFY(store.checks()[0].summary.decision == CheckDecision::WouldFinetune);
        QVERIFY(store.finetunes().empty());
        const QJsonObject o = readJson(m_dir.filePath("would/report.json"));
        QCOMPARE(o["checks"].toArray()[0].toObject()["decision"].toString(), QString("would finetune"));
        for (const Event &e : events)
            if (e.kind == EventKind::AccuracyCheck)
                QVERIFY2(e.message.find("FINETUNE") == std::string::npos, e.message.c_str());
        // The search's results rest on a predictor the check found wrong: a warning says so.
        QVERIFY2(anyContains(o["warnings"].toArray(), "the last post-search check failed and no re-run was left "
                                                      "(check.max_reruns 0)"),
                 qPrintable(QJsonDocument(o["warnings"].toArray()).toJson()));
        // Where the final model sits in the search's ranking is recorded.
        const QJsonObject final = o["final_model"].toObject();
        QVERIFY(final["rank"].toInt() >= 1);
        QVERIFY(final["candidates_validated"].toInt() >= final["rank"].toInt());
        QVERIFY(final["ranked_above_over_limits"].toInt() < final["rank"].toInt());
    }

    // An image folder whose test split lacks a training class: the final model's test
    // accuracy leaves it out, and the run says so.
    void aTestSplitWithoutAClassIsAWarning()
    {
        const QDir root(m_dir.filePath("folders"));
        for (int c = 0; c < 10; ++c)
            for (const char *split : {"train", "test"}) {
                if (c == 3 && QLatin1String(split) == QLatin1String("test"))
                    continue;
                const QString folder = QStringLiteral("%1/c%2").arg(QLatin1String(split)).arg(c);
                QVERIFY(root.mkpath(folder));
                QImage image(8, 8, QImage::Format_Grayscale8);
                image.fill(c * 25);
                QVERIFY(image.save(root.filePath(folder + "/0.png")));
            }
        Project p = project(Mode::Offline, true);
        p.dataset = "folder:" + root.path().toStdString();
        p.search.generations = 1;
        p.finalTraining.epochs = 1;
        p.finalBaseline = false;
        const RunResult r = run(p, "untested");
        QVERIFY2(r.ok, r.error.c_str());
        const QJsonArray warnings = readJson(m_dir.filePath("untested/report.json"))["warnings"].toArray();
        QVERIFY2(anyContains(warnings, root.filePath("test") + " has no images of the training class c3"),
                 qPrintable(QJsonDocument(warnings).toJson()));

        // A run begun when folders were read in another order (no dataset_order) is not
        // resumed on this one: its held-out images would differ.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("older"));
            db.setDatabaseName(m_dir.filePath("untested/run.sqlite"));
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM meta WHERE key = 'dataset_order'")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("older"));
        std::string error;
        try {
            error = Pipeline::resume(m_dir.filePath("untested").toStdString())->run().error;
        } catch (const std::exception &e) {
            error = e.what();
        }
        QVERIFY2(error.find("begun by an older Calibra, which read the image folder") != std::string::npos,
                 error.c_str());
    }

    // A one-shot training cut short by its wall-clock cap is a warning in report.json.
    void aStarvedBudgetIsAWarning()
    {
        Project p = project(Mode::Offline, true);
        p.estimator = supernet::EstimatorKind::OneShot;
        p.oneShot.steps = 400;
        p.oneShot.batchSize = 16;
        p.oneShot.randomPerStep = 1;
        p.oneShot.timeBudgetSeconds = 0.05;
        p.oneShotTestImages = 64;
        p.search.generations = 1;
        p.finalTraining.maxTestImages = 256;
        const RunResult r = run(p, "starved");
        QVERIFY2(r.ok, r.error.c_str());
        // The final model has the supernet's weights (final_training.epochs is 0): the
        // supernet's cut is its own, flagged.
        QCOMPARE(r.final.weights, FinalWeights::Inherited);
        QVERIFY(std::any_of(r.final.flags.begin(), r.final.flags.end(), [](const TranslatableText &f) {
            return f.english().find("oneshot.time_budget_s") != std::string::npos;
        }));
        const QJsonArray warnings = readJson(m_dir.filePath("starved/report.json"))["warnings"].toArray();
        QVERIFY2(anyContains(warnings, "time budget"), qPrintable(QJsonDocument(warnings).toJson()));
        QFile html(m_dir.filePath("starved/report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        QVERIFY(html.readAll().contains("<h2>Warnings</h2>"));
    }

    // A final model at chance (trained with a zero learning rate) is flagged, with the
    // smallest sub-network trained the same way as its baseline.
    void aFinalModelAtChanceIsFlagged()
    {
        Project p = withFinalModelAtChance(project(Mode::Offline, true));
        p.search.generations = 1;
        std::vector<Event> events;
        const RunResult r = run(p, "chance", &events);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY2(r.final.testAccuracy < 0.2, qPrintable(QString::number(r.final.testAccuracy)));
        QCOMPARE(r.final.testImages, 1000);
        QVERIFY(r.final.baselineTestAccuracy >= 0);
        QVERIFY(!r.final.flags.empty());
        const QJsonObject fm = readJson(m_dir.filePath("chance/report.json"))["final_model"].toObject();
        QVERIFY(anyContains(fm["flags"].toArray(), "near chance"));
        QVERIFY(fm["baseline"].isObject());
        QVERIFY(fm["baseline"]["test_accuracy"].toDouble(-1) >= 0);
        const auto final =
            std::find_if(events.begin(), events.end(), [](const Event &e) { return e.kind == EventKind::FinalModel; });
        QVERIFY(final != events.end());
        QVERIFY2(final->message.find("NOT TRUSTWORTHY") != std::string::npos, final->message.c_str());
    }
    // A measurement table that holds the reference alone: the search's networks cannot be
    // validated. The check says how many of its sample it measured, the finetune is not
    // made on too few networks to judge it, and the failed validations (with their
    // reason) and a final model that is not the search's best are warnings.
    void aTableLackingTheSearchsNetworksIsWarned()
    {
        Project p = project(Mode::Pre, false);
        QFile table(m_dir.filePath("reference-only.csv"));
        QVERIFY(table.open(QIODevice::WriteOnly));
        table.write("network,phone_ms\nsmall.yaml,1.5\n");
        table.close();
        p.validator = ValidatorKind::Table;
        p.measurementTable = table.fileName().toStdString();
        p.measurementDevice = "phone";
        p.search.constraints.maxLatencyMs = 100; // every candidate meets it: the first measured is final
        std::vector<Event> events;
        const RunResult r = run(p, "table", &events);
        QVERIFY2(r.ok, r.error.c_str());
        const RunStore store(m_dir.filePath("table").toStdString(), false);
        const StoredCheck check = store.checks().at(0);
        QVERIFY(check.summary.samples <= 1);
        QCOMPARE(store.finetunes().size(), size_t(1));
        QVERIFY(!store.finetunes()[0].adopted && !store.finetunes()[0].made());
        QVERIFY(std::isnan(store.finetunes()[0].heldOutLossBefore)); // none: not a loss of 0
        const auto said = [&](EventKind kind, const char *text) {
            return std::any_of(events.begin(), events.end(), [&](const Event &e) {
                return e.kind == kind && e.text.english().find(text) != std::string::npos;
            });
        };
        QVERIFY(said(EventKind::AccuracyCheck, "of which the validator could not measure"));
        QVERIFY(said(EventKind::FinetuneFinished, "finetune not made"));
        const QJsonArray warnings = readJson(m_dir.filePath("table/report.json"))["warnings"].toArray();
        QVERIFY2(anyContains(warnings, "validations failed")
                     && anyContains(warnings, "is not in the measurement table"),
                 qPrintable(QJsonDocument(warnings).toJson()));
        QCOMPARE(r.final.description, std::string("reference"));
        QVERIFY2(anyContains(warnings, "could not be validated"), qPrintable(QJsonDocument(warnings).toJson()));
    }

    // A check judges the predictor on sub-networks no earlier finetune used: each check's
    // sample is disjoint from every sample that went into a finetune before it.
    void checkSamplesNeverHoldFinetunedNetworks()
    {
        Project p = project(Mode::Both, false);
        p.checkSamples = 12;
        // Population 8 left the re-run's post check nothing unseen to draw on some
        // machines (its whole pool finetuned on before).
        p.search.population = 16;
        std::vector<Event> events;
        const RunResult r = run(p, "unseen", &events);
        QVERIFY2(r.ok, r.error.c_str());
        const RunStore store(m_dir.filePath("unseen").toStdString(), false);
        const std::vector<StoredCheck> checks = store.checks();
        QVERIFY2(checks.size() >= 2, "a pre and a post check");
        std::set<std::string> finetunedOn;
        int finetunes = 0;
        for (const StoredCheck &check : checks) {
            QVERIFY(!check.samples.empty());
            for (const StoredCheckSample &x : check.samples)
                QVERIFY2(!finetunedOn.count(x.genotype),
                         qPrintable(QString::fromStdString(
                             checkStageName(check.summary.stage) + std::string(" check of search ")
                             + std::to_string(check.search) + " re-tests " + x.genotype)));
            if (store.finetune(check.search, check.generation, check.summary.stage)) {
                ++finetunes;
                for (const StoredCheckSample &x : check.samples)
                    finetunedOn.insert(x.genotype);
            }
        }
        QVERIFY2(finetunes >= 1, "the failing checks finetuned");
        // The event says how many were left out.
        QVERIFY(std::any_of(events.begin(), events.end(), [](const Event &e) {
            return e.kind == EventKind::AccuracyCheck
                   && e.message.find("that earlier finetunes used") != std::string::npos;
        }));
    }
    // AGG models predicted costlier than the project allows are never validated: with a
    // ratio of 1, none may be predicted slower than the costliest network of the check.
    void costlyAggModelsAreLeftOut()
    {
        Project p = project(Mode::Pre, false);
        p.aggMaxCostRatio = 1;
        p.aggPredefined = 4;
        p.aggStructural = 4;
        std::vector<Event> events;
        const RunResult r = run(p, "aggbudget", &events);
        QVERIFY2(r.ok, r.error.c_str());
        const auto started = std::find_if(events.begin(), events.end(),
                                          [](const Event &e) { return e.kind == EventKind::FinetuneStarted; });
        QVERIFY(started != events.end());
        QVERIFY2(started->message.find("generated ones left out: predicted over 1x") != std::string::npos,
                 started->message.c_str());
        const RunStore store(m_dir.filePath("aggbudget").toStdString(), false);
        const FinetuneSummary::Composition c = store.finetunes().at(0).composition;
        QVERIFY(c.aggPredefined <= p.aggPredefined && c.aggOperation <= p.aggOperations
                && c.aggStructural <= p.aggStructural);
        // Without the limit every kind gets its count.
        p.aggMaxCostRatio = 1e6;
        QVERIFY(run(p, "aggnolimit").ok);
        const FinetuneSummary::Composition all =
            RunStore(m_dir.filePath("aggnolimit").toStdString(), false).finetunes().at(0).composition;
        QCOMPARE(all.aggPredefined + all.aggOperation + all.aggStructural,
                 p.aggPredefined + p.aggOperations + p.aggStructural);
    }

    // A latency limit no sub-network meets: no generation has a best, so the log says
    // "none feasible", report.json's best_accuracy is null, generations.csv's cell empty
    // and report.html's "none feasible" (never "best ... 0"); generation 0 warns that
    // even the smallest sub-network is over the limit, once, and names no limit not set.
    void anUnreachableLimitHasNoBestAndIsWarned()
    {
        Project p = project(Mode::Offline, true);
        p.search.generations = 1;
        p.search.constraints.maxLatencyMs = 1e-4;
        std::vector<Event> events;
        const RunResult r = run(p, "unreachable", &events);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(!r.final.meetsConstraints);
        int generations = 0;
        for (const Event &e : events)
            if (e.kind == EventKind::GenerationFinished) {
                ++generations;
                QVERIFY(!e.population.bestAccuracy);
                QVERIFY2(e.message.find(": none feasible of 8,") != std::string::npos, e.message.c_str());
                QVERIFY2(e.message.find("best log10 parameters") == std::string::npos, e.message.c_str());
            }
        QCOMPARE(generations, 2);

        const QJsonObject report = readJson(m_dir.filePath("unreachable/report.json"));
        for (const QJsonValue &g : report["generations"].toArray()) {
            QVERIFY(g.toObject().contains("best_accuracy")); // the key stays for scripts
            QVERIFY(g.toObject()["best_accuracy"].isNull());
        }
        const QJsonArray warnings = report["warnings"].toArray();
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].toString().startsWith(
                     "the latency limit looks out of reach: every sub-network of generation 0 is predicted over it, "
                     "the smallest at "),
                 qPrintable(warnings[0].toString()));
        QVERIFY2(warnings[0].toString().endsWith(" ms against 0.0001 ms"), qPrintable(warnings[0].toString()));

        QFile csv(m_dir.filePath("unreachable/generations.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
        QCOMPARE(lines.front().split(',').at(5), QString("best_accuracy")); // keys unchanged
        QCOMPARE(lines.size(), 3);
        for (qsizetype i = 1; i < lines.size(); ++i)
            QCOMPARE(lines[i].split(',').at(5), QString());

        QFile html(m_dir.filePath("unreachable/report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.contains("<th>best feasible log10 parameters</th>"));
        QVERIFY(page.contains("<th>fastest predicted latency (ms)</th>"));
        QVERIFY(!page.contains("<th>best_accuracy</th>"));
        QVERIFY(page.contains("<td>none feasible</td>"));
    }

    // Where limits are met the best is a number everywhere and nothing is warned.
    void aReachableLimitHasABest()
    {
        Project p = project(Mode::Offline, true);
        p.search.generations = 1;
        p.search.constraints.maxLatencyMs = 1e6;
        std::vector<Event> events;
        const RunResult r = run(p, "reachable", &events);
        QVERIFY2(r.ok, r.error.c_str());
        for (const Event &e : events) {
            QVERIFY2(e.kind != EventKind::Warning, e.message.c_str());
            if (e.kind == EventKind::GenerationFinished) {
                QVERIFY(e.population.bestAccuracy);
                QVERIFY2(e.message.find(": 8 feasible of 8, best log10 parameters ") != std::string::npos,
                         e.message.c_str());
            }
        }
        for (const QJsonValue &g : readJson(m_dir.filePath("reachable/report.json"))["generations"].toArray())
            QVERIFY(g.toObject()["best_accuracy"].toDouble() > 0);
    }

    // The random search's generation 0 need not hold the smallest sub-network (seed 2:
    // it does not), so the end of the search says it instead: nothing was predicted
    // feasible, and the final model breaks the limit. Said once either way.
    void aSearchWithNoFeasibleMemberIsWarnedAtItsEnd()
    {
        Project p = project(Mode::Offline, true);
        p.search.algorithm = search::Algorithm::Random;
        p.search.generations = 1;
        p.search.seed = 2;
        p.search.constraints.maxLatencyMs = 1e-4;
        const RunResult r = run(p, "unreachable-random");
        QVERIFY2(r.ok, r.error.c_str());
        const QJsonArray warnings = readJson(m_dir.filePath("unreachable-random/report.json"))["warnings"].toArray();
        QVERIFY2(anyContains(warnings, "the search found no sub-network predicted to meet the limits; the final "
                                       "model, the least violating, breaks them: latency "),
                 qPrintable(QJsonDocument(warnings).toJson()));
        QVERIFY(!anyContains(warnings, "looks out of reach"));
    }
};

QTEST_GUILESS_MAIN(TestPipelineFlow)
#include "tst_pipelineflow.moc"
