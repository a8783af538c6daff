// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The subcommands of calibra-cli. Each takes the arguments after its name and returns
// the process exit code (see kExit*).
//
// Two programs share them: calibra-cli itself runs the commands that need no LibTorch
// (networks, the simulator, the supernet's structure, the board), so they start in a
// few milliseconds; for predictor, run and farm it replaces itself with
// calibra-cli-torch, installed beside it in libexec, which links LibTorch.
#include "graph/InputShapes.h"

#include <QCommandLineOption>
#include <QStringList>

#include <exception>
#include <vector>

class QCommandLineParser;

namespace calibra::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1; // the input was wrong (file, network, setting)
inline constexpr int kExitUsage = 2;   // the command line was wrong
// `run`: the run finished, but it has no final model, or that model breaks the limits
// (or could not be validated against them), or is flagged as not to be trusted. A
// script that ships what a run hands back stops here; the report says why.
inline constexpr int kExitNotMet = 3;

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

// The program's main: dispatches argv[1] to one of `commands`.
int cliMain(int argc, char *argv[], const std::vector<Command> &commands);

// Shared by the command files: parses a subcommand's options, prints help or the
// error, and sets `exitCode` when it returns false.
bool parseSubcommand(QCommandLineParser &parser, const QStringList &arguments, const char *name, int minPositional,
                     int maxPositional, int &exitCode);
int reportError(const char *command, const std::exception &e);

// How many networks a command reads: several apply --input-shape to each that needs it.
enum class NetworkCount { One, Several };
// --input-shape [NAME=]1x3x224x224, repeatable: sizes for an ONNX network's inputs exported
// with symbolic dimensions.
QCommandLineOption inputShapeOption(NetworkCount networks = NetworkCount::One);
graph::InputShapes inputShapesOf(const QCommandLineParser &parser, const QCommandLineOption &option);
// One of several networks given on the command line: `inputShapes` are given to it only
// when it has symbolic input sizes (the others keep theirs, and may be of another size).
graph::Network loadNetworkSizedIfOnnx(const std::string &path, const graph::InputShapes &inputShapes);

int inspectCommand(const QStringList &arguments);
int convertCommand(const QStringList &arguments);
int networksCommand(const QStringList &arguments);
int simulateCommand(const QStringList &arguments);
int platformsCommand(const QStringList &arguments);
int predictorCommand(const QStringList &arguments);
int supernetCommand(const QStringList &arguments);
int runCommand(const QStringList &arguments);
int boardCommand(const QStringList &arguments);
int farmCommand(const QStringList &arguments);
int nasCommand(const QStringList &arguments);

} // namespace calibra::cli
