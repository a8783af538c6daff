// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunStoreSql.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>

#include <map>

namespace calibra::pipeline {

using namespace storesql;

namespace {

QAtomicInt g_connectionCounter;

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS validations (key BLOB PRIMARY KEY, ok INTEGER, error TEXT, latency_ms REAL,"
    " energy_mj REAL, power_mw REAL, dram_bytes REAL, latency_p90_ms REAL DEFAULT 0, peak_memory_bytes REAL DEFAULT 0,"
    " latency_high_ms REAL DEFAULT 0, latency_spread REAL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS estimates (genotype TEXT PRIMARY KEY, value REAL)",
    "CREATE TABLE IF NOT EXISTS populations (search INTEGER, generation INTEGER, member INTEGER, genotype TEXT,"
    " accuracy REAL, latency_ms REAL, power_mw REAL, energy_mj REAL, dram_bytes REAL,"
    " PRIMARY KEY (search, generation, member))",
    "CREATE TABLE IF NOT EXISTS generations (search INTEGER, generation INTEGER, evaluated INTEGER,"
    " PRIMARY KEY (search, generation))",
    "CREATE TABLE IF NOT EXISTS checks (id INTEGER PRIMARY KEY, search INTEGER, generation INTEGER, stage TEXT,"
    " samples INTEGER, finetune INTEGER, failures TEXT)",
    "CREATE TABLE IF NOT EXISTS check_metrics (check_id INTEGER, metric INTEGER, count INTEGER, within10 REAL,"
    " within5 REAL, mape REAL, rmse REAL, spearman REAL, kendall REAL)",
    "CREATE TABLE IF NOT EXISTS check_samples (check_id INTEGER, genotype TEXT, pred_latency_s REAL, pred_energy_j "
    "REAL,"
    " pred_dram_bytes REAL, val_latency_s REAL, val_energy_j REAL, val_dram_bytes REAL)",
    "CREATE TABLE IF NOT EXISTS generation_samples (search INTEGER, generation INTEGER, genotype TEXT,"
    " pred_latency_s REAL, pred_energy_j REAL, pred_dram_bytes REAL, val_latency_s REAL, val_energy_j REAL,"
    " val_dram_bytes REAL, PRIMARY KEY (search, generation, genotype))",
    "CREATE TABLE IF NOT EXISTS finetunes (id INTEGER PRIMARY KEY, search INTEGER, generation INTEGER, stage TEXT,"
    " train_samples INTEGER, held_out_samples INTEGER, agg_models INTEGER, loss_before REAL, loss_after REAL,"
    " adopted INTEGER, seconds REAL, predictor BLOB, method TEXT DEFAULT '')",
    "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, time TEXT DEFAULT "
    "(strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
    " kind TEXT, search INTEGER, generation INTEGER, message TEXT)",
};

// "CREATE TABLE IF NOT EXISTS name (...)": name.
QString schemaTableName(const char *sql)
{
    return QString::fromLatin1(sql).section(QLatin1Char(' '), 5, 5);
}

} // namespace

RunStore::RunStore(const std::string &directory, bool create) : m_directory(directory)
{
    open(create, false);
}

RunStore::RunStore(const std::string &directory, ReadOnly) : m_directory(directory)
{
    open(false, true);
}

namespace {

// The store's format version (PRAGMA user_version). Version 1 is every table of kSchema
// with every column kAddedColumns marks version 1; stores written before versions (0)
// gained those columns one by one as they were added, so bringing one to version 1 adds
// whatever it lacks. A later version adds its columns to kAddedColumns with its number.
constexpr int kStoreVersion = 2;

// Columns added since the first tables, with their declarations and the store version
// that has them: a store opened to write gains them; one opened to read sees their
// defaults.
struct AddedColumn
{
    int version;
    const char *table, *column, *declaration, *defaultValue;
};
const AddedColumn kAddedColumns[] = {
    {1, "finetunes", "method", "TEXT DEFAULT ''", "''"},      // what a finetune adopted
    {1, "finetunes", "composition", "TEXT DEFAULT ''", "''"}, // what its set held
    {1, "checks", "decision", "TEXT DEFAULT ''", "''"},       // before, derived from the failure flag
    {1, "checks", "notes", "TEXT DEFAULT ''", "''"},
    {1, "checks", "decisions", "TEXT DEFAULT ''", "''"},
    {1, "validations", "latency_p90_ms", "REAL DEFAULT 0", "0"},
    {1, "validations", "peak_memory_bytes", "REAL DEFAULT 0", "0"},
    {1, "validations", "latency_high_ms", "REAL DEFAULT 0", "0"},
    {1, "validations", "latency_spread", "REAL DEFAULT 0", "0"},
    {1, "validations", "purpose", "TEXT DEFAULT ''", "''"},
    {1, "events", "text", "TEXT DEFAULT ''", "''"},
    {2, "checks", "not_validated", "INTEGER DEFAULT 0", "0"}, // a sequential check's second part
};

} // namespace

int RunStore::version() const
{
    QSqlQuery q = select(QSqlDatabase::database(m_connection), "PRAGMA user_version");
    return q.next() ? q.value(0).toInt() : 0;
}

// Brings a store opened to write to kStoreVersion, one step per version, each in one
// transaction with the version it reaches: a crash leaves it at the last whole step.
void RunStore::migrate()
{
    const int from = version();
    if (from > kStoreVersion)
        throw RunStoreError(m_directory + ": run.sqlite was written by a newer Calibra (store version "
                            + std::to_string(from) + ", this one knows up to " + std::to_string(kStoreVersion)
                            + "): open it with that version");
    for (int to = from + 1; to <= kStoreVersion; ++to) {
        Transaction t(QSqlDatabase::database(m_connection));
        if (to == 1)
            for (const char *sql : kSchema)
                exec(sql);
        for (const AddedColumn &c : kAddedColumns)
            if (c.version == to && !hasColumn(c.table, c.column))
                exec(std::string("ALTER TABLE ") + c.table + " ADD COLUMN " + c.column + " " + c.declaration);
        exec("PRAGMA user_version = " + std::to_string(to));
        t.commit();
    }
}

void RunStore::open(bool create, bool readOnly)
{
    const std::string &directory = m_directory;
    const QString dir = str(directory);
    const QString file = QDir(dir).filePath("run.sqlite");
    if (create && !QDir().mkpath(dir))
        throw RunStoreError(directory + ": cannot create the run directory");
    const bool existed = QFileInfo::exists(file);
    if (!create && !existed)
        throw RunStoreError(directory + ": not a run directory (no run.sqlite)");
    if (existed && !QFileInfo(file).isFile())
        throw RunStoreError(directory + ": run.sqlite is not a file");
    m_connection = QStringLiteral("calibra-run-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(file);
    if (readOnly)
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open())
        fail(directory + ": cannot open run.sqlite (is the Qt SQLite driver, libqt6sql6-sqlite, installed?)",
             db.lastError());
    exec("PRAGMA busy_timeout=5000");
    if (existed)
        refuseIfDamaged();
    if (readOnly) {
        // What an older store lacks is shadowed by temporary tables and views (the temp
        // schema is searched first, and is writable on a read-only connection).
        const QStringList tables = db.tables();
        for (const char *sql : kSchema) {
            const QString name = schemaTableName(sql);
            if (!tables.contains(name))
                exec(QString::fromLatin1(sql).replace("CREATE TABLE", "CREATE TEMP TABLE").toStdString());
        }
        std::map<std::string, std::string> defaults; // table -> ", default AS column, ..."
        for (const AddedColumn &c : kAddedColumns)
            if (tables.contains(QLatin1String(c.table)) && !hasColumn(c.table, c.column))
                defaults[c.table] += std::string(", ") + c.defaultValue + " AS " + c.column;
        for (const auto &[table, extra] : defaults)
            exec("CREATE TEMP VIEW " + table + " AS SELECT *" + extra + " FROM main." + table);
        return;
    }
    // WAL: readers (the GUI) never block the writing run; NORMAL sync is crash-safe in WAL.
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    migrate();
}

void RunStore::refuseIfDamaged() const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA quick_check")) || !check.next())
        fail(m_directory + ": run.sqlite is not a readable SQLite database", check.lastError());
    if (check.value(0).toString() != QLatin1String("ok"))
        throw RunStoreError(m_directory + ": run.sqlite is damaged (SQLite: " + check.value(0).toString().toStdString()
                            + ")");
    // Every table a run writes: one that went missing would be recreated empty, and the
    // run's record (its validations, its checks) silently incomplete. Tables added since
    // the first version are made for older stores instead.
    const QStringList tables = db.tables();
    for (const char *sql : kSchema) {
        const QString name = schemaTableName(sql);
        if (!tables.contains(name) && name != QLatin1String("generation_samples"))
            throw RunStoreError(m_directory + ": run.sqlite is damaged: its table '" + name.toStdString()
                                + "' is missing (Calibra does not recreate it: the run's record would be incomplete)");
    }
}

