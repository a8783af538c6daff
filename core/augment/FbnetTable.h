// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The FBNet latency table (tests/data/fbnet-latency): its own CSV layout (`index`, an
// `ops` column of block names, then `<device>_ms` columns) read into a measurement table
// whose networks are built from the `ops` column (FbnetSpace.h), in row order. Throws
// std::runtime_error naming the file and line of a malformed row.
#include "validate/MeasurementTable.h"

#include <string>
#include <vector>

namespace calibra::augment {

struct FbnetTable
{
    validate::MeasurementTable table;
    std::vector<std::vector<std::string>> ops; // each network's block types, as in the file
};

FbnetTable loadFbnetTable(const std::string &csvPath, int maxRows = -1);

} // namespace calibra::augment
