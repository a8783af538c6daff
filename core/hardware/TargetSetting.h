// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A target setting: how the user compiles for and runs the platform. Compile
// optimizations (tiling, layer fusion, dataflow, precision) and hardware usage (DVFS
// point, DRAM bandwidth cap, active cores, SRAM budget). YAML in docs/hardware.md.
#include "Platform.h"

#include <cstdint>
#include <string>
#include <vector>

namespace calibra::hardware {

enum class Fusion { None, Conservative, DepthFirst };
enum class Precision { Int8, Fp16 };

const char *fusionName(Fusion f);       // none, conservative, depth_first
const char *precisionName(Precision p); // int8, fp16

struct TileSize
{
    int64_t m = 0, n = 0, k = 0; // GEMM tile: output pixels x output channels x reduction
    bool operator==(const TileSize &) const = default;
};

struct TargetSetting
{
    // compile optimizations
    bool autoTiling = true;
    TileSize tile; // used when !autoTiling; clamped to each GEMM's extent
    Fusion fusion = Fusion::Conservative;
    Dataflow dataflow = Dataflow::WeightStationary;
    Precision precision = Precision::Int8;
    // hardware usage
    double dvfsMhz = 0;     // one of the platform's DVFS points
    double dramCapGBps = 0; // 0: no cap
    int activeCores = 1;
    double sramBudgetKiB = 0; // at most the platform's SRAM

    bool operator==(const TargetSetting &) const = default;
};

// The setting's fields, by their YAML names, for saying which ones a validation backend
// applies (a simulator all, a host CPU only the active cores).
enum class SettingField { Tiling, Fusion, Dataflow, Precision, DvfsMhz, DramCapGBps, ActiveCores, SramBudgetKiB };
inline constexpr SettingField kSettingFields[] = {
    SettingField::Tiling,  SettingField::Fusion,      SettingField::Dataflow,    SettingField::Precision,
    SettingField::DvfsMhz, SettingField::DramCapGBps, SettingField::ActiveCores, SettingField::SramBudgetKiB};
const char *settingFieldName(SettingField f); // compile.tiling, ..., hardware.sram_budget_kib
bool parseSettingField(const std::string &name, SettingField *out);

// The fields in which two settings differ, in kSettingFields order.
std::vector<SettingField> differingFields(const TargetSetting &a, const TargetSetting &b);

// The platform's fastest configuration: auto tiling, conservative fusion, its first
// dataflow, int8, the highest DVFS point, no cap, all cores, all SRAM.
TargetSetting defaultSetting(const Platform &platform);

// Parses a setting file; fields it omits take defaultSetting(platform)'s values.
// Validates against the platform (DVFS point exists, cores and SRAM within limits,
// dataflow supported). Throws base::InputError naming the field.
// `fieldPath` names where the setting sits in a larger file ("target" for a project's
// inline setting): errors then name "target.hardware.dvfs_mhz". A setting recorded
// before a rule was added (a resumed run's, a service's stored session) is held only to
// the rules it was made under: a DRAM cap above the peak, now refused, changes nothing.
enum class SettingOrigin { New, Recorded };
TargetSetting parseTargetSettingYaml(const std::string &text, const std::string &source, const Platform &platform,
                                     const std::string &fieldPath = {}, SettingOrigin origin = SettingOrigin::New);
TargetSetting loadTargetSetting(const std::string &path, const Platform &platform);
// A setting resolved against a platform elsewhere (targetSettingToYaml of a validated
// setting: every field written), read without the platform: a run whose finetuning
// service holds the platform gets its setting this way. Throws base::InputError.
TargetSetting parseResolvedTargetSettingYaml(const std::string &text, const std::string &source);
std::string targetSettingToYaml(const TargetSetting &setting);

// Checks a setting built in code (the GUI editor, generators) the same way.
void validateTargetSetting(const TargetSetting &setting, const Platform &platform,
                           const std::string &source = "setting");

// The DRAM bandwidth the setting gets: the platform's achievable share of its peak, or
// the cap if lower (GB/s). The simulator and the predictor's features both use it.
double effectiveDramGBps(const Platform &platform, const TargetSetting &setting);

// A stable text form of every field, for content hashes.
std::string canonicalText(const TargetSetting &setting);

} // namespace calibra::hardware