bool RunStore::hasColumn(const char *table, const char *column) const
{
    QSqlQuery columns(QSqlDatabase::database(m_connection));
    bool has = false;
    if (columns.exec(QStringLiteral("PRAGMA table_info(%1)").arg(QLatin1String(table))))
        while (columns.next())
            has = has || columns.value(1).toString() == QLatin1String(column);
    return has;
}

RunStore::~RunStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

void RunStore::copyTo(const std::string &file) const
{
    QSqlQuery q = prepared(QSqlDatabase::database(m_connection), "VACUUM INTO ?");
    q.addBindValue(QString::fromStdString(file));
    if (!q.exec())
        fail("run store: copying to " + file, q.lastError());
}

void RunStore::exec(const std::string &sql) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(str(sql)))
        fail("run store: " + sql, q.lastError());
}

const char *runStatusName(RunStatus s)
{
    switch (s) {
    case RunStatus::Running: return "running";
    case RunStatus::Interrupted: return "interrupted";
    case RunStatus::Failed: return "failed";
    case RunStatus::Finished: return "finished";
    case RunStatus::Unreadable: return "unreadable";
    case RunStatus::Unknown: return "unknown";
    }
    return "unknown";
}

bool parseRunStatus(const std::string &name, RunStatus *out)
{
    for (RunStatus s : {RunStatus::Running, RunStatus::Interrupted, RunStatus::Failed, RunStatus::Finished,
                        RunStatus::Unreadable, RunStatus::Unknown})
        if (name == runStatusName(s)) {
            *out = s;
            return true;
        }
    return false;
}

