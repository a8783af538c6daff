// SPDX-License-Identifier: GPL-3.0-or-later
#include "NasConfig.h"

#include "base/YamlFields.h"

namespace calibra::nas {

using base::YamlFields;

const char *containerKindName(ContainerKind kind)
{
    switch (kind) {
    case ContainerKind::Local: return "local";
    case ContainerKind::Slurm: return "slurm";
    }
    return "?";
}

bool parseContainerKind(const std::string &name, ContainerKind *out)
{
    for (ContainerKind k : {ContainerKind::Local, ContainerKind::Slurm})
        if (name == containerKindName(k)) {
            *out = k;
            return true;
        }
    return false;
}

NasConfig parseNasConfig(const std::string &text, const std::string &source)
{
    const YAML::Node doc = base::loadVersionedYaml(text, source, "calibra-nas-config", 1);
    const YamlFields f(source, doc);
    f.allowOnly({"format", "version", "listen", "tls", "clients", "runs", "worker", "max_running", "container", "slurm",
                 "finetuner_tls"});
    NasConfig c;
    c.source = source;
    c.listen = f.text("listen", c.listen);
    const YamlFields tls = f.child("tls");
    tls.allowOnly({"ca", "cert", "key"});
    c.caFile = base::pathInFile(source, tls.text("ca"));
    c.certFile = base::pathInFile(source, tls.text("cert"));
    c.keyFile = base::pathInFile(source, tls.text("key"));
    if (f.has("clients")) {
        const YAML::Node list = f.raw("clients");
        if (!list.IsSequence())
            f.fail("clients", "must be a list of client certificate names", list);
        for (const YAML::Node &n : list)
            c.clients.push_back(n.as<std::string>());
    }
    c.runs = base::pathInFile(source, f.text("runs"));
    c.worker = base::pathInFile(source, f.text("worker", ""));
    c.maxRunning = f.integer("max_running", 1, 1024, c.maxRunning);
    if (f.has("container") && !parseContainerKind(f.text("container"), &c.container))
        f.fail("container", "must be local or slurm", f.raw("container"));
    if (f.has("slurm")) {
        if (c.container != ContainerKind::Slurm)
            f.fail("slurm", "is read only with container: slurm", f.raw("slurm"));
        const YamlFields s = f.child("slurm");
        s.allowOnly({"conf", "partition", "time_limit_s"});
        c.slurm.conf = base::pathInFile(source, s.text("conf", ""));
        c.slurm.partition = s.text("partition", "");
        c.slurm.timeLimitSeconds = s.number("time_limit_s", 0, 365 * 86400.0, 0);
    }
    if (f.has("finetuner_tls")) {
        const YamlFields t = f.child("finetuner_tls");
        t.allowOnly({"ca", "cert", "key"});
        c.finetunerCa = base::pathInFile(source, t.text("ca"));
        c.finetunerCert = base::pathInFile(source, t.text("cert"));
        c.finetunerKey = base::pathInFile(source, t.text("key"));
    }
    return c;
}

NasConfig loadNasConfig(const std::string &path)
{
    return parseNasConfig(base::readConfigFile(path, "NAS service configuration"), path);
}

} // namespace calibra::nas
