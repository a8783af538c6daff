// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunSetupForm.h"

#include "ConnectionPanel.h"
#include "EstimateLabels.h"
#include "MetricNames.h"
#include "WheelGuard.h"
#include "project/ProjectLimits.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>

namespace calibra::widgets {

namespace limits = pipeline::limits;

namespace {

// A field shows the project's value (times `scale`: a share as a percentage) rounded to
// its decimals. Unless the user changes the field, the project keeps its exact value: a
// threshold of 0.905 stays 0.905, not 0.91, and a budget of 0.0375 ms stays 0.0375.
void showExactly(QDoubleSpinBox *box, double value, double scale = 1)
{
    box->setValue(value * scale);
    box->setProperty("exactValue", value);
    box->setProperty("shownValue", box->value());
}

double exactValue(const QDoubleSpinBox *box, double scale = 1)
{
    const QVariant exact = box->property("exactValue");
    return exact.isValid() && box->value() == box->property("shownValue").toDouble() ? exact.toDouble()
                                                                                     : box->value() / scale;
}

} // namespace

RunSetupForm::RunSetupForm(QWidget *parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("runSetup"));
    m_mode = new QComboBox(this);
    for (pipeline::Mode m : {pipeline::Mode::Both, pipeline::Mode::Pre, pipeline::Mode::Post, pipeline::Mode::Offline,
                             pipeline::Mode::Online})
        m_mode->addItem(modeChoiceText(pipeline::modeName(m)), int(m));
    m_mode->setToolTip(tr("pre: check before the search; post: check after it and re-run on failure; both; "
                          "offline: never finetune; online: retrain every generation (baselines)"));
    m_estimator = new QComboBox(this);
    for (const supernet::EstimatorKind e : supernet::kEstimatorKinds) {
        m_estimator->addItem(QString::fromUtf8(supernet::estimatorKindName(e)), int(e));
        m_estimator->setItemData(m_estimator->count() - 1, estimateAxisLabel(e), Qt::ToolTipRole);
    }
    m_population = new QSpinBox(this);
    m_population->setRange(limits::kPopulation.min, limits::kPopulation.max);
    m_generations = new QSpinBox(this);
    m_generations->setRange(limits::kGenerations.min, limits::kGenerations.max);
    m_budget = new QDoubleSpinBox(this);
    m_budget->setRange(limits::kMaxLatencyMs.min, limits::kMaxLatencyMs.max);
    m_budget->setDecimals(3);
    m_budget->setSuffix(tr(" ms"));
    m_budget->setSpecialValueText(tr("no limit"));
    const auto limitBox = [this](const QString &suffix, int decimals, limits::RealRange range) {
        auto *box = new QDoubleSpinBox(this);
        box->setRange(range.min, range.max);
        box->setDecimals(decimals);
        box->setSuffix(suffix);
        box->setSpecialValueText(tr("no limit"));
        return box;
    };
    m_maxPower = limitBox(tr(" mW"), 1, limits::kMaxPowerMw);
    m_maxMemory = limitBox(tr(" MB"), 3, limits::kMaxDramMb);
    m_checkSamples = new QSpinBox(this);
    m_checkSamples->setRange(limits::kCheckSamples.min, limits::kCheckSamples.max);
    m_checkSamples->setToolTip(tr("Sub-networks validated per accuracy check"));
    m_perGeneration = new QSpinBox(this);
    m_perGeneration->setObjectName(QStringLiteral("perGeneration"));
    m_perGeneration->setRange(limits::kValidatedPerGeneration.min, limits::kValidatedPerGeneration.max);
    m_perGeneration->setSpecialValueText(tr("none"));
    m_perGeneration->setToolTip(tr("Best members of each generation validated for the Predicted vs validated chart "
                                   "(counted apart from the checks; never used to finetune)"));
    m_finetuneMethod = new QComboBox(this);
    m_finetuneMethod->setObjectName(QStringLiteral("finetuneMethod"));
    m_finetuneMethod->addItem(tr("Auto: calibrate, then retrain"), int(predictor::FinetuneMethod::Auto));
    m_finetuneMethod->addItem(tr("Retrain the predictor"), int(predictor::FinetuneMethod::Retrain));
    m_finetuneMethod->addItem(tr("Calibrate only"), int(predictor::FinetuneMethod::Calibrate));
    m_finetuneMethod->addItem(tr("Profile this device"), int(predictor::FinetuneMethod::Profile));
    m_finetuneMethod->addItem(tr("Transfer from reference devices"), int(predictor::FinetuneMethod::Transfer));
    m_finetuneMethod->setToolTip(tr("How a failed check adapts the predictor. Calibration fits a scale and a cost per "
                                    "layer for each kind of layer: robust with few samples and on devices unlike the "
                                    "training set. Profiling learns this device's cost of every layer it measured "
                                    "(for many samples). Transfer mixes the costs of reference devices named in the "
                                    "project's check.references"));
    auto *form = new QFormLayout;
    // A label too long beside its field (German) goes above it, rather than widening the
    // Runs tab past a laptop's screen.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("Mode"), m_mode);
    form->addRow(tr("Accuracy estimator"), m_estimator);
    form->addRow(tr("Population"), m_population);
    form->addRow(tr("Generations"), m_generations);
    form->addRow(tr("Latency budget"), m_budget);
    form->addRow(tr("Power limit"), m_maxPower);
    form->addRow(tr("Memory-access limit"), m_maxMemory);
    form->addRow(tr("Check samples"), m_checkSamples);
    form->addRow(tr("Validated per generation"), m_perGeneration);
    form->addRow(tr("Finetune method"), m_finetuneMethod);
    // The check's thresholds, one row per metric it judges (energy decides too).
    auto *thresholds = new QGroupBox(tr("Check thresholds"), this);
    auto *grid = new QGridLayout(thresholds);
    // Headings wrap: in German they would widen the Runs tab past a laptop's screen.
    const auto heading = [thresholds](const QString &text) {
        auto *label = new QLabel(text, thresholds);
        label->setWordWrap(true);
        return label;
    };
    grid->addWidget(heading(tr("within 10%")), 0, 1);
    grid->addWidget(heading(tr("MAPE at most")), 0, 2);
    grid->addWidget(heading(tr("Spearman")), 0, 3);
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        grid->addWidget(new QLabel(checkMetricTitle(m), thresholds), m + 1, 0);
        // Shares and MAPE show as percentages.
        const auto box = [&](limits::RealRange range, double scale, int decimals, const QString &suffix) {
            auto *b = new QDoubleSpinBox(thresholds);
            b->setRange(range.min * scale, range.max * scale);
            b->setDecimals(decimals);
            b->setSuffix(suffix);
            return b;
        };
        m_minWithin10[size_t(m)] = box(limits::kMinWithin10, 100, 0, tr(" %"));
        m_maxMape[size_t(m)] = box(limits::kMaxMape, 100, 1, tr(" %"));
        m_minSpearman[size_t(m)] = box(limits::kMinSpearman, 1, 2, QString());
        grid->addWidget(m_minWithin10[size_t(m)], m + 1, 1);
        grid->addWidget(m_maxMape[size_t(m)], m + 1, 2);
        grid->addWidget(m_minSpearman[size_t(m)], m + 1, 3);
    }
    m_minDecisionAgreement = new QDoubleSpinBox(thresholds);
    m_minDecisionAgreement->setObjectName(QStringLiteral("minDecisionAgreement"));
    m_minDecisionAgreement->setRange(limits::kMinDecisionAgreement.min * 100, limits::kMinDecisionAgreement.max * 100);
    m_minDecisionAgreement->setDecimals(0);
    m_minDecisionAgreement->setSuffix(tr(" %"));
    m_minDecisionAgreement->setToolTip(tr("The least share of checked sub-networks whose feasibility and Pareto-front "
                                          "membership are the same predicted and validated"));
    grid->addWidget(heading(tr("Decisions agree")), predictor::kCheckMetricCount + 1, 0);
    grid->addWidget(m_minDecisionAgreement, predictor::kCheckMetricCount + 1, 1);
    m_connection = new ConnectionPanel(this);
    auto *searchPage = new QWidget(this);
    searchPage->setLayout(form);
    addTab(searchPage, tr("Search"));
    addTab(thresholds, tr("Checks"));
    addTab(m_connection, tr("Validator"));
    guardWheel(this);
}

