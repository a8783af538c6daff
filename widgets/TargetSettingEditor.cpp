// SPDX-License-Identifier: GPL-3.0-or-later
#include "TargetSettingEditor.h"

#include "hardware/NetworkOnTarget.h"

#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace calibra::widgets {

using namespace hardware;

namespace {

// Item data of the enum combos is the enum's integer value.
template <typename E> E current(const QComboBox *box)
{
    return static_cast<E>(box->currentData().toInt());
}

void select(QComboBox *box, const QVariant &value)
{
    const int index = box->findData(value);
    if (index >= 0)
        box->setCurrentIndex(index);
}

} // namespace

TargetSettingEditor::TargetSettingEditor(QWidget *parent) : QWidget(parent)
{
    buildForm();
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(60); // coalesce bursts of edits (spin box typing) into one run
    connect(m_debounce, &QTimer::timeout, this, &TargetSettingEditor::startSimulation);
    fillPlatformChoices();
}

TargetSettingEditor::~TargetSettingEditor() = default;

void TargetSettingEditor::buildForm()
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QFormLayout;
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("platformPreset"));
    top->addRow(tr("Platform"), m_preset);
    layout->addLayout(top);

    auto *compile = new QGroupBox(tr("Compile optimizations"), this);
    auto *cf = new QFormLayout(compile);
    m_autoTiling = new QCheckBox(tr("automatic"), compile);
    m_tileM = new QSpinBox(compile);
    m_tileN = new QSpinBox(compile);
    m_tileK = new QSpinBox(compile);
    for (QSpinBox *s : {m_tileM, m_tileN, m_tileK})
        s->setRange(1, 1 << 24);
    m_tileM->setPrefix(tr("M ")), m_tileN->setPrefix(tr("N ")), m_tileK->setPrefix(tr("K "));
    // The tile on a row of its own: beside the check box it made the dock wider than a
    // laptop screen leaves it.
    auto *tiles = new QHBoxLayout;
    tiles->addWidget(m_tileM);
    tiles->addWidget(m_tileN);
    tiles->addWidget(m_tileK);
    cf->addRow(tr("Tiling"), m_autoTiling);
    cf->addRow(QString(), tiles);
    m_tilingMessage = new QLabel(compile);
    m_tilingMessage->setWordWrap(true);
    m_tilingMessage->setStyleSheet(QStringLiteral("color: #b00020"));
    cf->addRow(QString(), m_tilingMessage);
    m_fusion = new QComboBox(compile);
    m_fusion->addItem(tr("none"), int(Fusion::None));
    m_fusion->addItem(tr("conservative (element-wise into producer)"), int(Fusion::Conservative));
    m_fusion->addItem(tr("depth-first (tiled chains)"), int(Fusion::DepthFirst));
    cf->addRow(tr("Layer fusion"), m_fusion);
    m_dataflow = new QComboBox(compile);
    cf->addRow(tr("Dataflow"), m_dataflow);
    m_precision = new QComboBox(compile);
    m_precision->addItem(QStringLiteral("int8"), int(Precision::Int8));
    m_precision->addItem(QStringLiteral("fp16"), int(Precision::Fp16));
    cf->addRow(tr("Precision"), m_precision);
    layout->addWidget(compile);

    auto *hw = new QGroupBox(tr("Hardware usage"), this);
    auto *hf = new QFormLayout(hw);
    m_dvfs = new QComboBox(hw);
    m_dvfs->setObjectName(QStringLiteral("dvfs"));
    hf->addRow(tr("DVFS point"), m_dvfs);
    m_dramCap = new QDoubleSpinBox(hw);
    m_dramCap->setRange(0, 10000);
    m_dramCap->setDecimals(1);
    m_dramCap->setSuffix(tr(" GB/s"));
    m_dramCap->setSpecialValueText(tr("no cap"));
    hf->addRow(tr("DRAM bandwidth cap"), m_dramCap);
    m_cores = new QSpinBox(hw);
    hf->addRow(tr("Active cores"), m_cores);
    m_sram = new QDoubleSpinBox(hw);
    m_sram->setDecimals(0);
    m_sram->setSuffix(tr(" KiB"));
    hf->addRow(tr("SRAM budget"), m_sram);
    layout->addWidget(hw);

    auto *buttons = new QHBoxLayout;
    auto *reset = new QPushButton(tr("Reset to preset"), this);
    auto *load = new QPushButton(tr("Load..."), this);
    auto *save = new QPushButton(tr("Save..."), this);
    buttons->addWidget(reset);
    buttons->addStretch();
    buttons->addWidget(load);
    buttons->addWidget(save);
    layout->addLayout(buttons);
    m_fileMessage = new QLabel(this);
    m_fileMessage->setWordWrap(true);
    m_fileMessage->setStyleSheet(QStringLiteral("color: #b00020"));
    layout->addWidget(m_fileMessage);

    auto *live = new QGroupBox(tr("Reference DNN on this target (simulated)"), this);
    auto *lv = new QVBoxLayout(live);
    m_live = new QLabel(tr("No network"), live);
    m_live->setObjectName(QStringLiteral("liveFigures"));
    m_live->setTextInteractionFlags(Qt::TextSelectableByMouse);
    lv->addWidget(m_live);
    layout->addWidget(live);
    layout->addStretch();

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            setPlatform(loadPlatform("builtin:" + m_preset->currentData().toString().toStdString()));
    });
    connect(reset, &QPushButton::clicked, this, [this] { setSetting(defaultSetting(m_platform)); });
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Load target setting"), QString(), tr("YAML (*.yaml *.yml)"));
        if (!path.isEmpty())
            loadFile(path);
    });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save target setting"), QString(), tr("YAML (*.yaml)"));
        if (!path.isEmpty())
            saveFile(path);
    });
    auto changed = [this] {
        if (m_updating)
            return;
        m_tileM->setEnabled(!m_autoTiling->isChecked());
        m_tileN->setEnabled(!m_autoTiling->isChecked());
        m_tileK->setEnabled(!m_autoTiling->isChecked());
        updateTilingMessage();
        Q_EMIT settingChanged();
        scheduleSimulation();
    };
    connect(m_autoTiling, &QCheckBox::toggled, this, changed);
    for (QSpinBox *s : {m_tileM, m_tileN, m_tileK, m_cores})
        connect(s, &QSpinBox::valueChanged, this, changed);
    for (QComboBox *c : {m_fusion, m_dataflow, m_precision, m_dvfs}) {
        connect(c, &QComboBox::currentIndexChanged, this, changed);
        // Long choices ("conservative (element-wise into producer)") elide rather than
        // widen the dock; the list shows them whole.
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(14);
    }
    for (QDoubleSpinBox *s : {m_dramCap, m_sram})
        connect(s, &QDoubleSpinBox::valueChanged, this, changed);
}

