// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli inspect / convert / networks: networks from the command line.
#include "CliCommands.h"

#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "graph/NetworkFile.h"
#include "graph/NetworkSummary.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cstdio>

namespace calibra::cli {

int inspectCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints a network's layers (op, output shape, parameters, MACs) and totals.\n"
                       "NETWORK is a .yaml, .onnx or .onnx.gz file, or builtin:NAME (see 'calibra-cli networks')."));
    parser.addPositionalArgument(QStringLiteral("NETWORK"), QStringLiteral("The network to inspect."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object instead of a table."));
    const QCommandLineOption inputShape = inputShapeOption();
    parser.addOptions({json, inputShape});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "inspect", 1, 1, code))
        return code;
    try {
        const graph::Network net =
            graph::loadNetwork(parser.positionalArguments().at(0).toStdString(), inputShapesOf(parser, inputShape));
        const graph::NetworkCost cost = graph::networkCost(net);
        if (parser.isSet(json))
            std::fputs(QJsonDocument(graph::networkSummaryJson(net, cost)).toJson(QJsonDocument::Indented).constData(),
                       stdout);
        else
            std::fputs(graph::networkSummaryTable(net, cost).c_str(), stdout);
        return kExitOk;
    } catch (const std::exception &e) { // GraphError, and bad_alloc on absurd files
        return reportError("inspect", e);
    }
}

int convertCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Converts a network between Calibra YAML and ONNX (the output type follows OUTPUT's extension)."));
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral(".yaml, .onnx, .onnx.gz or builtin:NAME"));
    parser.addPositionalArgument(QStringLiteral("OUTPUT"), QStringLiteral(".yaml or .onnx"));
    const QCommandLineOption inputShape = inputShapeOption();
    parser.addOption(inputShape);
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "convert", 2, 2, code))
        return code;
    try {
        const graph::Network net =
            graph::loadNetwork(parser.positionalArguments().at(0).toStdString(), inputShapesOf(parser, inputShape));
        graph::saveNetwork(net, parser.positionalArguments().at(1).toStdString());
        std::printf("wrote %s (%zu nodes)\n", qPrintable(parser.positionalArguments().at(1)), net.nodes.size());
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("convert", e);
    }
}

int networksCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists the built-in reference networks."));
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "networks", 0, 0, code))
        return code;
    for (const std::string &name : graph::builtinNetworkNames()) {
        const graph::Network net = graph::loadNetwork(graph::kBuiltinPrefix + name);
        const graph::Cost total = graph::networkCost(net).total;
        std::printf("builtin:%-22s input %-18s %10s params %10s MACs\n", name.c_str(),
                    graph::shapeToString(net.inputs.at(0).shape).c_str(), graph::humanCount(total.params).c_str(),
                    graph::humanCount(total.macs).c_str());
    }
    return kExitOk;
}

} // namespace calibra::cli
