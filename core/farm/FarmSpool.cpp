// SPDX-License-Identifier: GPL-3.0-or-later
#include "FarmSpool.h"

#include "Slurm.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <limits>

namespace calibra::farm {

namespace {

constexpr int kBatchVersion = 1;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// NaN ("unavailable") travels as null: JSON has no NaN.
QJsonValue number(double v)
{
    return std::isnan(v) ? QJsonValue() : QJsonValue(v);
}

double numberOrNaN(const QJsonValue &v)
{
    return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

void writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        throw FarmError(path.toStdString() + ": cannot write (" + f.errorString().toStdString() + ")");
}

} // namespace

FarmSpool::FarmSpool(std::string directory) : m_dir(std::move(directory))
{
    if (m_dir.empty())
        throw FarmError("the farm needs a spool directory (validator.spool)");
    for (const char *sub : {"batches", "results", "logs"})
        if (!QDir().mkpath(q(m_dir) + "/" + sub))
            throw FarmError(m_dir + "/" + sub + ": cannot create the farm's spool directory");
    m_dir = QDir::cleanPath(QDir(q(m_dir)).absolutePath()).toStdString();
}

std::string FarmSpool::batchPath(const std::string &id) const
{
    return m_dir + "/batches/" + id + ".json";
}

std::string FarmSpool::logPattern() const
{
    return m_dir + "/logs/%j.out";
}

std::string FarmSpool::writeBatch(const FarmBatch &b) const
{
    QJsonObject o;
    o["format"] = "calibra-farm-batch";
    o["version"] = kBatchVersion;
    o["platform"] = q(b.platform);
    QJsonArray settings;
    for (const std::string &s : b.settings)
        settings.append(q(s));
    o["settings"] = settings;
    QJsonArray entries;
    for (const BatchEntry &e : b.entries)
        entries.append(QJsonObject{{"key", q(e.key)}, {"setting", e.setting}, {"network", q(e.networkYaml)}});
    o["entries"] = entries;
    QJsonObject services;
    for (const auto &[node, address] : b.services)
        services[q(node)] = q(address);
    o["services"] = services;
    o["ca"] = q(b.board.caFile);
    o["cert"] = q(b.board.certFile);
    o["key"] = q(b.board.keyFile);
    o["server_name"] = q(b.board.serverName);
    o["deadline_s"] = b.board.deadlineSeconds;
    o["chunk_size"] = b.board.chunkSize;
    const std::string id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    writeAtomically(q(batchPath(id)), QJsonDocument(o).toJson(QJsonDocument::Compact));
    return id;
}

FarmBatch FarmSpool::readBatch(const std::string &path)
{
    QFile f(q(path));
    if (!f.open(QIODevice::ReadOnly))
        throw FarmError(path + ": cannot read the batch");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (doc.isNull())
        throw FarmError(path + ": not a farm batch (" + error.errorString().toStdString() + " at byte "
                        + std::to_string(error.offset) + ")");
    const QJsonObject o = doc.object();
    if (o["format"].toString() != "calibra-farm-batch" || o["version"].toInt() != kBatchVersion)
        throw FarmError(path + ": not a calibra-farm-batch version " + std::to_string(kBatchVersion));
    FarmBatch b;
    b.platform = o["platform"].toString().toStdString();
    for (const QJsonValue &s : o["settings"].toArray())
        b.settings.push_back(s.toString().toStdString());
    for (const QJsonValue &v : o["entries"].toArray()) {
        const QJsonObject e = v.toObject();
        BatchEntry entry{e["key"].toString().toStdString(), e["setting"].toInt(-1),
                         e["network"].toString().toStdString()};
        if (entry.key.empty() || entry.setting < 0 || entry.setting >= int(b.settings.size()))
            throw FarmError(path + ": entry " + std::to_string(b.entries.size()) + " has no key or no valid setting");
        b.entries.push_back(std::move(entry));
    }
    const QJsonObject services = o["services"].toObject();
    for (auto it = services.begin(); it != services.end(); ++it)
        b.services[it.key().toStdString()] = it.value().toString().toStdString();
    b.board.caFile = o["ca"].toString().toStdString();
    b.board.certFile = o["cert"].toString().toStdString();
    b.board.keyFile = o["key"].toString().toStdString();
    b.board.serverName = o["server_name"].toString().toStdString();
    b.board.deadlineSeconds = o["deadline_s"].toDouble(b.board.deadlineSeconds);
    b.board.chunkSize = std::max(1, o["chunk_size"].toInt(b.board.chunkSize));
    return b;
}

bool FarmSpool::hasResult(const std::string &key) const
{
    return QFile::exists(q(m_dir + "/results/" + key + ".json"));
}

std::optional<validate::Metrics> FarmSpool::readResult(const std::string &key) const
{
    QFile f(q(m_dir + "/results/" + key + ".json"));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    if (o["key"].toString().toStdString() != key)
        return std::nullopt; // not ours (or damaged): validated again rather than trusted
    validate::Metrics m;
    m.ok = o["ok"].toBool();
    m.error = o["error"].toString().toStdString();
    m.latencyMs = numberOrNaN(o["latency_ms"]);
    m.energyMj = numberOrNaN(o["energy_mj"]);
    m.averagePowerMw = numberOrNaN(o["average_power_mw"]);
    m.dramBytes = numberOrNaN(o["dram_bytes"]);
    m.latencyP90Ms = numberOrNaN(o["latency_p90_ms"]);
    m.peakMemoryBytes = numberOrNaN(o["peak_memory_bytes"]);
    m.latencyHighMs = o["latency_high_ms"].toDouble(0); // absent: not measured
    m.latencySpread = o["latency_spread"].toDouble(0);
    return m;
}

void FarmSpool::writeResult(const std::string &key, const validate::Metrics &m, const std::string &origin) const
{
    const QJsonObject o{{"key", q(key)},
                        {"ok", m.ok},
                        {"error", q(m.error)},
                        {"latency_ms", number(m.latencyMs)},
                        {"energy_mj", number(m.energyMj)},
                        {"average_power_mw", number(m.averagePowerMw)},
                        {"dram_bytes", number(m.dramBytes)},
                        {"latency_p90_ms", number(m.latencyP90Ms)},
                        {"peak_memory_bytes", number(m.peakMemoryBytes)},
                        {"latency_high_ms", number(m.latencyHighMs)},
                        {"latency_spread", number(m.latencySpread)},
                        {"origin", q(origin)}};
    writeAtomically(q(m_dir + "/results/" + key + ".json"), QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::string FarmSpool::logTail(const std::string &jobId, int lines) const
{
    QFile f(q(m_dir + "/logs/" + jobId + ".out"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> all = f.readAll().trimmed().split('\n');
    QByteArray tail;
    for (qsizetype i = std::max<qsizetype>(0, all.size() - lines); i < all.size(); ++i)
        tail += (tail.isEmpty() ? "" : " | ") + all[i];
    return tail.toStdString();
}

} // namespace calibra::farm
