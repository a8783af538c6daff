// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A run directory's SQLite database (run.sqlite): the project, every validation keyed by
// content hash, every population of every generation with its predictions, the
// accuracy checks with their samples, the finetunes and the predictor they produced,
// and the event log. Each write is one transaction, made as the run goes, so a killed
// run loses at most the step in progress and `--resume` continues from there.
//
// One RunStore per thread (Qt Sql connections are per thread); the pipeline's worker
// owns the writing one, views open their own to read.
#include "Events.h"
#include "search/Search.h"
#include "validate/Validator.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace calibra::pipeline {

class RunStoreError : public std::runtime_error
{
public:
    explicit RunStoreError(const std::string &message) : std::runtime_error(message) {}
};

// How a run stands, as its store records it. Unreadable is a run browser's word for a
// store it could not read; Unknown, a store that records no status it knows.
enum class RunStatus { Running, Interrupted, Failed, Finished, Unreadable, Unknown };
const char *runStatusName(RunStatus s); // running, interrupted, failed, finished, unreadable, unknown
bool parseRunStatus(const std::string &name, RunStatus *out);

struct StoredCheckSample
{
    std::string genotype;
    predictor::Figures predicted, validated;
    // A sub-network the validator could not measure stays in its sample (a resume draws
    // the same one) with zero validated figures; this is the one test for it (a table may
    // measure memory access without latency: NaN latency, a figure all the same).
    bool wasValidated() const
    {
        return validated.latencySeconds > 0 || validated.energyJoules > 0 || validated.dramBytes > 0;
    }
};

struct StoredCheck
{
    int search = 0, generation = -1;
    CheckSummary summary;
    std::vector<StoredCheckSample> samples;
};

struct StoredGenerationSamples
{
    int search = 0, generation = 0;
    std::vector<StoredCheckSample> samples;
};

class RunStore
{
public:
    // Opens (creating when `create`) DIR/run.sqlite. Throws RunStoreError.
    RunStore(const std::string &directory, bool create);
    // Opens DIR/run.sqlite to read only (a view, a list of runs): never writes to it, not
    // even to bring a store from an older Calibra up to date; what an older store lacks
    // reads as empty. Throws RunStoreError.
    struct ReadOnly
    {};
    RunStore(const std::string &directory, ReadOnly);
    ~RunStore();
    RunStore(const RunStore &) = delete;
    RunStore &operator=(const RunStore &) = delete;

    const std::string &directory() const { return m_directory; }
    // A consistent copy of the whole store in one file (its write-ahead log folded in), to
    // hand a run to another machine (calibra-nas's Result). Throws RunStoreError.
    void copyTo(const std::string &file) const;
    int version() const; // the store's format version (PRAGMA user_version); 0 before versions

    void setMeta(const std::string &key, const std::string &value);
    std::optional<std::string> meta(const std::string &key) const;
    void setStatus(RunStatus status); // meta "status"
    RunStatus status() const;         // as recorded: a killed run still says Running

    // Validations by cache key (hash of network, setting, backend), every field of the
    // Metrics kept (a measured p90 latency and peak memory too); an unavailable (NaN)
    // metric reads back as NaN. Each is recorded with the purpose it was made for.
    void putValidations(const std::vector<std::pair<QByteArray, validate::Metrics>> &results,
                        ValidationPurpose purpose);
    std::map<QByteArray, validate::Metrics> validations() const;
    int validationCount() const; // successful ones
    // Validations the validator could not make, and the reason most of them share.
    struct FailedValidations
    {
        int count = 0;
        std::string commonestError;
        int commonestCount = 0;
    };
    FailedValidations failedValidations() const;
    ValidationCounts validationCounts() const; // successful ones by purpose

    // Accuracy estimates by genotype text (estimators are costly; a resumed run reuses them).
    void putEstimates(const std::vector<std::pair<std::string, double>> &estimates);
    void clearEstimates(); // the estimator changed (the one-shot supernet trained further)
    std::map<std::string, double> estimates() const;

    // One generation's surviving population with its evaluations; `evaluated` is how
    // many new candidates it scored; `validated`, its best members validated for the
    // predicted-vs-validated chart (a member that could not be validated has zero
    // validated figures). One transaction.
    void putGeneration(int search, const search::Generation &generation, int evaluated,
                       const std::vector<StoredCheckSample> &validated = {});
    std::vector<search::Generation> generations(int search) const;
    std::vector<int> evaluatedCounts(int search) const;

    // Every generation's validated best members, by search, then generation.
    std::vector<StoredGenerationSamples> generationSamples() const;

    void putCheck(const StoredCheck &check);
    std::vector<StoredCheck> checks() const;
    std::optional<StoredCheck> check(int search, CheckStage stage, int generation = -1) const;

    void putFinetune(int search, int generation, const FinetuneSummary &f, const std::string &predictorBytes);
    std::vector<FinetuneSummary> finetunes() const;
    // The finetune recorded for one check (a resumed run does not finetune it again).
    std::optional<FinetuneSummary> finetune(int search, int generation, CheckStage stage) const;
    // The predictor the latest adopted finetune produced (nullopt: still the offline one).
    // Steps run in order, so on resume this is the predictor of the first unrecorded step.
    std::optional<std::string> latestPredictor() const;

    void putEvent(const Event &event);
    std::vector<Event> events() const; // kind, search, generation and message

private:
    void exec(const std::string &sql) const;
    void refuseIfDamaged() const;
    void open(bool create, bool readOnly);
    void migrate();
    bool hasColumn(const char *table, const char *column) const;
    std::string m_directory;
    QString m_connection;
};

using supernet::genotypeFromText; // the store keeps genotypes in their text form
using supernet::genotypeText;

} // namespace calibra::pipeline
