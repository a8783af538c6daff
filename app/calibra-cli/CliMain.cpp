// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliCommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace calibra::cli {

namespace {

QString overview(const std::vector<Command> &commands)
{
    QString text =
        QStringLiteral("Calibra: hardware-aware neural architecture search for edge accelerators.\n\nCommands:\n");
    for (const Command &c : commands)
        text += QStringLiteral("  %1  %2\n").arg(QLatin1String(c.name), -10).arg(QLatin1String(c.summary));
    return text + QStringLiteral("\n'calibra-cli COMMAND --help' describes a command.");
}

} // namespace

int cliMain(int argc, char *argv[], const std::vector<Command> &commands)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("calibra-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALIBRA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(overview(commands));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "calibra-cli: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("help")) || positional.isEmpty()) {
        std::fputs(qPrintable(parser.helpText()),
                   positional.isEmpty() && !parser.isSet(QStringLiteral("help")) ? stderr : stdout);
        return parser.isSet(QStringLiteral("help")) ? kExitOk : kExitUsage;
    }
    for (const Command &c : commands)
        if (positional.first() == QLatin1String(c.name))
            return c.run(positional.mid(1));
    std::fprintf(stderr, "calibra-cli: unknown command '%s'\n\n%s\n", qPrintable(positional.first()),
                 qPrintable(overview(commands)));
    return kExitUsage;
}

} // namespace calibra::cli
