// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer targets for the readers of the files a user writes by hand: platforms,
// target settings, projects and measurement tables. One source, four programs
// (tests/fuzz/CMakeLists.txt defines CALIBRA_FUZZ_READER). Each reader's documented
// error is a correct rejection; a crash, a sanitizer report or any other exception (a
// yaml-cpp exception that escaped, std::invalid_argument, ...) is a bug.
// How to build and run: docs/fuzzing.md.
#include "base/InputError.h"
#include "hardware/Platform.h"
#include "hardware/TargetSetting.h"
#include "project/Project.h"
#include "validate/MeasurementTable.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace calibra;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
#if CALIBRA_FUZZ_READER == 1
    try {
        const hardware::Platform p = hardware::parsePlatformYaml(text, "fuzz.yaml");
        hardware::targetSettingToYaml(hardware::defaultSetting(p)); // what every consumer does next
    } catch (const base::InputError &) {
    }
#elif CALIBRA_FUZZ_READER == 2
    static const hardware::Platform platform = hardware::loadPlatform("builtin:mobile-apu-l");
    try {
        hardware::targetSettingToYaml(hardware::parseTargetSettingYaml(text, "fuzz.yaml", platform));
    } catch (const base::InputError &) {
    }
#elif CALIBRA_FUZZ_READER == 3
    try {
        pipeline::projectToYaml(pipeline::parseProject(text, "/fuzz/project.yaml"));
    } catch (const base::InputError &) {
    }
#elif CALIBRA_FUZZ_READER == 4
    try {
        validate::parseMeasurementTable(text, "/fuzz/table.csv"); // networks: builtin:NAME or missing files
    } catch (const std::runtime_error &) {                        // the table's and the network loaders' errors
    }
#else
#error "CALIBRA_FUZZ_READER must be 1 (platform), 2 (setting), 3 (project) or 4 (measurement table)"
#endif
    return 0;
}
