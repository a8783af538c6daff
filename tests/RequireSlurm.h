// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// For tests that need a real Slurm cluster (SlurmTestCluster.h).
#include "SlurmTestCluster.h"

#include <QTest>

// True when a cluster can run here. Otherwise the current test function is skipped, or
// failed where Slurm is required (CI sets CALIBRA_REQUIRE_SLURM), naming the reason; the
// caller returns.
inline bool slurmCanRun(const char *file, int line)
{
    const QString why = SlurmTestCluster::unavailableReason();
    if (why.isEmpty())
        return true;
    if (qEnvironmentVariableIsSet("CALIBRA_REQUIRE_SLURM"))
        QTest::qFail(qPrintable("no Slurm cluster: " + why), file, line);
    else
        QTest::qSkip(qPrintable("no Slurm cluster: " + why), file, line);
    return false;
}
