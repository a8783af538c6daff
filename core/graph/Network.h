// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The network IR: a DAG of operator nodes connected by named tensors (as in ONNX, so
// multi-output ops such as Split need no special case). Built by loaders or
// NetworkBuilder, then completed by analyzeNetwork(), which checks the structure,
// orders the nodes topologically and infers every tensor shape.
#include "Attributes.h"
#include "OpType.h"
#include "Shape.h"

#include <map>
#include <string>
#include <vector>

namespace calibra::graph {

// A parameter tensor of a node. `data` is empty when only the structure is known
// (networks built from YAML, or ONNX exported without weights).
struct WeightTensor
{
    Shape shape;
    std::vector<float> data;
    bool operator==(const WeightTensor &) const = default;
};

struct Node
{
    std::string name;
    OpType op = OpType::ReLU;
    std::vector<std::string> inputs;  // tensor names
    std::vector<std::string> outputs; // tensor names
    Attributes attrs;
    std::map<std::string, WeightTensor> weights; // by role: "weight", "bias", ...
    int sourceLine = 0;                          // 1-based line in the file it came from; 0 if none

    // Filled by analyzeNetwork().
    std::vector<Shape> inputShapes;
    std::vector<Shape> outputShapes;
};

struct TensorDecl
{
    std::string name;
    Shape shape;
    bool operator==(const TensorDecl &) const = default;
};

class Network
{
public:
    std::string name;
    std::vector<TensorDecl> inputs;
    std::vector<std::string> outputs;
    std::vector<Node> nodes; // topologically ordered after analyzeNetwork()
    std::string sourceFile;  // for error messages; empty for built networks
    // The name of the batch dimension where an ONNX file declared every input's batch
    // symbolic (read as the size given, 1 by default); empty where it is fixed. ONNX
    // export writes it back where every op keeps the batch apart (docs/formats.md).
    std::string batchSymbol;

    const Node *findNode(const std::string &nodeName) const;
    // The shape of a tensor (graph input or node output); nullptr if unknown.
    const Shape *tensorShape(const std::string &tensor) const;
    // Index of the node producing `tensor`, -1 for graph inputs or unknown tensors.
    int producerOf(const std::string &tensor) const;
    // Node indices consuming `tensor`.
    std::vector<int> consumersOf(const std::string &tensor) const;

    // Prefix for messages: "file.yaml:12: " or "" for nodes without a source.
    std::string locate(const Node &node) const;
};

// Validates and completes a network in place: unique names, known producers for every
// input (dangling inputs are named), no cycles (the nodes on a cycle are named),
// attributes normalized against their schema, shapes inferred and checked, declared
// weights matching the shapes the attributes imply. Throws GraphError.
void analyzeNetwork(Network &network);

// True when two analyzed networks describe the same computation: same inputs, outputs,
// node names, ops, connections, attributes and weights (shapes and data).
bool sameNetwork(const Network &a, const Network &b, std::string *firstDifference = nullptr);

} // namespace calibra::graph
