// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One exception type for everything that can be wrong with a network description:
// files, shapes, structure. The message is complete and meant for the user; it names
// the file and line and/or the node where that is known.
#include <stdexcept>
#include <string>

namespace calibra::graph {

class GraphError : public std::runtime_error
{
public:
    explicit GraphError(const std::string &message) : std::runtime_error(message) {}
};

// "node 'conv1' (Conv2d)" style prefix used by every node-level error.
std::string describeNode(const std::string &name, const std::string &opName);

} // namespace calibra::graph
