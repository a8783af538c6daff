// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading typed, range-checked fields from a YAML mapping with messages that name the
// file, the line and the dotted field path (as InputError): platforms, target settings,
// projects and board configurations are read through it.
#include "InputError.h"

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

namespace calibra::base {

class YamlFields
{
public:
    YamlFields(std::string source, YAML::Node map, std::string path = {})
        : m_source(std::move(source)), m_map(std::move(map)), m_path(std::move(path))
    {
    }

    [[noreturn]] void fail(const std::string &field, const std::string &what, const YAML::Node &at = {}) const;

    bool has(const char *key) const { return m_map[key].IsDefined(); }
    YamlFields child(const char *key) const; // a required mapping
    YAML::Node raw(const char *key) const { return m_map[key]; }

    double number(const char *key, double min, double max) const;
    double number(const char *key, double min, double max, double fallback) const;
    int integer(const char *key, int min, int max) const;
    int integer(const char *key, int min, int max, int fallback) const;
    std::string text(const char *key) const;
    std::string text(const char *key, const std::string &fallback) const;
    bool boolean(const char *key, bool fallback) const; // true or false

    // Rejects keys not in `allowed` (typos would otherwise be silently ignored).
    void allowOnly(const std::set<std::string> &allowed) const;
    std::string field(const char *key) const { return m_path.empty() ? key : m_path + "." + key; }
    const std::string &source() const { return m_source; }

private:
    YAML::Node require(const char *key) const;

    std::string m_source;
    YAML::Node m_map;
    std::string m_path;
};

// A path as written in the file `source`: a relative one is taken relative to that file's
// folder (and made absolute: services hand such paths to programs that run elsewhere);
// an empty, absolute or builtin: one stays as it is.
std::string pathInFile(const std::string &source, const std::string &path);
// The whole text of a configuration file; InputError "PATH: cannot read the WHAT" if not.
std::string readConfigFile(const std::string &path, const char *what);

// Loads a YAML document and checks `format:` and `version:`.
YAML::Node loadVersionedYaml(const std::string &text, const std::string &source, const char *format, int version);

} // namespace calibra::base
