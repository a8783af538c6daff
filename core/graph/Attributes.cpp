// SPDX-License-Identifier: GPL-3.0-or-later
#include "Attributes.h"

#include "GraphError.h"

#include <sstream>

namespace calibra::graph {

const char *attrTypeName(AttrType type)
{
    switch (type) {
    case AttrType::Int: return "int";
    case AttrType::Bool: return "bool";
    case AttrType::Float: return "float";
    case AttrType::String: return "string";
    case AttrType::Ints: return "list of ints";
    case AttrType::Floats: return "list of floats";
    }
    return "?";
}

AttrType attrTypeOf(const AttrValue &value)
{
    return static_cast<AttrType>(value.index());
}

std::string attrValueToString(const AttrValue &value)
{
    std::ostringstream s;
    std::visit(
        [&s](const auto &v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>)
                s << (v ? "true" : "false");
            else if constexpr (std::is_same_v<T, std::vector<int64_t>> || std::is_same_v<T, std::vector<double>>) {
                s << '[';
                for (size_t i = 0; i < v.size(); ++i)
                    s << (i ? ", " : "") << v[i];
                s << ']';
            } else
                s << v;
        },
        value);
    return s.str();
}

const AttrValue &Attributes::at(const std::string &name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end())
        throw GraphError("attribute '" + name + "' is missing");
    return it->second;
}

template <typename T> static const T &typed(const AttrValue &v, const std::string &name, AttrType expected)
{
    if (const T *p = std::get_if<T>(&v))
        return *p;
    throw GraphError("attribute '" + name + "' is a " + attrTypeName(attrTypeOf(v)) + ", expected a "
                     + attrTypeName(expected));
}

int64_t Attributes::getInt(const std::string &n) const
{
    return typed<int64_t>(at(n), n, AttrType::Int);
}
bool Attributes::getBool(const std::string &n) const
{
    return typed<bool>(at(n), n, AttrType::Bool);
}
double Attributes::getFloat(const std::string &n) const
{
    return typed<double>(at(n), n, AttrType::Float);
}
const std::string &Attributes::getString(const std::string &n) const
{
    return typed<std::string>(at(n), n, AttrType::String);
}
const std::vector<int64_t> &Attributes::getInts(const std::string &n) const
{
    return typed<std::vector<int64_t>>(at(n), n, AttrType::Ints);
}
const std::vector<double> &Attributes::getFloats(const std::string &n) const
{
    return typed<std::vector<double>>(at(n), n, AttrType::Floats);
}

} // namespace calibra::graph
