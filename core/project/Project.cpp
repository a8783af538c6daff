// SPDX-License-Identifier: GPL-3.0-or-later
#include "Project.h"
#include "ProjectSchema.h"
#include "SectionIo.h"

#include "base/ShortestNumber.h"

#include "graph/InputShapes.h"
#include "graph/NetworkFile.h"
#include "base/YamlFields.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <filesystem>
#include <type_traits>
#include <variant>
#include <set>
#include <stdexcept>

namespace calibra::pipeline {

using base::YamlFields;

namespace {
constexpr const char *kFormat = "calibra-project";
constexpr int kVersion = 1;

// The top level's keys besides its own texts and choices: the file's header, the target
// setting, and the sections that have readers of their own.
constexpr std::initializer_list<const char *> kTopLevelOthers = {
    "format", "version",     "target",         "validator", "check",    "thresholds",
    "search", "constraints", "final_training", "oneshot",   "supernet", "finetuner"};

// Every mapping of `n` written in block style, whatever style it was read in.
void blockStyle(YAML::Node n)
{
    if (!n.IsMap())
        return;
    n.SetStyle(YAML::EmitterStyle::Block);
    for (auto it = n.begin(); it != n.end(); ++it)
        blockStyle(it->second);
}

// `n` in YAML's flow style, on one line.
std::string flowText(const YAML::Node &n)
{
    YAML::Emitter out;
    out.SetMapFormat(YAML::Flow);
    out.SetSeqFormat(YAML::Flow);
    out << n;
    return out.c_str();
}

// An inline target setting as a setting file whose lines are the project file's: each
// field on the line it is written on (a mapping written in flow style whole on its first
// line), so that the errors found later against the platform name the line the user
// wrote. Lines only move down, where two keys share one.
std::string inlineSettingText(const YAML::Node &setting)
{
    std::vector<std::string> lines;
    size_t next = 0; // the first line not written yet
    const auto put = [&](const YAML::Node &at, const std::string &text) {
        const size_t line = std::max(next, at.Mark().is_null() ? next : size_t(at.Mark().line));
        lines.resize(std::max(lines.size(), line + 1));
        lines[line] = text;
        next = line + 1;
    };
    std::function<void(const YAML::Node &, const std::string &)> block = [&](const YAML::Node &map,
                                                                             const std::string &indent) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            const std::string key = indent + flowText(it->first) + ":";
            if (it->second.IsMap() && it->second.size() > 0 && it->second.Style() != YAML::EmitterStyle::Flow) {
                put(it->first, key);
                block(it->second, indent + "  ");
            } else {
                put(it->first, key + " " + flowText(it->second));
            }
        }
    };
    if (setting.Style() == YAML::EmitterStyle::Flow) {
        YAML::Node copy = YAML::Clone(setting);
        copy["format"] = "calibra-target-setting";
        copy["version"] = 1;
        put(setting, flowText(copy));
    } else {
        block(setting, "");
        lines.push_back("format: calibra-target-setting");
        lines.push_back("version: 1");
    }
    std::string text;
    for (const std::string &l : lines)
        text += l + "\n";
    return text;
}

// target: a target-setting file's name, or the setting inline as a mapping.
void readTarget(const YamlFields &f, Project &p)
{
    const YAML::Node t = f.raw("target");
    if (t.IsScalar()) {
        try {
            p.targetSource = resolvePath(p, t.as<std::string>());
            p.targetText = graph::readFileBytes(p.targetSource);
        } catch (const std::exception &e) {
            f.fail("target", "cannot read target-setting file: " + std::string(e.what()), t);
        }
    } else if (t.IsMap()) {
        p.targetText = inlineSettingText(t);
        p.targetSource = p.file;
        p.targetInline = true;
    } else {
        f.fail("target", "must be a target-setting file name or a mapping", t);
    }
}

