// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli-torch: the calibra-cli commands that link LibTorch (CliCommands.h). Started
// by calibra-cli, which it replaces; not meant to be run by hand.
#include "CliCommands.h"

int main(int argc, char *argv[])
{
    static const std::vector<calibra::cli::Command> commands = {
        {"predictor", "train-offline | check | finetune | predict | evaluate the performance predictor.",
         calibra::cli::predictorCommand},
        {"run", "Run a project (or the built-in demo).", calibra::cli::runCommand},
        {"farm", "submit | status | cancel: searches and validations on a Slurm board farm.",
         calibra::cli::farmCommand},
    };
    return calibra::cli::cliMain(argc, argv, commands);
}
