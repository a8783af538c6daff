// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunCatalog.h"

#include "RunSnapshot.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>

namespace calibra::pipeline {

namespace {

RunEntry readEntry(const QFileInfo &dir)
{
    RunEntry e;
    e.directory = dir.absoluteFilePath().toStdString();
    // A live run writes its write-ahead log; the store itself changes at checkpoints. An
    // empty log is no change: opening a store to read creates one (SQLite's WAL mode).
    const QDir d(dir.absoluteFilePath());
    const QFileInfo storeFile(d.filePath(QStringLiteral("run.sqlite")));
    const QFileInfo logFile(d.filePath(QStringLiteral("run.sqlite-wal")));
    if (storeFile.exists())
        e.modifiedMsecs = storeFile.lastModified().toMSecsSinceEpoch();
    if (logFile.exists() && logFile.size() > 0)
        e.modifiedMsecs = std::max<int64_t>(e.modifiedMsecs, logFile.lastModified().toMSecsSinceEpoch());
    try {
        const RunStore store(e.directory, RunStore::ReadOnly{});
        e.status = observedStatus(store);
        e.error = store.meta("error").value_or("");
        if (e.status == RunStatus::Interrupted && store.status() == RunStatus::Running) {
            e.error = "its process ended without finishing (killed or crashed): resume it to go on";
        }
        if (const std::optional<std::string> yaml = store.meta("project")) {
            // Only two fields: a full parse would read the target file the project names.
            const YAML::Node p = YAML::Load(*yaml);
            e.project = p["name"] ? p["name"].as<std::string>() : "";
            e.mode = p["mode"] ? p["mode"].as<std::string>() : "";
        }
        e.validations = store.validationCount();
        for (const Event &ev : store.events()) {
            // Generation 0 is the initial population: a search of `generations: 6` counts 6.
            e.generations += ev.kind == EventKind::GenerationFinished && ev.generation > 0;
            e.warnings += ev.kind == EventKind::Warning;
            if (ev.kind == EventKind::FinalModel)
                e.finalModel = ev.message;
        }
    } catch (const std::exception &x) {
        e.status = RunStatus::Unreadable;
        e.error = x.what();
    }
    return e;
}

} // namespace

std::vector<RunEntry> listRuns(const std::string &folder)
{
    std::vector<RunEntry> out;
    const QDir root(QString::fromStdString(folder));
    if (!root.exists())
        return out;
    for (const QFileInfo &dir : root.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (QFileInfo::exists(QDir(dir.absoluteFilePath()).filePath("run.sqlite")))
            out.push_back(readEntry(dir));
    std::stable_sort(out.begin(), out.end(),
                     [](const RunEntry &a, const RunEntry &b) { return a.modifiedMsecs > b.modifiedMsecs; });
    return out;
}

std::string newRunDirectory(const std::string &folder, const std::string &projectName)
{
    QDir parent(QString::fromStdString(folder));
    if (!parent.mkpath(QStringLiteral(".")))
        throw std::runtime_error(folder + ": cannot create the runs folder");
    const QString stem = QStringLiteral("%1-%2").arg(
        QString::fromStdString(projectName), QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    // mkdir either creates the directory or finds it taken, also against another process.
    for (int n = 1; n < 1000; ++n) {
        const QString name = n == 1 ? stem : QStringLiteral("%1-%2").arg(stem).arg(n);
        if (parent.mkdir(name))
            return parent.filePath(name).toStdString();
        if (!parent.exists(name))
            break; // not taken, yet not created: the folder refuses
    }
    throw std::runtime_error(folder + ": cannot create a run directory " + stem.toStdString());
}

} // namespace calibra::pipeline
