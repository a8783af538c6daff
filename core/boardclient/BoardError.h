// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A board service that cannot be reached or used: none answered, they serve different
// targets, or the service itself cannot start. A wrong configuration value is a
// base::InputError instead.
#include <stdexcept>
#include <string>

namespace calibra::board {

class BoardError : public std::runtime_error
{
public:
    explicit BoardError(const std::string &message) : std::runtime_error(message) {}
};

} // namespace calibra::board
