// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Work that keeps every core busy (a run: LibTorch's threads, the search's parallel
// evaluation) must not take the CPU from the GUI thread: with both cores taken, Fusion's
// paints (the log's scroll bar, the progress bar) took 10-270 ms (bench_runviews). The thread
// that calls this gets nice 10 (Linux; elsewhere nothing changes), and so do the threads
// it starts afterwards. Unprivileged processes cannot raise it again: call it on a thread
// that does only such work.
#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace calibra::widgets {

inline void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    // On Linux the nice value is per thread (PRIO_PROCESS with a thread id).
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
}

} // namespace calibra::widgets
