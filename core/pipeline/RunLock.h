// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One process per run directory: DIR/run.lock, held from opening a run (new or resumed)
// until it ends. Two writers would interleave their searches, checks and finetunes in
// one store. A lock whose owner died (a kill, a crash, a reboot) is stale and taken
// over: the lock file records the owner's pid, host and program, and a pid that no
// longer runs that program on this host does not hold it.
#include <QLockFile>

#include <memory>
#include <string>

namespace calibra::pipeline {

class RunLock
{
public:
    // Creates DIR when missing. Throws RunStoreError naming the holder (program, pid,
    // host) when another live process holds the lock.
    explicit RunLock(const std::string &directory);
    ~RunLock();
    RunLock(const RunLock &) = delete;
    RunLock &operator=(const RunLock &) = delete;

    // Whether a live process holds DIR's lock now, or a process on another host (whose
    // pid cannot be checked) does. A run whose store says "running" but whose lock nobody
    // holds was killed or crashed. A stale lock is taken and released on the way (as
    // opening the run would), so a resume that starts at that very moment may be refused
    // once.
    static bool isHeld(const std::string &directory);

private:
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace calibra::pipeline
