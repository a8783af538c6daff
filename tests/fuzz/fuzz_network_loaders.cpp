// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the network loaders. The first byte picks the format (even:
// YAML, odd: ONNX); the rest is the file. Any GraphError is a correct rejection;
// anything else (a crash, a sanitizer report, another exception) is a bug.
// How to build and run: docs/fuzzing.md.
#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "graph/OnnxFormat.h"
#include "graph/YamlFormat.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const std::string bytes(reinterpret_cast<const char *>(data + 1), size - 1);
    try {
        const calibra::graph::Network net = data[0] % 2 == 0 ? calibra::graph::parseNetworkYaml(bytes, "fuzz.yaml")
                                                             : calibra::graph::parseOnnx(bytes, "fuzz.onnx");
        calibra::graph::networkCost(net); // what every consumer does next
        calibra::graph::networkToYaml(net);
    } catch (const calibra::graph::GraphError &) {
    }
    return 0;
}
