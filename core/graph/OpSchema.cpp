// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpSchema.h"

#include "GraphError.h"

#include <algorithm>

namespace calibra::graph {

static std::vector<OpSchema> buildTable()
{
    std::vector<OpSchema> table;
    registerConvolutionOps(table);
    registerElementwiseOps(table);
    registerPoolingOps(table);
    registerTensorOps(table);
    registerNormAndAttentionOps(table);
    std::sort(table.begin(), table.end(), [](const OpSchema &a, const OpSchema &b) { return a.type < b.type; });
    return table;
}

const OpSchema &schemaFor(OpType type)
{
    static const std::vector<OpSchema> table = buildTable();
    // Every OpType registers exactly one schema (tst_opschema checks it), so the
    // sorted table is indexed by the enum value.
    return table.at(static_cast<size_t>(type));
}

// Values in files are often written more loosely than the schema type: an int where
// a float is declared, a single int for a pair, a [h, w] pair for four paddings.
static AttrValue coerce(const AttrSpec &spec, const AttrValue &value)
{
    const AttrType have = attrTypeOf(value);
    if (have == spec.type) {
        if (spec.type == AttrType::Ints && spec.length > 0) {
            auto v = std::get<std::vector<int64_t>>(value);
            if (v.size() == 1)
                v.assign(size_t(spec.length), v[0]);
            else if (spec.length == 4 && v.size() == 2)
                v = {v[0], v[1], v[0], v[1]};
            if (int(v.size()) != spec.length)
                throw GraphError("attribute '" + spec.name + "' needs " + std::to_string(spec.length) + " values, got "
                                 + std::to_string(v.size()));
            return v;
        }
        return value;
    }
    if (spec.type == AttrType::Float && have == AttrType::Int)
        return double(std::get<int64_t>(value));
    if (spec.type == AttrType::Ints && have == AttrType::Int)
        return coerce(spec, std::vector<int64_t>{std::get<int64_t>(value)});
    if (spec.type == AttrType::Floats && have == AttrType::Ints) {
        const auto &v = std::get<std::vector<int64_t>>(value);
        return std::vector<double>(v.begin(), v.end());
    }
    if (spec.type == AttrType::Floats && (have == AttrType::Float || have == AttrType::Int))
        return std::vector<double>{have == AttrType::Int ? double(std::get<int64_t>(value)) : std::get<double>(value)};
    if (spec.type == AttrType::Ints && have == AttrType::Floats && std::get<std::vector<double>>(value).empty())
        return std::vector<int64_t>{};
    throw GraphError("attribute '" + spec.name + "' must be a " + attrTypeName(spec.type) + ", got "
                     + attrValueToString(value));
}

void normalizeAttributes(const OpSchema &schema, Attributes &attrs)
{
    for (const auto &entry : attrs.values()) {
        const std::string &name = entry.first;
        const bool known = std::any_of(schema.attrs.begin(), schema.attrs.end(),
                                       [&name](const AttrSpec &s) { return s.name == name; });
        if (!known) {
            std::string allowed;
            for (const auto &s : schema.attrs)
                allowed += (allowed.empty() ? "" : ", ") + s.name;
            throw GraphError("unknown attribute '" + name + "' (allowed: " + (allowed.empty() ? "none" : allowed)
                             + ")");
        }
    }
    for (const AttrSpec &spec : schema.attrs) {
        if (attrs.has(spec.name)) {
            attrs.set(spec.name, coerce(spec, attrs.values().at(spec.name)));
        } else if (spec.defaultValue) {
            attrs.set(spec.name, *spec.defaultValue);
        } else {
            throw GraphError("required attribute '" + spec.name + "' (" + attrTypeName(spec.type) + ") is missing");
        }
    }
}

} // namespace calibra::graph
