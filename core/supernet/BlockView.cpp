// SPDX-License-Identifier: GPL-3.0-or-later
#include "supernet/BlockView.h"

#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace calibra::supernet {

NetworkBlocks placeBlocks(const graph::Network &network)
{
    const BlockStructure structure = findBlocks(network);
    NetworkBlocks out;
    std::vector<int> blocksInStage(size_t(std::max(structure.stages, 0)), 0);
    for (const Block &block : structure.blocks) {
        BlockPlace place;
        place.kind = block.kind;
        place.nodeCount = int(block.nodes.size());
        if (block.stage >= 0 && size_t(block.stage) < blocksInStage.size()) {
            place.stage = block.stage;
            place.indexInStage = blocksInStage[size_t(block.stage)]++;
        }
        out.blocks.push_back(place);
    }
    out.blockOfNode.assign(network.nodes.size(), -1);
    for (size_t i = 0; i < network.nodes.size() && i < structure.blockOfNode.size(); ++i)
        out.blockOfNode[i] = structure.blockOfNode[i];
    return out;
}

ViewGraph buildViewGraph(const graph::Network &network, const std::vector<int> &collapsedBlockOfNode)
{
    const auto blockOf = [&](size_t node) {
        return node < collapsedBlockOfNode.size() ? collapsedBlockOfNode[node] : -1;
    };
    ViewGraph view;
    std::map<std::string, int> producer;
    for (size_t i = 0; i < network.inputs.size(); ++i) {
        producer[network.inputs[i].name] = int(view.items.size());
        view.items.push_back({-1, int(i), -1, 0});
    }
    std::map<int, int> blockSize;
    for (size_t i = 0; i < network.nodes.size(); ++i)
        if (const int b = blockOf(i); b >= 0)
            ++blockSize[b];
    std::map<int, int> itemOfBlock;
    view.itemOfNode.assign(network.nodes.size(), -1);
    for (size_t i = 0; i < network.nodes.size(); ++i) {
        const int b = blockOf(i);
        if (b >= 0 && blockSize[b] >= 2) {
            auto [it, added] = itemOfBlock.try_emplace(b, int(view.items.size()));
            if (added)
                view.items.push_back({-1, -1, b, blockSize[b]});
            view.itemOfNode[i] = it->second;
        } else {
            view.itemOfNode[i] = int(view.items.size());
            view.items.push_back({int(i), -1, -1, 0});
        }
        for (const std::string &t : network.nodes[i].outputs)
            producer[t] = view.itemOfNode[i];
    }
    std::set<std::pair<int, int>> seen;
    for (size_t i = 0; i < network.nodes.size(); ++i)
        for (const std::string &t : network.nodes[i].inputs) {
            const auto from = producer.find(t);
            if (from == producer.end())
                throw std::invalid_argument("node '" + network.nodes[i].name + "' reads '" + t
                                            + "', which no input or node produces");
            const std::pair<int, int> edge{from->second, view.itemOfNode[i]};
            if (edge.first != edge.second && seen.insert(edge).second)
                view.edges.push_back(edge);
        }
    return view;
}

} // namespace calibra::supernet
