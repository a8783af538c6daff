// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The farm's shared directory. A client writes a batch (networks, settings, where the
// boards are) as one file; the job that holds a board validates it and writes one
// result file per content hash, atomically. A result is therefore there once or not at
// all, whichever job (first try, requeued, resubmitted) wrote it.
//   SPOOL/batches/<id>.json   SPOOL/results/<key>.json   SPOOL/logs/<job>.out
#include "validate/FarmConnection.h"
#include "validate/Validator.h"

#include <optional>
#include <string>
#include <vector>

namespace calibra::farm {

struct BatchEntry
{
    std::string key; // content hash (hex) of network, setting and backend
    int setting = 0; // index into FarmBatch::settings
    std::string networkYaml;
};

struct FarmBatch
{
    std::string platform;              // builtin:NAME or a path the board hosts can read
    std::vector<std::string> settings; // target-setting YAML
    std::vector<BatchEntry> entries;
    std::map<std::string, std::string> services; // node -> host:port ("*" = any node)
    validate::BoardConnection board;             // certificates, server name, deadline
};

class FarmSpool
{
public:
    // Creates the directories; throws FarmError when it cannot.
    explicit FarmSpool(std::string directory);

    const std::string &directory() const { return m_dir; }
    std::string batchPath(const std::string &id) const;
    std::string logPattern() const; // for sbatch --output

    std::string writeBatch(const FarmBatch &batch) const; // a new batch id
    static FarmBatch readBatch(const std::string &path);  // throws FarmError naming the file

    bool hasResult(const std::string &key) const;
    std::optional<validate::Metrics> readResult(const std::string &key) const;
    // Atomic (write then rename): a reader never sees half a result.
    void writeResult(const std::string &key, const validate::Metrics &m, const std::string &origin) const;
    std::string logTail(const std::string &jobId, int lines = 5) const;

private:
    std::string m_dir;
};

} // namespace calibra::farm
