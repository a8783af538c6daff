// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Typed operator attributes. Every op declares its attributes (name, type, default) in
// its OpSchema; loaders convert file values to the declared type, so code reading an
// attribute never guesses.
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace calibra::graph {

enum class AttrType { Int, Bool, Float, String, Ints, Floats };

using AttrValue = std::variant<int64_t, bool, double, std::string, std::vector<int64_t>, std::vector<double>>;

const char *attrTypeName(AttrType type);
AttrType attrTypeOf(const AttrValue &value);
std::string attrValueToString(const AttrValue &value);

class Attributes
{
public:
    void set(const std::string &name, AttrValue value) { m_values[name] = std::move(value); }
    bool has(const std::string &name) const { return m_values.count(name) != 0; }
    void remove(const std::string &name) { m_values.erase(name); }

    // Typed getters. The schema guarantees presence and type after normalization;
    // a wrong type here is a programming error and throws GraphError.
    int64_t getInt(const std::string &name) const;
    bool getBool(const std::string &name) const;
    double getFloat(const std::string &name) const;
    const std::string &getString(const std::string &name) const;
    const std::vector<int64_t> &getInts(const std::string &name) const;
    const std::vector<double> &getFloats(const std::string &name) const;

    const std::map<std::string, AttrValue> &values() const { return m_values; }
    bool operator==(const Attributes &other) const { return m_values == other.m_values; }

private:
    const AttrValue &at(const std::string &name) const;
    std::map<std::string, AttrValue> m_values;
};

} // namespace calibra::graph