void TargetSettingEditor::fillPlatformChoices()
{
    m_updating = true;
    for (const std::string &name : builtinPlatformNames())
        m_preset->addItem(QString::fromStdString(name), QString::fromStdString(name));
    m_updating = false;
    select(m_preset, QStringLiteral("mobile-npu-m"));
    setPlatform(loadPlatform("builtin:" + m_preset->currentData().toString().toStdString()));
}

void TargetSettingEditor::setPlatform(const Platform &platform)
{
    m_platform = platform;
    m_updating = true;
    select(m_preset, QString::fromStdString(platform.name));
    m_preset->setToolTip(QString::fromStdString(platform.description));
    m_dataflow->clear();
    for (Dataflow d : platform.dataflows)
        m_dataflow->addItem(QString::fromLatin1(dataflowName(d)), int(d));
    m_dvfs->clear();
    for (const DvfsPoint &p : platform.dvfs)
        m_dvfs->addItem(tr("%1 MHz at %2 V").arg(p.mhz).arg(p.volts, 0, 'f', 3), p.mhz);
    m_cores->setRange(1, platform.cores);
    m_cores->setSuffix(tr(" of %1").arg(platform.cores));
    m_sram->setRange(16, platform.sramKiB);
    m_dramCap->setRange(0, std::floor(platform.dramPeakGBps * 10) / 10); // one decimal, never above the peak
    m_updating = false;
    setSetting(defaultSetting(platform));
}

TargetSetting TargetSettingEditor::setting() const
{
    TargetSetting s;
    s.autoTiling = m_autoTiling->isChecked();
    if (!s.autoTiling) // with automatic tiling the spin boxes only keep the user's last tile
        s.tile = {m_tileM->value(), m_tileN->value(), m_tileK->value()};
    s.fusion = current<Fusion>(m_fusion);
    s.dataflow = current<Dataflow>(m_dataflow);
    s.precision = current<Precision>(m_precision);
    s.dvfsMhz = m_dvfs->currentData().toDouble();
    s.dramCapGBps = m_dramCap->value();
    s.activeCores = m_cores->value();
    s.sramBudgetKiB = m_sram->value();
    return s;
}

