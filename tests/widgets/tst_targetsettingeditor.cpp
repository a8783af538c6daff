// SPDX-License-Identifier: GPL-3.0-or-later
// The target-setting editor offscreen: the platform's choices, edit-save-reload
// identity, refusal of bad files with the field named, the live simulation panel, and
// the message for an explicit tile that does not fit.
#include "TargetSettingEditor.h"
#include "graph/NetworkBuilder.h"
#include "hardware/Simulator.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace calibra;
using calibra::widgets::TargetSettingEditor;

class TestTargetSettingEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void offersThePlatformsChoices()
    {
        TargetSettingEditor e;
        QCOMPARE(e.platform().name, std::string("mobile-npu-m"));
        auto *preset = e.findChild<QComboBox *>("platformPreset");
        preset->setCurrentIndex(preset->findData(QStringLiteral("edge-npu-s")));
        QCOMPARE(e.platform().name, std::string("edge-npu-s"));
        QCOMPARE(e.findChild<QComboBox *>("dvfs")->count(), 8); // the preset's DVFS table
        QVERIFY(e.findChild<QComboBox *>("dvfs")->itemText(7).contains("1000 MHz at 0.850 V"));
        QVERIFY(e.setting() == hardware::defaultSetting(e.platform())); // a preset change resets
    }

    void editSaveReloadIsIdentical()
    {
        TargetSettingEditor e;
        hardware::TargetSetting s = e.setting();
        s.autoTiling = false;
        s.tile = {128, 32, 288};
        s.fusion = hardware::Fusion::DepthFirst;
        s.dataflow = hardware::Dataflow::InputStationary;
        s.precision = hardware::Precision::Fp16;
        s.dvfsMhz = 800;
        s.dramCapGBps = 12.5;
        s.activeCores = 1;
        s.sramBudgetKiB = 1024;
        e.setSetting(s);
        QVERIFY(e.setting() == s);
        QTemporaryDir dir;
        const QString path = dir.filePath("setting.yaml");
        QVERIFY(e.saveFile(path));
        e.setSetting(hardware::defaultSetting(e.platform()));
        QVERIFY(!(e.setting() == s));
        QVERIFY(e.loadFile(path));
        QVERIFY(e.setting() == s);
    }

    void badFilesAreRefusedWithTheField()
    {
        TargetSettingEditor e;
        const hardware::TargetSetting before = e.setting();
        QTemporaryDir dir;
        QFile f(dir.filePath("bad.yaml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("format: calibra-target-setting\nversion: 1\nhardware: {dvfs_mhz: 850}\n");
        f.close();
        QString error;
        QVERIFY(!e.loadFile(f.fileName(), &error));
        QVERIFY2(error.contains("hardware.dvfs_mhz") && error.contains("850"), qPrintable(error));
        QVERIFY(e.setting() == before); // nothing half-applied
    }

    void livePanelMatchesTheSimulator()
    {
        TargetSettingEditor e;
        const auto net = std::make_shared<const graph::Network>(graph::buildResNet18());
        QSignalSpy updated(&e, &TargetSettingEditor::simulationUpdated);
        e.setNetwork(net);
        QVERIFY(updated.wait(10000));
        const hardware::SimulationResult r =
            hardware::simulate(hardware::lowerNetwork(*net), e.platform(), e.setting());
        QVERIFY2(e.liveText().contains(QString::number(r.latencySeconds * 1e3, 'f', 3) + " ms"),
                 qPrintable(e.liveText()));

        // A burst of edits yields a result for the last one only.
        hardware::TargetSetting s = e.setting();
        s.dvfsMhz = 400;
        e.setSetting(s);
        s.fusion = hardware::Fusion::None;
        e.setSetting(s);
        QVERIFY(updated.wait(10000));
        const hardware::SimulationResult slow = hardware::simulate(hardware::lowerNetwork(*net), e.platform(), s);
        QVERIFY2(e.liveText().contains(QString::number(slow.latencySeconds * 1e3, 'f', 3) + " ms"),
                 qPrintable(e.liveText()));

        // An explicit tile larger than the SRAM allows: the live panel says it cannot
        // simulate and the tiling field says why, naming the layer.
        s.autoTiling = false;
        s.tile = {1 << 20, 1 << 16, 1 << 16};
        e.setSetting(s);
        QVERIFY(updated.wait(10000));
        QVERIFY(e.liveText().contains("Cannot simulate"));
        QVERIFY2(e.fieldMessage().contains("explicit tile") && e.fieldMessage().contains("stem.conv"),
                 qPrintable(e.fieldMessage()));
    }
};

QTEST_MAIN(TestTargetSettingEditor)
#include "tst_targetsettingeditor.moc"
