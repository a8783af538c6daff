// SPDX-License-Identifier: GPL-3.0-or-later
#include "CheckInspector.h"

#include "MetricNames.h"
#include "TranslatedText.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextStream>
#include <QVBoxLayout>

#include <cmath>

namespace calibra::widgets {

namespace {

// Values per metric in display units: ms, mW, MB.
double latencyMs(const predictor::Figures &f)
{
    return f.latencySeconds * 1e3;
}
double powerMw(const predictor::Figures &f)
{
    return f.powerWatts() * 1e3;
}
double memoryMb(const predictor::Figures &f)
{
    return f.dramBytes / 1e6;
}

} // namespace

QString checkTitle(const pipeline::StoredCheck &check)
{
    const QString stage = checkStageText(check.summary.stage);
    QString title =
        check.generation >= 0
            ? QObject::tr("search %1, %2 check, generation %3").arg(check.search).arg(stage).arg(check.generation)
            : QObject::tr("search %1, %2 check").arg(check.search).arg(stage);
    // A check that compared nothing did not pass: it judged nothing.
    const QString outcome = check.summary.samples == 0      ? QObject::tr("not judged (nothing compared)")
                            : check.summary.report.finetune ? QObject::tr("failed")
                                                            : QObject::tr("passed");
    return title + QStringLiteral(": ") + outcome;
}

QString checkDecisionText(pipeline::CheckDecision decision)
{
    switch (decision) {
    case pipeline::CheckDecision::Bypass: return QObject::tr("bypass finetuning");
    case pipeline::CheckDecision::Finetune: return QObject::tr("FINETUNE");
    case pipeline::CheckDecision::WouldFinetune: return QObject::tr("would finetune (no re-run left)");
    case pipeline::CheckDecision::Retrain: return QObject::tr("retrain (online)");
    }
    return {};
}

void CheckSampleModel::setCheck(const pipeline::StoredCheck &check)
{
    beginResetModel();
    m_samples = check.samples;
    endResetModel();
}

int CheckSampleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_samples.size());
}

int CheckSampleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CheckSampleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_samples.size())
        return {};
    const pipeline::StoredCheckSample &s = m_samples[size_t(index.row())];
    const int c = index.column();
    if (c == Genotype)
        return role == Qt::DisplayRole || role == Qt::EditRole ? QString::fromStdString(s.genotype) : QVariant();
    if (!s.wasValidated())
        return role == Qt::DisplayRole && c == LatencyVal ? tr("not validated") : QVariant();
    double (*metric)(const predictor::Figures &) = c <= LatencyErr ? latencyMs : c <= PowerErr ? powerMw : memoryMb;
    const int kind = (c - 1) % 3; // 0 predicted, 1 validated, 2 error
    const double p = metric(s.predicted), v = metric(s.validated);
    const double value = kind == 0 ? p : kind == 1 ? v : (v != 0 ? (p - v) / v * 100 : 0);
    if (!std::isfinite(value))
        return role == Qt::DisplayRole ? tr("n/a") : QVariant();
    if (role == Qt::EditRole || role == Qt::UserRole)
        return value; // sorting uses the number
    if (role == Qt::DisplayRole)
        return kind == 2 ? QString::number(value, 'f', 1) + QLatin1Char('%') : QString::number(value, 'g', 5);
    if (role == Qt::ForegroundRole && kind == 2 && std::abs(value) > 10)
        return QColor(Qt::red); // outside the +-10% band
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CheckSampleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Genotype: return tr("Sub-network (genotype)");
    case LatencyPred: return tr("Latency predicted (ms)");
    case LatencyVal: return tr("Latency validated (ms)");
    case LatencyErr: return tr("Latency error");
    case PowerPred: return tr("Power predicted (mW)");
    case PowerVal: return tr("Power validated (mW)");
    case PowerErr: return tr("Power error");
    case MemoryPred: return tr("Memory access predicted (MB)");
    case MemoryVal: return tr("Memory access validated (MB)");
    case MemoryErr: return tr("Memory access error");
    }
    return {};
}

CheckInspector::CheckInspector(QWidget *parent) : QWidget(parent)
{
    m_choice = new QComboBox(this);
    m_choice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_choice->setMinimumContentsLength(24);
    m_decision = new QLabel(tr("No accuracy check yet"), this);
    m_decision->setWordWrap(true);
    m_decision->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_decision->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter sub-networks by genotype"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(60);
    auto *exportButton = new QPushButton(tr("Export CSV..."), this);
    m_model = new CheckSampleModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::EditRole);
    m_proxy->setFilterKeyColumn(CheckSampleModel::Genotype);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();

    // The check's name ("search 1, post-search check, generation 4: would finetune") has
    // a row of its own: beside the filter it was cut short.
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(exportButton);
    // The check's text scrolls in its own part of a splitter: at 1366x768 a label beside
    // the table was cut short, and its last lines (the decision and its notes) hidden.
    auto *decisionScroll = new QScrollArea(this);
    decisionScroll->setWidget(m_decision);
    decisionScroll->setWidgetResizable(true);
    decisionScroll->setFrameShape(QFrame::NoFrame);
    decisionScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(decisionScroll);
    split->addWidget(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_choice);
    layout->addLayout(filterRow);
    layout->addWidget(split, 1);

    connect(m_choice, &QComboBox::currentIndexChanged, this, &CheckInspector::showSelected);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the check as CSV"),
                                                          QStringLiteral("check.csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            m_decision->setText(error);
    });
}

