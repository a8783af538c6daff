// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the views show of a network's blocks (Blocks.h), computed here so that the views
// only draw: each block's kind and place ("stage 2, block 3"), which block each node is
// in, and the graph a DAG view lays out when some blocks are drawn as one node.
#include "supernet/Blocks.h"

#include <utility>
#include <vector>

namespace calibra::supernet {

struct BlockPlace
{
    BlockKind kind = BlockKind::Plain;
    int stage = -1;        // from 0; -1 for the stem, head and tail
    int indexInStage = -1; // from 0 within its stage; -1 outside the stages
    int nodeCount = 0;
};

struct NetworkBlocks
{
    std::vector<BlockPlace> blocks; // in the order the network runs them
    std::vector<int> blockOfNode;   // per node: its block, -1 for none
};

// Runs the block finder; `network` must be analyzed (shapes known).
NetworkBlocks placeBlocks(const graph::Network &network);

// The graph a view lays out: the network's inputs, then each node, except that the nodes
// of a collapsed block of two or more nodes become one item, placed where its first node
// was. Edges run between items, without duplicates or self-loops.
struct ViewGraph
{
    struct Item
    {
        int node = -1;  // index in Network::nodes; -1 for inputs and blocks
        int input = -1; // index in Network::inputs
        int block = -1; // the collapsed block this item draws
        int blockSize = 0;
    };
    std::vector<Item> items;
    std::vector<int> itemOfNode; // node -> the item that draws it
    std::vector<std::pair<int, int>> edges;
};

// `collapsedBlockOfNode` gives per node the block it is drawn inside, -1 when the node is
// drawn as itself (the views pass placeBlocks' blockOfNode with expanded blocks cleared).
// Throws std::invalid_argument when a node reads a tensor nothing produces.
ViewGraph buildViewGraph(const graph::Network &network, const std::vector<int> &collapsedBlockOfNode);

} // namespace calibra::supernet
