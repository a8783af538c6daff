// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A Calibra project: what to search (reference DNN, supernet), for which target
// (platform, target setting, constraints), how to judge it (dataset, accuracy estimator,
// validator), and the flow (mode, thresholds, sample sizes, search options).
// YAML format in docs/pipeline.md. Paths are relative to the project file.
#include "hardware/TargetSetting.h"
#include "project/FinetunerConnection.h"
#include "predictor/AccuracyCheck.h"
#include "predictor/FinetuneMethod.h"
#include "search/Search.h"
#include "supernet/EstimatorKind.h"
#include "supernet/TrainingOptions.h"
#include "validate/FarmConnection.h"

#include <string>

namespace calibra::pipeline {

// The flows of DESIGN.md section 2.
enum class Mode { Pre, Post, Both, Offline, Online };
const char *modeName(Mode m);
Mode modeFromName(const std::string &name); // throws std::invalid_argument

// Where a run's networks are validated.
enum class ValidatorKind { Simulator, Board, Farm, Table };
const char *validatorKindName(ValidatorKind k); // simulator, board, farm, table
bool parseValidatorKind(const std::string &name, ValidatorKind *out);

// What a run does when the accuracy estimator looks broken before the search (estimates
// near chance, or the largest sub-network no better than the smallest).
enum class PoorEstimates { Warn, Extend };
const char *poorEstimatesName(PoorEstimates p); // warn, extend

struct Project
{
    std::string name = "project";
    std::string file;      // where it was loaded from ("" for the built-in demo)
    std::string reference; // network path or builtin:NAME
    // Sizes for an ONNX reference's symbolic inputs, as graph::parseInputShapes() reads
    // them ("1x3x224x224"; "" when its sizes are fixed).
    std::string referenceInputShape;
    std::string platform;   // platform path or builtin:NAME
    std::string targetText; // target-setting YAML ("" for the platform's default setting)
    // Whose lines targetText's are, for its errors: the target-setting file, or the project
    // file for a setting written inline ("" when the text has no file: the project's name).
    std::string targetSource;
    bool targetInline = false; // written in the project file as a mapping
    std::string predictor = "builtin:offline";
    std::string dataset = "fashion-mnist";
    supernet::EstimatorKind estimator = supernet::EstimatorKind::Naswot;
    ValidatorKind validator = ValidatorKind::Simulator;
    validate::BoardConnection board; // validator Board: the services and certificates
    // A conditional-finetuning service (finetuner: in the file): when set, the service
    // holds the platform and the predictor and does every validation, prediction, check
    // and finetune; `platform`, `predictor` and `validator` are then not used.
    FinetunerConnection finetuner;
    // validator Board with one service: the reference DNN is measured as a probe
    // after every this many networks, and a disturbed stretch measured again
    // (validate/ProbedValidator.h); 0: off. With several services it is off: a probe on
    // one board says nothing of the others.
    int probeEvery = 5;
    validate::FarmConnection farm; // validator Farm: Slurm, the spool, the boards' services
    // validator Table: a measurement table (validate/MeasurementTable.h) and the
    // device column whose figures validate; networks not in it fail validation.
    std::string measurementTable, measurementDevice;

    Mode mode = Mode::Both;
    predictor::CheckThresholds thresholds;
    int checkSamples = 20; // sub-networks validated per accuracy check
    // Validate a check's sample in two parts, the second only when the first cannot decide
    // (pipeline/SequentialCheck.h); false: the whole sample at once.
    bool sequentialChecks = true;
    // Best members of each generation validated for the predicted-vs-validated chart
    // (counted apart from the checks' validations; never used to finetune); 0: none.
    int validatePerGeneration = 2;
    int aggPredefined = 4, aggOperations = 8, aggStructural = 4;
    // An AGG model is sent for validation only if its predicted latency is at most this
    // many times the costliest network the check validated (the reference included):
    // one generated model must not stall the board or stop the run on its deadline.
    double aggMaxCostRatio = 4;
    int maxReruns = 1; // post/both: searches re-run after a failed post-search check
    predictor::FinetuneMethod finetuneMethod = predictor::FinetuneMethod::Auto;
    // finetuneMethod == Transfer: model files of reference devices (DeviceTransfer.h),
    // resolved against the project file's directory.
    std::vector<std::string> referenceModels;

    supernet::SupernetOptions supernet;
    search::SearchOptions search;
    // Metrics the search may limit and minimize on predictions alone when the validator
    // cannot measure them (search.trust_unvalidated); any other unmeasured metric is left
    // out of the search, with a warning (pipeline/MeasuredMetrics.h).
    std::vector<search::CostMetric> trustUnvalidated;
    supernet::OneShotOptions oneShot; // the weight-sharing supernet (estimator oneshot)
    int oneShotTestImages = 500;      // held-out training images per one-shot estimate (key test_images)
    // Extend: train the one-shot supernet for another `oneShot.steps` (once) and check again.
    PoorEstimates poorEstimates = PoorEstimates::Warn;
    supernet::TrainingOptions finalTraining;
    bool finalBaseline = true; // also train the smallest sub-network the same way
};

// The built-in demo: a small ResNet on Fashion-MNIST on the edge NPU preset with a
// latency budget under the reference's, mode both, a one-shot supernet and a final
// training counted in steps and epochs; about ten minutes on two cores.
Project demoProject();

// Throws base::InputError naming the file, line and field.
Project loadProject(const std::string &path);
// Whether the file at `path` says it is a project (format: calibra-project); false for a
// network, any other file, or one that cannot be read.
bool isProjectFile(const std::string &path);
// Whether `path` names a network: an .onnx or .onnx.gz file, or YAML saying
// 'format: calibra-network'.
bool isNetworkFile(const std::string &path);
Project parseProject(const std::string &text, const std::string &source);
std::string projectToYaml(const Project &project);

// Resolves a path written in the project (relative to its file); builtin: names pass.
std::string resolvePath(const Project &project, const std::string &path);

// The reference DNN: its file resolved, sized by referenceInputShape. Throws GraphError.
graph::Network loadReference(const Project &project);

// Every file the project names, resolved and made absolute (against the current folder,
// where a project read from a relative path was found): what a run records, so that it
// resumes from any folder. The dataset's folder too (idx:, cifar10:, folder:).
void makePathsAbsolute(Project &project);
// The project's platform as a report names it: its file or builtin name, or the id a
// finetuning service knows it by ("npu-a (finetuning service host:port)").
std::string platformLabel(const Project &project);
// The project's target setting on `platform` (the platform's default when it names none).
// Its errors name the setting file and line, or the project file's line and
// target.FIELD for a setting written inline.
hardware::TargetSetting targetSettingOf(const Project &project, const hardware::Platform &platform,
                                        hardware::SettingOrigin origin = hardware::SettingOrigin::New);
// The target setting as a setting file of its own, in block style ("" when it names none):
// what a report shows and a finetuning service is sent, without the project's layout.
std::string targetSettingFileText(const Project &project);

} // namespace calibra::pipeline
