// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// YAML as Calibra reads every file (networks, platforms, settings, projects, board
// configurations): one document, no byte-order mark, no key twice in a mapping. yaml-cpp
// accepts all three silently: a second document would be ignored and a repeated key
// would hide one of its values, and the docs promise that nothing written in a file is
// ignored. The callers turn the error into their own, naming the file.
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>

namespace calibra::base {

class StrictYamlError : public std::runtime_error
{
public:
    StrictYamlError(int line, const std::string &what) : std::runtime_error(what), m_line(line) {}
    int line() const { return m_line; } // 1-based
private:
    int m_line;
};

// Throws YAML::Exception for malformed YAML (as YAML::Load does) and StrictYamlError for
// a byte-order mark, a second document or a repeated key (naming the key and the line of
// its first use).
YAML::Node loadStrictYaml(const std::string &text);

} // namespace calibra::base
