// SPDX-License-Identifier: GPL-3.0-or-later
#include "InputShapes.h"

#include "GraphError.h"
#include "OnnxFormat.h"

#include <charconv>
#include <sstream>

namespace calibra::graph {

namespace {

std::string expected(const std::string &what, const std::string &entry, const std::string &why)
{
    return (what.empty() ? "" : what + " ") + "'" + entry + "': " + why
           + " (expected 1x3x224x224, or NAME=1x3x224x224 for a named input)";
}

Shape parseDims(const std::string &dims, const std::string &what, const std::string &entry)
{
    Shape shape;
    for (size_t begin = 0; begin <= dims.size();) {
        const size_t end = std::min(dims.find_first_of("xX", begin), dims.size());
        int64_t d = 0;
        const char *first = dims.data() + begin, *last = dims.data() + end;
        const auto [ptr, ec] = std::from_chars(first, last, d);
        if (first == last || ec != std::errc() || ptr != last)
            throw GraphError(expected(what, entry, "'" + std::string(first, last) + "' is not a whole number"));
        if (d <= 0 || d > kMaxDimension)
            throw GraphError(expected(
                what, entry, "a size must be 1 to " + std::to_string(kMaxDimension) + ", not " + std::to_string(d)));
        shape.push_back(d);
        begin = end + 1;
    }
    return shape;
}

} // namespace

InputShapes parseInputShapes(const std::string &spec, const std::string &what)
{
    InputShapes shapes;
    std::istringstream entries(spec);
    std::string entry;
    while (entries >> entry) {
        const size_t eq = entry.rfind('=');
        const std::string name = eq == std::string::npos ? std::string(kOnlyInput) : entry.substr(0, eq);
        if (eq != std::string::npos && name.empty())
            throw GraphError(expected(what, entry, "no input name before '='"));
        if (shapes.count(name))
            throw GraphError(
                expected(what, entry,
                         name.empty() ? "two sizes without an input name" : "a second size for input '" + name + "'"));
        shapes[name] = parseDims(eq == std::string::npos ? entry : entry.substr(eq + 1), what, entry);
    }
    return shapes;
}

std::string inputShapesSpec(const InputShapes &shapes)
{
    std::string spec;
    for (const auto &[name, shape] : shapes)
        spec += (spec.empty() ? "" : " ") + (name.empty() ? "" : name + "=") + shapeSpec(shape);
    return spec;
}

} // namespace calibra::graph
