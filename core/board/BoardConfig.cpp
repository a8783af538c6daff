// SPDX-License-Identifier: GPL-3.0-or-later
#include "BoardConfig.h"

#include "base/YamlFields.h"

namespace calibra::board {

using base::YamlFields;

const char *backendKindName(BackendKind k)
{
    switch (k) {
    case BackendKind::Simulator: return "simulator";
    case BackendKind::Host: return "host";
    case BackendKind::Command: return "command";
    }
    return "?";
}

BoardConfig parseBoardConfig(const std::string &text, const std::string &source)
{
    const YAML::Node doc = base::loadVersionedYaml(text, source, "calibra-board-config", 1);
    const YamlFields f(source, doc);
    f.allowOnly(
        {"format", "version", "listen", "target_class", "user", "tls", "clients", "backend", "limits", "expose"});
    BoardConfig c;
    c.source = source;
    c.listen = f.text("listen", c.listen);
    c.user = f.text("user", "");

    const YamlFields tls = f.child("tls");
    tls.allowOnly({"ca", "cert", "key"});
    c.caFile = base::pathInFile(source, tls.text("ca"));
    c.certFile = base::pathInFile(source, tls.text("cert"));
    c.keyFile = base::pathInFile(source, tls.text("key"));

    if (f.has("clients")) {
        const YAML::Node list = f.raw("clients");
        if (!list.IsSequence())
            f.fail("clients", "must be a list of {name, max_requests_per_second, burst}", list);
        for (size_t i = 0; i < list.size(); ++i) {
            const YamlFields cl(source, list[i], "clients[" + std::to_string(i) + "]");
            cl.allowOnly({"name", "max_requests_per_second", "burst"});
            ClientRule r;
            r.commonName = cl.text("name");
            r.maxRequestsPerSecond = cl.number("max_requests_per_second", 0.001, 1e6, r.maxRequestsPerSecond);
            r.burst = cl.integer("burst", 1, 1000000, r.burst);
            c.clients.push_back(r);
        }
    }

    const YamlFields b = f.child("backend");
    b.allowOnly({"kind", "platform", "warmup_runs", "timed_runs", "min_seconds", "precision_percent", "max_seconds",
                 "command", "timeout_s", "hold_s"});
    const std::string kind = b.text("kind");
    if (kind == "simulator")
        c.backend = BackendKind::Simulator;
    else if (kind == "host")
        c.backend = BackendKind::Host;
    else if (kind == "command")
        c.backend = BackendKind::Command;
    else
        b.fail(b.field("kind"), "must be simulator, host or command", b.raw("kind"));
    c.platform = base::pathInFile(source, b.text("platform", c.platform));
    c.warmupRuns = b.integer("warmup_runs", 0, 10000, c.warmupRuns);
    c.timedRuns = b.integer("timed_runs", 1, 100000, c.timedRuns);
    c.minSeconds = b.number("min_seconds", 0, 3600, c.minSeconds);
    c.precision = b.number("precision_percent", 0.01, 100, c.precision * 100) / 100;
    c.maxSeconds = b.number("max_seconds", 0, 3600, c.maxSeconds);
    c.commandTimeoutSeconds = b.number("timeout_s", 0.1, 1e6, c.commandTimeoutSeconds);
    c.holdSeconds = b.number("hold_s", 0, 3600, c.holdSeconds);
    if (c.holdSeconds > 0 && c.backend != BackendKind::Simulator)
        b.fail(b.field("hold_s"), "only the simulator backend holds the board for a set time", b.raw("hold_s"));
    if (b.has("command")) {
        const YAML::Node cmd = b.raw("command");
        if (!cmd.IsSequence() || cmd.size() == 0)
            b.fail(b.field("command"), "must be a non-empty list: program and arguments", cmd);
        for (const YAML::Node &a : cmd)
            c.command.push_back(a.as<std::string>());
        // A program named with a folder is found beside the file; a bare name on PATH.
        if (c.command[0].find('/') != std::string::npos)
            c.command[0] = base::pathInFile(source, c.command[0]);
    }
    if (c.backend == BackendKind::Command && c.command.empty())
        b.fail(b.field("command"), "the command backend needs a command", b.raw("kind"));

    if (f.has("limits")) {
        const YamlFields l = f.child("limits");
        l.allowOnly({"max_message_mb", "max_networks_per_batch", "max_nodes", "max_gmacs", "max_batch_s"});
        c.maxMessageBytes = int(l.number("max_message_mb", 0.001, 1024, c.maxMessageBytes / 1048576.0) * 1048576.0);
        c.maxNetworksPerBatch = l.integer("max_networks_per_batch", 1, 100000, c.maxNetworksPerBatch);
        c.maxNodes = l.integer("max_nodes", 1, 10000000, c.maxNodes);
        c.maxMacs = l.number("max_gmacs", 1e-6, 1e6, c.maxMacs / 1e9) * 1e9;
        c.maxBatchSeconds = l.number("max_batch_s", 0.1, 1e6, c.maxBatchSeconds);
    }
    if (f.has("expose")) {
        const YamlFields e = f.child("expose");
        e.allowOnly({"per_layer"});
        c.exposePerLayer = e.boolean("per_layer", false);
    }
    c.targetClass = f.text("target_class", "");
    return c;
}

BoardConfig loadBoardConfig(const std::string &path)
{
    return parseBoardConfig(base::readConfigFile(path, "board configuration"), path);
}

} // namespace calibra::board
