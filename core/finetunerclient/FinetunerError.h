// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A call to the conditional-finetuning service that failed: unreachable past the wait,
// refused, or an answer the client cannot use. The message names the service and why.
#include <stdexcept>
#include <string>

namespace calibra::finetuner {

class FinetunerError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace calibra::finetuner
