#pragma once
// Charts of a run (QCustomPlot): predicted against validated latency of the latest
// accuracy check, with the y = x line and the +-10% band; and per generation the best
// feasible accuracy and the fastest candidate's predicted latency. Replots are queued
// (QCustomPlot::rpQueuedReplot), so a burst of events draws once.
#include "pipeline/Events.h"

#include <QWidget>

class QCustomPlot;

namespace calibra::widgets {

class CheckChart : public QWidget
{
    Q_OBJECT
public:
    explicit CheckChart(QWidget *parent = nullptr);
    void showCheck(const pipeline::CheckSummary &check, int search);
    void clear();
    int pointCount() const;
    QCustomPlot *plot() const { return m_plot; }

private:
    QCustomPlot *m_plot;
};

class GenerationChart : public QWidget
{
    Q_OBJECT
public:
    explicit GenerationChart(QWidget *parent = nullptr);
    void addGeneration(int search, int generation, const pipeline::PopulationStats &stats);
    void clear();
    int pointCount() const;
    QCustomPlot *plot() const { return m_plot; }

private:
    QCustomPlot *m_plot;
    int m_index = 0; // generations over all searches, in order
};

} // namespace calibra::widgets
