// SPDX-License-Identifier: GPL-3.0-or-later
// The DAG view offscreen: every built-in network and ONNX test model is laid out;
// find and select; direction toggle and the layout cache; a superseded layout is
// dropped; PNG and SVG export; node details in the main window.
#include "CostLegend.h"
#include "DagView.h"
#include "MainWindow.h"
#include "NetworkLayerModel.h"
#include "graph/NetworkFile.h"
#include "supernet/Blocks.h"

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "TestData.h"

using namespace calibra;
using calibra::widgets::DagView;

namespace {

std::shared_ptr<const graph::Network> load(const std::string &source)
{
    return std::make_shared<const graph::Network>(graph::loadNetwork(source));
}

} // namespace

class TestDagView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        CALIBRA_REQUIRE_TEST_DATA();
    }

    void laysOutEveryNetwork_data()
    {
        QTest::addColumn<QString>("source");
        for (const std::string &name : graph::builtinNetworkNames())
            QTest::newRow(name.c_str()) << QString::fromStdString("builtin:" + name);
        for (const QString &file : QDir(CALIBRA_TEST_DATA "/onnx").entryList({"*.onnx.gz"}))
            QTest::newRow(qPrintable(file)) << QStringLiteral(CALIBRA_TEST_DATA "/onnx/") + file;
    }
    void laysOutEveryNetwork()
    {
        QFETCH(QString, source);
        const auto net = load(source.toStdString());
        DagView view;
        view.resize(800, 600);
        QSignalSpy done(&view, &DagView::layoutFinished);
        view.setNetwork(net);
        QVERIFY(done.wait(60000));
        QCOMPARE(view.nodeItemCount(), int(net->inputs.size() + net->nodes.size()));
        QVERIFY(!view.scene()->sceneRect().isEmpty());
    }

    void findSelectDirectionAndCache()
    {
        const auto net = load("builtin:resnet18");
        DagView view;
        QSignalSpy done(&view, &DagView::layoutFinished);
        QSignalSpy selected(&view, &DagView::nodeSelected);
        view.setNetwork(net);
        QVERIFY(done.wait(60000));
        const QList<int> convs = view.find(QStringLiteral("conv2d")); // op type, any case
        QCOMPARE(convs.size(), 20);
        QCOMPARE(view.selectedNode(), convs.front());
        QCOMPARE(selected.last().at(0).toInt(), convs.front());
        // By name: a.conv/bn/act, b.conv/bn, add, relu of the second block.
        QCOMPARE(view.find(QStringLiteral("layer3.1")).size(), 7);
        QVERIFY(view.find(QStringLiteral("no such node")).isEmpty());

        const QRectF topDown = view.scene()->sceneRect();
        view.setLeftToRight(true);
        QVERIFY(done.wait(60000));
        const QRectF leftRight = view.scene()->sceneRect();
        QVERIFY(topDown.height() > topDown.width());
        QVERIFY(leftRight.width() > leftRight.height());
        // Back to top-down: served from the cache, synchronously.
        const int before = int(done.count());
        view.setLeftToRight(false);
        QCOMPARE(int(done.count()), before + 1);
        QCOMPARE(view.scene()->sceneRect(), topDown);
    }

    void collapseAndExpandBlocks_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("block");
        QTest::addColumn<QString>("namePart"); // how the block's node names read
        // MobileNetV2's features.3 is the second inverted residual of stage 2 (features.1
        // is stage 1's only block); each ViT block is an attention and a feed-forward block
        // of one stage, so blocks.2's attention is the fifth.
        QTest::newRow("mobilenet_v2") << "builtin:mobilenet_v2"
                                      << "stage 2, block 2"
                                      << "features.3.";
        QTest::newRow("vit_small") << "builtin:vit_small"
                                   << "stage 1, block 5"
                                   << "blocks.2.attn";
        QTest::newRow("onnx resnet18") << CALIBRA_TEST_DATA "/onnx/resnet18.onnx.gz"
                                       << "stage 1, block 1"
                                       << "/layer1/layer1.0/";
    }
    void collapseAndExpandBlocks()
    {
        QFETCH(QString, source);
        QFETCH(QString, block);
        QFETCH(QString, namePart);
        const auto net = load(source.toStdString());
        const int all = int(net->inputs.size() + net->nodes.size());
        DagView view;
        QSignalSpy done(&view, &DagView::layoutFinished);
        view.setNetwork(net);
        QVERIFY(done.wait(60000));
        view.collapseAll();
        QVERIFY(done.wait(60000));
        const int collapsed = view.nodeItemCount();
        QVERIFY2(collapsed < all / 2, qPrintable(QString("%1 of %2").arg(collapsed).arg(all)));
        QVERIFY2(view.collapsedBlocks().contains(block), qPrintable(view.collapsedBlocks().join(' ')));
        // A node inside a collapsed block is found; its block is what gets selected.
        const QList<int> hits = view.find(namePart);
        QVERIFY(!hits.isEmpty());
        QCOMPARE(view.selectedNode(), -1);
        // Written only when asked (CALIBRA_SCREENSHOT_DIR=docs/screenshots).
        if (const QByteArray shots = qgetenv("CALIBRA_SCREENSHOT_DIR");
            !shots.isEmpty() && source == "builtin:mobilenet_v2") {
            view.resize(700, 900);
            view.fitAll();
            QVERIFY(view.grab().save(QDir(QString::fromLocal8Bit(shots)).filePath("dag-blocks.png")));
        }
        view.expandBlock(block);
        QVERIFY(done.wait(60000));
        QVERIFY(!view.collapsedBlocks().contains(block));
        // The block's nodes are drawn one by one again.
        const supernet::BlockStructure blocks = supernet::findBlocks(*net);
        const int blockOfHit = blocks.blockOfNode[size_t(hits.front())];
        QCOMPARE(view.nodeItemCount(), collapsed - 1 + int(blocks.blocks[size_t(blockOfHit)].nodes.size()));
        view.find(namePart);
        QCOMPARE(view.selectedNode(), hits.front());
        view.expandAll();
        if (done.count() < 4)
            QVERIFY(done.wait(60000));
        QCOMPARE(view.nodeItemCount(), all);
    }

    void anotherNetworkStaysCollapsedWithItsOwnBlocks()
    {
        DagView view;
        QSignalSpy done(&view, &DagView::layoutFinished);
        view.setNetwork(load("builtin:mobilenet_v2"));
        QVERIFY(done.wait(60000));
        view.collapseAll();
        QVERIFY(done.wait(60000));
        const auto resnet = load("builtin:resnet18");
        view.setNetwork(resnet);
        QVERIFY(done.wait(60000));
        const supernet::BlockStructure blocks = supernet::findBlocks(*resnet);
        QCOMPARE(view.collapsedBlocks().size(), qsizetype(blocks.blocks.size()));
        QVERIFY2(view.collapsedBlocks().contains("stage 4, block 2"), qPrintable(view.collapsedBlocks().join(' ')));
        QVERIFY(!view.collapsedBlocks().contains("stage 7, block 1")); // MobileNetV2's, not ResNet-18's
    }

    void supersededLayoutIsDropped()
    {
        DagView view;
        QSignalSpy done(&view, &DagView::layoutFinished);
        const auto big = load("builtin:mobilenet_v2"), small = load("builtin:espcn_x3");
        view.setNetwork(big);
        view.setNetwork(small);
        QVERIFY(done.wait(60000));
        QTest::qWait(300);
        QCOMPARE(view.nodeItemCount(), int(small->inputs.size() + small->nodes.size()));
    }

    void exportsPngAndSvg()
    {
        DagView view;
        QSignalSpy done(&view, &DagView::layoutFinished);
        view.setNetwork(load("builtin:vit_small"));
        QVERIFY(done.wait(60000));
        QTemporaryDir dir;
        QVERIFY(view.exportPng(dir.filePath("g.png")));
        QVERIFY(view.exportSvg(dir.filePath("g.svg")));
        const QImage png(dir.filePath("g.png"));
        QVERIFY(png.width() > 200 && png.height() > 1000);
        QFile svg(dir.filePath("g.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(text.contains("<svg") && text.size() > 10000);
        QString error;
        QVERIFY(!view.exportPng(QStringLiteral("/nonexistent/dir/g.png"), &error));
        QVERIFY(error.contains("/nonexistent/dir/g.png"));
    }

    void costOverlay()
    {
        calibra::widgets::MainWindow w;
        QSignalSpy laid(w.dagView(), &DagView::layoutFinished);
        w.openNetwork(QStringLiteral("builtin:resnet18"));
        QVERIFY(laid.wait(60000));
        const QColor plain = w.dagView()->nodeFill(0);
        w.setOverlay(calibra::widgets::MainWindow::Overlay::Latency);
        QTRY_VERIFY_WITH_TIMEOUT(!w.dagView()->overlayLabel().isEmpty(), 10000);
        QVERIFY(w.dagView()->overlayLabel().contains("latency"));
        // The stem conv (a big execution group) and the classifier differ in colour,
        // and both differ from the plain fill.
        const QList<int> stem = w.dagView()->find(QStringLiteral("stem.conv"));
        const QList<int> fc = w.dagView()->find(QStringLiteral("fc"));
        QVERIFY(w.dagView()->nodeFill(stem.front()) != plain);
        QVERIFY(w.dagView()->nodeFill(stem.front()) != w.dagView()->nodeFill(fc.front()));
        // Every node's label is readable on its overlay colour (WCAG AA for text: 4.5).
        QVERIFY(w.layerModel()->rowCount() > 50);
        for (int i = 0; i < w.layerModel()->rowCount(); ++i) {
            const QColor fill = w.dagView()->nodeFill(i);
            QVERIFY2(calibra::widgets::contrastRatio(fill, calibra::widgets::readableTextColour(fill)) >= 4.5,
                     qPrintable(fill.name()));
        }
        for (double t = 0; t <= 1.0; t += 0.05) {
            const QColor fill = calibra::widgets::costScaleColour(t).lighter(115);
            QVERIFY2(calibra::widgets::contrastRatio(fill, calibra::widgets::readableTextColour(fill)) >= 4.5,
                     qPrintable(fill.name()));
        }
        // The legend sits under the graph, in a margin of its own: it covers no node.
        QVERIFY(w.dagView()->legend()->isVisibleTo(w.dagView()));
        QVERIFY(w.dagView()->legend()->geometry().top() > w.dagView()->viewport()->geometry().bottom());
        w.setOverlay(calibra::widgets::MainWindow::Overlay::None);
        QVERIFY(w.dagView()->overlayLabel().isEmpty());
        QVERIFY(!w.dagView()->legend()->isVisibleTo(w.dagView()));
        QCOMPARE(w.dagView()->nodeFill(0), plain);
    }

    void mainWindowShowsSelectedNode()
    {
        calibra::widgets::MainWindow w;
        QSignalSpy laid(w.dagView(), &DagView::layoutFinished);
        w.openNetwork(QStringLiteral("builtin:mobilenet_v2_cifar"));
        QVERIFY(laid.wait(60000));
        w.dagView()->find(QStringLiteral("features.2.expand.conv"));
        QVERIFY2(w.nodeDetails().contains("features.2.expand.conv") && w.nodeDetails().contains("1,572,864"),
                 qPrintable(w.nodeDetails()));
        // Once the simulation under the edited setting is in, the node shows its group's figures.
        QTRY_VERIFY_WITH_TIMEOUT(w.nodeDetails().contains("simulated latency of its execution group"), 20000);
        QVERIFY(w.nodeDetails().contains(" us"));
    }
};

QTEST_MAIN(TestDagView)
#include "tst_dagview.moc"
