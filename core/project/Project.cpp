// SPDX-License-Identifier: GPL-3.0-or-later
#include "Project.h"
#include "ProjectSchema.h"

#include "graph/NetworkFile.h"
#include "base/ShortestNumber.h"
#include "base/YamlFields.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <variant>

namespace calibra::pipeline {

using base::YamlFields;

namespace {
constexpr const char *kFormat = "calibra-project";
constexpr int kVersion = 1;

void readFields(const YamlFields &y, const schema::Section &section, Project &p);

// validator: {kind: farm, ...} (docs/farm.md).
void parseFarm(Project &p, const YamlFields &b)
{
    b.allowOnly(schema::keysOf(schema::farmSection(), {"kind", "spool", "gres", "partition", "slurm_conf", "worker",
                                                       "services", "ca", "cert", "key", "server_name"}));
    auto &c = p.farm;
    // Absolute: jobs read them on other hosts, from other directories.
    const auto path = [&](const char *key) {
        return std::filesystem::absolute(resolvePath(p, b.text(key))).lexically_normal().string();
    };
    c.spool = path("spool");
    c.gres = b.text("gres", c.gres);
    if (c.gres.rfind("board:", 0) != 0 || c.gres.size() <= 6 || c.gres.find_first_of(" ,") != std::string::npos)
        b.fail(b.field("gres"), "must be board:<class> (the boards' generic resource in gres.conf)", b.raw("gres"));
    c.partition = b.text("partition", "");
    readFields(b, schema::farmSection(), p);
    if (b.has("slurm_conf"))
        c.slurmConf = path("slurm_conf");
    if (b.has("worker"))
        c.worker = path("worker");
    const YAML::Node services = b.raw("services");
    if (!services.IsMap() || services.size() == 0)
        b.fail(b.field("services"), "must map Slurm node names (or '*') to host:port of their calibra-board", services);
    for (const auto &entry : services) {
        const std::string address = entry.second.as<std::string>();
        if (address.find(':') == std::string::npos)
            b.fail(b.field("services"), "'" + address + "' is not host:port", entry.second);
        c.services[entry.first.as<std::string>()] = address;
    }
    c.board.caFile = path("ca");
    c.board.certFile = path("cert");
    c.board.keyFile = path("key");
    c.board.serverName = b.text("server_name", "");
}

// Reads the section's scalar fields that `y` holds; the others keep their values.
void readFields(const YamlFields &y, const schema::Section &section, Project &p)
{
    for (const schema::ScalarField &f : section.fields) {
        if (!y.has(f.key))
            continue;
        std::visit(
            [&](auto *value) {
                using T = std::remove_pointer_t<decltype(value)>;
                if constexpr (std::is_same_v<T, bool>)
                    *value = y.boolean(f.key, *value);
                else if constexpr (std::is_same_v<T, double>)
                    *value = y.number(f.key, f.min, f.max) * f.fileUnit;
                else
                    *value = T(y.integer(f.key, int(f.min), int(f.max)));
            },
            f.ref(p));
    }
}

// Reads the section's lists that `y` holds; each number is checked against the list's
// range (and for kernel sizes, odd and whole), naming the list and the number.
void readLists(const YamlFields &y, const schema::Section &section, Project &p)
{
    for (const schema::ListField &l : section.lists) {
        if (!y.has(l.key))
            continue;
        const YAML::Node n = y.raw(l.key);
        if (!n.IsSequence())
            y.fail(y.field(l.key), "must be a list of numbers", n);
        std::vector<double> values;
        for (const YAML::Node &v : n) {
            double x = 0;
            try {
                x = v.as<double>();
            } catch (const YAML::Exception &) {
                y.fail(y.field(l.key), "must be a list of numbers", v);
            }
            if (!(x >= l.min && x <= l.max))
                y.fail(y.field(l.key),
                       "value " + v.as<std::string>() + " is outside " + base::shortestText(l.min) + " .. "
                           + base::shortestText(l.max),
                       v);
            if (l.oddWhole && (int64_t(x) != x || int64_t(x) % 2 == 0))
                y.fail(y.field(l.key), "kernel sizes must be odd whole numbers", v);
            values.push_back(x);
        }
        std::visit(
            [&](auto *list) {
                using T = typename std::remove_pointer_t<decltype(list)>::value_type;
                list->clear();
                for (const double x : values)
                    list->push_back(T(x));
            },
            l.ref(p));
    }
}

// Reads the section's choices that `y` holds; an unknown name is an error that lists the
// names it may be.
void readChoices(const YamlFields &y, const schema::Section &section, Project &p)
{
    for (const schema::ChoiceField &c : section.choices) {
        if (!y.has(c.key))
            continue;
        const std::string name = y.text(c.key);
        const auto it = std::find(c.names.begin(), c.names.end(), name);
        if (it == c.names.end())
            y.fail(y.field(c.key), "expected " + c.namesText() + ", not '" + name + "'", y.raw(c.key));
        c.set(p, int(it - c.names.begin()));
    }
}

// Numbers as the shortest text that reads back exactly: 0.9 stays 0.9, and a run resumed
// from its stored project searches with the same budget to the last bit.
std::string exact(double v)
{
    return base::shortestText(v);
}

// Writes one choice of the section into the open mapping.
void writeChoice(YAML::Emitter &out, const schema::Section &section, const char *key, Project &p)
{
    const schema::ChoiceField &c = schema::choiceOf(section, key);
    out << YAML::Key << c.key << YAML::Value << c.names.at(size_t(c.get(p)));
}

// Writes the section's lists, in the table's order and flow style, into the open mapping.
void writeLists(YAML::Emitter &out, const schema::Section &section, Project &p)
{
    for (const schema::ListField &l : section.lists) {
        out << YAML::Key << l.key << YAML::Value << YAML::Flow << YAML::BeginSeq;
        std::visit(
            [&](auto *list) {
                for (const auto x : *list)
                    out << exact(double(x));
            },
            l.ref(p));
        out << YAML::EndSeq;
    }
}

// Writes the section's scalar fields, in the table's order, into the open mapping.
void writeFields(YAML::Emitter &out, const schema::Section &section, Project &p)
{
    for (const schema::ScalarField &f : section.fields) {
        out << YAML::Key << f.key << YAML::Value;
        std::visit(
            [&](auto *value) {
                using T = std::remove_pointer_t<decltype(value)>;
                if constexpr (std::is_same_v<T, double>)
                    out << exact(*value / f.fileUnit);
                else
                    out << *value;
            },
            f.ref(p));
    }
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
    f.allowOnly(
        schema::keysOf(schema::topSection(), {"format", "version", "name", "reference", "platform", "target",
                                              "predictor", "dataset", "validator", "check", "thresholds", "search",
                                              "constraints", "final_training", "oneshot", "supernet", "finetuner"}));
    Project p;
    p.file = source;
    p.name = f.text("name", std::filesystem::path(source).stem().string());
    p.reference = f.text("reference");
    if (f.has("finetuner")) {
        // The service holds the platform, the predictor and the validator.
        for (const char *key : {"platform", "predictor", "validator"})
            if (f.has(key))
                f.fail(key,
                       "a project with a finetuner: section leaves it out (the finetuning service holds the "
                       "platform, the predictor and the validator)",
                       f.raw(key));
        const YamlFields t = f.child("finetuner");
        t.allowOnly(
            schema::keysOf(schema::finetunerSection(), {"address", "platform", "ca", "cert", "key", "server_name"}));
        auto &c = p.finetuner;
        c.address = t.text("address");
        if (c.address.find(':') == std::string::npos)
            t.fail(t.field("address"), "'" + c.address + "' is not host:port", t.raw("address"));
        c.platformId = t.text("platform");
        c.caFile = resolvePath(p, t.text("ca"));
        c.certFile = resolvePath(p, t.text("cert"));
        c.keyFile = resolvePath(p, t.text("key"));
        c.serverName = t.text("server_name", "");
        readFields(t, schema::finetunerSection(), p);
    } else {
        p.platform = f.text("platform");
    }
    if (f.has("target")) {
        const YAML::Node t = f.raw("target");
        if (t.IsScalar()) {
            try {
                p.targetText = graph::readFileBytes(resolvePath(p, t.as<std::string>()));
            } catch (const std::exception &e) {
                f.fail("target", "cannot read target-setting file: " + std::string(e.what()), t);
            }
        } else if (t.IsMap()) {
            YAML::Node copy = YAML::Clone(t);
            copy["format"] = "calibra-target-setting";
            copy["version"] = 1;
            YAML::Emitter out;
            out << copy;
            p.targetText = out.c_str();
        } else {
            f.fail("target", "must be a target-setting file name or a mapping", t);
        }
    }
    p.predictor = f.text("predictor", p.predictor);
    p.dataset = f.text("dataset", p.dataset);
    readChoices(f, schema::topSection(), p);
    if (f.has("supernet")) {
        const YamlFields sn = f.child("supernet");
        sn.allowOnly(schema::keysOf(schema::supernetSection()));
        readFields(sn, schema::supernetSection(), p);
        readLists(sn, schema::supernetSection(), p);
    }
    if (f.has("oneshot")) {
        const YamlFields o = f.child("oneshot");
        o.allowOnly(schema::keysOf(schema::oneShotSection()));
        readFields(o, schema::oneShotSection(), p);
        readChoices(o, schema::oneShotSection(), p);
    }
    if (f.has("validator")) {
        const YAML::Node v = f.raw("validator");
        if (v.IsScalar()) {
            if (v.as<std::string>() != validatorKindName(ValidatorKind::Simulator))
                f.fail("validator",
                       "must be simulator or a mapping {kind: board, ...}, {kind: farm, ...} or {kind: table, ...}", v);
        } else {
            const YamlFields b = f.child("validator");
            // A mapping names a board, a farm or a table; anything else is read as a
            // board's keys first, so that a misspelt key is named before the kind.
            ValidatorKind kind = ValidatorKind::Simulator;
            const bool known = parseValidatorKind(b.text("kind"), &kind) && kind != ValidatorKind::Simulator;
            p.validator = known ? kind : ValidatorKind::Board;
            if (p.validator == ValidatorKind::Farm) {
                parseFarm(p, b);
            } else if (p.validator == ValidatorKind::Table) {
                b.allowOnly({"kind", "measurements", "device"});
                p.measurementTable = resolvePath(p, b.text("measurements"));
                p.measurementDevice = b.text("device");
            } else {
                b.allowOnly(
                    schema::keysOf(schema::boardSection(), {"kind", "services", "ca", "cert", "key", "server_name"}));
                if (!known)
                    b.fail(b.field("kind"), "must be board, farm or table (or write validator: simulator)",
                           b.raw("kind"));
                auto &c = p.board;
                const YAML::Node services = b.raw("services");
                if (!services.IsSequence() || services.size() == 0)
                    b.fail(b.field("services"), "must be a non-empty list of host:port addresses", services);
                for (const YAML::Node &s : services) {
                    const std::string address = s.as<std::string>();
                    if (address.find(':') == std::string::npos)
                        b.fail(b.field("services"), "'" + address + "' is not host:port", s);
                    c.services.push_back(address);
                }
                c.caFile = resolvePath(p, b.text("ca"));
                c.certFile = resolvePath(p, b.text("cert"));
                c.keyFile = resolvePath(p, b.text("key"));
                c.serverName = b.text("server_name", "");
                readFields(b, schema::boardSection(), p);
            }
        }
    }
    if (f.has("check")) {
        const YamlFields c = f.child("check");
        c.allowOnly(schema::keysOf(schema::checkSection(), {"agg", "references"}));
        readFields(c, schema::checkSection(), p);
        readChoices(c, schema::checkSection(), p);
        if (c.has("references")) {
            const YAML::Node list = c.raw("references");
            if (!list.IsSequence())
                c.fail(c.field("references"), "expected a list of predictor model files", list);
            for (const YAML::Node &item : list) {
                if (!item.IsScalar() || item.as<std::string>().empty())
                    c.fail(c.field("references"), "expected a predictor model file", item);
                p.referenceModels.push_back(resolvePath(p, item.as<std::string>()));
            }
        }
        if (p.finetuneMethod == predictor::FinetuneMethod::Transfer && p.referenceModels.empty())
            c.fail(c.field("finetune"), "transfer needs check.references: the model files of reference devices",
                   c.raw("finetune"));
        if (c.has("agg")) {
            const YamlFields a = c.child("agg");
            a.allowOnly(schema::keysOf(schema::aggSection()));
            readFields(a, schema::aggSection(), p);
        }
    }
    if (f.has("thresholds")) {
        const YamlFields t = f.child("thresholds");
        t.allowOnly(schema::keysOf(schema::thresholdsSection(), {"latency", "power", "energy", "memory_access"}));
        readFields(t, schema::thresholdsSection(), p);
        for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
            const schema::Section &metric = schema::metricThresholdsSection(m);
            if (!t.has(metric.key))
                continue;
            const YamlFields mt = t.child(metric.key);
            mt.allowOnly(schema::keysOf(metric));
            readFields(mt, metric, p);
        }
    }
    if (f.has("search")) {
        const YamlFields s = f.child("search");
        s.allowOnly(schema::keysOf(schema::searchSection(), {"trust_unvalidated", "mutation_probability"}));
        readChoices(s, schema::searchSection(), p);
        readFields(s, schema::searchSection(), p);
        // Projects written before mutated_genes named a per-gene probability; it still counts.
        if (s.has("mutation_probability"))
            p.search.mutationProbability = s.number("mutation_probability", 0, 1);
        if (s.has("trust_unvalidated")) {
            const YAML::Node list = s.raw("trust_unvalidated");
            if (!list.IsSequence())
                s.fail(s.field("trust_unvalidated"), "must be a list such as [power, memory_access]", list);
            for (const YAML::Node &item : list) {
                search::CostMetric m;
                if (!item.IsScalar() || !search::parseCostMetric(item.Scalar(), &m) || m == search::CostMetric::Latency)
                    s.fail(s.field("trust_unvalidated"),
                           "'" + (item.IsScalar() ? item.Scalar() : std::string("?"))
                               + "' is not power or memory_access (latency is always measured)",
                           item);
                if (std::find(p.trustUnvalidated.begin(), p.trustUnvalidated.end(), m) == p.trustUnvalidated.end())
                    p.trustUnvalidated.push_back(m);
            }
        }
    }
    if (f.has("constraints")) {
        const YamlFields c = f.child("constraints");
        c.allowOnly(schema::keysOf(schema::constraintsSection()));
        readFields(c, schema::constraintsSection(), p);
    }
    if (f.has("final_training")) {
        const YamlFields t = f.child("final_training");
        t.allowOnly(schema::keysOf(schema::finalTrainingSection()));
        readFields(t, schema::finalTrainingSection(), p);
    }
    return p;
}

std::string platformLabel(const Project &project)
{
    if (project.finetuner.enabled())
        return project.finetuner.platformId + " (finetuning service " + project.finetuner.address + ")";
    return project.platform;
}

Project loadProject(const std::string &path)
{
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
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "format" << YAML::Value << kFormat << YAML::Key << "version" << YAML::Value << kVersion;
    out << YAML::Key << "name" << YAML::Value << p.name;
    out << YAML::Key << "reference" << YAML::Value << p.reference;
    if (!p.finetuner.enabled())
        out << YAML::Key << "platform" << YAML::Value << p.platform;
    if (!p.targetText.empty()) {
        YAML::Node t = YAML::Load(p.targetText);
        t.remove("format");
        t.remove("version");
        out << YAML::Key << "target" << YAML::Value << t;
    }
    if (!p.finetuner.enabled())
        out << YAML::Key << "predictor" << YAML::Value << p.predictor;
    out << YAML::Key << "dataset" << YAML::Value << p.dataset;
    writeChoice(out, schema::topSection(), "accuracy_estimator", p);
    if (p.finetuner.enabled()) {
        const auto &c = p.finetuner;
        out << YAML::Key << "finetuner" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "address" << YAML::Value << c.address;
        out << YAML::Key << "platform" << YAML::Value << c.platformId;
        out << YAML::Key << "ca" << YAML::Value << c.caFile;
        out << YAML::Key << "cert" << YAML::Value << c.certFile;
        out << YAML::Key << "key" << YAML::Value << c.keyFile;
        if (!c.serverName.empty())
            out << YAML::Key << "server_name" << YAML::Value << c.serverName;
        writeFields(out, schema::finetunerSection(), p);
        out << YAML::EndMap;
    } else if (p.validator == ValidatorKind::Board) {
        const auto &c = p.board;
        out << YAML::Key << "validator" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "kind" << YAML::Value << "board";
        out << YAML::Key << "services" << YAML::Value << YAML::Flow << c.services;
        out << YAML::Key << "ca" << YAML::Value << c.caFile;
        out << YAML::Key << "cert" << YAML::Value << c.certFile;
        out << YAML::Key << "key" << YAML::Value << c.keyFile;
        if (!c.serverName.empty())
            out << YAML::Key << "server_name" << YAML::Value << c.serverName;
        writeFields(out, schema::boardSection(), p);
        out << YAML::EndMap;
    } else if (p.validator == ValidatorKind::Farm) {
        const auto &c = p.farm;
        out << YAML::Key << "validator" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "kind" << YAML::Value << "farm";
        out << YAML::Key << "spool" << YAML::Value << c.spool;
        out << YAML::Key << "gres" << YAML::Value << c.gres;
        if (!c.partition.empty())
            out << YAML::Key << "partition" << YAML::Value << c.partition;
        writeFields(out, schema::farmSection(), p);
        if (!c.slurmConf.empty())
            out << YAML::Key << "slurm_conf" << YAML::Value << c.slurmConf;
        if (!c.worker.empty())
            out << YAML::Key << "worker" << YAML::Value << c.worker;
        out << YAML::Key << "services" << YAML::Value << YAML::BeginMap;
        for (const auto &[node, address] : c.services)
            out << YAML::Key << node << YAML::Value << address;
        out << YAML::EndMap;
        out << YAML::Key << "ca" << YAML::Value << c.board.caFile;
        out << YAML::Key << "cert" << YAML::Value << c.board.certFile;
        out << YAML::Key << "key" << YAML::Value << c.board.keyFile;
        if (!c.board.serverName.empty())
            out << YAML::Key << "server_name" << YAML::Value << c.board.serverName;
        out << YAML::EndMap;
    } else if (p.validator == ValidatorKind::Table) {
        out << YAML::Key << "validator" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "kind" << YAML::Value << "table";
        out << YAML::Key << "measurements" << YAML::Value << p.measurementTable;
        out << YAML::Key << "device" << YAML::Value << p.measurementDevice;
        out << YAML::EndMap;
    } else {
        out << YAML::Key << "validator" << YAML::Value << validatorKindName(p.validator);
    }
    writeChoice(out, schema::topSection(), "mode", p);
    out << YAML::Key << "check" << YAML::Value << YAML::BeginMap;
    writeFields(out, schema::checkSection(), p);
    writeChoice(out, schema::checkSection(), "finetune", p);
    if (!p.referenceModels.empty())
        out << YAML::Key << "references" << YAML::Value << p.referenceModels;
    out << YAML::Key << "agg" << YAML::Value << YAML::Flow << YAML::BeginMap;
    writeFields(out, schema::aggSection(), p);
    out << YAML::EndMap;
    out << YAML::EndMap;
    out << YAML::Key << "thresholds" << YAML::Value << YAML::BeginMap;
    writeFields(out, schema::thresholdsSection(), p);
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        const schema::Section &metric = schema::metricThresholdsSection(m);
        out << YAML::Key << metric.key << YAML::Value << YAML::Flow << YAML::BeginMap;
        writeFields(out, metric, p);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    out << YAML::Key << "supernet" << YAML::Value << YAML::BeginMap;
    writeLists(out, schema::supernetSection(), p);
    writeFields(out, schema::supernetSection(), p);
    out << YAML::EndMap;
    const auto &s = p.search;
    out << YAML::Key << "search" << YAML::Value << YAML::BeginMap;
    writeChoice(out, schema::searchSection(), "algorithm", p);
    writeFields(out, schema::searchSection(), p);
    if (s.mutationProbability)
        out << YAML::Key << "mutation_probability" << YAML::Value << exact(*s.mutationProbability);
    if (!p.trustUnvalidated.empty()) {
        out << YAML::Key << "trust_unvalidated" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const search::CostMetric m : p.trustUnvalidated)
            out << search::costMetricName(m);
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    out << YAML::Key << "constraints" << YAML::Value << YAML::BeginMap;
    writeFields(out, schema::constraintsSection(), p);
    out << YAML::EndMap;
    out << YAML::Key << "oneshot" << YAML::Value << YAML::BeginMap;
    writeFields(out, schema::oneShotSection(), p);
    writeChoice(out, schema::oneShotSection(), "on_poor_estimates", p);
    out << YAML::EndMap;
    out << YAML::Key << "final_training" << YAML::Value << YAML::BeginMap;
    writeFields(out, schema::finalTrainingSection(), p);
    out << YAML::EndMap;
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

std::string resolvePath(const Project &project, const std::string &path)
{
    if (path.rfind("builtin:", 0) == 0 || project.file.empty() || std::filesystem::path(path).is_absolute())
        return path;
    return (std::filesystem::path(project.file).parent_path() / path).string();
}

} // namespace calibra::pipeline
