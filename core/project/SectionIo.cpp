// SPDX-License-Identifier: GPL-3.0-or-later
#include "SectionIo.h"

#include "base/ShortestNumber.h"
#include "graph/GraphError.h"
#include "graph/InputShapes.h"

#include <algorithm>
#include <filesystem>
#include <type_traits>
#include <variant>

namespace calibra::pipeline::schema {

using base::YamlFields;

namespace {

// Numbers as the shortest text that reads back exactly: 0.9 stays 0.9, and a run resumed
// from its stored project searches with the same budget to the last bit.
std::string exact(double v)
{
    return base::shortestText(v);
}

// A text as the project keeps it: an address checked, a path resolved against the file.
// An empty path is refused unless the text may be empty (then it stays empty: the default).
std::string shaped(const YamlFields &y, const char *key, const YAML::Node &at, TextShape shape, const Project &p,
                   bool mayBeEmpty = false)
{
    if (!at.IsScalar())
        y.fail(y.field(key), "must be text", at);
    const std::string value = at.Scalar();
    if (value.empty() && (shape == TextShape::Path || shape == TextShape::SharedPath)) {
        if (!mayBeEmpty)
            y.fail(y.field(key), "must name a file", at);
        return value;
    }
    switch (shape) {
    case TextShape::Plain: return value;
    case TextShape::Path: return resolvePath(p, value);
    case TextShape::SharedPath: return std::filesystem::absolute(resolvePath(p, value)).lexically_normal().string();
    case TextShape::Address:
        if (value.find(':') == std::string::npos)
            y.fail(y.field(key), "'" + value + "' is not host:port", at);
        return value;
    case TextShape::InputShapes: try { return graph::inputShapesSpec(graph::parseInputShapes(value, ""));
        } catch (const graph::GraphError &e) {
            // The message quotes the entry; the field and line come from fail().
            y.fail(y.field(key), e.what(), at);
        }
    }
    return value;
}

void readTexts(const YamlFields &y, const Section &section, Project &p)
{
    for (const TextField &t : section.texts) {
        if (y.has(t.key))
            *t.ref(p) = shaped(y, t.key, y.raw(t.key), t.shape, p, t.presence == Presence::OmitEmpty);
        else if (t.presence == Presence::Required)
            y.fail(y.field(t.key), "is missing");
    }
}

void readTextLists(const YamlFields &y, const Section &section, Project &p)
{
    for (const TextsField &l : section.textLists) {
        if (!y.has(l.key)) {
            if (l.required)
                y.fail(y.field(l.key), "is missing");
            continue;
        }
        const YAML::Node n = y.raw(l.key);
        std::visit(
            [&](auto *target) {
                using C = std::remove_pointer_t<decltype(target)>;
                C values;
                if constexpr (std::is_same_v<C, std::vector<std::string>>) {
                    if (!n.IsSequence() || (l.required && n.size() == 0))
                        y.fail(y.field(l.key),
                               std::string("must be a ") + (l.required ? "non-empty " : "") + "list of " + l.what, n);
                    for (const YAML::Node &item : n) {
                        if (!item.IsScalar() || item.Scalar().empty())
                            y.fail(y.field(l.key), std::string("must be a list of ") + l.what, item);
                        values.push_back(shaped(y, l.key, item, l.shape, p));
                    }
                } else {
                    if (!n.IsMap() || (l.required && n.size() == 0))
                        y.fail(y.field(l.key), std::string("must map ") + l.what, n);
                    for (const auto &entry : n) {
                        if (!entry.first.IsScalar())
                            y.fail(y.field(l.key), std::string("must map ") + l.what, entry.first);
                        values[entry.first.Scalar()] = shaped(y, l.key, entry.second, l.shape, p);
                    }
                }
                *target = std::move(values);
            },
            l.ref(p));
    }
}

void readNameLists(const YamlFields &y, const Section &section, Project &p)
{
    for (const NameListField &l : section.nameLists) {
        if (!y.has(l.key))
            continue;
        const YAML::Node n = y.raw(l.key);
        if (!n.IsSequence()) {
            std::string example;
            for (const std::string &name : l.names)
                example += (example.empty() ? "" : ", ") + name;
            y.fail(y.field(l.key), "must be a list such as [" + example + "]", n);
        }
        std::vector<int> indices;
        for (const YAML::Node &item : n) {
            const std::string name = item.IsScalar() ? item.Scalar() : std::string("?");
            const auto it = std::find(l.names.begin(), l.names.end(), name);
            if (it == l.names.end())
                y.fail(y.field(l.key),
                       "'" + name + "' is not " + namesText(l.names) + (*l.why ? std::string(" (") + l.why + ")" : ""),
                       item);
            const int index = int(it - l.names.begin());
            if (std::find(indices.begin(), indices.end(), index) == indices.end())
                indices.push_back(index);
        }
        l.set(p, indices);
    }
}

// Each number is checked against the list's range (and for kernel sizes, odd and whole),
// naming the list and the number.
void readLists(const YamlFields &y, const Section &section, Project &p)
{
    for (const ListField &l : section.lists) {
        if (!y.has(l.key))
            continue;
        const YAML::Node n = y.raw(l.key);
        if (!n.IsSequence())
            y.fail(y.field(l.key), "must be a list of numbers", n);
        std::vector<double> values;
        for (const YAML::Node &v : n) {
            double x = 0;
            try {
                x = v.as<double>();
            } catch (const YAML::Exception &) {
                y.fail(y.field(l.key), "must be a list of numbers", v);
            }
            if (!(x >= l.min && x <= l.max))
                y.fail(y.field(l.key),
                       "value " + v.as<std::string>() + " is outside " + base::shortestText(l.min) + " .. "
                           + base::shortestText(l.max),
                       v);
            if (l.oddWhole && (int64_t(x) != x || int64_t(x) % 2 == 0))
                y.fail(y.field(l.key), "kernel sizes must be odd whole numbers", v);
            values.push_back(x);
        }
        std::visit(
            [&](auto *list) {
                using T = typename std::remove_pointer_t<decltype(list)>::value_type;
                list->clear();
                for (const double x : values)
                    list->push_back(T(x));
            },
            l.ref(p));
    }
}

void readFields(const YamlFields &y, const Section &section, Project &p)
{
    for (const ScalarField &f : section.fields) {
        if (!y.has(f.key))
            continue;
        std::visit(
            [&](auto *value) {
                using T = std::remove_pointer_t<decltype(value)>;
                if constexpr (std::is_same_v<T, bool>)
                    *value = y.boolean(f.key, *value);
                else if constexpr (std::is_same_v<T, double>)
                    *value = y.number(f.key, f.min, f.max) * f.fileUnit;
                else
                    *value = T(y.integer(f.key, int(f.min), int(f.max)));
            },
            f.ref(p));
    }
}

// An unknown name is an error that lists the names it may be.
void readChoices(const YamlFields &y, const Section &section, Project &p)
{
    for (const ChoiceField &c : section.choices) {
        if (!y.has(c.key))
            continue;
        const std::string name = y.text(c.key);
        const auto it = std::find(c.names.begin(), c.names.end(), name);
        if (it == c.names.end())
            y.fail(y.field(c.key), "expected " + c.namesText() + ", not '" + name + "'", y.raw(c.key));
        c.set(p, int(it - c.names.begin()));
    }
}

void writeText(YAML::Emitter &out, const TextField &t, Project &p)
{
    if (t.presence != Presence::OmitEmpty || !t.ref(p)->empty())
        out << YAML::Key << t.key << YAML::Value << *t.ref(p);
}

} // namespace

void readSection(const YamlFields &y, const Section &section, Project &p, std::initializer_list<const char *> others)
{
    y.allowOnly(keysOf(section, others));
    readTexts(y, section, p);
    readTextLists(y, section, p);
    readChoices(y, section, p);
    readLists(y, section, p);
    readFields(y, section, p);
    readNameLists(y, section, p);
}

void writeText(YAML::Emitter &out, const Section &section, const char *key, Project &p)
{
    writeText(out, textOf(section, key), p);
}

void writeChoice(YAML::Emitter &out, const Section &section, const char *key, Project &p)
{
    const ChoiceField &c = choiceOf(section, key);
    out << YAML::Key << c.key << YAML::Value << c.names.at(size_t(c.get(p)));
}

void writeSection(YAML::Emitter &out, const Section &section, Project &p)
{
    for (const TextField &t : section.texts)
        writeText(out, t, p);
    for (const TextsField &l : section.textLists) {
        const bool empty = std::visit([](auto *target) { return target->empty(); }, l.ref(p));
        if (empty && !l.required)
            continue;
        out << YAML::Key << l.key << YAML::Value;
        std::visit(
            [&](auto *target) {
                using C = std::remove_pointer_t<decltype(target)>;
                if constexpr (std::is_same_v<C, std::vector<std::string>>) {
                    out << YAML::Flow << *target;
                } else {
                    out << YAML::BeginMap;
                    for (const auto &[name, value] : *target)
                        out << YAML::Key << name << YAML::Value << value;
                    out << YAML::EndMap;
                }
            },
            l.ref(p));
    }
    for (const ChoiceField &c : section.choices)
        writeChoice(out, section, c.key, p);
    for (const ListField &l : section.lists) {
        out << YAML::Key << l.key << YAML::Value << YAML::Flow << YAML::BeginSeq;
        std::visit(
            [&](auto *list) {
                for (const auto x : *list)
                    out << exact(double(x));
            },
            l.ref(p));
        out << YAML::EndSeq;
    }
    for (const ScalarField &f : section.fields) {
        out << YAML::Key << f.key << YAML::Value;
        std::visit(
            [&](auto *value) {
                using T = std::remove_pointer_t<decltype(value)>;
                if constexpr (std::is_same_v<T, double>)
                    out << exact(*value / f.fileUnit);
                else
                    out << *value;
            },
            f.ref(p));
    }
    for (const NameListField &l : section.nameLists) {
        const std::vector<int> indices = l.get(p);
        if (indices.empty())
            continue;
        out << YAML::Key << l.key << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const int i : indices)
            out << l.names.at(size_t(i));
        out << YAML::EndSeq;
    }
}

} // namespace calibra::pipeline::schema
