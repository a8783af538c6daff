#pragma once
// Tests that read ../shared/data call this in initTestCase(): a missing data directory
// is one clear failure, not an exception from every test function.
#include <QFileInfo>
#include <QTest>

#define CALIBRA_REQUIRE_SHARED_DATA()                                                                         \
    QVERIFY2(QFileInfo::exists(QStringLiteral(CALIBRA_SHARED_DATA "/onnx/truth.json")),                        \
             "test data not found at " CALIBRA_SHARED_DATA " (configure with -DCALIBRA_SHARED_DATA_DIR=...)")
