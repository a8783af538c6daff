// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading and writing a project file's sections through their declarations
// (ProjectSchema.h): every field, choice, list and text of a section in one call, checked
// as declared, with messages that name the file, the line and the field.
#include "ProjectSchema.h"

#include "base/YamlFields.h"

#include <yaml-cpp/yaml.h>

namespace calibra::pipeline::schema {

// Reads what the mapping `y` holds of `section` into `p` (whatever it leaves out keeps
// its value; a required text or list that is missing is an error). Keys other than the
// section's own and `others` (nested sections, keys with a shape of their own) are refused.
void readSection(const base::YamlFields &y, const Section &section, Project &p,
                 std::initializer_list<const char *> others = {});

// Writes the section into the open mapping: its texts, lists of texts, choices, lists of
// numbers, fields and lists of names, each in its table's order; texts declared
// OmitEmpty, optional lists of texts and lists of names only when they hold something.
void writeSection(YAML::Emitter &out, const Section &section, Project &p);
// One text or choice of the section, for a mapping written in an order of its own.
void writeText(YAML::Emitter &out, const Section &section, const char *key, Project &p);
void writeChoice(YAML::Emitter &out, const Section &section, const char *key, Project &p);

} // namespace calibra::pipeline::schema
