// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliCommands.h"

#include "graph/GraphError.h"

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
        // Qt writes the program's path where the usage should name the subcommand.
        QString help = parser.helpText();
        const qsizetype options = help.indexOf(QLatin1String("[options]"));
        if (help.startsWith(QLatin1String("Usage: ")) && options > 0 && options < help.indexOf(QLatin1Char('\n')))
            help.replace(0, options, QStringLiteral("Usage: calibra-cli ") + QLatin1String(name) + QLatin1Char(' '));
        std::fputs(qPrintable(help), stdout);
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

QCommandLineOption inputShapeOption(NetworkCount networks)
{
    return QCommandLineOption(
        QStringLiteral("input-shape"),
        QStringLiteral("The size of an ONNX input exported with symbolic dimensions: 1x3x224x224 for the only input, "
                       "NAME=1x3x224x224 for a named one (repeat for several inputs)%1.")
            .arg(networks == NetworkCount::Several ? QStringLiteral("; applies to each network that needs it")
                                                   : QString()),
        QStringLiteral("SHAPE"));
}

graph::InputShapes inputShapesOf(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    return graph::parseInputShapes(parser.values(option).join(QLatin1Char(' ')).toStdString(), "--input-shape");
}

graph::Network loadNetworkSizedIfOnnx(const std::string &path, const graph::InputShapes &inputShapes)
{
    try {
        return graph::loadNetwork(path);
    } catch (const graph::SymbolicInputError &) {
        if (inputShapes.empty())
            throw;
        return graph::loadNetwork(path, inputShapes);
    }
}

} // namespace calibra::cli
