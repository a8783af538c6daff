// SPDX-License-Identifier: GPL-3.0-or-later
// The run store's accuracy checks (with their samples and figures) and finetunes (with
// the predictor each produced).
#include "RunStoreSql.h"

#include <array>
#include <map>

namespace calibra::pipeline {

using namespace storesql;

namespace {
CheckStage stageOf(const QVariant &value, const char *table)
{
    CheckStage stage = CheckStage::Pre;
    if (!parseCheckStage(value.toString().toStdString(), &stage))
        throw RunStoreError(std::string("run store: ") + table + " holds an unknown check stage '"
                            + value.toString().toStdString() + "' (pre, post or online)");
    return stage;
}
} // namespace

void RunStore::putCheck(const StoredCheck &c)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    QSqlQuery q =
        prepared(db, "INSERT INTO checks (search, generation, stage, samples, finetune, failures, decision, notes,"
                     " decisions, not_validated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const search::DecisionAgreement &d = c.summary.decisions;
    const SampleOrigins &o = c.summary.origins;
    const QString decisions = QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                                  .arg(d.candidates)
                                  .arg(d.feasibility, 0, 'g', 17)
                                  .arg(d.feasibilityDisagreements)
                                  .arg(d.front, 0, 'g', 17)
                                  .arg(d.frontDisagreements)
                                  .arg(o.front)
                                  .arg(o.nearLimits)
                                  .arg(o.random);
    for (const QVariant &v :
         QVariantList{c.search, c.generation, QString::fromLatin1(checkStageName(c.summary.stage)), c.summary.samples,
                      int(c.summary.report.finetune), str(TranslatableText::listToJson(c.summary.report.failures)),
                      QString::fromUtf8(checkDecisionName(c.summary.decision)),
                      str(TranslatableText::listToJson(c.summary.report.notes)), decisions, c.summary.notValidated})
        q.addBindValue(v);
    run(q, "checks");
    const QVariant id = q.lastInsertId();
    QSqlQuery m = prepared(db, "INSERT INTO check_metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (int k = 0; k < predictor::kCheckMetricCount; ++k) {
        const predictor::MetricAccuracy &a = c.summary.report.metric[size_t(k)];
        for (const QVariant &v :
             QVariantList{id, k, a.count, a.within10, a.within5, a.mape, a.rmse, a.spearman, a.kendall})
            m.addBindValue(v);
        run(m, "check_metrics");
    }
    QSqlQuery s = prepared(db, "INSERT INTO check_samples VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const StoredCheckSample &x : c.samples) {
        for (const QVariant &v : QVariantList{id, str(x.genotype), x.predicted.latencySeconds, x.predicted.energyJoules,
                                              x.predicted.dramBytes, x.validated.latencySeconds,
                                              x.validated.energyJoules, x.validated.dramBytes})
            s.addBindValue(v);
        run(s, "check_samples");
    }
    t.commit();
}

std::vector<StoredCheck> RunStore::checks() const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    // Three queries for all checks, not three per check.
    std::map<qlonglong, std::array<predictor::MetricAccuracy, predictor::kCheckMetricCount>> metricsOf;
    QSqlQuery m = select(db, "SELECT check_id, metric, count, within10, within5, mape, rmse, spearman, kendall"
                             " FROM check_metrics");
    while (m.next()) {
        const int metric = m.value(1).toInt();
        if (metric < 0 || metric >= predictor::kCheckMetricCount)
            continue; // a metric this build does not know
        metricsOf[m.value(0).toLongLong()][size_t(metric)] = {
            m.value(2).toInt(),    m.value(3).toDouble(), m.value(4).toDouble(), m.value(5).toDouble(),
            m.value(6).toDouble(), m.value(7).toDouble(), m.value(8).toDouble()};
    }
    std::map<qlonglong, std::vector<StoredCheckSample>> samplesOf;
    QSqlQuery x = select(db, "SELECT check_id, genotype, pred_latency_s, pred_energy_j, pred_dram_bytes,"
                             " val_latency_s, val_energy_j, val_dram_bytes FROM check_samples ORDER BY rowid");
    while (x.next())
        samplesOf[x.value(0).toLongLong()].push_back(
            {x.value(1).toString().toStdString(),
             {nanIfNull(x.value(2)), nanIfNull(x.value(3)), nanIfNull(x.value(4))},
             // not measured (NaN, stored as NULL) reads back as not measured
             {nanIfNull(x.value(5)), nanIfNull(x.value(6)), nanIfNull(x.value(7))}});
    std::vector<StoredCheck> out;
    QSqlQuery q =
        select(db, "SELECT id, search, generation, stage, samples, finetune, failures, decision, notes, decisions,"
                   " not_validated FROM checks ORDER BY id");
    while (q.next()) {
        StoredCheck c;
        const qlonglong id = q.value(0).toLongLong();
        c.search = q.value(1).toInt();
        c.generation = q.value(2).toInt();
        c.summary.stage = stageOf(q.value(3), "checks");
        c.summary.samples = q.value(4).toInt();
        c.summary.report.finetune = q.value(5).toInt() != 0;
        // JSON texts; "; "-separated English lines in stores written before.
        c.summary.report.failures = TranslatableText::listFromJson(q.value(6).toString().toStdString());
        if (!parseCheckDecision(q.value(7).toString().toStdString(), &c.summary.decision))
            c.summary.decision = c.summary.report.finetune ? CheckDecision::Finetune : CheckDecision::Bypass;
        // Empty in stores written before checks judged the search's decisions.
        if (const QStringList d = q.value(9).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts); d.size() == 8) {
            c.summary.decisions = {d[0].toInt(), d[1].toDouble(), d[2].toInt(), d[3].toDouble(), d[4].toInt()};
            c.summary.origins = {d[5].toInt(), d[6].toInt(), d[7].toInt()};
        }
        c.summary.report.notes = TranslatableText::listFromJson(q.value(8).toString().toStdString());
        c.summary.notValidated = q.value(10).toInt();
        if (auto it = metricsOf.find(id); it != metricsOf.end())
            c.summary.report.metric = it->second;
        if (auto it = samplesOf.find(id); it != samplesOf.end())
            c.samples = std::move(it->second);
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<StoredCheck> RunStore::check(int search, CheckStage stage, int generation) const
{
    for (StoredCheck &c : checks())
        if (c.search == search && c.summary.stage == stage && c.generation == generation)
            return std::move(c);
    return std::nullopt;
}

void RunStore::putFinetune(int search, int generation, const FinetuneSummary &f, const std::string &predictorBytes)
{
    QSqlQuery q =
        prepared(QSqlDatabase::database(m_connection),
                 "INSERT INTO finetunes (search, generation, stage, train_samples, held_out_samples, agg_models,"
                 " loss_before, loss_after, adopted, seconds, predictor, method, composition)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const FinetuneSummary::Composition &c = f.composition;
    const QString composition = QStringLiteral("%1 %2 %3 %4 %5")
                                    .arg(c.reference)
                                    .arg(c.subnetworks)
                                    .arg(c.aggPredefined)
                                    .arg(c.aggOperation)
                                    .arg(c.aggStructural);
    for (const QVariant &v :
         QVariantList{search, generation, QString::fromLatin1(checkStageName(f.stage)), f.trainSamples,
                      f.heldOutSamples, f.aggModels, f.heldOutLossBefore, f.heldOutLossAfter, int(f.adopted), f.seconds,
                      QByteArray::fromStdString(predictorBytes), str(f.method), composition})
        q.addBindValue(v);
    run(q, "finetunes");
}

namespace {
const char *const kFinetuneColumns =
    "SELECT stage, train_samples, held_out_samples, agg_models, loss_before, loss_after, adopted, seconds, method,"
    " composition FROM finetunes";
FinetuneSummary finetuneRow(const QSqlQuery &q)
{
    FinetuneSummary f{stageOf(q.value(0), "finetunes"),
                      q.value(1).toInt(),
                      q.value(2).toInt(),
                      q.value(3).toInt(),
                      nanIfNull(q.value(4)), // NaN (stored as NULL) for a finetune not made
                      nanIfNull(q.value(5)),
                      q.value(6).toInt() != 0,
                      q.value(7).toDouble(),
                      q.value(8).toString().toStdString()};
    const QStringList c = q.value(9).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (c.size() == 5) // empty in stores written before the composition was recorded
        f.composition = {c[0].toInt(), c[1].toInt(), c[2].toInt(), c[3].toInt(), c[4].toInt()};
    return f;
}
} // namespace

std::vector<FinetuneSummary> RunStore::finetunes() const
{
    std::vector<FinetuneSummary> out;
    QSqlQuery q =
        select(QSqlDatabase::database(m_connection), (std::string(kFinetuneColumns) + " ORDER BY id").c_str());
    while (q.next())
        out.push_back(finetuneRow(q));
    return out;
}

std::optional<FinetuneSummary> RunStore::finetune(int search, int generation, CheckStage stage) const
{
    QSqlQuery q = select(
        QSqlDatabase::database(m_connection),
        (std::string(kFinetuneColumns) + " WHERE search = ? AND generation = ? AND stage = ? ORDER BY id").c_str(),
        {search, generation, QString::fromLatin1(checkStageName(stage))});
    if (!q.next())
        return std::nullopt;
    return finetuneRow(q);
}

} // namespace calibra::pipeline