void RunSetupForm::setProject(const pipeline::Project &project)
{
    m_mode->setCurrentIndex(m_mode->findData(int(project.mode)));
    m_estimator->setCurrentIndex(m_estimator->findData(int(project.estimator)));
    m_population->setValue(project.search.population);
    m_generations->setValue(project.search.generations);
    showExactly(m_budget, project.search.constraints.maxLatencyMs);
    showExactly(m_maxPower, project.search.constraints.maxPowerMw);
    showExactly(m_maxMemory, project.search.constraints.maxDramBytes, 1e-6);
    m_checkSamples->setValue(project.checkSamples);
    m_perGeneration->setValue(project.validatePerGeneration);
    // Transfer needs reference devices, which only the project file names.
    if (auto *items = qobject_cast<QStandardItemModel *>(m_finetuneMethod->model()))
        items->item(m_finetuneMethod->findData(int(predictor::FinetuneMethod::Transfer)))
            ->setEnabled(!project.referenceModels.empty());
    m_finetuneMethod->setCurrentIndex(m_finetuneMethod->findData(int(project.finetuneMethod)));
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        const auto &t = project.thresholds.metric[size_t(m)];
        showExactly(m_minWithin10[size_t(m)], t.minWithin10, 100);
        showExactly(m_maxMape[size_t(m)], t.maxMape, 100);
        showExactly(m_minSpearman[size_t(m)], t.minSpearman);
    }
    showExactly(m_minDecisionAgreement, project.thresholds.minDecisionAgreement, 100);
    m_connection->setValidator(project.validator, project.board, !project.farm.spool.empty(),
                               !project.measurementTable.empty());
    m_connection->setFinetuningService(project.finetuner);
}

void RunSetupForm::applyTo(pipeline::Project &p) const
{
    p.mode = pipeline::Mode(m_mode->currentData().toInt());
    p.estimator = supernet::EstimatorKind(m_estimator->currentData().toInt());
    p.search.population = m_population->value();
    p.search.generations = m_generations->value();
    p.search.constraints.maxLatencyMs = exactValue(m_budget);
    p.search.constraints.maxPowerMw = exactValue(m_maxPower);
    p.search.constraints.maxDramBytes = exactValue(m_maxMemory, 1e-6);
    p.checkSamples = m_checkSamples->value();
    p.validatePerGeneration = m_perGeneration->value();
    p.finetuneMethod = predictor::FinetuneMethod(m_finetuneMethod->currentData().toInt());
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        auto &t = p.thresholds.metric[size_t(m)];
        t.minWithin10 = exactValue(m_minWithin10[size_t(m)], 100);
        t.maxMape = exactValue(m_maxMape[size_t(m)], 100);
        t.minSpearman = exactValue(m_minSpearman[size_t(m)]);
    }
    p.thresholds.minDecisionAgreement = exactValue(m_minDecisionAgreement, 100);
    p.validator = m_connection->validator();
    p.board = m_connection->connection();
}

int RunSetupForm::generations() const
{
    return m_generations->value();
}

} // namespace calibra::widgets
