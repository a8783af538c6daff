// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Converting validation results to and from the board protocol. Unavailable metrics
// travel as has_* = false and come back as NaN (the Validator convention).
#include "boardclient/board.pb.h"
#include "validate/Validator.h"

namespace calibra::board {

void toWire(const validate::Metrics &m, v1::Result &out);
validate::Metrics fromWire(const v1::Result &r);

} // namespace calibra::board