// validator: simulator, or a mapping whose `kind` names the section that reads it.
void readValidator(const YamlFields &f, Project &p)
{
    const YAML::Node v = f.raw("validator");
    if (v.IsScalar()) {
        if (v.as<std::string>() != validatorKindName(ValidatorKind::Simulator))
            f.fail("validator",
                   "must be simulator or a mapping {kind: board, ...}, {kind: farm, ...} or {kind: table, ...}", v);
        return;
    }
    const YamlFields b = f.child("validator");
    ValidatorKind kind = ValidatorKind::Simulator;
    if (!parseValidatorKind(b.text("kind"), &kind) || kind == ValidatorKind::Simulator) {
        // A key no validator has is named first (a misspelt key); a mapping whose keys
        // some validator has is only missing its kind, or misspells it.
        std::set<std::string> anyValidatorsKeys;
        for (const schema::Section *section :
             {&schema::boardSection(), &schema::farmSection(), &schema::tableSection()})
            anyValidatorsKeys.merge(schema::keysOf(*section, {"kind"}));
        b.allowOnly(anyValidatorsKeys);
        b.fail(b.field("kind"), "must be board, farm or table (or write validator: simulator)", b.raw("kind"));
    }
    p.validator = kind;
    if (kind == ValidatorKind::Farm) {
        schema::readSection(b, schema::farmSection(), p, {"kind"}); // docs/farm.md
        const std::string &gres = p.farm.gres;
        if (gres.rfind("board:", 0) != 0 || gres.size() <= 6 || gres.find_first_of(" ,") != std::string::npos)
            b.fail(b.field("gres"), "must be board:<class> (the boards' generic resource in gres.conf)", b.raw("gres"));
    } else if (kind == ValidatorKind::Table) {
        schema::readSection(b, schema::tableSection(), p, {"kind"});
    } else {
        schema::readSection(b, schema::boardSection(), p, {"kind"});
    }
}

// Opens a mapping under the section's key (`flow`: on one line) and writes the section
// into it; the caller writes what else it holds, then closes it (YAML::EndMap).
void openMapping(YAML::Emitter &out, const schema::Section &section, Project &p, bool flow = false)
{
    out << YAML::Key << section.key << YAML::Value;
    if (flow)
        out << YAML::Flow;
    out << YAML::BeginMap;
    schema::writeSection(out, section, p);
}

} // namespace

const char *modeName(Mode m)
{
    switch (m) {
    case Mode::Pre: return "pre";
    case Mode::Post: return "post";
    case Mode::Both: return "both";
    case Mode::Offline: return "offline";
    case Mode::Online: return "online";
    }
    return "?";
}

Mode modeFromName(const std::string &name)
{
    for (Mode m : {Mode::Pre, Mode::Post, Mode::Both, Mode::Offline, Mode::Online})
        if (name == modeName(m))
            return m;
    throw std::invalid_argument("unknown mode '" + name + "' (use pre, post, both, offline or online)");
}

const char *validatorKindName(ValidatorKind k)
{
    switch (k) {
    case ValidatorKind::Simulator: return "simulator";
    case ValidatorKind::Board: return "board";
    case ValidatorKind::Farm: return "farm";
    case ValidatorKind::Table: return "table";
    }
    return "?";
}

bool parseValidatorKind(const std::string &name, ValidatorKind *out)
{
    for (ValidatorKind k : {ValidatorKind::Simulator, ValidatorKind::Board, ValidatorKind::Farm, ValidatorKind::Table})
        if (name == validatorKindName(k)) {
            *out = k;
            return true;
        }
    return false;
}

const char *poorEstimatesName(PoorEstimates p)
{
    return p == PoorEstimates::Extend ? "extend" : "warn";
}

