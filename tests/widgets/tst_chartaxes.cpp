// SPDX-License-Identifier: GPL-3.0-or-later
// Chart legends below the plot: as many columns as the width holds whole, on screen and
// in an exported image of another width; exporting leaves the screen's layout alone.
#include "ChartAxes.h"

#include <QTest>

using namespace calibra::widgets;

namespace {

QCustomPlot *plotWithLongLegend(QWidget *parent)
{
    auto *plot = new QCustomPlot(parent);
    for (const char *name : {"predicted, meets the constraints", "predicted, breaks the constraints",
                             "validated, meets the constraints", "validated, breaks the constraints"}) {
        plot->addGraph()->setName(QString::fromLatin1(name));
    }
    plot->legend->setVisible(true);
    placeLegendBelow(plot, 4);
    parent->show(); // a hidden widget gets no resize events, and its viewport stays put
    return plot;
}

} // namespace

class TestChartAxes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theLegendFitsTheScreensWidth()
    {
        QWidget window;
        QCustomPlot *plot = plotWithLongLegend(&window);
        plot->resize(1800, 500);
        plot->replot();
        QCOMPARE(plot->legend->wrap(), 4);
        plot->resize(400, 500);
        plot->replot();
        QCOMPARE(plot->legend->wrap(), 1);
    }

    // On a wide screen the legend has four columns; a 600 px image holds fewer, and the
    // image is drawn with those. Afterwards the screen's four are back.
    void anImageFitsItsOwnWidth()
    {
        QWidget window;
        QCustomPlot *plot = plotWithLongLegend(&window);
        plot->resize(1800, 500);
        plot->replot();
        QCOMPARE(plot->legend->wrap(), 4);
        int wrapWhileDrawn = 0;
        bool legendWhole = false;
        connect(plot, &QCustomPlot::afterLayout, plot, [&] {
            wrapWhileDrawn = plot->legend->wrap();
            legendWhole = plot->legend->outerRect().width() >= plot->legend->minimumOuterSizeHint().width();
        });
        const QImage image = chartImage(plot, 600, 400);
        QCOMPARE(image.width(), 600);
        QVERIFY(wrapWhileDrawn >= 1 && wrapWhileDrawn < 4);
        QVERIFY(legendWhole);
        QCOMPARE(plot->viewport(), QRect(0, 0, 1800, 500));
        QCOMPARE(plot->legend->wrap(), 4);
    }
};

QTEST_MAIN(TestChartAxes)
#include "tst_chartaxes.moc"
