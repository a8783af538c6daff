// SPDX-License-Identifier: GPL-3.0-or-later
#include "FinetunerConfig.h"

#include "base/YamlFields.h"

#include <set>

namespace calibra::finetuner {

using base::YamlFields;

const char *serviceValidatorKindName(ServiceValidatorKind k)
{
    switch (k) {
    case ServiceValidatorKind::Simulator: return "simulator";
    case ServiceValidatorKind::Board: return "board";
    }
    return "?";
}

namespace {

YAML::Node listField(const YamlFields &f, const char *key, const char *what)
{
    const YAML::Node list = f.raw(key);
    if (!list.IsSequence() || list.size() == 0)
        f.fail(f.field(key), std::string("must be a non-empty list of ") + what, list);
    return list;
}

ServedPlatform parsePlatform(const std::string &source, const YAML::Node &node, const std::string &path)
{
    const YamlFields p(source, node, path);
    p.allowOnly({"id", "platform", "predictor", "validator"});
    ServedPlatform out;
    out.id = p.text("id");
    out.platform = base::pathInFile(source, p.text("platform"));
    out.predictor = base::pathInFile(source, p.text("predictor", out.predictor));
    if (!p.has("validator"))
        return out;
    const YAML::Node v = p.raw("validator");
    if (v.IsScalar() && v.Scalar() == "simulator")
        return out;
    const YamlFields b(source, v, p.field("validator"));
    b.allowOnly({"kind", "services", "tls", "server_name", "deadline_s", "chunk_size"});
    const std::string kind = b.text("kind");
    if (kind == "simulator")
        return out;
    if (kind != "board")
        b.fail(b.field("kind"), "must be simulator or board", b.raw("kind"));
    out.validator = ServiceValidatorKind::Board;
    for (const YAML::Node &s : listField(b, "services", "host:port addresses"))
        out.board.services.push_back(s.as<std::string>());
    const YamlFields tls = b.child("tls");
    tls.allowOnly({"ca", "cert", "key"});
    out.board.caFile = base::pathInFile(source, tls.text("ca"));
    out.board.certFile = base::pathInFile(source, tls.text("cert"));
    out.board.keyFile = base::pathInFile(source, tls.text("key"));
    out.board.serverName = b.text("server_name", "");
    out.board.deadlineSeconds = b.number("deadline_s", 1, 86400, out.board.deadlineSeconds);
    out.board.chunkSize = b.integer("chunk_size", 1, 4096, out.board.chunkSize);
    return out;
}

} // namespace

FinetunerConfig parseFinetunerConfig(const std::string &text, const std::string &source)
{
    const YAML::Node doc = base::loadVersionedYaml(text, source, "calibra-finetuner-config", 1);
    const YamlFields f(source, doc);
    f.allowOnly({"format", "version", "listen", "tls", "clients", "store", "platforms", "limits"});
    FinetunerConfig c;
    c.source = source;
    c.listen = f.text("listen", c.listen);
    const YamlFields tls = f.child("tls");
    tls.allowOnly({"ca", "cert", "key"});
    c.caFile = base::pathInFile(source, tls.text("ca"));
    c.certFile = base::pathInFile(source, tls.text("cert"));
    c.keyFile = base::pathInFile(source, tls.text("key"));
    if (f.has("clients"))
        for (const YAML::Node &n : listField(f, "clients", "client certificate names"))
            c.clients.push_back(n.as<std::string>());
    c.store = base::pathInFile(source, f.text("store"));
    const YAML::Node platforms = listField(f, "platforms", "{id, platform, predictor, validator}");
    std::set<std::string> ids;
    for (size_t i = 0; i < platforms.size(); ++i) {
        const std::string path = "platforms[" + std::to_string(i) + "]";
        c.platforms.push_back(parsePlatform(source, platforms[i], path));
        if (!ids.insert(c.platforms.back().id).second)
            f.fail(path + ".id", "'" + c.platforms.back().id + "' is served twice", platforms[i]["id"]);
    }
    if (f.has("limits")) {
        const YamlFields l = f.child("limits");
        l.allowOnly({"max_networks_per_call", "max_message_mb"});
        c.maxNetworksPerCall = l.integer("max_networks_per_call", 1, 1000000, c.maxNetworksPerCall);
        c.maxMessageBytes = int(l.number("max_message_mb", 0.001, 2047, c.maxMessageBytes / 1048576.0) * 1048576.0);
    }
    return c;
}

FinetunerConfig loadFinetunerConfig(const std::string &path)
{
    return parseFinetunerConfig(base::readConfigFile(path, "finetuner configuration"), path);
}

} // namespace calibra::finetuner