Project demoProject()
{
    Project p;
    p.name = "demo";
    // A small ResNet (5.5 M MACs): dense convolutions train fast on CPU LibTorch, so the
    // supernet, the final model and its baseline are all trained in full epochs within
    // the demo's ten minutes on two cores (docs/benchmarks.md, "The demo run").
    p.reference = "builtin:resnet_fmnist";
    p.platform = "builtin:edge-npu-s";
    p.targetText = "format: calibra-target-setting\nversion: 1\nhardware:\n  dvfs_mhz: 1000\n";
    p.mode = Mode::Both;
    p.checkSamples = 16;
    p.supernet.kernels = {3, 5};
    p.estimator = supernet::EstimatorKind::OneShot;
    // Counted in steps, never cut by the clock: the same work on a busy machine. The
    // largest alone for the first 20%, then the largest with three random sub-networks
    // distilled from it (the defaults): Kendall tau 0.51-0.54 against stand-alone
    // training over 22 sub-networks (docs/benchmarks.md).
    p.oneShot.steps = 2000;
    p.oneShot.batchSize = 128;
    p.oneShot.timeBudgetSeconds = 0;
    p.oneShotTestImages = 5000; // estimates differ by tenths of a percent: 1,000 images are too noisy
    p.search.population = 24;
    p.search.generations = 6;
    p.search.constraints.maxLatencyMs = 0.05; // the reference takes 0.061 ms here
    p.finalTraining.epochs = 3;
    p.finalTraining.learningRate = 0.05; // from inherited weights, cosine to zero
    p.finalTraining.maxTrainImages = 0;  // all 60,000 training images
    p.finalTraining.maxTestImages = 0;   // all 10,000 test images
    p.finalTraining.timeBudgetSeconds = 0;
    return p;
}

Project parseProject(const std::string &text, const std::string &source)
{
    const YAML::Node doc = base::loadVersionedYaml(text, source, kFormat, kVersion);
    const YamlFields f(source, doc);
    Project p;
    p.file = source; // paths in the file are relative to it
    p.name = std::filesystem::path(source).stem().string();
    f.allowOnly(schema::keysOf(schema::topSection(), kTopLevelOthers)); // a misspelt key first, by its line
    if (f.has("finetuner")) {
        // The service holds the platform, the predictor and the validator.
        for (const char *key : {"platform", "predictor", "validator"})
            if (f.has(key))
                f.fail(key,
                       "a project with a finetuner: section leaves it out (the finetuning service holds the "
                       "platform, the predictor and the validator)",
                       f.raw(key));
        schema::readSection(f.child("finetuner"), schema::finetunerSection(), p);
    } else if (!f.has("platform")) {
        f.fail("platform", "is missing");
    }
    schema::readSection(f, schema::topSection(), p, kTopLevelOthers);
    if (f.has("target"))
        readTarget(f, p);
    if (f.has("validator"))
        readValidator(f, p);
    if (f.has("check")) {
        const YamlFields c = f.child("check");
        schema::readSection(c, schema::checkSection(), p, {"agg"});
        if (p.finetuneMethod == predictor::FinetuneMethod::Transfer && p.referenceModels.empty())
            c.fail(c.field("finetune"), "transfer needs check.references: the model files of reference devices",
                   c.raw("finetune"));
        if (c.has("agg"))
            schema::readSection(c.child("agg"), schema::aggSection(), p);
    }
    if (f.has("thresholds")) {
        const YamlFields t = f.child("thresholds");
        schema::readSection(t, schema::thresholdsSection(), p, {"latency", "power", "energy", "memory_access"});
        for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
            const schema::Section &metric = schema::metricThresholdsSection(m);
            if (t.has(metric.key))
                schema::readSection(t.child(metric.key), metric, p);
        }
    }
    if (f.has("search")) {
        const YamlFields s = f.child("search");
        schema::readSection(s, schema::searchSection(), p, {"mutation_probability"});
        // Projects written before mutated_genes named a per-gene probability; it still counts.
        if (s.has("mutation_probability"))
            p.search.mutationProbability = s.number("mutation_probability", 0, 1);
    }
    for (const schema::Section *section : {&schema::supernetSection(), &schema::oneShotSection(),
                                           &schema::constraintsSection(), &schema::finalTrainingSection()})
        if (f.has(section->key))
            schema::readSection(f.child(section->key), *section, p);
    return p;
}

