// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The conditional-finetuning flows of DESIGN.md section 2 around the evolutionary
// search: accuracy checks before and/or after the search, finetuning only when a check
// fails, a re-run of the search after a failed post-search check, and the final model.
// Every step is recorded in the run store as it completes; a pipeline opened on an
// existing run directory skips what is recorded and continues (resume).
//
// run() blocks: call it on a worker thread (QtConcurrent::run). Events go to the sink on
// that thread; the sink forwards them (queued) to whoever draws.
#include "Events.h"
#include "project/Project.h"
#include "validate/Validator.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace calibra::pipeline {

// What the final model's files carry besides its structure.
enum class FinalWeights {
    None,     // structure only (no final training, no weight-sharing supernet)
    Trained,  // the final training's (final_training.epochs > 0)
    Inherited // the weight-sharing supernet's, BatchNorm statistics recalibrated, not retrained
};
const char *finalWeightsName(FinalWeights w); // none, trained, inherited: report.json's words
// report.json's word back; None for anything else (a report from before the key).
FinalWeights parseFinalWeights(const std::string &name);

struct FinalModel
{
    bool found = false;
    search::Genotype genotype;
    std::string description;       // the genotype's choices, readable
    search::Evaluation predicted;  // what the search saw
    validate::Metrics validated;   // the validator's figures
    bool meetsConstraints = false; // judged on the validated figures
    int candidatesValidated = 0;   // best first, five at a time (at most 25): the first that meets the limits wins
    int rank = 0;                  // the final model's place in the search's ranking (1: its best)
    int rankedAboveOverLimits = 0; // candidates ranked above it that were validated over the limits
    std::vector<std::string> violations;
    int64_t parameters = 0, macs = 0; // the final network's trainable parameters and multiply-accumulates
    // The final network's inputs and outputs and the reference's: a resolution choice
    // changes an input's size (and a fully convolutional network's outputs with it).
    std::vector<graph::TensorDecl> inputs, outputs, referenceInputs, referenceOutputs;
    double estimate = 0; // the accuracy estimator's value
    FinalWeights weights = FinalWeights::None;
    double testAccuracy = -1; // with those weights; -1 when it has none
    int testImages = 0;       // how many test images that accuracy is measured on
    int trainingEpochs = 0;
    double trainingSeconds = 0;
    // The baseline: the smallest sub-network given weights the same way (-1 when it has none).
    search::Genotype baselineGenotype;
    double baselineTestAccuracy = -1;
    double chanceAccuracy = 0; // 1 / classes
    // Why this result must not be trusted (near chance, no better than the baseline,
    // training cut short); empty when nothing is wrong.
    std::vector<TranslatableText> flags;
    std::string onnxPath, yamlPath;
};

// Why validated figures break the constraints, one readable line per limit (empty: they
// meet them). A repeated measurement's latency is judged on its median, and, where the
// median is within the limit, on the upper end of its 95% interval too.
// A metric `v` lacks (the validator cannot measure it) is judged on `predicted`'s figure
// when that is a number, said so; the pipeline gives one only for the metrics the project
// trusts on predictions (search.trust_unvalidated), NaN for the others.
std::vector<std::string> validatedViolations(const validate::Metrics &v, const search::Constraints &c,
                                             const search::Evaluation *predicted = nullptr);

struct RunResult
{
    bool ok = false, cancelled = false;
    std::string error;
    int searches = 0;    // 1 + re-runs
    int validations = 0; // distinct networks validated by the run
    ValidationCounts validationsByPurpose;
    FinalModel final;
};

using EventSink = std::function<void(const Event &)>;

// How a run's user reaches it: its directory, or the NAS service it runs on for them.
struct RunAccess
{
    std::string nasRequest; // "" the run directory; else resumed and fetched as this request
};

class Pipeline
{
public:
    // A new run of `project` in `directory` (created; must not hold a run yet).
    Pipeline(Project project, std::string directory);
    // Resumes the run in `directory` with the project it recorded.
    static std::unique_ptr<Pipeline> resume(const std::string &directory);
    ~Pipeline();

    const Project &project() const;
    const std::string &directory() const;

    // The number of generations the run will evaluate when no re-run happens, and with
    // every re-run (for progress bars).
    int plannedGenerations(bool withReruns) const;

    RunResult run(const std::atomic<bool> *cancel = nullptr, const EventSink &sink = {});

    // Testing and benchmark hooks: stop (as if killed) after this many generations have
    // been stored in this process (0: never).
    void setStopAfterGenerations(int generations);
    // ... or after this many parts of accuracy checks have been validated (a sequential
    // check has two), before the check is judged and stored (0: never). Checks made by a
    // finetuning service are not counted.
    void setStopAfterCheckParts(int parts);
    // How the user reaches this run, as its last event says: by default its directory
    // (`calibra-cli run --resume DIR`, "report in DIR"). A NAS service's search runs in a
    // directory its user never sees, and names the service's commands instead.
    void setAccess(RunAccess access);

    struct Impl;

private:
    Pipeline(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace calibra::pipeline
