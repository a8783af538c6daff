// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Validation by looking networks up in a table of real measurements
// (MeasurementTable.h). Networks are matched by content hash, so a sub-network the
// search builds is found under whatever file name the table gave it; a network not in
// the table is reported as such, never guessed. Metrics the table does not have are NaN.
#include "MeasurementTable.h"
#include "Validator.h"

#include <QByteArray>
#include <QHash>

namespace calibra::validate {

class MeasurementTableValidator : public Validator
{
public:
    MeasurementTableValidator(std::string backendId, QHash<QByteArray, Metrics> table);
    // One device's columns of `table`; backend id "table/<file name>/<device>".
    MeasurementTableValidator(const MeasurementTable &table, size_t device);

    std::string backendId() const override { return m_id; }
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch,
                                  const std::atomic<bool> *cancel) override;
    // A metric is measured when the table has it for some network; a table is measured
    // at one configuration of its device, so it applies no field of the target setting.
    BackendCapabilities capabilities() const override;
    int size() const { return int(m_table.size()); }

private:
    std::string m_id;
    QHash<QByteArray, Metrics> m_table;
};

} // namespace calibra::validate
