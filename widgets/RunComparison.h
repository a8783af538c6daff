// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Several runs side by side: a table (mode, validations, searches, the final model's
// validated figures against its constraints) and, overlaid, each run's hypervolume
// history and its final Pareto front (accuracy against predicted latency). Runs are read
// from their directories on a worker thread.
#include "LatestTask.h"
#include "pipeline/RunSnapshot.h"

#include <QWidget>

#include <deque>
#include <memory>

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace calibra::widgets {

class RunComparison : public QWidget
{
    Q_OBJECT
public:
    explicit RunComparison(QWidget *parent = nullptr);
    ~RunComparison() override;

    // Adds the run in `directory` (runAdded when done), read from its store unless
    // `known` is the snapshot already read. A directory already shown is replaced.
    void addRun(const QString &directory, std::shared_ptr<const pipeline::RunSnapshot> known = nullptr);
    void clear();
    int runCount() const { return int(m_runs.size()); }
    QTableWidget *table() const { return m_table; }
    QCustomPlot *hypervolumePlot() const { return m_hv; }
    QCustomPlot *frontPlot() const { return m_fronts; }

Q_SIGNALS:
    void runAdded(bool ok, const QString &error);

private:
    struct Loaded;
    void redraw();
    void added(const std::shared_ptr<const Loaded> &loaded);
    void readNextPending();

    std::vector<std::shared_ptr<const Loaded>> m_runs;
    std::deque<std::pair<QString, std::shared_ptr<const pipeline::RunSnapshot>>> m_pending;
    // One run read at a time; the others wait in m_pending, read when the reader turns idle
    // (also after a clear() dropped the read in flight).
    LatestTask<std::shared_ptr<const Loaded>> m_reader{this,
                                                       [this](const std::shared_ptr<const Loaded> &l) { added(l); }};
    QTableWidget *m_table;
    QCustomPlot *m_hv, *m_fronts;
    QLabel *m_status;
};

} // namespace calibra::widgets
