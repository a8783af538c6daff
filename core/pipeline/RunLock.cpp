// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunLock.h"

#include "RunStore.h"

#include <QDir>
#include <QFileInfo>

namespace calibra::pipeline {

RunLock::RunLock(const std::string &directory)
{
    const QString dir = QString::fromStdString(directory);
    if (!QDir().mkpath(dir))
        throw RunStoreError(directory + ": cannot create the run directory");
    m_lock = std::make_unique<QLockFile>(QDir(dir).filePath(QStringLiteral("run.lock")));
    // Never stale by age: a run holds its directory for hours. Stale only when the
    // owner is gone, which QLockFile checks by pid, host and program name.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return;
    if (m_lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, program;
        if (m_lock->getLockInfo(&pid, &host, &program))
            throw RunStoreError(directory + ": in use by "
                                + (program.isEmpty() ? "another process" : program.toStdString()) + " (pid "
                                + std::to_string(pid) + " on " + host.toStdString()
                                + "); one process at a time may run in a run directory");
        throw RunStoreError(directory
                            + ": in use by another process (run.lock); one process at a time may run in a "
                              "run directory");
    }
    throw RunStoreError(directory + ": cannot create run.lock (is the directory writable?)");
}

RunLock::~RunLock() = default; // QLockFile unlocks and removes the file

bool RunLock::isHeld(const std::string &directory)
{
    const QString file = QDir(QString::fromStdString(directory)).filePath(QStringLiteral("run.lock"));
    if (!QFileInfo::exists(file))
        return false;
    QLockFile lock(file);
    lock.setStaleLockTime(0);
    // Taken (and released at once) only when nobody alive holds it.
    return !lock.tryLock(0) && lock.error() == QLockFile::LockFailedError;
}

} // namespace calibra::pipeline
