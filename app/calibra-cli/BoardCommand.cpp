// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli board status | validate: talk to calibra-board services from the command
// line (a connection test, and one-off validations).
#include "CliCommands.h"

#include "graph/NetworkFile.h"
#include "hardware/TargetSetting.h"
#include "project/Project.h"
#include "boardclient/BoardValidator.h"

#include <QCommandLineParser>

#include <cmath>
#include <cstdio>

namespace calibra::cli {

namespace {

struct ConnectionOptions
{
    QCommandLineOption project{QStringLiteral("project"),
                               QStringLiteral("Take the services and certificates from a "
                                              "project's validator section."),
                               QStringLiteral("FILE")};
    QCommandLineOption service{QStringLiteral("service"), QStringLiteral("A service address (repeatable)."),
                               QStringLiteral("HOST:PORT")};
    QCommandLineOption ca{QStringLiteral("ca"), QStringLiteral("The services' CA certificate (PEM)."),
                          QStringLiteral("FILE")};
    QCommandLineOption cert{QStringLiteral("cert"), QStringLiteral("This client's certificate (PEM)."),
                            QStringLiteral("FILE")};
    QCommandLineOption key{QStringLiteral("key"), QStringLiteral("This client's key (PEM)."), QStringLiteral("FILE")};

    void add(QCommandLineParser &parser) const { parser.addOptions({project, service, ca, cert, key}); }

    validate::BoardConnection read(const QCommandLineParser &parser) const
    {
        validate::BoardConnection c;
        if (parser.isSet(project)) {
            const pipeline::Project p = pipeline::loadProject(parser.value(project).toStdString());
            if (p.validator != pipeline::ValidatorKind::Board)
                throw std::runtime_error(p.file + ": the project validates with '"
                                         + pipeline::validatorKindName(p.validator) + "', not a board");
            c = p.board;
        }
        for (const QString &s : parser.values(service))
            c.services.push_back(s.toStdString());
        if (parser.isSet(ca))
            c.caFile = parser.value(ca).toStdString();
        if (parser.isSet(cert))
            c.certFile = parser.value(cert).toStdString();
        if (parser.isSet(key))
            c.keyFile = parser.value(key).toStdString();
        if (c.services.empty() || c.caFile.empty() || c.certFile.empty() || c.keyFile.empty())
            throw std::runtime_error("give --project FILE, or --service, --ca, --cert and --key");
        return c;
    }
};

int status(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Asks each board service for its capabilities (a connection test)."));
    ConnectionOptions o;
    o.add(parser);
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "board status", 0, 0, code))
        return code;
    try {
        int reachable = 0;
        for (const validate::ServiceStatus &s : validate::BoardValidator::probe(o.read(parser))) {
            if (!s.reachable) {
                std::printf("%-24s  FAILED: %s\n", s.address.c_str(), s.error.c_str());
                continue;
            }
            ++reachable;
            const auto joined = [](const std::vector<std::string> &names) {
                std::string out;
                for (const std::string &n : names)
                    out += (out.empty() ? "" : ", ") + n;
                return out;
            };
            std::printf("%-24s  ok: backend %s, target %s, metrics %s, at most %d networks per batch\n",
                        s.address.c_str(), s.backend.c_str(), s.targetClass.c_str(), joined(s.metrics).c_str(),
                        s.maxNetworksPerBatch);
            if (!s.ignoredSettingFields.empty())
                std::printf("%-24s  target-setting fields it does not apply: %s\n", "",
                            joined(s.ignoredSettingFields).c_str());
        }
        return reachable > 0 ? kExitOk : kExitFailure;
    } catch (const std::exception &e) {
        return reportError("board status", e);
    }
}

int validateNetworks(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Validates networks on the board services with a target setting."));
    parser.addPositionalArgument(QStringLiteral("NETWORK..."), QStringLiteral("Network files or builtin:NAME."));
    ConnectionOptions o;
    o.add(parser);
    const QCommandLineOption platform(
        {QStringLiteral("p"), QStringLiteral("platform")},
        QStringLiteral("The platform the setting is written for (default builtin:edge-npu-s)."),
        QStringLiteral("PLATFORM"), QStringLiteral("builtin:edge-npu-s"));
    const QCommandLineOption setting({QStringLiteral("s"), QStringLiteral("setting")},
                                     QStringLiteral("Target-setting file; default: the platform's fastest setting."),
                                     QStringLiteral("FILE"));
    parser.addOptions({platform, setting});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "board validate", 1, 1000, code))
        return code;
    try {
        const hardware::Platform p = hardware::loadPlatform(parser.value(platform).toStdString());
        const hardware::TargetSetting s = parser.isSet(setting)
                                              ? hardware::loadTargetSetting(parser.value(setting).toStdString(), p)
                                              : hardware::defaultSetting(p);
        validate::BoardValidator board(o.read(parser));
        std::vector<validate::ValidationRequest> batch;
        for (const QString &n : parser.positionalArguments())
            batch.push_back({std::make_shared<graph::Network>(graph::loadNetwork(n.toStdString())), s});
        const std::vector<validate::Metrics> results = board.validate(batch, nullptr);
        std::printf("%-28s %12s %12s %12s %12s %12s %12s %12s\n", "network", "latency ms", "95% high ms", "spread %",
                    "p90 ms", "power mW", "DRAM MB", "peak mem MB");
        const auto cell = [](double v, double scale) {
            char buf[32];
            if (!std::isfinite(v))
                return std::string("n/a");
            std::snprintf(buf, sizeof buf, "%.4g", v * scale);
            return std::string(buf);
        };
        bool allOk = true;
        for (size_t i = 0; i < results.size(); ++i) {
            const validate::Metrics &m = results[i];
            if (!m.ok) {
                allOk = false;
                std::printf("%-28s FAILED: %s\n", batch[i].network->name.c_str(), m.error.c_str());
                continue;
            }
            std::printf("%-28s %12s %12s %12s %12s %12s %12s %12s\n", batch[i].network->name.c_str(),
                        cell(m.latencyMs, 1).c_str(), m.latencyHighMs > 0 ? cell(m.latencyHighMs, 1).c_str() : "n/a",
                        m.latencyHighMs > 0 ? cell(m.latencySpread, 100).c_str() : "n/a",
                        m.latencyP90Ms > 0 ? cell(m.latencyP90Ms, 1).c_str() : "n/a", cell(m.averagePowerMw, 1).c_str(),
                        cell(m.dramBytes, 1e-6).c_str(),
                        m.peakMemoryBytes > 0 ? cell(m.peakMemoryBytes, 1e-6).c_str() : "n/a");
        }
        std::printf("backend %s\n", board.backendId().c_str());
        return allOk ? kExitOk : kExitFailure;
    } catch (const std::exception &e) {
        return reportError("board validate", e);
    }
}

} // namespace

int boardCommand(const QStringList &arguments)
{
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("status"))
        return status(arguments.mid(1));
    if (sub == QLatin1String("validate"))
        return validateNetworks(arguments.mid(1));
    std::fprintf(stderr, "calibra-cli board: expected 'status' or 'validate' (then --help)\n");
    return sub == QLatin1String("--help") ? kExitOk : kExitUsage;
}

} // namespace calibra::cli
