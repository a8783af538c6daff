// SPDX-License-Identifier: GPL-3.0-or-later
#include "FarmWorker.h"

#include "FarmSpool.h"
#include "Slurm.h"
#include "graph/YamlFormat.h"
#include "hardware/Platform.h"
#include "boardclient/BoardValidator.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cstdlib>

namespace calibra::farm {

namespace {

std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}

} // namespace

WorkerOutcome runWorker(const std::string &batchPath, std::string node)
{
    const FarmBatch batch = FarmSpool::readBatch(batchPath);
    // The spool is the directory above batches/.
    const FarmSpool spool(QFileInfo(QString::fromStdString(batchPath)).dir().absoluteFilePath("..").toStdString());
    if (node.empty())
        node = env("SLURMD_NODENAME");
    WorkerOutcome out;
    auto service = batch.services.find(node);
    if (service == batch.services.end())
        service = batch.services.find("*");
    if (service == batch.services.end())
        throw FarmError(batchPath + ": no board service for node '" + node + "' (and no '*' entry)");
    out.service = service->second;

    std::vector<const BatchEntry *> todo;
    for (const BatchEntry &e : batch.entries) {
        if (spool.hasResult(e.key))
            ++out.alreadyThere;
        else
            todo.push_back(&e);
    }
    if (todo.empty())
        return out;

    const hardware::Platform platform = hardware::loadPlatform(batch.platform);
    std::vector<hardware::TargetSetting> settings;
    for (size_t i = 0; i < batch.settings.size(); ++i)
        settings.push_back(
            hardware::parseTargetSettingYaml(batch.settings[i], batchPath + " setting " + std::to_string(i), platform));
    std::vector<validate::ValidationRequest> requests;
    for (const BatchEntry *e : todo) {
        auto network = std::make_shared<const graph::Network>(
            graph::parseNetworkYaml(e->networkYaml, batchPath + " entry " + e->key));
        requests.push_back({std::move(network), settings[size_t(e->setting)]});
    }
    validate::BoardConnection connection = batch.board;
    connection.services = {out.service};
    validate::BoardValidator board(connection);
    const std::string origin = "job " + env("SLURM_JOB_ID") + " on " + node + " via " + out.service;
    // Chunk by chunk, each chunk's results written before the next is sent: a board
    // that dies mid-batch loses only the chunk it was working on.
    const size_t chunk = size_t(std::max(1, connection.chunkSize));
    for (size_t start = 0; start < requests.size(); start += chunk) {
        const std::vector<validate::ValidationRequest> part(
            requests.begin() + long(start), requests.begin() + long(std::min(requests.size(), start + chunk)));
        const std::vector<validate::Metrics> results = board.validate(part, nullptr);
        for (size_t i = 0; i < results.size(); ++i) {
            if (results[i].transient) {
                ++out.transient; // the board's failure, not the network's: another job asks again
                continue;
            }
            spool.writeResult(todo[start + i]->key, results[i], origin);
            ++out.validated;
        }
    }
    return out;
}

} // namespace calibra::farm
