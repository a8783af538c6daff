// SPDX-License-Identifier: GPL-3.0-or-later
// The supernet view: choice points listed, choice nodes marked in the DAG, a highlighted
// sub-network's changes and skipped blocks marked, tree rows select DAG nodes; the main
// window fills it when a network opens.
#include "DagView.h"
#include "MainWindow.h"
#include "SupernetPanel.h"
#include "graph/NetworkFile.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace calibra;
using namespace calibra::widgets;
using Mark = DagView::Mark;

class TestSupernetPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void choicePointsAndMarks()
    {
        SupernetPanel panel;
        panel.resize(1200, 800);
        panel.show();
        auto s = std::make_shared<const supernet::Supernet>(graph::loadNetwork("builtin:mobilenet_v2_cifar"));
        QSignalSpy laidOut(panel.dagView(), &DagView::layoutFinished);
        panel.setSupernet(s);
        QVERIFY(laidOut.wait(20000));
        QCOMPARE(panel.choiceTree()->topLevelItemCount(), int(s->choices().size()));
        QVERIFY2(panel.summary().contains("48 choice points"), qPrintable(panel.summary()));
        // Each choice point names its block: the stem's conv, a stage's inverted residual, the input.
        const auto blockOf = [&](const std::string &name) {
            for (size_t i = 0; i < s->choices().size(); ++i)
                if (s->choices()[i].name == name)
                    return panel.choiceTree()->topLevelItem(int(i))->text(SupernetPanel::BlockColumn);
            return QString();
        };
        QCOMPARE(blockOf("features.0.conv"), QStringLiteral("stem"));
        QCOMPARE(blockOf("features.4.dw.conv"), QStringLiteral("stage 3, inverted residual"));
        QCOMPARE(blockOf("input"), QStringLiteral("input"));

        // Reference: every choice's first node is marked, nothing changed or removed.
        for (const auto &c : s->choices())
            if (!c.nodes.empty())
                QCOMPARE(panel.dagView()->mark(c.nodes.front()), Mark::Choice);

        // Smallest: skipped blocks fade, narrowed convs are marked as changed.
        QTest::mouseClick(panel.findChild<QPushButton *>("highlightSmallest"), Qt::LeftButton);
        QCOMPARE(panel.genotype(), s->smallestGenotype());
        int removed = 0, expectedRemoved = 0, changed = 0;
        for (size_t i = 0; i < s->reference().nodes.size(); ++i) {
            removed += panel.dagView()->mark(int(i)) == Mark::Removed;
            changed += panel.dagView()->mark(int(i)) == Mark::Changed;
        }
        for (size_t i = 0; i < s->choices().size(); ++i) {
            const auto &c = s->choices()[i];
            if (c.kind == supernet::ChoiceKind::Depth && c.options[size_t(s->smallestGenotype()[i])] == 0)
                expectedRemoved += int(c.nodes.size());
        }
        QCOMPARE(removed, expectedRemoved);
        QVERIFY(removed > 0 && changed > 0);
        for (int i = 0; i < panel.choiceTree()->topLevelItemCount(); ++i) // changed options are bold
            QCOMPARE(panel.choiceTree()->topLevelItem(i)->font(SupernetPanel::OptionColumn).bold(),
                     s->smallestGenotype()[size_t(i)] != s->choices()[size_t(i)].referenceOption);

        // A tree row selects its node in the DAG.
        panel.choiceTree()->setCurrentItem(panel.choiceTree()->topLevelItem(5));
        QCOMPARE(panel.dagView()->selectedNode(), s->choices()[5].nodes.front());

        panel.highlightRandom();
        QVERIFY(s->isValid(panel.genotype()));
        panel.highlightReference();
        for (size_t i = 0; i < s->reference().nodes.size(); ++i)
            QVERIFY(panel.dagView()->mark(int(i)) != Mark::Removed && panel.dagView()->mark(int(i)) != Mark::Changed);

        panel.setSupernet(nullptr);
        QCOMPARE(panel.choiceTree()->topLevelItemCount(), 0);
    }

    void mainWindowFillsIt()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::networkLoaded);
        w.openNetwork(QStringLiteral("builtin:vit_small"));
        QVERIFY(loaded.wait(20000));
        QVERIFY(w.supernetPanel()->supernet());
        QCOMPARE(w.supernetPanel()->choiceTree()->topLevelItemCount(), 12); // the ViT's skippable blocks

        // The README's screenshot: MobileNetV2's supernet with its smallest sub-network.
        // Written only when asked (CALIBRA_SCREENSHOT_DIR=docs/screenshots).
        const QByteArray shots = qgetenv("CALIBRA_SCREENSHOT_DIR");
        if (shots.isEmpty())
            return;
        w.resize(1600, 900);
        QSignalSpy laidOut(w.supernetPanel()->dagView(), &DagView::layoutFinished);
        w.openNetwork(QStringLiteral("builtin:mobilenet_v2_cifar"));
        QVERIFY(loaded.wait(20000));
        QVERIFY(laidOut.wait(20000));
        w.tabs()->setCurrentWidget(w.supernetPanel());
        w.supernetPanel()->highlightSmallest();
        w.supernetPanel()->dagView()->resetTransform();
        w.supernetPanel()->dagView()->scale(0.55, 0.55);
        w.supernetPanel()->dagView()->centerOn(0, 0);
        QVERIFY(w.grab().save(QString::fromLocal8Bit(shots) + "/supernet-view.png"));
    }
};

QTEST_MAIN(TestSupernetPanel)
#include "tst_supernetpanel.moc"
