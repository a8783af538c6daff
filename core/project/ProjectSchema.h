// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A project's scalar fields (numbers and switches) and choices, each declared once: its
// section and key in the file, where it lives in Project, and its range (ProjectLimits.h
// where the GUI shows it too) and unit in the file, or the names it may take. The project
// reader and writer go through these tables; the fields with a shape of their own (paths,
// addresses, lists of names, the target setting) are read and written beside them in
// Project.cpp.
// Defaults are Project's initializers.
#include "Project.h"

#include <functional>
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

struct Section
{
    const char *key; // the mapping in the file ("" the top level)
    std::vector<ScalarField> fields;
    std::vector<ChoiceField> choices;
    const char *parent = ""; // the mapping that holds it: "check" for "agg", "" the top level
    std::vector<ListField> lists;
};

const Section &topSection(); // the top level's choices: accuracy_estimator, mode

const Section &checkSection();
const Section &aggSection();
const Section &searchSection();
const Section &constraintsSection();
const Section &oneShotSection();
const Section &finalTrainingSection();
const Section &supernetSection(); // what the supernet offers: its lists and switches
// validator: {kind: board, ...} and {kind: farm, ...}: their numbers (the addresses and
// certificate paths have shapes of their own).
const Section &boardSection();
const Section &farmSection();
const Section &finetunerSection();  // finetuner: its waits (the address and paths have shapes of their own)
const Section &thresholdsSection(); // decision_agreement
const Section &metricThresholdsSection(int metric); // thresholds.latency, .power, .energy, .memory_access
const std::vector<const Section *> &allSections();

// The keys a section's mapping may hold: its fields', its choices', its lists' and `others`
// (the keys with a shape of their own).
std::set<std::string> keysOf(const Section &section, std::initializer_list<const char *> others = {});
// The section's choice of that key (a programming error when it has none).
const ChoiceField &choiceOf(const Section &section, const char *key);

} // namespace calibra::pipeline::schema
