#pragma once
// Typed events of a pipeline run, consumed by the CLI, the GUI and the run store.
#include "predictor/AccuracyCheck.h"

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
    FinalModel,
    Failed,
    Cancelled,
    Finished,
};
const char *eventKindName(EventKind kind);

struct PopulationStats
{
    int size = 0, feasible = 0, evaluated = 0; // evaluated: new candidates this generation
    double bestAccuracy = 0;                   // among feasible members (0 when none)
    double minLatencyMs = 0, meanLatencyMs = 0;
    double hypervolume = 0;                    // accuracy x latency front of all generations so far
};

struct CheckSummary
{
    std::string stage; // pre, post, online
    int samples = 0;   // validated sub-networks compared
    predictor::AccuracyReport report;
    std::vector<predictor::Figures> predicted, validated; // per compared sub-network (for charts)
};

struct FinetuneSummary
{
    std::string stage;
    int trainSamples = 0, heldOutSamples = 0, aggModels = 0;
    double heldOutLossBefore = 0, heldOutLossAfter = 0;
    bool adopted = false;
    double seconds = 0;
};

struct Event
{
    EventKind kind = EventKind::Started;
    int search = 0;      // which search of the run (0, then 1 after a re-run, ...)
    int generation = -1; // -1 when not about a generation
    std::string message; // one human-readable line
    PopulationStats population; // GenerationFinished
    CheckSummary check;         // AccuracyCheck
    FinetuneSummary finetune;   // FinetuneFinished
};

} // namespace calibra::pipeline
