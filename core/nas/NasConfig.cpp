// SPDX-License-Identifier: GPL-3.0-or-later
#include "NasConfig.h"

#include "base/YamlFields.h"
#include "graph/NetworkFile.h"

#include <filesystem>

namespace calibra::nas {

using base::YamlFields;

namespace {

// Absolute: the paths go into each request's project file, which the worker reads from
// the request's own directory.
std::string relativeTo(const std::string &source, const std::string &path)
{
    if (path.empty() || std::filesystem::path(path).is_absolute())
        return path;
    return std::filesystem::absolute(std::filesystem::path(source).parent_path() / path).lexically_normal().string();
}

} // namespace

NasConfig parseNasConfig(const std::string &text, const std::string &source)
{
    const YAML::Node doc = base::loadVersionedYaml(text, source, "calibra-nas-config", 1);
    const YamlFields f(source, doc);
    f.allowOnly({"format", "version", "listen", "tls", "clients", "runs", "worker", "max_running", "finetuner_tls"});
    NasConfig c;
    c.source = source;
    c.listen = f.text("listen", c.listen);
    const YamlFields tls = f.child("tls");
    tls.allowOnly({"ca", "cert", "key"});
    c.caFile = relativeTo(source, tls.text("ca"));
    c.certFile = relativeTo(source, tls.text("cert"));
    c.keyFile = relativeTo(source, tls.text("key"));
    if (f.has("clients")) {
        const YAML::Node list = f.raw("clients");
        if (!list.IsSequence())
            f.fail("clients", "must be a list of client certificate names", list);
        for (const YAML::Node &n : list)
            c.clients.push_back(n.as<std::string>());
    }
    c.runs = relativeTo(source, f.text("runs"));
    c.worker = relativeTo(source, f.text("worker", ""));
    c.maxRunning = f.integer("max_running", 1, 1024, c.maxRunning);
    if (f.has("finetuner_tls")) {
        const YamlFields t = f.child("finetuner_tls");
        t.allowOnly({"ca", "cert", "key"});
        c.finetunerCa = relativeTo(source, t.text("ca"));
        c.finetunerCert = relativeTo(source, t.text("cert"));
        c.finetunerKey = relativeTo(source, t.text("key"));
    }
    return c;
}

NasConfig loadNasConfig(const std::string &path)
{
    std::string text;
    try {
        text = graph::readFileBytes(path);
    } catch (const std::exception &) {
        throw base::InputError(path + ": cannot read the NAS service configuration");
    }
    return parseNasConfig(text, path);
}

} // namespace calibra::nas
