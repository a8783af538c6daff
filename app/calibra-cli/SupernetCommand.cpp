// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli supernet: what the supernet of a network offers, and sampled sub-networks.
#include "CliCommands.h"

#include "graph/Cost.h"
#include "graph/NetworkFile.h"
#include "graph/NetworkSummary.h"
#include "supernet/Blocks.h"
#include "supernet/Supernet.h"

#include <QCommandLineParser>

#include <cstdio>
#include <map>

namespace calibra::cli {

int supernetCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Derives the supernet of a network: its choice points (kernel sizes, widths, skippable residual blocks, "
        "input resolution, operation substitutions with --substitutions), the size of the space, and sampled "
        "sub-networks with their parameters and MACs."));
    parser.addPositionalArgument(QStringLiteral("NETWORK"), QStringLiteral(".yaml, .onnx, .onnx.gz or builtin:NAME"));
    const QCommandLineOption samples(QStringLiteral("samples"), QStringLiteral("Sub-networks to sample (default 5)."),
                                     QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
                                  QStringLiteral("SEED"), QStringLiteral("1"));
    const QCommandLineOption substitutions(
        QStringLiteral("substitutions"),
        QStringLiteral("Also offer operation substitutions (conv <-> depthwise-separable, "
                       "transposed conv <-> conv + depth-to-space)."));
    const QCommandLineOption inputShape = inputShapeOption();
    parser.addOptions({samples, seed, substitutions, inputShape});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "supernet", 1, 1, code))
        return code;
    try {
        supernet::SupernetOptions options;
        options.substitutions = parser.isSet(substitutions);
        const supernet::Supernet s(
            graph::loadNetwork(parser.positionalArguments().at(0).toStdString(), inputShapesOf(parser, inputShape)),
            options);
        std::map<std::string, int> kinds;
        for (const supernet::ChoicePoint &c : s.choices())
            ++kinds[supernet::choiceKindName(c.kind)];
        std::printf("%s: %zu choice points (", s.reference().name.c_str(), s.choices().size());
        bool first = true;
        for (const auto &[kind, count] : kinds) {
            std::printf("%s%d %s", first ? "" : ", ", count, kind.c_str());
            first = false;
        }
        std::printf("), space of 10^%.1f sub-networks\n", s.log10SpaceSize());
        // Where the choices are: the blocks found, with their choice points (a
        // resolution choice belongs to the input, not to a block).
        const supernet::BlockStructure blocks = supernet::findBlocks(s.reference());
        std::vector<int> perBlock(blocks.blocks.size(), 0);
        for (const supernet::ChoicePoint &c : s.choices())
            if (!c.nodes.empty() && blocks.blockOfNode[size_t(c.nodes[0])] >= 0)
                ++perBlock[size_t(blocks.blockOfNode[size_t(c.nodes[0])])];
        for (const std::string &l : supernet::describeBlocks(blocks, perBlock))
            std::printf("  %s\n", l.c_str());
        // The input sizes offered: rounded to multiples of 16, they may reach past the scales.
        for (const supernet::ChoicePoint &c : s.choices())
            if (c.kind == supernet::ChoiceKind::Resolution) {
                std::printf("  input '%s': resolutions", c.name.c_str());
                for (size_t o = 0; o < c.options.size(); ++o)
                    std::printf("%s %lldx%lld%s", o == 0 ? "" : ",", static_cast<long long>(c.options[o]),
                                static_cast<long long>(c.options[o]),
                                int(o) == c.referenceOption ? " (reference)" : "");
                std::printf("\n");
            }
        auto line = [&s](const char *label, const supernet::Genotype &g) {
            const graph::Cost c = graph::networkCost(s.decode(g)).total;
            std::printf("  %-10s %10s params %10s MACs  %s\n", label, graph::humanCount(c.params).c_str(),
                        graph::humanCount(c.macs).c_str(), s.describe(g).c_str());
        };
        line("reference", s.referenceGenotype());
        if (s.choices().empty())
            return kExitOk;
        line("smallest", s.smallestGenotype());
        line("largest", s.largestGenotype());
        std::mt19937_64 rng(parser.value(seed).toULongLong());
        for (int i = 0, n = parser.value(samples).toInt(); i < n; ++i)
            line(("sample " + std::to_string(i + 1)).c_str(), s.sample(rng));
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("supernet", e);
    }
}

} // namespace calibra::cli
