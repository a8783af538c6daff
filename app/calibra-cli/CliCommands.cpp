#include "CliCommands.h"

#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "graph/NetworkFile.h"
#include "graph/NetworkSummary.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cstdio>

namespace calibra::cli {

bool parseSubcommand(QCommandLineParser &parser, const QStringList &arguments, const char *name, int minPositional,
                     int maxPositional, int &exitCode)
{
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("calibra-cli ") + QLatin1String(name)} + arguments)) {
        std::fprintf(stderr, "calibra-cli %s: %s\n", name, qPrintable(parser.errorText()));
        exitCode = kExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        exitCode = kExitOk;
        return false;
    }
    const int count = int(parser.positionalArguments().size());
    if (count < minPositional || count > maxPositional) {
        std::fprintf(stderr, "calibra-cli %s: expected %d argument%s, got %d (see --help)\n", name, minPositional,
                     minPositional == 1 ? "" : "s", count);
        exitCode = kExitUsage;
        return false;
    }
    return true;
}

int reportError(const char *command, const std::exception &e)
{
    std::fprintf(stderr, "calibra-cli %s: error: %s\n", command, e.what());
    return kExitFailure;
}

namespace {

int inspect(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints a network's layers (op, output shape, parameters, MACs) and totals.\n"
        "NETWORK is a .yaml, .onnx or .onnx.gz file, or builtin:NAME (see 'calibra-cli networks')."));
    parser.addPositionalArgument(QStringLiteral("NETWORK"), QStringLiteral("The network to inspect."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object instead of a table."));
    parser.addOption(json);
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "inspect", 1, 1, code))
        return code;
    try {
        const graph::Network net = graph::loadNetwork(parser.positionalArguments().at(0).toStdString());
        const graph::NetworkCost cost = graph::networkCost(net);
        if (parser.isSet(json))
            std::fputs(QJsonDocument(graph::networkSummaryJson(net, cost)).toJson(QJsonDocument::Indented).constData(), stdout);
        else
            std::fputs(graph::networkSummaryTable(net, cost).c_str(), stdout);
        return kExitOk;
    } catch (const std::exception &e) { // GraphError, and bad_alloc on absurd files
        return reportError("inspect", e);
    }
}

int convert(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Converts a network between Calibra YAML and ONNX (the output type follows OUTPUT's extension)."));
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral(".yaml, .onnx, .onnx.gz or builtin:NAME"));
    parser.addPositionalArgument(QStringLiteral("OUTPUT"), QStringLiteral(".yaml or .onnx"));
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "convert", 2, 2, code))
        return code;
    try {
        const graph::Network net = graph::loadNetwork(parser.positionalArguments().at(0).toStdString());
        graph::saveNetwork(net, parser.positionalArguments().at(1).toStdString());
        std::printf("wrote %s (%zu nodes)\n", qPrintable(parser.positionalArguments().at(1)), net.nodes.size());
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("convert", e);
    }
}

int networks(const QStringList &arguments)
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

} // namespace

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
        {"inspect", "Print a network's per-layer table and totals (--json for JSON).", inspect},
        {"convert", "Convert a network between Calibra YAML and ONNX.", convert},
        {"networks", "List the built-in reference networks.", networks},
        {"simulate", "Simulate a network on a platform with a target setting.", simulateCommand},
        {"platforms", "List the built-in platform presets.", platformsCommand},
        {"predictor", "train-offline | check | finetune the performance predictor.", predictorCommand},
        {"run", "Run a project (or the built-in demo): checks, finetuning, search, final model, report.", runCommand},
        {"board", "status | validate: reach calibra-board services (mutual TLS).", boardCommand},
        {"farm", "submit | status | cancel: searches and validations on a Slurm board farm.", farmCommand},
        {"supernet", "Show a network's supernet: choice points, space size, sampled sub-networks.", supernetCommand},
    };
    return list;
}

} // namespace calibra::cli
