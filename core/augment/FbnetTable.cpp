// SPDX-License-Identifier: GPL-3.0-or-later
#include "FbnetTable.h"

#include "FbnetSpace.h"
#include "graph/ContentHash.h"
#include "graph/NetworkFile.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace calibra::augment {

FbnetTable loadFbnetTable(const std::string &csvPath, int maxRows)
{
    std::istringstream in(graph::readFileBytes(csvPath));
    std::string line;
    FbnetTable f;
    validate::MeasurementTable &t = f.table;
    t.file = csvPath;
    if (!std::getline(in, line))
        throw std::runtime_error(csvPath + ": empty file");
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    std::vector<std::string> header;
    validate::splitCsvLine(line, &header);
    const std::string suffix = validate::tableMetricSuffix(validate::TableMetric::Latency);
    if (header.size() < 3 || header[0] != "index" || header[1] != "ops")
        throw std::runtime_error(csvPath + ":1: expected columns index, ops, <device>_ms...");
    for (size_t c = 2; c < header.size(); ++c) {
        if (header[c].size() <= suffix.size() || header[c].substr(header[c].size() - suffix.size()) != suffix)
            throw std::runtime_error(csvPath + ":1: column " + header[c] + ": expected <device>_ms");
        t.devices.push_back(header[c].substr(0, header[c].size() - suffix.size()));
    }
    t.values.resize(t.devices.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::string> cells;
    for (int lineNo = 2; std::getline(in, line) && (maxRows < 0 || int(t.rows.size()) < maxRows); ++lineNo) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        validate::splitCsvLine(line, &cells);
        if (cells.size() != header.size())
            throw std::runtime_error(csvPath + ":" + std::to_string(lineNo) + ": expected "
                                     + std::to_string(header.size()) + " columns, got " + std::to_string(cells.size()));
        std::vector<std::string> ops;
        std::istringstream opStream(cells[1]);
        for (std::string op; opStream >> op;)
            ops.push_back(op);
        validate::MeasurementTable::Row row;
        row.line = lineNo;
        row.network = "fbnet_" + cells[0];
        try {
            row.graph = std::make_shared<const graph::Network>(buildFbnetSpaceNetwork(ops, row.network));
        } catch (const std::exception &e) {
            throw std::runtime_error(csvPath + ":" + std::to_string(lineNo) + ": " + e.what());
        }
        row.hash = graph::networkContentHash(*row.graph);
        t.rows.push_back(std::move(row));
        f.ops.push_back(std::move(ops));
        for (size_t d = 0; d < t.devices.size(); ++d) {
            char *end = nullptr;
            const double v = std::strtod(cells[d + 2].c_str(), &end);
            if (end == cells[d + 2].c_str() || !std::isfinite(v) || v <= 0)
                throw std::runtime_error(csvPath + ":" + std::to_string(lineNo) + ": column " + header[d + 2]
                                         + ": not a positive latency: '" + cells[d + 2] + "'");
            t.values[d][size_t(validate::TableMetric::Latency)].push_back(v);
            t.values[d][size_t(validate::TableMetric::Power)].push_back(nan);
            t.values[d][size_t(validate::TableMetric::MemoryAccess)].push_back(nan);
        }
    }
    return f;
}

} // namespace calibra::augment