void RunStore::setStatus(RunStatus status)
{
    setMeta("status", runStatusName(status));
}

RunStatus RunStore::status() const
{
    RunStatus status = RunStatus::Unknown;
    if (const std::optional<std::string> recorded = meta("status"))
        parseRunStatus(*recorded, &status);
    return status;
}

void RunStore::setMeta(const std::string &key, const std::string &value)
{
    QSqlQuery q = prepared(QSqlDatabase::database(m_connection), "INSERT OR REPLACE INTO meta VALUES (?, ?)");
    q.addBindValue(str(key));
    q.addBindValue(str(value));
    run(q, "meta");
}

std::optional<std::string> RunStore::meta(const std::string &key) const
{
    QSqlQuery q = select(QSqlDatabase::database(m_connection), "SELECT value FROM meta WHERE key = ?", {str(key)});
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString().toStdString();
}

void RunStore::putValidations(const std::vector<std::pair<QByteArray, validate::Metrics>> &results,
                              ValidationPurpose purpose)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    QSqlQuery q = prepared(db, "INSERT OR REPLACE INTO validations (key, ok, error, latency_ms, energy_mj, power_mw,"
                               " dram_bytes, latency_p90_ms, peak_memory_bytes, latency_high_ms, latency_spread,"
                               " purpose) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto &[key, m] : results) {
        q.addBindValue(key);
        q.addBindValue(int(m.ok));
        q.addBindValue(str(m.error));
        for (double v : {m.latencyMs, m.energyMj, m.averagePowerMw, m.dramBytes, m.latencyP90Ms, m.peakMemoryBytes,
                         m.latencyHighMs, m.latencySpread})
            q.addBindValue(orNull(v));
        q.addBindValue(QString::fromUtf8(validationPurposeName(purpose)));
        run(q, "validations");
    }
    t.commit();
}