std::string platformLabel(const Project &project)
{
    if (project.finetuner.enabled())
        return project.finetuner.platformId + " (finetuning service " + project.finetuner.address + ")";
    return project.platform;
}

hardware::TargetSetting targetSettingOf(const Project &project, const hardware::Platform &platform,
                                        hardware::SettingOrigin origin)
{
    if (project.targetText.empty())
        return hardware::defaultSetting(platform);
    const std::string source = !project.targetSource.empty()
                                   ? project.targetSource
                                   : (project.file.empty() ? project.name : project.file) + " (target)";
    return hardware::parseTargetSettingYaml(project.targetText, source, platform, project.targetInline ? "target" : "",
                                            origin);
}

namespace {

// The setting text as a block-style node: an inline setting is held in the project
// file's layout (readTarget), which neither a setting file nor a project file written out
// keeps.
YAML::Node targetSettingNode(const Project &project)
{
    YAML::Node t = YAML::Load(project.targetText);
    blockStyle(t);
    return t;
}

} // namespace

std::string targetSettingFileText(const Project &project)
{
    if (project.targetText.empty())
        return {};
    YAML::Emitter out;
    out << targetSettingNode(project);
    return std::string(out.c_str()) + "\n";
}

namespace {

// The 'format' a YAML file names at its top ("calibra-project", "calibra-network"), or ""
// for anything else: not YAML (an ONNX file), not a mapping, not readable.
std::string yamlFormatOf(const std::string &path)
{
    try {
        const YAML::Node root = YAML::LoadFile(path);
        return root.IsMap() && root["format"] && root["format"].IsScalar() ? root["format"].Scalar() : std::string();
    } catch (const std::exception &) {
        return {};
    }
}

} // namespace

bool isProjectFile(const std::string &path)
{
    std::error_code error;
    return !path.starts_with("builtin:") && std::filesystem::is_regular_file(path, error)
           && yamlFormatOf(path) == "calibra-project";
}

bool isNetworkFile(const std::string &path)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) // a missing file is said to be missing
        return false;
    return graph::isOnnxPath(path) || yamlFormatOf(path) == "calibra-network";
}

Project loadProject(const std::string &path)
{
    // A network where a project belongs: say so, not a YAML error on an ONNX file's bytes.
    if (!isProjectFile(path) && isNetworkFile(path))
        throw base::InputError(path
                               + ": a network, not a project file; a project names its network as its "
                                 "'reference' (docs/pipeline.md)");
    std::string text;
    try {
        text = graph::readFileBytes(path);
    } catch (const std::exception &e) {
        throw base::InputError(std::string(e.what()) + " (the project file)");
    }
    return parseProject(text, path);
}

