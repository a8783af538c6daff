// SPDX-License-Identifier: GPL-3.0-or-later
#include "MeasurementTableValidator.h"

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
        // Power counts with its latency: energy is power times latency (Metrics).
        c.energy = c.energy || std::isfinite(m.energyMj);
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

} // namespace calibra::validate
