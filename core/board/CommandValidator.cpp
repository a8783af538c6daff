// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandValidator.h"

#include "graph/ContentHash.h"
#include "graph/YamlFormat.h"
#include "hardware/TargetSetting.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <limits>

namespace calibra::validate {

CommandValidator::CommandValidator(std::vector<std::string> command, double timeoutSeconds)
    : m_command(std::move(command)), m_timeoutSeconds(timeoutSeconds)
{
}

std::string CommandValidator::backendId() const
{
    return "command/" + (m_command.empty() ? std::string("?") : m_command.front());
}

std::vector<Metrics> CommandValidator::validate(const std::vector<ValidationRequest> &batch,
                                                const std::atomic<bool> *cancel)
{
    std::vector<Metrics> out(batch.size());
    const auto failAll = [&](const std::string &why) {
        for (Metrics &m : out)
            if (!m.ok && m.error.empty()) {
                m.error = why;
                m.transient = true; // the tool's failure, not the network's
            }
        return out;
    };
    if (batch.empty())
        return out;
    if (m_command.empty())
        return failAll("no command configured");

    // One request per distinct setting keeps the protocol simple for tool authors.
    QJsonArray networks;
    std::vector<QString> keys(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
        if (!batch[i].network) {
            out[i].error = "no network";
            continue;
        }
        if (!(batch[i].setting == batch.front().setting)) {
            out[i].error = "the command backend validates one target setting per batch";
            continue;
        }
        keys[i] = QString::fromLatin1(graph::networkContentHash(*batch[i].network));
        networks.append(QJsonObject{{"key", keys[i]},
                                    {"network_yaml", QString::fromStdString(graph::networkToYaml(*batch[i].network))}});
    }
    const QJsonObject request{
        {"format", "calibra-validate-request"},
        {"version", 1},
        {"target_setting", QString::fromStdString(hardware::targetSettingToYaml(batch.front().setting))},
        {"networks", networks}};

    QProcess process;
    QStringList args;
    for (size_t i = 1; i < m_command.size(); ++i)
        args << QString::fromStdString(m_command[i]);
    process.start(QString::fromStdString(m_command.front()), args);
    if (!process.waitForStarted(10000))
        return failAll("cannot start '" + m_command.front() + "': " + process.errorString().toStdString());
    process.write(QJsonDocument(request).toJson(QJsonDocument::Compact));
    process.closeWriteChannel();
    QElapsedTimer timer;
    timer.start();
    while (!process.waitForFinished(200)) {
        if (process.state() == QProcess::NotRunning)
            break;
        if ((cancel && cancel->load()) || timer.elapsed() > qint64(m_timeoutSeconds * 1000)) {
            process.kill();
            process.waitForFinished(5000);
            return failAll(cancel && cancel->load() ? "cancelled"
                                                    : "'" + m_command.front() + "' took longer than "
                                                          + std::to_string(int(m_timeoutSeconds)) + " s");
        }
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return failAll("'" + m_command.front() + "' failed (exit " + std::to_string(process.exitCode())
                       + "): " + process.readAllStandardError().left(500).toStdString());

    QJsonParseError parseError;
    const QJsonDocument reply = QJsonDocument::fromJson(process.readAllStandardOutput(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !reply.object().value("results").isArray())
        return failAll("'" + m_command.front()
                       + "' did not reply with {\"results\": [...]}: " + parseError.errorString().toStdString());
    QHash<QString, QJsonObject> byKey;
    for (const QJsonValue &v : reply.object().value("results").toArray())
        byKey.insert(v.toObject().value("key").toString(), v.toObject());

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto number = [&](const QJsonObject &o, const char *name) {
        return o.value(name).isDouble() ? o.value(name).toDouble() : nan;
    };
    for (size_t i = 0; i < batch.size(); ++i) {
        if (keys[i].isEmpty())
            continue;
        const auto it = byKey.constFind(keys[i]);
        if (it == byKey.constEnd()) {
            out[i].error =
                "'" + m_command.front() + "' returned no result for network '" + batch[i].network->name + "'";
            continue;
        }
        Metrics &m = out[i];
        m.ok = it->value("ok").toBool(false);
        m.error = it->value("error").toString().toStdString();
        m.latencyMs = number(*it, "latency_ms");
        if (m.ok && !(m.latencyMs > 0)) {
            m.ok = false;
            m.error = "'" + m_command.front() + "' returned no latency for network '" + batch[i].network->name + "'";
            continue;
        }
        m.energyMj = number(*it, "energy_mj");
        m.averagePowerMw = number(*it, "power_mw");
        m.dramBytes = number(*it, "dram_bytes");
    }
    return out;
}

} // namespace calibra::validate
