// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A project's scalar fields (numbers and switches), each declared once: its section and
// key in the file, where it lives in Project, its range (ProjectLimits.h where the GUI
// shows it too) and its unit in the file. The project reader and writer go through these
// tables; the fields with a shape of their own (choices, lists, paths, the validator)
// are read and written beside them in Project.cpp. Defaults are Project's initializers.
#include "Project.h"

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

struct Section
{
    const char *key; // the mapping in the file ("agg" is inside "check")
    std::vector<ScalarField> fields;
};

const Section &checkSection();
const Section &aggSection();
const Section &searchSection();
const Section &constraintsSection();
const Section &oneShotSection();
const Section &finalTrainingSection();
const std::vector<const Section *> &allSections();

// The keys a section's mapping may hold: its fields' and `others` (the keys with a shape
// of their own).
std::set<std::string> keysOf(const Section &section, std::initializer_list<const char *> others = {});

} // namespace calibra::pipeline::schema
