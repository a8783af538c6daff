// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An accelerator platform preset: what the chip is (array, cores, memories, DVFS table,
// energy per action). Loaded from YAML (docs/hardware.md); every value is checked and
// a bad one is reported with its field name.
#include <string>
#include <vector>

namespace calibra::hardware {

enum class Dataflow { OutputStationary, WeightStationary, InputStationary };

const char *dataflowName(Dataflow d); // "OS", "WS", "IS"

struct DvfsPoint
{
    double mhz = 0;
    double volts = 0;
};

struct Platform
{
    std::string name;
    std::string description;
    int arrayRows = 0; // systolic array rows (R)
    int arrayCols = 0; // systolic array columns (C)
    int cores = 1;     // identical cores, each with its own array and vector unit
    std::vector<Dataflow> dataflows;
    double sramKiB = 0;          // on-chip global buffer, shared by the cores
    int vectorLanes = 0;         // per core: element-wise operations per cycle
    std::vector<DvfsPoint> dvfs; // ascending frequency
    double nominalVolts = 0;     // energies and leakage are given at this voltage
    double macInt8Pj = 0;        // energy per 8-bit MAC
    double macFp16Pj = 0;        // energy per 16-bit float MAC
    double sramPjPerBit = 0;     // per bit read or written
    double dramPjPerBit = 0;     // per bit transferred (interface + device)
    double leakageMw = 0;        // whole chip at nominal voltage
    double dramPeakGBps = 0;     // interface peak
    double dramEfficiency = 0;   // achievable fraction of the peak (0..1]
    int layerOverheadCycles = 0; // fixed per-layer cost: descriptor setup, sync

    const DvfsPoint *findDvfs(double mhz) const;
    bool supports(Dataflow d) const;
};

// Parses and validates; `source` names the file in messages. Throws base::InputError
// naming the file, line and field.
Platform parsePlatformYaml(const std::string &text, const std::string &source);

// A path, or "builtin:NAME" for resources/platforms/NAME.yaml.
Platform loadPlatform(const std::string &pathOrBuiltin);
std::vector<std::string> builtinPlatformNames();

} // namespace calibra::hardware
