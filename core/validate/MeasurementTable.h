// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A table of figures measured on real devices (docs/formats.md): CSV with a `network`
// column naming network files (YAML or ONNX, relative to the CSV, or builtin:NAME) and
// one column per device and metric: `<device>_ms` latency, `<device>_mw` average power,
// `<device>_mb` memory access in MB. An empty cell means "not measured".
//
// Loading refuses, naming the file, line and column: a network file that is missing or
// does not load, a column of no known kind, a value that is not a number or is negative,
// and a network that appears twice (by content: two files of one network are one
// network measured twice, which a table must say once).
#include "Validator.h"

#include <QByteArray>

#include <array>
#include <string>
#include <vector>

namespace calibra::validate {

enum class TableMetric { Latency, Power, MemoryAccess };
inline constexpr int kTableMetricCount = 3;
inline constexpr TableMetric kTableMetrics[kTableMetricCount] = {TableMetric::Latency, TableMetric::Power,
                                                                 TableMetric::MemoryAccess};
const char *tableMetricSuffix(TableMetric metric); // _ms, _mw, _mb
const char *tableMetricName(TableMetric metric);   // latency, power, memory access

struct MeasurementTable
{
    struct Row
    {
        int line = 0;        // in the CSV file (the header is line 1)
        std::string network; // as the table names it
        std::shared_ptr<const graph::Network> graph;
        QByteArray hash; // graph::networkContentHash
    };

    std::string file;
    std::vector<Row> rows;
    std::vector<std::string> devices; // in the order of their first column
    // values[device][metric][row], in the metric's table unit (ms, mW, MB); NaN where
    // the cell was empty or the table has no such column.
    std::vector<std::array<std::vector<double>, kTableMetricCount>> values;

    // The index of a device; throws std::runtime_error naming the file and the devices
    // it holds.
    size_t device(const std::string &name) const;
    bool hasColumn(size_t device, TableMetric metric) const;
    double value(size_t device, TableMetric metric, size_t row) const { return values[device][size_t(metric)][row]; }
    // A row as a validation result: ok, NaN for what was not measured, energy from
    // power and latency when both were.
    Metrics metrics(size_t device, size_t row) const;
};

MeasurementTable loadMeasurementTable(const std::string &csvPath);
// The same from the table's text; network paths are relative to `csvPath`'s folder.
MeasurementTable parseMeasurementTable(const std::string &text, const std::string &csvPath);

// One CSV line split into cells: commas separate, double quotes quote (a doubled quote
// inside is one quote). Returns false on an unterminated quote.
bool splitCsvLine(const std::string &line, std::vector<std::string> *cells);

} // namespace calibra::validate
