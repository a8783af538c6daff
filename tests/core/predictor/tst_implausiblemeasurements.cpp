// SPDX-License-Identifier: GPL-3.0-or-later
// The screen for implausible measurements (predictor/ImplausibleMeasurements.h): a row a
// hundred times off its neighbours and a zero are flagged; a model that is wrong by the
// same factor everywhere, or rows spread as real devices spread, flag nothing.
#include "predictor/ImplausibleMeasurements.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace calibra::predictor;

class TestImplausibleMeasurements : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void flagsARowFarFromItsNeighbours()
    {
        std::mt19937_64 rng(7);
        std::lognormal_distribution<double> spread(0.0, 0.15); // a device unlike the model, row by row
        std::vector<double> predicted, measured;
        for (int i = 0; i < 40; ++i) {
            predicted.push_back(1.0 + i * 0.1);
            measured.push_back(7.0 * predicted.back() * spread(rng)); // the model is 7x too fast
        }
        QVERIFY(implausibleMeasurements(measured, predicted).empty());

        measured[12] /= 100;
        measured[30] = 0;
        measured[5] = std::nan(""); // not measured: never judged
        const auto flagged = implausibleMeasurements(measured, predicted);
        QCOMPARE(flagged.size(), size_t(2));
        QCOMPARE(flagged[0].index, size_t(12));
        QVERIFY2(flagged[0].factor > 0.005 && flagged[0].factor < 0.02, qPrintable(QString::number(flagged[0].factor)));
        QCOMPARE(flagged[1].index, size_t(30));
        QCOMPARE(flagged[1].factor, 0.0);
    }

    void neverFlagsWithinTheFloorFactor()
    {
        // Identical ratios (no spread at all): only a row beyond 5x of them is flagged.
        std::vector<double> predicted(10, 1.0), measured(10, 2.0);
        measured[4] = 2.0 * 4.5;
        QVERIFY(implausibleMeasurements(measured, predicted).empty());
        measured[4] = 2.0 * 6;
        QCOMPARE(implausibleMeasurements(measured, predicted).size(), size_t(1));
    }

    void fewRowsFlagOnlyZeros()
    {
        const std::vector<double> predicted{1, 1, 1, 1};
        QVERIFY(implausibleMeasurements({1, 1, 1, 100}, predicted).empty());
        const auto flagged = implausibleMeasurements({1, 0, 1, 100}, predicted);
        QCOMPARE(flagged.size(), size_t(1));
        QCOMPARE(flagged[0].index, size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestImplausibleMeasurements)
#include "tst_implausiblemeasurements.moc"
