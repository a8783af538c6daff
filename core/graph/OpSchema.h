// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Per-operator knowledge in one table: attributes with types and defaults, input and
// output arity, shape inference, parameter tensors and MAC counting. Shape functions
// throw GraphError with a message about the inputs; the caller adds the node's name.
#include "Attributes.h"
#include "Network.h"
#include "OpType.h"

#include <functional>
#include <optional>
#include <vector>

namespace calibra::graph {

struct AttrSpec
{
    std::string name;
    AttrType type;
    std::optional<AttrValue> defaultValue; // nullopt: required
    int length = 0;                        // for Ints: required length (0: any); 1 value broadcasts
};

struct ParamSpec
{
    std::string role;
    Shape shape;
    bool trainable = true; // false for buffers (BatchNorm running statistics, constants)
};

using ShapeFn = std::function<std::vector<Shape>(const Node &, const std::vector<Shape> &)>;
using ParamFn = std::function<std::vector<ParamSpec>(const Node &, const std::vector<Shape> &)>;
using MacFn = std::function<int64_t(const Node &, const std::vector<Shape> &in, const std::vector<Shape> &out)>;

struct OpSchema
{
    OpType type;
    OpCategory category;
    int minInputs = 1;
    int maxInputs = 1;            // -1: unbounded
    bool variadicOutputs = false; // Split: as many outputs as the node lists
    std::vector<AttrSpec> attrs;
    ShapeFn inferShapes;
    ParamFn params; // may be empty: no parameters
    MacFn macs;     // may be empty: no multiply-accumulates (vector work only)
};

const OpSchema &schemaFor(OpType type);

// Fills defaults, broadcasts list attributes, rejects unknown or missing attributes and
// wrong types. Throws GraphError (without node prefix).
void normalizeAttributes(const OpSchema &schema, Attributes &attrs);

// Registration hooks, one per family file (ops/*.cpp).
void registerConvolutionOps(std::vector<OpSchema> &table);
void registerElementwiseOps(std::vector<OpSchema> &table);
void registerPoolingOps(std::vector<OpSchema> &table);
void registerTensorOps(std::vector<OpSchema> &table);
void registerNormAndAttentionOps(std::vector<OpSchema> &table);

} // namespace calibra::graph
