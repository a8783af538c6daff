// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The block structure of a network, as a person reading it would name it: a stem, stages
// of blocks (residual, inverted residual, depthwise-separable, attention, feed-forward,
// multi-branch, plain conv), a head or an upsampling tail. The supernet's choice points belong to
// these blocks; `calibra-cli supernet` and docs/supernet.md report what was found.
//
// Found from the graph alone, no names: a residual block is everything between an Add
// of two equal shapes and the latest node both its inputs depend on (so projection
// shortcuts count); a multi-branch block the same for a Concat, with the layer its
// branches share (SqueezeNet's squeeze conv); a separable block is a depthwise conv, the 1x1 conv after it and an
// expansion 1x1 conv before it if there is one; the tail starts at the upsampling op
// (transposed conv, depth-to-space, enlarging resize) after which nothing downsamples.
#include "graph/Network.h"

#include <string>
#include <vector>

namespace calibra::supernet {

enum class BlockKind {
    Stem,
    Residual,
    InvertedResidual,
    Separable,
    Attention,
    FeedForward,
    MultiBranch,
    Plain,
    Head,
    UpsamplingTail
};
const char *blockKindName(BlockKind kind);

struct Block
{
    BlockKind kind = BlockKind::Plain;
    std::vector<int> nodes; // indices into the network's nodes, ascending
    int stage = -1;         // stages count from 0; -1 for the stem, head and tail
    graph::Shape output;    // the shape its last node produces
};

struct BlockStructure
{
    std::vector<Block> blocks; // in the order the network runs them
    int stages = 0;
    std::vector<int> blockOfNode; // per node: its block's index, -1 for none (constants)
};

// `network` must be analyzed (shapes known). Never throws on an unusual graph: what fits
// no pattern becomes plain blocks.
BlockStructure findBlocks(const graph::Network &network);

// One line per stage and for the stem, head and tail: "stage 2: 3 inverted residual ->
// [1, 24, 14, 14]", and ", N choice points" when `choicesPerBlock` (per block) is given.
std::vector<std::string> describeBlocks(const BlockStructure &structure, const std::vector<int> &choicesPerBlock = {});

} // namespace calibra::supernet
