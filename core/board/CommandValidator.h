// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An external command as a validator backend, for vendor tools: Calibra writes one JSON
// request to the command's standard input and reads one JSON reply from its standard
// output (protocol in docs/board.md). Metrics the reply leaves out are NaN
// ("unavailable"); a network the reply does not answer is an error, never a guess.
#include "validate/Validator.h"

#include <vector>

namespace calibra::validate {

class CommandValidator : public Validator
{
public:
    CommandValidator(std::vector<std::string> command, double timeoutSeconds);

    std::string backendId() const override;
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch,
                                  const std::atomic<bool> *cancel) override;

private:
    std::vector<std::string> m_command;
    double m_timeoutSeconds;
};

} // namespace calibra::validate
