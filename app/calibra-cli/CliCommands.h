#pragma once
// The subcommands of calibra-cli. Each takes the arguments after its name and returns
// the process exit code (see kExit*).
#include <QStringList>

namespace calibra::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1; // the input was wrong (file, network, setting)
inline constexpr int kExitUsage = 2;   // the command line was wrong

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

const std::vector<Command> &commands();

} // namespace calibra::cli