void CheckInspector::setChecks(const std::vector<pipeline::StoredCheck> &checks,
                               const predictor::CheckThresholds &thresholds)
{
    const bool follow = m_choice->currentIndex() < 0 || m_choice->currentIndex() == m_choice->count() - 1;
    m_checks = checks;
    m_thresholds = thresholds;
    const QSignalBlocker block(m_choice);
    const int keep = m_choice->currentIndex();
    m_choice->clear();
    for (const auto &c : m_checks)
        m_choice->addItem(checkTitle(c));
    // A live run follows the newest check unless the user chose an older one.
    m_choice->setCurrentIndex(follow ? m_choice->count() - 1 : keep);
    showSelected();
}

void CheckInspector::selectCheck(int index)
{
    m_choice->setCurrentIndex(index);
}

int CheckInspector::checkCount() const
{
    return int(m_checks.size());
}

QString CheckInspector::decisionText() const
{
    return m_decision->text();
}

void CheckInspector::showSelected()
{
    const int i = m_choice->currentIndex();
    if (i < 0 || size_t(i) >= m_checks.size()) {
        m_model->setCheck({});
        m_decision->setText(tr("No accuracy check yet"));
        return;
    }
    const pipeline::StoredCheck &c = m_checks[size_t(i)];
    m_model->setCheck(c);
    QStringList lines;
    for (int m = 0; m < predictor::kCheckMetricCount; ++m) {
        const auto &a = c.summary.report.metric[size_t(m)];
        const auto &t = m_thresholds.metric[size_t(m)];
        if (a.count == 0) { // the validator cannot measure it: nothing was judged
            lines << tr("%1: not measured by this validator").arg(checkMetricTitle(m));
            continue;
        }
        lines << tr("%1: %2% within 10% (needs %3%), MAPE %4% (at most %5%), Spearman %6 (at least %7)")
                     .arg(checkMetricTitle(m))
                     .arg(a.within10 * 100, 0, 'f', 1)
                     .arg(t.minWithin10 * 100, 0, 'f', 0)
                     .arg(a.mape * 100, 0, 'f', 1)
                     .arg(t.maxMape * 100, 0, 'f', 0)
                     .arg(a.spearman, 0, 'f', 3)
                     .arg(t.minSpearman, 0, 'f', 2);
    }
    const search::DecisionAgreement &d = c.summary.decisions;
    if (d.candidates > 0)
        lines << tr("decisions: feasibility agrees on %1%, front membership on %2% of %3 sub-networks (needs %4%)")
                     .arg(d.feasibility * 100, 0, 'f', 1)
                     .arg(d.front * 100, 0, 'f', 1)
                     .arg(d.candidates)
                     .arg(m_thresholds.minDecisionAgreement * 100, 0, 'f', 0);
    const pipeline::SampleOrigins &o = c.summary.origins;
    if (o.total() > 0)
        lines << tr("sample: %1 on the front, %2 near a limit, %3 at random")
                     .arg(o.front)
                     .arg(o.nearLimits)
                     .arg(o.random);
    QString decision = tr("Decision: %1").arg(checkDecisionText(c.summary.decision));
    if (!c.summary.report.failures.empty())
        decision += tr(" (failed: %1)").arg(translatedTexts(c.summary.report.failures).join(QStringLiteral("; ")));
    for (const QString &n : translatedTexts(c.summary.report.notes))
        decision += QLatin1Char('\n') + n;
    // The decision first: the figures behind it follow.
    m_decision->setText(decision + QLatin1Char('\n') + tr("%1 sub-networks compared.").arg(c.summary.samples)
                        + QLatin1Char('\n') + lines.join('\n'));
    Q_EMIT checkSelected(i);
}

bool CheckInspector::exportCsv(const QString &path, QString *error) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    QTextStream out(&f);
    const QStringList keys{"genotype",      "latency_pred_ms", "latency_val_ms",  "latency_error_pct",
                           "power_pred_mw", "power_val_mw",    "power_error_pct", "memory_pred_mb",
                           "memory_val_mb", "memory_error_pct"};
    out << keys.join(',') << '\n';
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < CheckSampleModel::ColumnCount; ++c) {
            const QVariant v = m_proxy->index(r, c).data(Qt::EditRole);
            cells << (c == CheckSampleModel::Genotype
                          ? QLatin1Char('"') + v.toString() + QLatin1Char('"')
                          : (v.isValid() ? QString::number(v.toDouble(), 'g', 10) : QString()));
        }
        out << cells.join(',') << '\n';
    }
    out.flush();
    if (f.error() != QFile::NoError) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace calibra::widgets
