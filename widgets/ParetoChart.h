// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The search's populations, one generation at a time (a slider over all generations of
// all searches): accuracy against predicted latency, power or memory access; members
// that meet the constraints as discs, those that do not as crosses, the Pareto front of
// all generations so far as a line; below, the hypervolume history with the shown
// generation marked. Clicking a member selects it (candidateSelected).
#include "search/Search.h"
#include "supernet/EstimatorKind.h"

#include <QWidget>

class QComboBox;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QSlider;

namespace calibra::widgets {

class ParetoChart : public QWidget
{
    Q_OBJECT
public:
    explicit ParetoChart(QWidget *parent = nullptr);

    // Replaces the data; a live run calls this as generations arrive. Follows the newest
    // generation unless the user moved the slider back.
    void setRun(const std::vector<std::vector<search::Generation>> &searches, const search::Constraints &constraints);
    // What the estimates are (an accuracy or a proxy score): the y axis and the selection say so.
    void setEstimator(supernet::EstimatorKind kind);
    void showGeneration(int flatIndex);
    int generationCount() const { return int(m_flat.size()); }
    int shownGeneration() const;
    // Selects member `member` of the shown generation as a click would.
    void selectMember(int member);

    int feasiblePointCount() const;
    int infeasiblePointCount() const;
    int frontPointCount() const;
    QCustomPlot *plot() const { return m_plot; }
    QCPGraph *feasibleGraph() const { return m_feasible; }
    QCPGraph *infeasibleGraph() const { return m_infeasible; }
    QCustomPlot *hypervolumePlot() const { return m_hvPlot; }
    QSlider *slider() const { return m_slider; }
    QString selectionText() const;

Q_SIGNALS:
    void candidateSelected(const search::Genotype &genotype, const search::Evaluation &evaluation);

private:
    void redraw();
    double xValue(const search::Evaluation &e) const;

    struct Flat
    {
        int search = 0;
        const search::Generation *generation = nullptr;
    };
    std::vector<std::vector<search::Generation>> m_searches;
    std::vector<Flat> m_flat;
    std::vector<double> m_hypervolume; // per flat generation (per search's own history)
    search::Constraints m_constraints;
    supernet::EstimatorKind m_estimator = supernet::EstimatorKind::OneShot;
    // Member indices in the order of the two scatter graphs' (x-sorted) data.
    std::vector<int> m_feasibleMembers, m_infeasibleMembers;
    // The selected member, by its search, generation and genotype: kept while that
    // generation is shown (a live run redraws it), forgotten when another one is.
    struct Selected
    {
        int search = -1, generation = -1;
        search::Genotype genotype;
    };
    Selected m_selectedMember;

    QCustomPlot *m_plot, *m_hvPlot;
    QCPGraph *m_front, *m_selected, *m_feasible, *m_infeasible;
    QSlider *m_slider;
    QComboBox *m_axis;
    QLabel *m_generationLabel, *m_selection;
};

} // namespace calibra::widgets
