// SPDX-License-Identifier: GPL-3.0-or-later
#include "MeasurementTable.h"

#include "graph/ContentHash.h"
#include "graph/NetworkFile.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QtConcurrent/QtConcurrentMap>

#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <string_view>
#include <stdexcept>

namespace calibra::validate {

const char *tableMetricSuffix(TableMetric metric)
{
    switch (metric) {
    case TableMetric::Power: return "_mw";
    case TableMetric::MemoryAccess: return "_mb";
    default: return "_ms";
    }
}

const char *tableMetricName(TableMetric metric)
{
    switch (metric) {
    case TableMetric::Power: return "power";
    case TableMetric::MemoryAccess: return "memory access";
    default: return "latency";
    }
}

bool splitCsvLine(const std::string &line, std::vector<std::string> *cells)
{
    cells->clear();
    std::string cell;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells->push_back(std::move(cell));
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells->push_back(std::move(cell));
    return !quoted;
}

size_t MeasurementTable::device(const std::string &name) const
{
    for (size_t d = 0; d < devices.size(); ++d)
        if (devices[d] == name)
            return d;
    std::string known;
    for (const std::string &d : devices)
        known += (known.empty() ? "" : ", ") + d;
    throw std::runtime_error(file + ": no device '" + name + "' (the table has " + known + ")");
}

bool MeasurementTable::hasColumn(size_t d, TableMetric metric) const
{
    for (double v : values[d][size_t(metric)])
        if (!std::isnan(v))
            return true;
    return false;
}

Metrics MeasurementTable::metrics(size_t d, size_t row) const
{
    Metrics m;
    m.ok = true;
    m.latencyMs = value(d, TableMetric::Latency, row);
    m.averagePowerMw = value(d, TableMetric::Power, row);
    m.dramBytes = value(d, TableMetric::MemoryAccess, row) * 1e6;
    m.energyMj = m.averagePowerMw * m.latencyMs * 1e-3; // NaN unless both were measured
    return m;
}

namespace {

std::string trimmed(const std::string &s)
{
    const size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

[[noreturn]] void fail(const std::string &file, int line, const std::string &what)
{
    throw std::runtime_error(file + ":" + std::to_string(line) + ": " + what);
}

struct Column
{
    size_t device = 0;
    TableMetric metric = TableMetric::Latency;
};

} // namespace

MeasurementTable loadMeasurementTable(const std::string &csvPath)
{
    return parseMeasurementTable(graph::readFileBytes(csvPath), csvPath);
}

MeasurementTable parseMeasurementTable(const std::string &text, const std::string &csvPath)
{
    MeasurementTable t;
    t.file = csvPath;
    // Spreadsheets' "CSV UTF-8" starts with a byte-order mark; it is no part of the header.
    const std::string_view bom = "\xEF\xBB\xBF";
    std::istringstream in(text.compare(0, bom.size(), bom) == 0 ? text.substr(bom.size()) : text);
    std::string line;
    std::vector<std::string> header;
    if (!std::getline(in, line))
        throw std::runtime_error(csvPath + ": empty file (expected a header: network,<device>_ms,...)");
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    if (!splitCsvLine(line, &header))
        fail(csvPath, 1, "unterminated quote");
    // Which column is the network, and which device and metric each other one holds.
    int networkColumn = -1;
    std::vector<Column> columns(header.size());
    std::map<std::string, int> seen;
    for (size_t c = 0; c < header.size(); ++c) {
        const std::string name = trimmed(header[c]);
        const std::string where = "column " + std::to_string(c + 1) + " '" + name + "'";
        if (!seen.emplace(name, int(c)).second)
            fail(csvPath, 1, where + ": the same column as column " + std::to_string(seen[name] + 1));
        if (name == "network") {
            networkColumn = int(c);
            continue;
        }
        bool known = false;
        for (TableMetric m : kTableMetrics) {
            const std::string suffix = tableMetricSuffix(m);
            if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
                const std::string device = name.substr(0, name.size() - suffix.size());
                size_t d = 0;
                while (d < t.devices.size() && t.devices[d] != device)
                    ++d;
                if (d == t.devices.size()) {
                    t.devices.push_back(device);
                    t.values.emplace_back();
                }
                columns[c] = {d, m};
                known = true;
            }
        }
        if (!known)
            fail(csvPath, 1,
                 where
                     + ": expected network or <device>_ms (latency), <device>_mw (power) or "
                       "<device>_mb (memory access)");
    }
    if (networkColumn < 0)
        fail(csvPath, 1, "no 'network' column (the network files measured)");
    if (t.devices.empty())
        fail(csvPath, 1, "no measurement column (<device>_ms, <device>_mw or <device>_mb)");

