// SPDX-License-Identifier: GPL-3.0-or-later
#include "YamlFields.h"

#include "StrictYaml.h"
#include "WholeFile.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace calibra::base {

void YamlFields::fail(const std::string &field, const std::string &what, const YAML::Node &at) const
{
    std::string where = m_source;
    const YAML::Node &n = at.IsDefined() ? at : m_map;
    if (!n.Mark().is_null())
        where += ":" + std::to_string(n.Mark().line + 1);
    throw InputError(where + ": " + field + ": " + what);
}

YAML::Node YamlFields::require(const char *key) const
{
    const YAML::Node v = m_map[key];
    if (!v.IsDefined())
        fail(field(key), "is missing");
    return v;
}

YamlFields YamlFields::child(const char *key) const
{
    const YAML::Node v = require(key);
    if (!v.IsMap())
        fail(field(key), "must be a mapping", v);
    return YamlFields(m_source, v, field(key));
}

namespace {

// "4", "0.01", "1000000000": a range as the user would write it, not "4.000000".
std::string shortNumber(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.15g", v);
    return b;
}

} // namespace

double YamlFields::number(const char *key, double min, double max) const
{
    const YAML::Node v = require(key);
    double d = 0;
    const std::string s = v.IsScalar() ? v.Scalar() : std::string();
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (!v.IsScalar() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(d))
        fail(field(key), "must be a number, got '" + s + "'", v);
    if (d < min || d > max)
        fail(field(key), s + " is out of range [" + shortNumber(min) + ", " + shortNumber(max) + "]", v);
    return d;
}

double YamlFields::number(const char *key, double min, double max, double fallback) const
{
    return has(key) ? number(key, min, max) : fallback;
}

int YamlFields::integer(const char *key, int min, int max) const
{
    const double d = number(key, min, max);
    if (d != std::floor(d))
        fail(field(key), "must be a whole number", m_map[key]);
    return int(d);
}

int YamlFields::integer(const char *key, int min, int max, int fallback) const
{
    return has(key) ? integer(key, min, max) : fallback;
}

std::string YamlFields::text(const char *key) const
{
    const YAML::Node v = require(key);
    if (!v.IsScalar())
        fail(field(key), "must be text", v);
    return v.Scalar();
}

std::string YamlFields::text(const char *key, const std::string &fallback) const
{
    return has(key) ? text(key) : fallback;
}

bool YamlFields::boolean(const char *key, bool fallback) const
{
    if (!has(key))
        return fallback;
    try {
        return m_map[key].as<bool>();
    } catch (const YAML::Exception &) {
        fail(field(key), "must be true or false", m_map[key]);
    }
}

void YamlFields::allowOnly(const std::set<std::string> &allowed) const
{
    for (auto it = m_map.begin(); it != m_map.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("?");
        if (!allowed.count(key)) {
            std::string list;
            for (const auto &a : allowed)
                list += (list.empty() ? "" : ", ") + a;
            fail(field(key.c_str()), "unknown field (allowed: " + list + ")", it->first);
        }
    }
}

YAML::Node loadVersionedYaml(const std::string &text, const std::string &source, const char *format, int version)
{
    YAML::Node root;
    try {
        root = loadStrictYaml(text);
    } catch (const YAML::Exception &e) {
        throw InputError(source + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
    } catch (const StrictYamlError &e) {
        throw InputError(source + ":" + std::to_string(e.line()) + ": " + e.what());
    }
    if (!root.IsMap() || !root["format"].IsScalar() || root["format"].Scalar() != format)
        throw InputError(source + ": not a " + format + " file (expected 'format: " + format + "')");
    const YamlFields f(source, root);
    const int v = f.integer("version", 1, 1000);
    if (v > version)
        f.fail("version", std::to_string(v) + " is newer than this Calibra reads (" + std::to_string(version) + ")");
    return root;
}

std::string pathInFile(const std::string &source, const std::string &path)
{
    namespace fs = std::filesystem;
    if (path.empty() || path.rfind("builtin:", 0) == 0 || fs::path(path).is_absolute())
        return path;
    return fs::absolute(fs::path(source).parent_path() / path).lexically_normal().string();
}

std::string readConfigFile(const std::string &path, const char *what)
{
    std::optional<std::string> text = readWholeFile(path);
    if (!text)
        throw InputError(path + ": cannot read the " + what);
    return std::move(*text);
}

} // namespace calibra::base
