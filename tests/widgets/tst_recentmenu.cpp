// SPDX-License-Identifier: GPL-3.0-or-later
// File > Open Recent: newest first, each entry once, at most the settings' limit, kept
// across menus (sessions), projects told apart from networks.
#include "TestSettings.h"
#include "RecentMenu.h"
#include "SettingsKeys.h"

#include <QSettings>
#include <QSignalSpy>
#include <QtTest>

using namespace calibra::widgets;

class TestRecentMenu : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { calibra::test::useOwnSettings("tst_recentmenu"); }
    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    void startsEmptyAndDisabled()
    {
        RecentMenu menu(QStringLiteral("Open Recent"));
        QVERIFY(menu.entries().isEmpty());
        QVERIFY(menu.actions().isEmpty());
        QVERIFY(!menu.isEnabled());
    }

    void newestFirstEachOnceAndCapped()
    {
        RecentMenu menu(QStringLiteral("Open Recent"));
        menu.rememberNetwork(QStringLiteral("builtin:resnet18"));
        menu.rememberNetwork(QStringLiteral("/data/a.onnx"));
        menu.rememberNetwork(QStringLiteral("builtin:resnet18")); // again: moves to the top
        QCOMPARE(menu.entries(), (QStringList{"builtin:resnet18", "/data/a.onnx"}));
        QVERIFY(menu.isEnabled());
        for (int i = 0; i < settings::kMaxRecentNetworks + 3; ++i)
            menu.rememberNetwork(QStringLiteral("/data/n%1.onnx").arg(i));
        QCOMPARE(menu.entries().size(), settings::kMaxRecentNetworks);
        QCOMPARE(menu.entries().first(), QStringLiteral("/data/n%1.onnx").arg(settings::kMaxRecentNetworks + 2));
        QCOMPARE(menu.actions().size(), settings::kMaxRecentNetworks);
        // Another menu (the next session) reads the same list.
        RecentMenu later(QStringLiteral("Open Recent"));
        QCOMPARE(later.entries(), menu.entries());
    }

    void projectsAndNetworksAreChosenApart()
    {
        RecentMenu menu(QStringLiteral("Open Recent"));
        menu.rememberNetwork(QStringLiteral("builtin:espcn_x3"));
        menu.rememberProject(QStringLiteral("/work/p.yaml"));
        QSignalSpy networks(&menu, &RecentMenu::networkChosen);
        QSignalSpy projects(&menu, &RecentMenu::projectChosen);
        const QList<QAction *> actions = menu.actions();
        QCOMPARE(actions.size(), 2);
        QCOMPARE(actions[0]->text(), QStringLiteral("Project /work/p.yaml"));
        QCOMPARE(actions[1]->text(), QStringLiteral("builtin:espcn_x3"));
        actions[0]->trigger();
        actions[1]->trigger();
        QCOMPARE(projects.size(), 1);
        QCOMPARE(projects[0][0].toString(), QStringLiteral("/work/p.yaml"));
        QCOMPARE(networks.size(), 1);
        QCOMPARE(networks[0][0].toString(), QStringLiteral("builtin:espcn_x3"));
    }
};

QTEST_MAIN(TestRecentMenu)
#include "tst_recentmenu.moc"
