// SPDX-License-Identifier: GPL-3.0-or-later
#include "MeasurementTableValidator.h"

#include "augment/FbnetSpace.h"
#include "graph/ContentHash.h"
#include "graph/NetworkFile.h"

#include <QFileInfo>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace calibra::validate {

MeasurementTableValidator::MeasurementTableValidator(std::string backendId, QHash<QByteArray, Metrics> table)
    : m_id(std::move(backendId)), m_table(std::move(table))
{
}

BackendCapabilities MeasurementTableValidator::capabilities() const
{
    BackendCapabilities c;
    c.energy = c.memoryAccess = false;
    for (const Metrics &m : m_table) {
        c.energy = c.energy || std::isfinite(m.averagePowerMw);
        c.memoryAccess = c.memoryAccess || std::isfinite(m.dramBytes);
    }
    c.ignoredSettingFields.assign(std::begin(hardware::kSettingFields), std::end(hardware::kSettingFields));
    return c;
}

std::vector<Metrics> MeasurementTableValidator::validate(const std::vector<ValidationRequest> &batch,
                                                         const std::atomic<bool> *cancel)
{
    std::vector<Metrics> out(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
        if (cancel && cancel->load()) {
            out[i] = cancelledMetrics();
            continue;
        }
        if (!batch[i].network) {
            out[i].error = "no network";
            continue;
        }
        auto it = m_table.constFind(graph::networkContentHash(*batch[i].network));
        if (it == m_table.constEnd())
            out[i].error = "network '" + batch[i].network->name + "' is not in the measurement table " + m_id;
        else
            out[i] = *it;
    }
    return out;
}

MeasurementTableValidator::MeasurementTableValidator(const MeasurementTable &table, size_t device)
    : m_id("table/" + QFileInfo(QString::fromStdString(table.file)).fileName().toStdString() + "/"
           + table.devices.at(device))
{
    for (size_t r = 0; r < table.rows.size(); ++r)
        m_table.insert(table.rows[r].hash, table.metrics(device, r));
}

FbnetTable loadFbnetTable(const std::string &csvPath, int maxRows)
{
    std::istringstream in(graph::readFileBytes(csvPath));
    std::string line;
    FbnetTable f;
    MeasurementTable &t = f.table;
    t.file = csvPath;
    if (!std::getline(in, line))
        throw std::runtime_error(csvPath + ": empty file");
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    std::vector<std::string> header;
    splitCsvLine(line, &header);
    const std::string suffix = tableMetricSuffix(TableMetric::Latency);
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
        splitCsvLine(line, &cells);
        if (cells.size() != header.size())
            throw std::runtime_error(csvPath + ":" + std::to_string(lineNo) + ": expected "
                                     + std::to_string(header.size()) + " columns, got " + std::to_string(cells.size()));
        std::vector<std::string> ops;
        std::istringstream opStream(cells[1]);
        for (std::string op; opStream >> op;)
            ops.push_back(op);
        MeasurementTable::Row row;
        row.line = lineNo;
        row.network = "fbnet_" + cells[0];
        try {
            row.graph = std::make_shared<const graph::Network>(augment::buildFbnetSpaceNetwork(ops, row.network));
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
            t.values[d][size_t(TableMetric::Latency)].push_back(v);
            t.values[d][size_t(TableMetric::Power)].push_back(nan);
            t.values[d][size_t(TableMetric::MemoryAccess)].push_back(nan);
        }
    }
    return f;
}

} // namespace calibra::validate
