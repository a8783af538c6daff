// SPDX-License-Identifier: GPL-3.0-or-later
#include "TargetSetting.h"

#include "HardwareError.h"
#include "HardwareFile.h"
#include "base/ShortestNumber.h"
#include "base/YamlFields.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

namespace calibra::hardware {

const char *fusionName(Fusion f)
{
    switch (f) {
    case Fusion::None: return "none";
    case Fusion::Conservative: return "conservative";
    case Fusion::DepthFirst: return "depth_first";
    }
    return "?";
}

const char *precisionName(Precision p)
{
    return p == Precision::Int8 ? "int8" : "fp16";
}

TargetSetting defaultSetting(const Platform &platform)
{
    TargetSetting s;
    s.dataflow = platform.dataflows.front();
    s.dvfsMhz = platform.dvfs.back().mhz;
    s.activeCores = platform.cores;
    s.sramBudgetKiB = platform.sramKiB;
    return s;
}

namespace {

struct SettingProblem
{
    SettingField field;
    std::string what;
};

// The first field of `s` that `p` cannot run, with why; none when every field fits.
std::optional<SettingProblem> firstProblem(const TargetSetting &s, const Platform &p,
                                           SettingOrigin origin = SettingOrigin::New)
{
    if (!p.findDvfs(s.dvfsMhz)) {
        std::string points;
        for (const DvfsPoint &d : p.dvfs)
            points += (points.empty() ? "" : ", ") + std::to_string(int(d.mhz));
        return SettingProblem{SettingField::DvfsMhz, base::shortestText(s.dvfsMhz) + " MHz is not a DVFS point of "
                                                         + p.name + " (" + points + ")"};
    }
    if (s.activeCores < 1 || s.activeCores > p.cores)
        return SettingProblem{SettingField::ActiveCores, std::to_string(s.activeCores)
                                                             + " is not between 1 and the platform's "
                                                             + std::to_string(p.cores) + " cores"};
    if (!(s.sramBudgetKiB >= 16 && s.sramBudgetKiB <= p.sramKiB))
        return SettingProblem{SettingField::SramBudgetKiB, base::shortestText(s.sramBudgetKiB)
                                                               + " KiB is not between 16 and the platform's "
                                                               + base::shortestText(p.sramKiB) + " KiB"};
    if (!(s.dramCapGBps >= 0) || !std::isfinite(s.dramCapGBps))
        return SettingProblem{SettingField::DramCapGBps, "must be 0 (no cap) or a positive bandwidth"};
    // A cap the DRAM can never reach changes nothing: most likely a unit slip (MB/s).
    if (origin == SettingOrigin::New && s.dramCapGBps > p.dramPeakGBps)
        return SettingProblem{SettingField::DramCapGBps, base::shortestText(s.dramCapGBps)
                                                             + " GB/s is above the peak DRAM bandwidth of " + p.name
                                                             + " (" + base::shortestText(p.dramPeakGBps)
                                                             + " GB/s), where a cap changes nothing; 0 means no cap"};
    if (!p.supports(s.dataflow))
        return SettingProblem{SettingField::Dataflow,
                              std::string(dataflowName(s.dataflow)) + " is not supported by " + p.name};
    if (!s.autoTiling && (s.tile.m < 1 || s.tile.n < 1 || s.tile.k < 1))
        return SettingProblem{SettingField::Tiling, "explicit tile sizes m, n and k must be positive"};
    return std::nullopt;
}

} // namespace

void validateTargetSetting(const TargetSetting &s, const Platform &p, const std::string &source)
{
    if (const auto problem = firstProblem(s, p))
        throw HardwareError(source + ": " + settingFieldName(problem->field) + ": " + problem->what);
}

namespace {

// The file's fields over `s` (the platform's defaults, or a complete setting's).
TargetSetting parseOver(const std::string &text, const std::string &source, TargetSetting s,
                        const std::string &fieldPath = {})
{
    const YAML::Node root = base::loadVersionedYaml(text, source, "calibra-target-setting", 1);
    const base::YamlFields f(source, root, fieldPath);
    f.allowOnly({"format", "version", "name", "compile", "hardware"});
    if (f.has("compile")) {
        const base::YamlFields c = f.child("compile");
        c.allowOnly({"tiling", "fusion", "dataflow", "precision"});
        const YAML::Node tiling = c.raw("tiling");
        if (tiling.IsDefined()) {
            if (tiling.IsScalar() && tiling.Scalar() == "auto") {
                s.autoTiling = true;
            } else if (tiling.IsMap()) {
                const base::YamlFields t(source, tiling, "compile.tiling");
                t.allowOnly({"m", "n", "k"});
                s.autoTiling = false;
                s.tile = {t.integer("m", 1, 1 << 24), t.integer("n", 1, 1 << 24), t.integer("k", 1, 1 << 24)};
            } else {
                c.fail(c.field("tiling"), "must be 'auto' or {m, n, k}", tiling);
            }
        }
        const std::string fusion = c.text("fusion", fusionName(s.fusion));
        if (fusion == "none")
            s.fusion = Fusion::None;
        else if (fusion == "conservative")
            s.fusion = Fusion::Conservative;
        else if (fusion == "depth_first")
            s.fusion = Fusion::DepthFirst;
        else
            c.fail(c.field("fusion"), "'" + fusion + "' is not none, conservative or depth_first", c.raw("fusion"));
        const std::string flow = c.text("dataflow", dataflowName(s.dataflow));
        if (flow == "OS")
            s.dataflow = Dataflow::OutputStationary;
        else if (flow == "WS")
            s.dataflow = Dataflow::WeightStationary;
        else if (flow == "IS")
            s.dataflow = Dataflow::InputStationary;
        else
            c.fail(c.field("dataflow"), "'" + flow + "' is not OS, WS or IS", c.raw("dataflow"));
        const std::string precision = c.text("precision", precisionName(s.precision));
        if (precision != "int8" && precision != "fp16")
            c.fail(c.field("precision"), "'" + precision + "' is not int8 or fp16", c.raw("precision"));
        s.precision = precision == "int8" ? Precision::Int8 : Precision::Fp16;
    }
    if (f.has("hardware")) {
        const base::YamlFields h = f.child("hardware");
        h.allowOnly({"dvfs_mhz", "dram_cap_gbps", "active_cores", "sram_budget_kib"});
        s.dvfsMhz = h.number("dvfs_mhz", 1, 100000, s.dvfsMhz);
        s.dramCapGBps = h.number("dram_cap_gbps", 0, 100000, s.dramCapGBps);
        s.activeCores = h.integer("active_cores", 1, 1024, s.activeCores);
        s.sramBudgetKiB = h.number("sram_budget_kib", 1, 1 << 24, s.sramBudgetKiB);
    }
    return s;
}

} // namespace

TargetSetting parseTargetSettingYaml(const std::string &text, const std::string &source, const Platform &platform,
                                     const std::string &fieldPath, SettingOrigin origin)
{
    TargetSetting s = parseOver(text, source, defaultSetting(platform), fieldPath);
    if (const auto problem = firstProblem(s, platform, origin)) {
        // The line of the field the file wrote; a default the platform cannot run (none
        // of the built-ins has one) is named without a line.
        const std::string name = settingFieldName(problem->field);
        const std::string named = fieldPath.empty() ? name : fieldPath + "." + name;
        const size_t dot = name.find('.');
        const YAML::Node root = YAML::Load(text);
        const YAML::Node group = root[name.substr(0, dot)];
        const YAML::Node node = group.IsDefined() && group.IsMap() ? group[name.substr(dot + 1)] : YAML::Node();
        if (node.IsDefined() && !node.Mark().is_null())
            throw HardwareError(source + ":" + std::to_string(node.Mark().line + 1) + ": " + named + ": "
                                + problem->what);
        throw HardwareError(source + ": " + named + ": " + problem->what);
    }
    return s;
}

TargetSetting parseResolvedTargetSettingYaml(const std::string &text, const std::string &source)
{
    const YAML::Node root = base::loadVersionedYaml(text, source, "calibra-target-setting", 1);
    const base::YamlFields f(source, root);
    for (const char *section : {"compile", "hardware"})
        if (!f.has(section))
            f.fail(f.field(section), "a resolved setting writes every field", root);
    const base::YamlFields h = f.child("hardware");
    for (const char *field : {"dvfs_mhz", "dram_cap_gbps", "active_cores", "sram_budget_kib"})
        if (!h.has(field))
            h.fail(h.field(field), "a resolved setting writes every field", root);
    return parseOver(text, source, TargetSetting{});
}

TargetSetting loadTargetSetting(const std::string &path, const Platform &platform)
{
    return parseTargetSettingYaml(readHardwareFile(path, ":/calibra/settings", {}, "target setting"), path, platform);
}

std::string targetSettingToYaml(const TargetSetting &s)
{
    std::ostringstream out;
    out.precision(17);
    out << "format: calibra-target-setting\nversion: 1\ncompile:\n";
    if (s.autoTiling)
        out << "  tiling: auto\n";
    else
        out << "  tiling: {m: " << s.tile.m << ", n: " << s.tile.n << ", k: " << s.tile.k << "}\n";
    out << "  fusion: " << fusionName(s.fusion) << "\n  dataflow: " << dataflowName(s.dataflow)
        << "\n  precision: " << precisionName(s.precision) << "\nhardware:\n  dvfs_mhz: " << s.dvfsMhz
        << "\n  dram_cap_gbps: " << s.dramCapGBps << "\n  active_cores: " << s.activeCores
        << "\n  sram_budget_kib: " << s.sramBudgetKiB << "\n";
    return out.str();
}

double effectiveDramGBps(const Platform &p, const TargetSetting &s)
{
    const double achievable = p.dramPeakGBps * p.dramEfficiency;
    return s.dramCapGBps > 0 ? std::min(achievable, s.dramCapGBps) : achievable;
}

const char *settingFieldName(SettingField f)
{
    switch (f) {
    case SettingField::Tiling: return "compile.tiling";
    case SettingField::Fusion: return "compile.fusion";
    case SettingField::Dataflow: return "compile.dataflow";
    case SettingField::Precision: return "compile.precision";
    case SettingField::DvfsMhz: return "hardware.dvfs_mhz";
    case SettingField::DramCapGBps: return "hardware.dram_cap_gbps";
    case SettingField::ActiveCores: return "hardware.active_cores";
    case SettingField::SramBudgetKiB: return "hardware.sram_budget_kib";
    }
    return "?";
}

bool parseSettingField(const std::string &name, SettingField *out)
{
    for (const SettingField f : kSettingFields)
        if (name == settingFieldName(f)) {
            *out = f;
            return true;
        }
    return false;
}

std::vector<SettingField> differingFields(const TargetSetting &a, const TargetSetting &b)
{
    std::vector<SettingField> out;
    for (const SettingField f : kSettingFields) {
        bool same = true;
        switch (f) {
        case SettingField::Tiling: same = a.autoTiling == b.autoTiling && (a.autoTiling || a.tile == b.tile); break;
        case SettingField::Fusion: same = a.fusion == b.fusion; break;
        case SettingField::Dataflow: same = a.dataflow == b.dataflow; break;
        case SettingField::Precision: same = a.precision == b.precision; break;
        case SettingField::DvfsMhz: same = a.dvfsMhz == b.dvfsMhz; break;
        case SettingField::DramCapGBps: same = a.dramCapGBps == b.dramCapGBps; break;
        case SettingField::ActiveCores: same = a.activeCores == b.activeCores; break;
        case SettingField::SramBudgetKiB: same = a.sramBudgetKiB == b.sramBudgetKiB; break;
        }
        if (!same)
            out.push_back(f);
    }
    return out;
}

std::string canonicalText(const TargetSetting &s)
{
    return targetSettingToYaml(s);
}

} // namespace calibra::hardware
