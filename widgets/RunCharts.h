// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Charts of a run (QCustomPlot): predicted against validated latency, power or memory
// access of an accuracy check, with the y = x line and the +-10% band (and the check
// before it in grey); and per generation the best
// feasible accuracy and the fastest candidate's predicted latency. Replots are queued
// (QCustomPlot::rpQueuedReplot), so a burst of events draws once.
#include "pipeline/Events.h"
#include "pipeline/RunStore.h"
#include "supernet/EstimatorKind.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QCustomPlot;

namespace calibra::widgets {

class CheckChart : public QWidget
{
    Q_OBJECT
public:
    explicit CheckChart(QWidget *parent = nullptr);
    // `previous` (optional) is drawn in grey behind: the check before the last
    // finetuning, so that before and after are seen together.
    void showCheck(const pipeline::CheckSummary &check, int search, const pipeline::CheckSummary *previous = nullptr);
    void clear();
    int pointCount() const;
    int previousPointCount() const;
    // Latency, power or memory access (predictor::CheckMetric).
    void setMetric(int metric);
    int metric() const { return m_metric; }
    QCustomPlot *plot() const { return m_plot; }

private:
    void redraw();

    QCustomPlot *m_plot;
    QComboBox *m_metricChoice;
    int m_metric = 0;
    int m_search = 0;
    pipeline::CheckSummary m_check;
    std::optional<pipeline::CheckSummary> m_previous;
    bool m_hasCheck = false;
};

class GenerationChart : public QWidget
{
    Q_OBJECT
public:
    explicit GenerationChart(QWidget *parent = nullptr);
    void setEstimator(supernet::EstimatorKind kind); // names the estimate (an accuracy or a score)
    void addGeneration(int search, int generation, const pipeline::PopulationStats &stats);
    void clear();
    int pointCount() const;
    QCustomPlot *plot() const { return m_plot; }

private:
    QCustomPlot *m_plot;
    int m_index = 0; // generations over all searches, in order
};

// The accuracy-check history: each check's prediction error (MAPE) for latency, power
// and memory access, in the order the checks ran, with the decision marked (finetune:
// red triangle, bypass: green disc) and the searches told apart (a re-run starts a new
// search).
class CheckHistoryChart : public QWidget
{
    Q_OBJECT
public:
    explicit CheckHistoryChart(QWidget *parent = nullptr);
    void setChecks(const std::vector<pipeline::StoredCheck> &checks);
    int checkCount() const;
    int finetuneMarkCount() const;      // checks that finetuned (or retrained, online)
    int wouldFinetuneMarkCount() const; // failed checks with no re-run left
    QCustomPlot *plot() const { return m_plot; }

private:
    QCustomPlot *m_plot;
};

} // namespace calibra::widgets