std::map<QByteArray, validate::Metrics> RunStore::validations() const
{
    std::map<QByteArray, validate::Metrics> out;
    QSqlQuery q =
        select(QSqlDatabase::database(m_connection),
               "SELECT key, ok, error, latency_ms, energy_mj, power_mw, dram_bytes, latency_p90_ms, peak_memory_bytes,"
               " latency_high_ms, latency_spread FROM validations");
    while (q.next()) {
        validate::Metrics m;
        m.ok = q.value(1).toInt() != 0;
        m.error = q.value(2).toString().toStdString();
        m.latencyMs = nanIfNull(q.value(3));
        m.energyMj = nanIfNull(q.value(4));
        m.averagePowerMw = nanIfNull(q.value(5));
        m.dramBytes = nanIfNull(q.value(6));
        m.latencyP90Ms = nanIfNull(q.value(7));
        m.peakMemoryBytes = nanIfNull(q.value(8));
        m.latencyHighMs = q.value(9).toDouble(); // NULL (not measured): 0
        m.latencySpread = q.value(10).toDouble();
        out[q.value(0).toByteArray()] = m;
    }
    return out;
}

int RunStore::validationCount() const
{
    QSqlQuery q = select(QSqlDatabase::database(m_connection), "SELECT COUNT(*) FROM validations WHERE ok = 1");
    return q.next() ? q.value(0).toInt() : 0;
}

RunStore::FailedValidations RunStore::failedValidations() const
{
    FailedValidations out;
    QSqlQuery q = select(QSqlDatabase::database(m_connection),
                         "SELECT error, COUNT(*) AS n FROM validations WHERE ok = 0 GROUP BY error ORDER BY n DESC");
    while (q.next()) {
        const int n = q.value(1).toInt();
        if (out.count == 0) {
            out.commonestError = q.value(0).toString().toStdString();
            out.commonestCount = n;
        }
        out.count += n;
    }
    return out;
}

ValidationCounts RunStore::validationCounts() const
{
    ValidationCounts counts;
    QSqlQuery q = select(QSqlDatabase::database(m_connection),
                         "SELECT purpose, COUNT(*) FROM validations WHERE ok = 1 GROUP BY purpose");
    while (q.next()) {
        ValidationPurpose p;
        if (parseValidationPurpose(q.value(0).toString().toStdString(), &p))
            counts.byPurpose[size_t(p)] += q.value(1).toInt();
        else
            counts.unrecorded += q.value(1).toInt();
    }
    return counts;
}

void RunStore::putEstimates(const std::vector<std::pair<std::string, double>> &estimates)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    QSqlQuery q = prepared(db, "INSERT OR REPLACE INTO estimates VALUES (?, ?)");
    for (const auto &[g, v] : estimates) {
        q.addBindValue(str(g));
        q.addBindValue(v);
        run(q, "estimates");
    }
    t.commit();
}

void RunStore::clearEstimates()
{
    QSqlQuery q = prepared(QSqlDatabase::database(m_connection), "DELETE FROM estimates");
    run(q, "estimates");
}

std::map<std::string, double> RunStore::estimates() const
{
    std::map<std::string, double> out;
    QSqlQuery q = select(QSqlDatabase::database(m_connection), "SELECT genotype, value FROM estimates");
    while (q.next())
        out[q.value(0).toString().toStdString()] = q.value(1).toDouble();
    return out;
}

void RunStore::putGeneration(int search, const search::Generation &g, int evaluated,
                             const std::vector<StoredCheckSample> &validated)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    QSqlQuery q = prepared(db, "INSERT OR REPLACE INTO populations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (size_t m = 0; m < g.population.size(); ++m) {
        const search::Evaluation &e = g.evaluations[m];
        for (const QVariant &v : QVariantList{search, g.index, int(m), str(genotypeText(g.population[m])), e.accuracy,
                                              e.latencyMs, e.powerMw, e.energyMj, e.dramBytes})
            q.addBindValue(v);
        run(q, "populations");
    }
    QSqlQuery done = prepared(db, "INSERT OR REPLACE INTO generations VALUES (?, ?, ?)");
    for (const QVariant &v : QVariantList{search, g.index, evaluated})
        done.addBindValue(v);
    run(done, "generations");
    QSqlQuery samples = prepared(db, "INSERT OR REPLACE INTO generation_samples VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const StoredCheckSample &x : validated) {
        samples.addBindValue(search);
        samples.addBindValue(g.index);
        samples.addBindValue(str(x.genotype));
        for (double v : {x.predicted.latencySeconds, x.predicted.energyJoules, x.predicted.dramBytes,
                         x.validated.latencySeconds, x.validated.energyJoules, x.validated.dramBytes})
            samples.addBindValue(orNull(v));
        run(samples, "generation_samples");
    }
    t.commit(); // the generation counts as completed only with all its members
}

