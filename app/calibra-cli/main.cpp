// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli: the headless entry point. Runs the commands that need no LibTorch itself
// and hands the others to calibra-cli-torch (CliCommands.h).
#include "CliCommands.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace calibra::cli;

namespace {

// Replaces this process with calibra-cli-torch running `command` (same arguments, same
// standard streams and signals). Tells it where the programs beside calibra-cli are,
// which jobs it submits run.
int runWithTorch(const char *command, const QStringList &arguments)
{
    const QString helper = QDir(QCoreApplication::applicationDirPath())
                               .absoluteFilePath(QStringLiteral(CALIBRA_CLI_TORCH_RELATIVE "/calibra-cli-torch"));
    qputenv("CALIBRA_PROGRAM_DIR", QFile::encodeName(QCoreApplication::applicationDirPath()));
    std::vector<QByteArray> args{"calibra-cli", command};
    for (const QString &a : arguments)
        args.push_back(QFile::encodeName(a));
    std::vector<char *> argv;
    for (QByteArray &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const QByteArray path = QFile::encodeName(helper);
    std::fflush(stdout);
    std::fflush(stderr);
    execv(path.constData(), argv.data());
    std::fprintf(stderr, "calibra-cli %s: cannot start %s: %s (is Calibra fully installed?)\n", command,
                 path.constData(), std::strerror(errno));
    return kExitFailure;
}

int predictor(const QStringList &arguments)
{
    return runWithTorch("predictor", arguments);
}
int run(const QStringList &arguments)
{
    return runWithTorch("run", arguments);
}
int farm(const QStringList &arguments)
{
    return runWithTorch("farm", arguments);
}

} // namespace

int main(int argc, char *argv[])
{
    static const std::vector<Command> commands = {
        {"inspect", "Print a network's per-layer table and totals (--json for JSON).", inspectCommand},
        {"convert", "Convert a network between Calibra YAML and ONNX.", convertCommand},
        {"networks", "List the built-in reference networks.", networksCommand},
        {"simulate", "Simulate networks on a platform with a target setting.", simulateCommand},
        {"platforms", "List the built-in platform presets.", platformsCommand},
        {"predictor", "train-offline | check | finetune | predict | evaluate the performance predictor.", predictor},
        {"run", "Run a project (or the built-in demo): checks, finetuning, search, final model, report.", run},
        {"board", "status | validate: reach calibra-board services (mutual TLS).", boardCommand},
        {"farm", "submit | status | cancel: searches and validations on a Slurm board farm.", farm},
        {"nas", "submit | status | watch | cancel | resume | fetch: searches on a NAS service (calibra-nas).",
         nasCommand},
        {"supernet", "Show a network's supernet: choice points, space size, sampled sub-networks.", supernetCommand},
    };
    return cliMain(argc, argv, commands);
}
