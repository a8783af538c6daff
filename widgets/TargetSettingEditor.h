// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The target-setting editor: the platform preset and every field of the target
// setting, each with its unit and only the values the platform allows (its DVFS points,
// dataflows, cores, SRAM), a message next to a field that cannot be used as is, reset to
// the preset, YAML load/save, and a live panel with the simulated latency, power, energy
// and DRAM traffic of the reference network under the edited setting, computed off the
// GUI thread (edits are coalesced; a newer result supersedes an older one).
#include "hardware/TargetSetting.h"
#include "graph/Network.h"

#include "LatestTask.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTimer;

namespace calibra::hardware {
class NetworkOnTarget;
struct SimulationResult;
} // namespace calibra::hardware

namespace calibra::widgets {

class TargetSettingEditor : public QWidget
{
    Q_OBJECT
public:
    explicit TargetSettingEditor(QWidget *parent = nullptr);
    ~TargetSettingEditor() override;

    void setPlatform(const hardware::Platform &platform); // resets the setting to its default
    const hardware::Platform &platform() const { return m_platform; }
    hardware::TargetSetting setting() const;
    void setSetting(const hardware::TargetSetting &setting); // must be valid for the platform

    // The network the live panel simulates (an immutable snapshot shared with workers).
    void setNetwork(std::shared_ptr<const graph::Network> network);

    // Returns false and shows the message next to the form on a bad file.
    bool loadFile(const QString &path, QString *error = nullptr);
    bool saveFile(const QString &path, QString *error = nullptr) const;

    QString liveText() const;     // the live panel's text
    QString fieldMessage() const; // the message shown next to the tiling fields, if any

Q_SIGNALS:
    void settingChanged();
    void simulationUpdated(); // the live panel shows a result for the current setting

private:
    void buildForm();
    void fillPlatformChoices();
    void scheduleSimulation();
    void startSimulation();
    struct Result
    {
        bool ok = false;
        QString text;
    };
    void showSimulation(const Result &r);
    void updateTilingMessage();

    hardware::Platform m_platform;
    std::shared_ptr<const hardware::NetworkOnTarget> m_target;
    QString m_networkName;
    bool m_updating = false;

    QComboBox *m_preset = nullptr;
    QCheckBox *m_autoTiling = nullptr;
    QSpinBox *m_tileM = nullptr, *m_tileN = nullptr, *m_tileK = nullptr;
    QLabel *m_tilingMessage = nullptr;
    QComboBox *m_fusion = nullptr, *m_dataflow = nullptr, *m_precision = nullptr, *m_dvfs = nullptr;
    QDoubleSpinBox *m_dramCap = nullptr, *m_sram = nullptr;
    QSpinBox *m_cores = nullptr;
    QLabel *m_fileMessage = nullptr, *m_live = nullptr;
    QTimer *m_debounce = nullptr;
    LatestTask<Result> m_simulation{this, [this](const Result &r) { showSimulation(r); }};
};

} // namespace calibra::widgets
