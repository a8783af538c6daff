// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// For the folders that link LibTorch (this header is all of base that needs it).
#include "base/FreeCores.h"

#include <ATen/Parallel.h>

namespace calibra::base {

// Gives the calling thread's LibTorch work parallelThreadsNow() threads. OpenMP keeps the
// count per thread, so the thread that runs the work calls this, at the start of the work
// and then every step or batch: the count follows what other processes leave free.
inline void adaptTorchThreads()
{
    const int threads = parallelThreadsNow();
    if (at::get_num_threads() != threads)
        at::set_num_threads(threads);
}

} // namespace calibra::base
