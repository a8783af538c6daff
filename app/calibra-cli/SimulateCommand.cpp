// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli simulate / platforms: the local simulator from the command line.
#include "CliCommands.h"

#include "base/ShortestNumber.h"
#include "graph/NetworkFile.h"
#include "hardware/HostPlatform.h"
#include "hardware/Simulator.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cstdio>

namespace calibra::cli {

using namespace hardware;

namespace {

QJsonObject totalsJson(const SimulationResult &r)
{
    return {{"latency_ms", r.latencySeconds * 1e3},
            {"energy_mj", r.energyJoules * 1e3},
            {"average_power_mw", r.averagePowerWatts * 1e3},
            {"dram_read_bytes", r.dramReadBytes},
            {"dram_write_bytes", r.dramWriteBytes},
            {"dram_mb", r.dramBytes() / 1e6},
            {"macs", r.macs},
            {"groups", r.groups},
            {"energy_breakdown_mj", QJsonObject{{"mac", r.macEnergy * 1e3},
                                                {"vector", r.vectorEnergy * 1e3},
                                                {"sram", r.sramEnergy * 1e3},
                                                {"dram", r.dramEnergy * 1e3},
                                                {"leakage", r.leakageEnergy * 1e3}}}};
}

void printTable(const SimulationResult &r, const std::string &network, const Platform &p, const TargetSetting &s,
                bool perLayer)
{
    if (perLayer) {
        std::printf("%-48s %11s %11s %11s %9s  %s\n", "layer (group)", "latency us", "energy uJ", "DRAM KB", "bound",
                    "note");
        for (const LayerReport &l : r.layers) {
            const std::string name = l.layers.size() > 48 ? l.layers.substr(0, 45) + "..." : l.layers;
            std::printf("%-48s %11.2f %11.3f %11.1f %9s  %s\n", name.c_str(), l.latencySeconds * 1e6,
                        l.energyJoules * 1e6, l.dramBytes / 1e3, l.computeBound ? "compute" : "memory", l.note.c_str());
        }
        std::printf("\n");
    }
    std::printf("%s on %s (%s, %s fusion, %s, %.0f MHz, %d core%s, %.0f KiB SRAM%s)\n", network.c_str(), p.name.c_str(),
                dataflowName(s.dataflow), fusionName(s.fusion), precisionName(s.precision), s.dvfsMhz, s.activeCores,
                s.activeCores == 1 ? "" : "s", s.sramBudgetKiB,
                s.dramCapGBps > 0 ? (", DRAM capped at " + base::shortestText(s.dramCapGBps) + " GB/s").c_str() : "");
    std::printf("  latency %.3f ms, energy %.3f mJ, average power %.1f mW, DRAM %.2f MB (%.2f read, %.2f written), "
                "%.1f M MACs in %d groups\n",
                r.latencySeconds * 1e3, r.energyJoules * 1e3, r.averagePowerWatts * 1e3, r.dramBytes() / 1e6,
                r.dramReadBytes / 1e6, r.dramWriteBytes / 1e6, r.macs / 1e6, r.groups);
    std::printf("  energy: MAC %.3f, vector %.3f, SRAM %.3f, DRAM %.3f, leakage %.3f mJ\n", r.macEnergy * 1e3,
                r.vectorEnergy * 1e3, r.sramEnergy * 1e3, r.dramEnergy * 1e3, r.leakageEnergy * 1e3);
}

} // namespace

static QJsonObject resultJson(const SimulationResult &r, const std::string &network, const Platform &p,
                              const TargetSetting &s)
{
    QJsonArray layers;
    for (const LayerReport &l : r.layers)
        layers.append(QJsonObject{{"layers", QString::fromStdString(l.layers)},
                                  {"latency_us", l.latencySeconds * 1e6},
                                  {"energy_uj", l.energyJoules * 1e6},
                                  {"dram_bytes", l.dramBytes},
                                  {"macs", l.macs},
                                  {"bound", l.computeBound ? "compute" : "memory"},
                                  {"note", QString::fromStdString(l.note)}});
    return {{"network", QString::fromStdString(network)},
            {"platform", QString::fromStdString(p.name)},
            {"setting", QString::fromStdString(targetSettingToYaml(s))},
            {"totals", totalsJson(r)},
            {"layers", layers}};
}

int simulateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Simulates networks on an accelerator platform with a target setting: latency, energy, average power and "
        "DRAM traffic (docs/simulator.md).\nNETWORK is a .yaml, .onnx or .onnx.gz file or builtin:NAME; with "
        "several, --json prints a list in argument order."));
    parser.addPositionalArgument(QStringLiteral("NETWORK..."), QStringLiteral("The networks to simulate."));
    const QCommandLineOption platform({QStringLiteral("p"), QStringLiteral("platform")},
                                      QStringLiteral("Platform file or builtin:NAME (see 'calibra-cli platforms')."),
                                      QStringLiteral("P"));
    const QCommandLineOption setting({QStringLiteral("s"), QStringLiteral("setting")},
                                     QStringLiteral("Target-setting file; default: the platform's fastest setting."),
                                     QStringLiteral("S"));
    const QCommandLineOption perLayer(QStringLiteral("per-layer"), QStringLiteral("Also print every execution group."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON (one object per network)."));
    const QCommandLineOption inputShape = inputShapeOption(NetworkCount::Several);
    parser.addOptions({platform, setting, perLayer, json, inputShape});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "simulate", 1, 1 << 30, code))
        return code;
    if (!parser.isSet(platform)) {
        std::string names;
        for (const std::string &n : builtinPlatformNames())
            names += " builtin:" + n;
        std::fprintf(stderr, "calibra-cli simulate: --platform is required (built-in:%s)\n", names.c_str());
        return kExitUsage;
    }
    try {
        const Platform p = loadPlatform(parser.value(platform).toStdString());
        const TargetSetting s =
            parser.isSet(setting) ? loadTargetSetting(parser.value(setting).toStdString(), p) : defaultSetting(p);
        QJsonArray all;
        const QStringList networks = parser.positionalArguments();
        const graph::InputShapes sizes = inputShapesOf(parser, inputShape);
        for (const QString &networkPath : networks) {
            const graph::Network net = loadNetworkSizedIfOnnx(networkPath.toStdString(), sizes);
            const SimulationResult r =
                simulate(lowerNetwork(net), p, s, {parser.isSet(perLayer) || parser.isSet(json)});
            if (parser.isSet(json))
                all.append(resultJson(r, net.name, p, s));
            else
                printTable(r, net.name, p, s, parser.isSet(perLayer));
        }
        if (parser.isSet(json)) {
            // One network: its object, as before several were accepted; several: a list.
            const QJsonDocument doc = all.size() == 1 ? QJsonDocument(all.first().toObject()) : QJsonDocument(all);
            std::fputs(doc.toJson(QJsonDocument::Indented).constData(), stdout);
        }
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("simulate", e);
    }
}

int platformsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Lists the built-in platform presets, or describes this machine's CPU as a platform file "
                       "(for the host-measurement backend: docs/board.md)."));
    const QCommandLineOption describeHost(
        QStringLiteral("describe-host"),
        QStringLiteral("Print a platform file for this machine's CPU: CPUs, SIMD width, cache and frequency read from "
                       "the machine, DRAM bandwidth measured (about 0.2 s), the rest assumed and said so."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("With --describe-host: write it to FILE."), QStringLiteral("FILE"));
    parser.addOptions({describeHost, output});
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "platforms", 0, 0, code))
        return code;
    if (parser.isSet(describeHost)) {
        try {
            const std::string yaml = hardware::hostPlatformYaml(hardware::readHostFacts());
            hardware::parsePlatformYaml(yaml, "the host's platform"); // what it writes must load
            if (!parser.isSet(output)) {
                std::fputs(yaml.c_str(), stdout);
                return kExitOk;
            }
            QSaveFile f(parser.value(output));
            if (!f.open(QIODevice::WriteOnly) || f.write(yaml.data(), qint64(yaml.size())) != qint64(yaml.size())
                || !f.commit())
                throw std::runtime_error(parser.value(output).toStdString()
                                         + ": cannot write: " + f.errorString().toStdString());
            std::printf("wrote %s\n", qPrintable(parser.value(output)));
            return kExitOk;
        } catch (const std::exception &e) {
            return reportError("platforms", e);
        }
    } else if (parser.isSet(output)) {
        std::fprintf(stderr, "calibra-cli platforms: --output goes with --describe-host\n");
        return kExitUsage;
    }
    for (const std::string &name : builtinPlatformNames()) {
        const Platform p = loadPlatform("builtin:" + name);
        const double tops = 2.0 * p.arrayRows * p.arrayCols * p.cores * p.dvfs.back().mhz * 1e6 / 1e12;
        std::printf("builtin:%-14s %5.1f TOPS int8  %s\n", name.c_str(), tops, p.description.c_str());
    }
    return kExitOk;
}

} // namespace calibra::cli