std::string projectToYaml(const Project &project)
{
    Project p = project; // the field tables give references into a project
    const schema::Section &top = schema::topSection();
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "format" << YAML::Value << kFormat << YAML::Key << "version" << YAML::Value << kVersion;
    for (const char *key : {"name", "reference", "reference_input_shape", "platform", "predictor", "dataset"})
        if (!p.finetuner.enabled() || (std::string(key) != "platform" && std::string(key) != "predictor"))
            schema::writeText(out, top, key, p);
    if (!p.targetText.empty()) {
        YAML::Node t = targetSettingNode(p);
        t.remove("format");
        t.remove("version");
        out << YAML::Key << "target" << YAML::Value << t;
    }
    schema::writeChoice(out, top, "accuracy_estimator", p);
    schema::writeChoice(out, top, "mode", p);
    if (p.finetuner.enabled()) {
        openMapping(out, schema::finetunerSection(), p);
        out << YAML::EndMap;
    } else if (p.validator == ValidatorKind::Simulator) {
        out << YAML::Key << "validator" << YAML::Value << validatorKindName(p.validator);
    } else {
        const schema::Section &section = p.validator == ValidatorKind::Board  ? schema::boardSection()
                                         : p.validator == ValidatorKind::Farm ? schema::farmSection()
                                                                              : schema::tableSection();
        out << YAML::Key << section.key << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "kind" << YAML::Value << validatorKindName(p.validator);
        schema::writeSection(out, section, p);
        out << YAML::EndMap;
    }
    openMapping(out, schema::checkSection(), p);
    openMapping(out, schema::aggSection(), p, true);
    out << YAML::EndMap;
    out << YAML::EndMap;
    openMapping(out, schema::thresholdsSection(), p);
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        openMapping(out, schema::metricThresholdsSection(m), p, true);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    openMapping(out, schema::searchSection(), p);
    if (p.search.mutationProbability)
        out << YAML::Key << "mutation_probability" << YAML::Value << base::shortestText(*p.search.mutationProbability);
    out << YAML::EndMap;
    for (const schema::Section *section : {&schema::supernetSection(), &schema::constraintsSection(),
                                           &schema::oneShotSection(), &schema::finalTrainingSection()}) {
        openMapping(out, *section, p);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

std::string resolvePath(const Project &project, const std::string &path)
{
    if (path.rfind("builtin:", 0) == 0 || project.file.empty() || std::filesystem::path(path).is_absolute())
        return path;
    return (std::filesystem::path(project.file).parent_path() / path).string();
}

graph::Network loadReference(const Project &project)
{
    return graph::loadNetwork(resolvePath(project, project.reference),
                              graph::parseInputShapes(project.referenceInputShape, "reference_input_shape"));
}

namespace {

std::string absolutePath(const std::string &path)
{
    if (path.empty() || path.rfind("builtin:", 0) == 0)
        return path;
    return std::filesystem::absolute(path).lexically_normal().string();
}

// A dataset named with a folder ("cifar10:data/cifar") keeps its kind and gets the
// folder resolved against the project file, as every other file it names, and made
// absolute; a name alone ("fashion-mnist") passes.
std::string datasetWithAbsolutePath(const Project &project, const std::string &spec)
{
    for (const char *kind : {"idx:", "cifar10:", "folder:"})
        if (spec.rfind(kind, 0) == 0 && spec.size() > std::strlen(kind))
            return kind + absolutePath(resolvePath(project, spec.substr(std::strlen(kind))));
    return spec;
}

} // namespace

void makePathsAbsolute(Project &project)
{
    // The top level's files are kept as written when read (a project written elsewhere
    // keeps pointing at the same files); every other path field was resolved on reading.
    // With a finetuner: section the platform and the predictor are the service's names.
    std::vector<std::string *> top{&project.reference};
    if (!project.finetuner.enabled())
        top.insert(top.end(), {&project.platform, &project.predictor});
    for (std::string *path : top)
        if (!path->empty())
            *path = absolutePath(resolvePath(project, *path));
    project.dataset = datasetWithAbsolutePath(project, project.dataset);
    using namespace schema;
    for (const Section *section : allSections()) {
        for (const TextField &t : section->texts)
            if (t.shape == TextShape::Path || t.shape == TextShape::SharedPath)
                *t.ref(project) = absolutePath(*t.ref(project));
        for (const TextsField &t : section->textLists) {
            if (t.shape != TextShape::Path && t.shape != TextShape::SharedPath)
                continue;
            std::visit(
                [](auto *texts) {
                    for (auto &entry : *texts) {
                        if constexpr (std::is_same_v<std::decay_t<decltype(entry)>, std::string>)
                            entry = absolutePath(entry);
                        else
                            entry.second = absolutePath(entry.second);
                    }
                },
                t.ref(project));
        }
    }
}

} // namespace calibra::pipeline
