// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Typed events of a pipeline run, consumed by the CLI, the GUI and the run store.
#include "text/TranslatableText.h"
#include "predictor/AccuracyCheck.h"
#include "search/DecisionAgreement.h"
#include "search/Search.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace calibra::pipeline {

enum class EventKind {
    Started,
    SupernetTraining,
    GenerationFinished,
    AccuracyCheck,
    FinetuneStarted,
    FinetuneFinished,
    SearchRerun,
    FinalTraining, // the final model and its baseline being trained, or given the supernet's weights
    FinalModel,
    Warning, // a result that looks fine but is not; report.json lists them under "warnings"
    Failed,
    Cancelled,
    Finished,
};
const char *eventKindName(EventKind kind);

struct PopulationStats
{
    int size = 0, feasible = 0, evaluated = 0; // evaluated: new candidates this generation
    // Among feasible members; none when no member is feasible, so that no report, line or
    // chart reads an infeasible generation's best as 0 (a real estimate can be 0 or less).
    std::optional<double> bestAccuracy;
    double minLatencyMs = 0, meanLatencyMs = 0;
    double meanPowerMw = 0, meanDramBytes = 0;
    double hypervolume = 0; // accuracy x latency front of all generations so far
};

// Size, feasible count, best feasible accuracy and latency, power and memory-access
// figures of one generation (evaluated and hypervolume are the caller's to fill).
// The run, its report and the GUI's reopened runs all count a generation this way.
PopulationStats populationStats(const search::Generation &generation, const search::Constraints &constraints);

// A generation's line in the event log: "search 0 generation 1: 3 feasible of 8, best
// accuracy 0.91, ..." or, when no member is feasible, "... none feasible of 8, ...".
// `estimateNoun` names the estimator's figure (supernet::estimateNoun).
TranslatableText generationSummary(int search, int generation, const PopulationStats &stats, const char *estimateNoun);

// Which check: before the search (on the initial population), after it (on all
// generations), or the online baseline's (each generation's new candidates).
enum class CheckStage { Pre, Post, Online };
const char *checkStageName(CheckStage s); // pre, post, online: the store's and report's words
bool parseCheckStage(const std::string &name, CheckStage *out);

// What a check decided. A failed check that cannot act (a post check with no re-run
// left) is WouldFinetune, never Finetune: no output may claim a finetune that did not run.
enum class CheckDecision { Bypass, Finetune, WouldFinetune, Retrain };
const char *checkDecisionName(CheckDecision d); // bypass, finetune, would finetune, retrain
bool parseCheckDecision(const std::string &name, CheckDecision *out);

// Where a check's sample came from (DecisionAgreement.h); all zero for a whole-generation
// (online) check and for checks recorded before samples were drawn this way.
struct SampleOrigins
{
    int front = 0, nearLimits = 0, random = 0;
    int total() const { return front + nearLimits + random; }
};

struct CheckSummary
{
    CheckStage stage = CheckStage::Pre;
    int samples = 0; // validated sub-networks compared
    // Sequential checks: the sample's second part, not validated because the first decided
    // (the report's notes say so; not stored apart).
    int notValidated = 0;
    CheckDecision decision = CheckDecision::Bypass;
    SampleOrigins origins;
    search::DecisionAgreement decisions; // would validated figures change the search's decisions?
    predictor::AccuracyReport report;
    std::vector<predictor::Figures> predicted, validated; // per compared sub-network (for charts)
};

// Why a network was validated; a run counts its validations apart by purpose.
enum class ValidationPurpose {
    Check,      // an accuracy check's sample
    Finetune,   // the reference and the generated (AGG) models a finetune trains on
    Generation, // a generation's best members, for the predicted-vs-validated chart
    Final,      // the final model's candidates
};
constexpr int kValidationPurposeCount = 4;
const char *validationPurposeName(ValidationPurpose p); // check, finetune, generation, final
bool parseValidationPurpose(const std::string &name, ValidationPurpose *out);

// Distinct networks validated, by the purpose they were first validated for (a network a
// check validated and the final model took again counts once, as a check's).
struct ValidationCounts
{
    std::array<int, kValidationPurposeCount> byPurpose{};
    int unrecorded = 0; // validated by a run recorded before purposes were
    int of(ValidationPurpose p) const { return byPurpose[size_t(p)]; }
    int total() const;
};

