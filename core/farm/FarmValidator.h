// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Validation on a board farm run by Slurm. Each batch of networks becomes Slurm jobs
// that each hold one board (`--gres=board:<class>:1`) for a limited time; the job runs
// calibra-farm-worker on the board host, which validates over the board
// service's mutual-TLS channel and writes one result per content hash into the shared
// spool. A job that fails, times out or whose node dies (requeued by Slurm) leaves
// results missing, and only those are submitted again (at most maxAttempts times):
// no result is lost or taken twice.
#include "validate/FarmConnection.h"
#include "validate/Validator.h"

#include <memory>

namespace calibra::validate {

struct FarmStats
{
    int jobsSubmitted = 0;
    int jobsResubmitted = 0;  // of which for results an earlier job left missing
    int resultsFromSpool = 0; // found already validated (an earlier run or a late job)
};

class FarmValidator : public Validator
{
public:
    // `platform`: how board hosts load the platform that target settings refer to
    // (builtin:NAME or a path they can read). Checks the spool and that Slurm answers.
    FarmValidator(FarmConnection connection, std::string platform);
    ~FarmValidator() override;

    std::string backendId() const override;
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch,
                                  const std::atomic<bool> *cancel) override;

    FarmStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace calibra::validate
