#pragma once
// Validation by looking networks up in a table of real measurements (for example
// tests/data/fbnet-latency, measured on 27 devices). Networks are matched by
// content hash; a network not in the table is reported as such, never guessed.
// Metrics the table does not have are NaN.
#include "Validator.h"

#include <QByteArray>
#include <QHash>

namespace calibra::validate {

class MeasurementTableValidator : public Validator
{
public:
    MeasurementTableValidator(std::string backendId, QHash<QByteArray, Metrics> table);

    std::string backendId() const override { return m_id; }
    std::vector<Metrics> validate(const std::vector<ValidationRequest> &batch, const std::atomic<bool> *cancel) override;
    int size() const { return int(m_table.size()); }

private:
    std::string m_id;
    QHash<QByteArray, Metrics> m_table;
};

// The FBNet latency table: its networks (built from the `ops` column, in row order) and
// one validator per device column ("pixel3_ms", ...). Throws std::runtime_error naming
// the file and line of a malformed row.
struct FbnetTable
{
    std::vector<std::shared_ptr<const graph::Network>> networks;
    std::vector<std::vector<std::string>> ops; // each network's block types, as in the file
    std::vector<std::string> devices; // column names
    std::vector<std::vector<double>> latencyMs; // [device][row]
    MeasurementTableValidator validatorFor(size_t device) const;
};

FbnetTable loadFbnetTable(const std::string &csvPath, int maxRows = -1);

} // namespace calibra::validate