std::vector<search::Generation> RunStore::generations(int search) const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    std::vector<search::Generation> out;
    QSqlQuery done = select(db, "SELECT generation FROM generations WHERE search = ? ORDER BY generation", {search});
    while (done.next()) {
        search::Generation g;
        g.index = done.value(0).toInt();
        QSqlQuery q = select(db,
                             "SELECT genotype, accuracy, latency_ms, power_mw, energy_mj, dram_bytes FROM populations"
                             " WHERE search = ? AND generation = ? ORDER BY member",
                             {search, g.index});
        while (q.next()) {
            g.population.push_back(genotypeFromText(q.value(0).toString().toStdString()));
            g.evaluations.push_back({q.value(1).toDouble(), q.value(2).toDouble(), q.value(3).toDouble(),
                                     q.value(4).toDouble(), q.value(5).toDouble()});
        }
        out.push_back(std::move(g));
    }
    return out;
}

std::vector<int> RunStore::evaluatedCounts(int search) const
{
    std::vector<int> out;
    QSqlQuery q = select(QSqlDatabase::database(m_connection),
                         "SELECT evaluated FROM generations WHERE search = ? ORDER BY generation", {search});
    while (q.next())
        out.push_back(q.value(0).toInt());
    return out;
}

std::optional<std::string> RunStore::latestPredictor() const
{
    QSqlQuery q = select(QSqlDatabase::database(m_connection),
                         "SELECT predictor FROM finetunes WHERE adopted = 1 ORDER BY id DESC LIMIT 1");
    if (!q.next())
        return std::nullopt;
    return q.value(0).toByteArray().toStdString();
}

std::vector<StoredGenerationSamples> RunStore::generationSamples() const
{
    std::vector<StoredGenerationSamples> out;
    QSqlQuery q = select(QSqlDatabase::database(m_connection),
                         "SELECT search, generation, genotype, pred_latency_s, pred_energy_j, pred_dram_bytes,"
                         " val_latency_s, val_energy_j, val_dram_bytes FROM generation_samples"
                         " ORDER BY search, generation, genotype");
    while (q.next()) {
        const int search = q.value(0).toInt(), generation = q.value(1).toInt();
        if (out.empty() || out.back().search != search || out.back().generation != generation)
            out.push_back({search, generation, {}});
        out.back().samples.push_back({q.value(2).toString().toStdString(),
                                      {nanIfNull(q.value(3)), nanIfNull(q.value(4)), nanIfNull(q.value(5))},
                                      {nanIfNull(q.value(6)), nanIfNull(q.value(7)), nanIfNull(q.value(8))}});
    }
    return out;
}

void RunStore::putEvent(const Event &e)
{
    QSqlQuery q = prepared(QSqlDatabase::database(m_connection),
                           "INSERT INTO events (kind, search, generation, message, text) VALUES (?, ?, ?, ?, ?)");
    for (const QVariant &v : QVariantList{QString::fromUtf8(eventKindName(e.kind)), e.search, e.generation,
                                          str(e.message), str(e.text.toJson())})
        q.addBindValue(v);
    run(q, "events");
}

std::vector<Event> RunStore::events() const
{
    std::vector<Event> out;
    QSqlQuery q = select(QSqlDatabase::database(m_connection),
                         "SELECT kind, search, generation, message, text FROM events ORDER BY id");
    while (q.next()) {
        Event e;
        const std::string kind = q.value(0).toString().toStdString();
        for (int k = 0; k <= int(EventKind::Finished); ++k)
            if (kind == eventKindName(EventKind(k)))
                e.kind = EventKind(k);
        e.search = q.value(1).toInt();
        e.generation = q.value(2).toInt();
        e.message = q.value(3).toString().toStdString();
        e.text = TranslatableText::fromJson(q.value(4).toString().toStdString());
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace calibra::pipeline
