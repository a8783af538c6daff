// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A project's fields, each declared once: its section and key in the file, where it lives
// in Project, and what it may hold: a range (ProjectLimits.h where the GUI shows it too)
// and unit in the file, the names of a choice, or the shape of a text (a path, an address).
// The project reader and writer go through these tables. Project.cpp keeps what has a
// shape of its own: the target setting (a file name or an inline mapping), the
// validator's `kind` (which section applies), the farm's `gres`, the older
// search.mutation_probability, and the rules between fields (a platform unless a
// finetuning service holds it; transfer names reference models).
// Defaults are Project's initializers.
#include "Project.h"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace calibra::pipeline::schema {

using FieldRef = std::variant<int *, double *, bool *, uint64_t *>;

struct ScalarField
{
    const char *key;
    FieldRef (*ref)(Project &);
    double min = 0, max = 0; // bool fields have none
    double fileUnit = 1;     // the value in Project = the file's value * fileUnit
};

// One of a few names, each standing for a value of an enum in Project (the enum's own
// name function gives the names, in the order an error message lists them).
struct ChoiceField
{
    const char *key;
    std::vector<std::string> names;
    std::function<int(Project &)> get; // the index of the project's value in names
    std::function<void(Project &, int)> set;
    std::string namesText() const; // "pre, post, both, offline or online"
};

using ListRef = std::variant<std::vector<int64_t> *, std::vector<double> *>;

// A list of numbers, each inside [min, max]; `oddWhole` lists hold odd whole numbers
// (kernel sizes). The file writes them in flow style: [3, 5, 7].
struct ListField
{
    const char *key;
    ListRef (*ref)(Project &);
    double min = 0, max = 0;
    bool oddWhole = false;
};

// What a text holds, and so how it is checked and kept.
enum class TextShape {
    Plain,       // any text
    Path,        // a file, relative to the project file (resolvePath)
    SharedPath,  // a file that jobs on other hosts read: made absolute
    Address,     // host:port
    InputShapes, // sizes for an ONNX network's symbolic inputs (graph/InputShapes.h)
};

// Whether a text must be in the file, and whether it is written when empty.
enum class Presence {
    Required,  // must be in the file; always written
    Optional,  // keeps the project's value when absent; always written
    OmitEmpty, // keeps the project's value when absent; left out of the file when empty
};

struct TextField
{
    const char *key;
    std::string *(*ref)(Project &);
    TextShape shape = TextShape::Plain;
    Presence presence = Presence::Required;
};

using TextsRef = std::variant<std::vector<std::string> *, std::map<std::string, std::string> *>;

// A list of texts of one shape, or a mapping from names to such texts (the farm's
// services by node); `what` completes "must be a non-empty list of ..." or "must map ...".
// A required one must hold at least one; an optional one is left out of the file when
// empty.
struct TextsField
{
    const char *key;
    TextsRef (*ref)(Project &);
    TextShape shape;
    bool required;
    const char *what;
};

// A list of names of a choice, each kept once (search.trust_unvalidated); `why` follows
// the message that names a wrong one. Left out of the file when empty.
struct NameListField
{
    const char *key;
    std::vector<std::string> names;
    std::function<std::vector<int>(Project &)> get; // the indices in names
    std::function<void(Project &, const std::vector<int> &)> set;
    const char *why = "";
};

struct Section
{
    const char *key; // the mapping in the file ("" the top level)
    std::vector<ScalarField> fields;
    std::vector<ChoiceField> choices;
    const char *parent = ""; // the mapping that holds it: "check" for "agg", "" the top level
    std::vector<ListField> lists;
    std::vector<TextField> texts;
    std::vector<TextsField> textLists;
    std::vector<NameListField> nameLists;
};

// The top level: name, reference, platform, predictor, dataset, accuracy_estimator, mode
// (platform and predictor not with a finetuner: section).
const Section &topSection();

const Section &checkSection();
const Section &aggSection();
const Section &searchSection();
const Section &constraintsSection();
const Section &oneShotSection();
const Section &finalTrainingSection();
const Section &supernetSection(); // what the supernet offers: its lists and switches
// validator: {kind: board, ...}, {kind: farm, ...} and {kind: table, ...} (the key `kind`
// chooses the section).
const Section &boardSection();
const Section &farmSection();
const Section &tableSection();
const Section &finetunerSection();                  // finetuner: the service, its platform id, certificates, waits
const Section &thresholdsSection();                 // decision_agreement
const Section &metricThresholdsSection(int metric); // thresholds.latency, .power, .energy, .memory_access
const std::vector<const Section *> &allSections();

// The keys a section's mapping may hold: its own and `others` (the nested sections, and
// the keys with a shape of their own).
std::set<std::string> keysOf(const Section &section, std::initializer_list<const char *> others = {});
// The section's choice of that key (a programming error when it has none).
const ChoiceField &choiceOf(const Section &section, const char *key);
const TextField &textOf(const Section &section, const char *key);
// "pre, post, both, offline or online"
std::string namesText(const std::vector<std::string> &names);

} // namespace calibra::pipeline::schema
