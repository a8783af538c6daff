// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One exception type for everything that can be wrong with a network description:
// files, shapes, structure. The message is complete and meant for the user; it names
// the file and line and/or the node where that is known.
#include <stdexcept>
#include <string>
#include <utility>

namespace calibra::graph {

class GraphError : public std::runtime_error
{
public:
    explicit GraphError(const std::string &message) : std::runtime_error(message) {}
};

// An ONNX input with symbolic dimensions and no size given for it: the caller may ask the
// user for one and load again (graph/InputShapes.h).
class SymbolicInputError : public GraphError
{
public:
    SymbolicInputError(const std::string &message, std::string input, std::string sizeTemplate)
        : GraphError(message), m_input(std::move(input)), m_template(std::move(sizeTemplate))
    {
    }
    const std::string &input() const { return m_input; }
    // The size with a "?" for each dimension to give: "1x3x?x?".
    const std::string &sizeTemplate() const { return m_template; }

private:
    std::string m_input, m_template;
};

// "node 'conv1' (Conv2d)" style prefix used by every node-level error.
std::string describeNode(const std::string &name, const std::string &opName);

} // namespace calibra::graph
