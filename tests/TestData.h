// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Tests that read tests/data call this in initTestCase(): a missing data directory
// is one clear failure, not an exception from every test function.
#include <QFileInfo>
#include <QTest>

#define CALIBRA_REQUIRE_TEST_DATA()                                                                                    \
    QVERIFY2(QFileInfo::exists(QStringLiteral(CALIBRA_TEST_DATA "/onnx/truth.json")),                                  \
             "test data not found at " CALIBRA_TEST_DATA " (the repository's tests/data folder)")
