// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The accuracy-check inspector: every sampled sub-network of a chosen check with its
// predicted and validated latency, power and memory access and the error of each;
// sortable, filterable by genotype, exportable as CSV; the thresholds and the decision
// above the table. Sub-networks that could not be validated are listed as such.
#include "pipeline/RunStore.h"

#include <QAbstractTableModel>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace calibra::widgets {

class CheckSampleModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Genotype,
        LatencyPred,
        LatencyVal,
        LatencyErr,
        PowerPred,
        PowerVal,
        PowerErr,
        MemoryPred,
        MemoryVal,
        MemoryErr,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;
    void setCheck(const pipeline::StoredCheck &check);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<pipeline::StoredCheckSample> m_samples;
};

// "search 0, pre-search check", "search 1, post-search check" ...
QString checkTitle(const pipeline::StoredCheck &check);
// The decision as the user reads it ("would finetune (no re-run left)", never "finetune"
// for a check that could not act).
QString checkDecisionText(pipeline::CheckDecision decision);

class CheckInspector : public QWidget
{
    Q_OBJECT
public:
    explicit CheckInspector(QWidget *parent = nullptr);
    void setChecks(const std::vector<pipeline::StoredCheck> &checks, const predictor::CheckThresholds &thresholds);
    void selectCheck(int index);
    int checkCount() const;

    // Writes the table as shown (filtered and sorted) to `path`; false with `error` set
    // when the file cannot be written.
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    QTableView *table() const { return m_table; }
    QLineEdit *filter() const { return m_filter; }
    QString decisionText() const;
    const std::vector<pipeline::StoredCheck> &checks() const { return m_checks; }

Q_SIGNALS:
    void checkSelected(int index);

private:
    void showSelected();

    std::vector<pipeline::StoredCheck> m_checks;
    predictor::CheckThresholds m_thresholds;
    QComboBox *m_choice;
    QLabel *m_decision;
    QLineEdit *m_filter;
    QTableView *m_table;
    CheckSampleModel *m_model;
    QSortFilterProxyModel *m_proxy;
};

} // namespace calibra::widgets
