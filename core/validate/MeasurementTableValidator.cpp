#include "MeasurementTableValidator.h"

#include "augment/FbnetSpace.h"
#include "graph/ContentHash.h"
#include "graph/NetworkFile.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace calibra::validate {

MeasurementTableValidator::MeasurementTableValidator(std::string backendId, QHash<QByteArray, Metrics> table)
    : m_id(std::move(backendId)), m_table(std::move(table))
{
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

MeasurementTableValidator FbnetTable::validatorFor(size_t device) const
{
    QHash<QByteArray, Metrics> table;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (size_t r = 0; r < networks.size(); ++r) {
        Metrics m;
        m.ok = true;
        m.latencyMs = latencyMs[device][r];
        m.energyMj = m.averagePowerMw = m.dramBytes = nan; // not measured
        table.insert(graph::networkContentHash(*networks[r]), m);
    }
    return MeasurementTableValidator("table/fbnet-latency/" + devices[device], std::move(table));
}

FbnetTable loadFbnetTable(const std::string &csvPath, int maxRows)
{
    std::istringstream in(graph::readFileBytes(csvPath));
    std::string line;
    FbnetTable t;
    if (!std::getline(in, line))
        throw std::runtime_error(csvPath + ": empty file");
    std::vector<std::string> header;
    std::istringstream h(line);
    for (std::string cell; std::getline(h, cell, ',');)
        header.push_back(cell);
    if (header.size() < 3 || header[0] != "index" || header[1] != "ops")
        throw std::runtime_error(csvPath + ":1: expected columns index, ops, <device>_ms...");
    t.devices.assign(header.begin() + 2, header.end());
    t.latencyMs.resize(t.devices.size());
    for (int lineNo = 2; std::getline(in, line) && (maxRows < 0 || int(t.networks.size()) < maxRows); ++lineNo) {
        if (line.empty())
            continue;
        std::vector<std::string> cells;
        std::istringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');)
            cells.push_back(cell);
        if (cells.size() != header.size())
            throw std::runtime_error(csvPath + ":" + std::to_string(lineNo) + ": expected " + std::to_string(header.size())
                                     + " columns, got " + std::to_string(cells.size()));
        std::vector<std::string> ops;
        std::istringstream opStream(cells[1]);
        for (std::string op; opStream >> op;)
            ops.push_back(op);
        try {
            t.networks.push_back(std::make_shared<const graph::Network>(
                augment::buildFbnetSpaceNetwork(ops, "fbnet_" + cells[0])));
        } catch (const std::exception &e) {
            throw std::runtime_error(csvPath + ":" + std::to_string(lineNo) + ": " + e.what());
        }
        t.ops.push_back(std::move(ops));
        for (size_t d = 0; d < t.devices.size(); ++d) {
            char *end = nullptr;
            const double v = std::strtod(cells[d + 2].c_str(), &end);
            if (end == cells[d + 2].c_str() || !std::isfinite(v) || v <= 0)
                throw std::runtime_error(csvPath + ":" + std::to_string(lineNo) + ": column " + t.devices[d]
                                         + ": not a positive latency: '" + cells[d + 2] + "'");
            t.latencyMs[d].push_back(v);
        }
    }
    return t;
}

} // namespace calibra::validate