// "checks 40, finetunes 12, per generation 8, final model 2" (the purposes that have any).
std::string validationBreakdown(const ValidationCounts &counts);
void addValidationBreakdown(TranslatableText &text, const ValidationCounts &counts); // the same, translatable

// FinetuneSummary::method of a finetune not made: too few target networks to hold any
// out (stored, and sent by the finetuning service, as the method).
inline constexpr const char *kFinetuneNotMade = "not made: too few networks to judge";

struct FinetuneSummary
{
    CheckStage stage = CheckStage::Pre; // the check that asked for it
    int trainSamples = 0, heldOutSamples = 0, aggModels = 0;
    double heldOutLossBefore = 0, heldOutLossAfter = 0;
    bool adopted = false;
    double seconds = 0;
    std::string method; // what was adopted: calibrate, retrain or calibrate+retrain ("" if nothing)
    bool made() const { return method != kFinetuneNotMade; }
    // What the finetune set held (validated networks of each origin).
    struct Composition
    {
        int reference = 0, subnetworks = 0, aggPredefined = 0, aggOperation = 0, aggStructural = 0;
        bool operator==(const Composition &) const = default;
    } composition;
};

struct Event
{
    EventKind kind = EventKind::Started;
    int search = 0;                      // which search of the run (0, then 1 after a re-run, ...)
    int generation = -1;                 // -1 when not about a generation
    std::string message;                 // one human-readable line (English; its text's, when it has one)
    TranslatableText text;               // the same, translatable (empty where not converted yet)
    PopulationStats population;          // GenerationFinished
    CheckSummary check;                  // AccuracyCheck
    FinetuneSummary finetune;            // FinetuneFinished
    int stepsDone = 0, stepsPlanned = 0; // a training's progress (SupernetTraining, FinalTraining); 0: none
};

// A final model's flag (why it must not be trusted) is a Warning event that says
// "final model: <flag>"; the GUI finds the flags among a run's events (once each, also in
// runs recorded before warnings had texts).
TranslatableText finalModelFlagWarning(const TranslatableText &flag);
std::vector<TranslatableText> finalModelFlags(const std::vector<Event> &events);

// Generations done against generations planned, followed from a run's events: the plan
// grows by one search's generations at each re-run. After the last generation the final
// model and its baseline train, for minutes: that phase is told apart, so that no bar
// reads "done" while it lasts. Shared by the CLI's progress bar and the GUI's.
class RunProgress
{
public:
    explicit RunProgress(int generationsPerSearch) : m_perSearch(generationsPerSearch), m_planned(generationsPerSearch)
    {
    }
    void onEvent(const Event &e)
    {
        switch (e.kind) {
        case EventKind::GenerationFinished:
            ++m_done;
            m_lastGeneration = e.generation;
            m_search = e.search;
            break;
        case EventKind::SearchRerun: m_planned += m_perSearch; break;
        case EventKind::FinalTraining: m_trainingFinal = true; break;
        case EventKind::Started: // a resumed run starts again before its final model
        case EventKind::FinalModel:
        case EventKind::Finished:
        case EventKind::Failed:
        case EventKind::Cancelled: m_trainingFinal = false; break;
        default: break;
        }
    }
    int done() const { return m_done; }
    // The last finished generation's search and index (generation 0: the initial
    // population), and the generations a search evolves after it (the project's count).
    int search() const { return m_search; }
    int lastGeneration() const { return m_lastGeneration; }
    int generationsPerSearch() const { return m_perSearch - 1; }
    int planned() const { return m_planned; }
    bool trainingFinalModel() const { return m_trainingFinal; }
    // Estimated seconds left after `elapsed` seconds; negative when there is no estimate.
    double secondsLeft(double elapsed) const
    {
        return m_done > 0 && m_done < m_planned ? elapsed / m_done * (m_planned - m_done) : -1;
    }

private:
    int m_perSearch, m_planned, m_done = 0, m_lastGeneration = -1, m_search = 0;
    bool m_trainingFinal = false;
};

} // namespace calibra::pipeline