    const QDir base = QFileInfo(QString::fromStdString(csvPath)).absoluteDir();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::string> cells;
    std::vector<std::string> paths;
    for (int lineNo = 2; std::getline(in, line); ++lineNo) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (trimmed(line).empty())
            continue;
        if (!splitCsvLine(line, &cells))
            fail(csvPath, lineNo, "unterminated quote");
        if (cells.size() != header.size())
            fail(csvPath, lineNo,
                 "expected " + std::to_string(header.size()) + " cells, got " + std::to_string(cells.size()));
        MeasurementTable::Row row;
        row.line = lineNo;
        row.network = trimmed(cells[size_t(networkColumn)]);
        if (row.network.empty())
            fail(csvPath, lineNo, "column network: empty");
        const bool builtin = row.network.rfind(graph::kBuiltinPrefix, 0) == 0;
        const QString name = QString::fromStdString(row.network);
        paths.push_back(builtin || QDir::isAbsolutePath(name) ? row.network : base.filePath(name).toStdString());
        for (auto &device : t.values)
            for (auto &metric : device)
                metric.push_back(nan);
        for (size_t c = 0; c < cells.size(); ++c) {
            if (int(c) == networkColumn)
                continue;
            const std::string cell = trimmed(cells[c]);
            if (cell.empty())
                continue; // not measured
            const std::string where = "column " + trimmed(header[c]) + ": ";
            char *end = nullptr;
            const double v = std::strtod(cell.c_str(), &end);
            if (end != cell.c_str() + cell.size() || !std::isfinite(v))
                fail(csvPath, lineNo, where + "not a number: '" + cell + "'");
            if (v < 0)
                fail(csvPath, lineNo, where + "negative: " + cell);
            t.values[columns[c].device][size_t(columns[c].metric)].back() = v;
        }
        t.rows.push_back(std::move(row));
    }
    if (t.rows.empty())
        throw std::runtime_error(csvPath + ": no rows after the header");

    // Load the networks on every core (a table of thousands of networks is the common case).
    struct Loaded
    {
        std::shared_ptr<const graph::Network> graph;
        QByteArray hash;
        std::string error;
    };
    const std::function<Loaded(const std::string &)> load = [](const std::string &path) {
        Loaded l;
        try {
            l.graph = std::make_shared<const graph::Network>(graph::loadNetwork(path));
            l.hash = graph::networkContentHash(*l.graph);
        } catch (const std::exception &e) {
            l.error = e.what();
        }
        return l;
    };
    const QList<Loaded> loaded = QtConcurrent::blockingMapped<QList<Loaded>>(paths, load);
    QHash<QByteArray, int> lineOf;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        MeasurementTable::Row &row = t.rows[r];
        if (!loaded[qsizetype(r)].error.empty())
            fail(csvPath, row.line, "column network: " + loaded[qsizetype(r)].error);
        row.graph = loaded[qsizetype(r)].graph;
        row.hash = loaded[qsizetype(r)].hash;
        const auto earlier = lineOf.constFind(row.hash);
        if (earlier != lineOf.constEnd())
            fail(csvPath, row.line,
                 "column network: '" + row.network + "' is the same network as line " + std::to_string(*earlier)
                     + " (a network is measured once per table)");
        lineOf.insert(row.hash, row.line);
    }
    return t;
}

} // namespace calibra::validate
