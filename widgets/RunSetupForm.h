// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Runs tab's set-up of a run, in three tabs: Search (mode, estimator, population,
// generations, limits, check size, finetune method), Checks (every metric's thresholds
// and the decision agreement) and Validator (ConnectionPanel). It shows a project and
// writes what the user changed back into one; the wheel scrolls past fields the user has
// not clicked (WheelGuard.h).
#include "project/Project.h"

#include <QTabWidget>

#include <array>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace calibra::widgets {

class ConnectionPanel;

class RunSetupForm : public QTabWidget
{
    Q_OBJECT
public:
    explicit RunSetupForm(QWidget *parent = nullptr);

    void setProject(const pipeline::Project &project); // the fields show it
    void applyTo(pipeline::Project &project) const;    // the fields' values replace its own
    int generations() const;
    ConnectionPanel *connection() const { return m_connection; }

private:
    QComboBox *m_mode, *m_estimator, *m_finetuneMethod;
    QSpinBox *m_population, *m_generations, *m_checkSamples, *m_perGeneration;
    QDoubleSpinBox *m_budget, *m_maxPower, *m_maxMemory;
    // Indexed by predictor::CheckMetric.
    std::array<QDoubleSpinBox *, predictor::kCheckMetricCount> m_minWithin10{}, m_maxMape{}, m_minSpearman{};
    QDoubleSpinBox *m_minDecisionAgreement;
    ConnectionPanel *m_connection;
};

} // namespace calibra::widgets
