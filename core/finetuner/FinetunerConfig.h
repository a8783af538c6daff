// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The configuration of one calibra-finetuner service (YAML, format
// calibra-finetuner-config, docs/services.md): where it listens, its certificates, which
// clients may call it, where it keeps its predictors and recorded answers, and the
// platforms it serves, each with its description, offline predictor and validator.
#include "validate/BoardConnection.h"

#include <string>
#include <vector>

namespace calibra::finetuner {

enum class ServiceValidatorKind { Simulator, Board };
const char *serviceValidatorKindName(ServiceValidatorKind k); // simulator, board

struct ServedPlatform
{
    std::string id;                            // what clients name it by
    std::string platform;                      // builtin:NAME or a platform file
    std::string predictor = "builtin:offline"; // the offline predictor finetunes start from
    ServiceValidatorKind validator = ServiceValidatorKind::Simulator;
    validate::BoardConnection board; // validator board: the boards and certificates
};

struct FinetunerConfig
{
    std::string source; // the file it came from (for messages)
    std::string listen = "127.0.0.1:50061";
    std::string caFile, certFile, keyFile; // the service's (it always requires client certificates)
    std::vector<std::string> clients;      // certificate common names allowed; empty: refuse everyone
    std::string store;                     // predictor versions, recorded checks, validations
    std::vector<ServedPlatform> platforms;
    int maxNetworksPerCall = 4096;
    int maxMessageBytes = 256 << 20;
};

// Throws base::InputError naming file, line and field. Relative paths are taken relative
// to the config file.
FinetunerConfig loadFinetunerConfig(const std::string &path);
FinetunerConfig parseFinetunerConfig(const std::string &text, const std::string &source);

} // namespace calibra::finetuner