void TargetSettingEditor::setSetting(const TargetSetting &s)
{
    m_updating = true;
    m_autoTiling->setChecked(s.autoTiling);
    if (!s.autoTiling) {
        m_tileM->setValue(int(s.tile.m));
        m_tileN->setValue(int(s.tile.n));
        m_tileK->setValue(int(s.tile.k));
    } else {
        m_tileM->setValue(256), m_tileN->setValue(64), m_tileK->setValue(256);
    }
    for (QSpinBox *t : {m_tileM, m_tileN, m_tileK})
        t->setEnabled(!s.autoTiling);
    select(m_fusion, int(s.fusion));
    select(m_dataflow, int(s.dataflow));
    select(m_precision, int(s.precision));
    select(m_dvfs, s.dvfsMhz);
    m_dramCap->setValue(s.dramCapGBps);
    m_cores->setValue(s.activeCores);
    m_sram->setValue(s.sramBudgetKiB);
    m_updating = false;
    m_fileMessage->clear();
    updateTilingMessage();
    Q_EMIT settingChanged();
    scheduleSimulation();
}

void TargetSettingEditor::updateTilingMessage()
{
    // The editor's widgets only offer valid values; what remains is an explicit tile
    // too large for the SRAM budget, which depends on the network and is reported by the
    // simulation (see onSimulationFinished).
    if (m_autoTiling->isChecked())
        m_tilingMessage->clear();
}

QString TargetSettingEditor::fieldMessage() const
{
    return m_tilingMessage->text();
}

bool TargetSettingEditor::loadFile(const QString &path, QString *error)
{
    try {
        setSetting(loadTargetSetting(path.toStdString(), m_platform));
        return true;
    } catch (const std::exception &e) {
        const QString message = tr("Not loaded: %1").arg(QString::fromStdString(e.what()));
        m_fileMessage->setText(message);
        if (error)
            *error = message;
        return false;
    }
}

bool TargetSettingEditor::saveFile(const QString &path, QString *error) const
{
    const std::string text = targetSettingToYaml(setting());
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly) && f.write(text.data(), qint64(text.size())) == qint64(text.size()) && f.commit())
        return true;
    const QString message = tr("Not saved: %1: %2").arg(path, f.errorString());
    m_fileMessage->setText(message);
    if (error)
        *error = message;
    return false;
}

void TargetSettingEditor::setNetwork(std::shared_ptr<const graph::Network> network)
{
    // Lowered on the worker, at the first simulation: never on the GUI thread.
    m_target = network ? std::make_shared<const NetworkOnTarget>(network) : nullptr;
    m_networkName = network ? QString::fromStdString(network->name) : QString();
    scheduleSimulation();
}

void TargetSettingEditor::scheduleSimulation()
{
    m_simulation.cancel(); // any result of an older setting is now stale
    if (!m_target) {
        m_live->setText(tr("No network"));
        return;
    }
    m_live->setText(tr("Simulating %1...").arg(m_networkName));
    m_debounce->start();
}

void TargetSettingEditor::startSimulation()
{
    if (!m_target)
        return;
    // An immutable snapshot of everything the worker needs.
    const auto target = m_target;
    const Platform platform = m_platform;
    const TargetSetting s = setting();
    const QString name = m_networkName;
    m_simulation.start([target, platform, s, name](const std::atomic<bool> &) -> Result {
        try {
            const SimulationResult r = target->figures(platform, s);
            return {true, tr("%1\nlatency %2 ms\naverage power %3 mW\nenergy %4 mJ per inference\nDRAM traffic %5 MB")
                              .arg(name)
                              .arg(r.latencySeconds * 1e3, 0, 'f', 3)
                              .arg(r.averagePowerWatts * 1e3, 0, 'f', 0)
                              .arg(r.energyJoules * 1e3, 0, 'f', 3)
                              .arg(r.dramBytes() / 1e6, 0, 'f', 2)};
        } catch (const std::exception &e) {
            return {false, QString::fromStdString(e.what())};
        }
    });
}

void TargetSettingEditor::showSimulation(const Result &r)
{
    if (r.ok) {
        m_live->setText(r.text);
        if (!m_autoTiling->isChecked())
            m_tilingMessage->clear();
    } else {
        m_live->setText(tr("Cannot simulate with this setting."));
        m_tilingMessage->setText(r.text);
    }
    Q_EMIT simulationUpdated();
}

QString TargetSettingEditor::liveText() const
{
    return m_live->text();
}

} // namespace calibra::widgets
