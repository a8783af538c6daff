// SPDX-License-Identifier: GPL-3.0-or-later
#include "Platform.h"

#include "HardwareError.h"
#include "HardwareFile.h"
#include "base/YamlFields.h"

#include <QDir>

#include <algorithm>

namespace calibra::hardware {

const char *dataflowName(Dataflow d)
{
    switch (d) {
    case Dataflow::OutputStationary: return "OS";
    case Dataflow::WeightStationary: return "WS";
    case Dataflow::InputStationary: return "IS";
    }
    return "?";
}

const DvfsPoint *Platform::findDvfs(double mhz) const
{
    for (const DvfsPoint &p : dvfs)
        if (p.mhz == mhz)
            return &p;
    return nullptr;
}

bool Platform::supports(Dataflow d) const
{
    return std::find(dataflows.begin(), dataflows.end(), d) != dataflows.end();
}

Platform parsePlatformYaml(const std::string &text, const std::string &source)
{
    const YAML::Node root = base::loadVersionedYaml(text, source, "calibra-platform", 1);
    const base::YamlFields f(source, root);
    f.allowOnly({"format", "version", "name", "description", "array", "cores", "dataflows", "sram_kib", "vector_lanes",
                 "dvfs", "nominal_volts", "energy_pj", "leakage_mw", "dram", "layer_overhead_cycles"});
    Platform p;
    p.name = f.text("name");
    p.description = f.text("description", "");
    const base::YamlFields array = f.child("array");
    array.allowOnly({"rows", "cols"});
    p.arrayRows = array.integer("rows", 1, 1024);
    p.arrayCols = array.integer("cols", 1, 1024);
    p.cores = f.integer("cores", 1, 64);
    p.sramKiB = f.number("sram_kib", 1, 1 << 20);
    p.vectorLanes = f.integer("vector_lanes", 1, 65536);
    p.nominalVolts = f.number("nominal_volts", 0.3, 2.0);
    p.leakageMw = f.number("leakage_mw", 0, 100000);
    p.layerOverheadCycles = f.integer("layer_overhead_cycles", 0, 10000000);

    const YAML::Node flows = f.raw("dataflows");
    if (!flows.IsSequence() || flows.size() == 0)
        f.fail("dataflows", "must list at least one of OS, WS, IS", flows);
    for (const YAML::Node &d : flows) {
        const std::string s = d.IsScalar() ? d.Scalar() : "";
        if (s == "OS")
            p.dataflows.push_back(Dataflow::OutputStationary);
        else if (s == "WS")
            p.dataflows.push_back(Dataflow::WeightStationary);
        else if (s == "IS")
            p.dataflows.push_back(Dataflow::InputStationary);
        else
            f.fail("dataflows", "'" + s + "' is not OS, WS or IS", d);
    }

    const YAML::Node table = f.raw("dvfs");
    if (!table.IsSequence() || table.size() == 0)
        f.fail("dvfs", "must list (mhz, volts) operating points", table);
    for (size_t i = 0; i < table.size(); ++i) {
        if (!table[i].IsMap())
            f.fail("dvfs[" + std::to_string(i) + "]", "must be a mapping {mhz, volts}", table[i]);
        const base::YamlFields point(source, table[i], "dvfs[" + std::to_string(i) + "]");
        point.allowOnly({"mhz", "volts"});
        const DvfsPoint d{point.number("mhz", 1, 10000), point.number("volts", 0.3, 2.0)};
        if (!p.dvfs.empty() && (d.mhz <= p.dvfs.back().mhz || d.volts < p.dvfs.back().volts))
            point.fail(point.field("mhz"), "operating points must ascend in frequency, with voltage not decreasing");
        p.dvfs.push_back(d);
    }

    const base::YamlFields energy = f.child("energy_pj");
    energy.allowOnly({"mac_int8", "mac_fp16", "sram_per_bit", "dram_per_bit"});
    p.macInt8Pj = energy.number("mac_int8", 1e-4, 100);
    p.macFp16Pj = energy.number("mac_fp16", 1e-4, 100);
    p.sramPjPerBit = energy.number("sram_per_bit", 1e-5, 10);
    p.dramPjPerBit = energy.number("dram_per_bit", 1e-3, 100);

    const base::YamlFields dram = f.child("dram");
    dram.allowOnly({"peak_gbps", "efficiency"});
    p.dramPeakGBps = dram.number("peak_gbps", 0.01, 10000);
    p.dramEfficiency = dram.number("efficiency", 0.01, 1.0);
    return p;
}

namespace {
constexpr const char *kPlatformDir = ":/calibra/platforms";
}

std::vector<std::string> builtinPlatformNames()
{
    std::vector<std::string> names;
    for (const QString &file : QDir(kPlatformDir).entryList({"*.yaml"}, QDir::Files, QDir::Name))
        names.push_back(file.chopped(5).toStdString());
    return names;
}

Platform loadPlatform(const std::string &pathOrBuiltin)
{
    return parsePlatformYaml(readHardwareFile(pathOrBuiltin, kPlatformDir, builtinPlatformNames(), "platform"),
                             pathOrBuiltin);
}

} // namespace calibra::hardware
