// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunComparison.h"

#include "ChartAxes.h"
#include "EstimateLabels.h"
#include "MetricNames.h"
#include "TranslatedText.h"
#include "pipeline/Pipeline.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace calibra::widgets {

struct RunComparison::Loaded
{
    QString directory, error;
    std::shared_ptr<const pipeline::RunSnapshot> run;
    QJsonObject report;              // report.json (finished runs)
    std::vector<double> hypervolume; // over all searches, in order
    std::vector<search::Evaluation> front;
};

namespace {

constexpr int kValidationsColumn = 3, kTestAccuracyColumn = 5;

QColor runColour(int i)
{
    static const QColor colours[] = {QColor(0xd0, 0x50, 0x10), QColor(0x30, 0x60, 0xc0), QColor(0x20, 0x90, 0x40),
                                     QColor(0x90, 0x30, 0xa0), QColor(0x60, 0x60, 0x60), QColor(0xc0, 0xa0, 0x00)};
    return colours[i % 6];
}

// A final model's test accuracy, said when it has the supernet's weights, not retrained.
QString testAccuracyText(const QJsonObject &finalModel)
{
    const double accuracy = finalModel.value("test_accuracy").toDouble(-1);
    if (accuracy < 0)
        return QStringLiteral("-");
    const QString percent = QString::number(accuracy * 100, 'f', 1);
    return pipeline::parseFinalWeights(finalModel.value("weights").toString().toStdString())
                   == pipeline::FinalWeights::Inherited
               ? RunComparison::tr("%1% (not retrained)").arg(percent)
               : QStringLiteral("%1%").arg(percent);
}

} // namespace

RunComparison::RunComparison(QWidget *parent) : QWidget(parent)
{
    m_reader.onIdle([this] { readNextPending(); });
    auto *add = new QPushButton(tr("Add Run..."), this);
    auto *clearButton = new QPushButton(tr("Clear"), this);
    m_status = new QLabel(tr("Add runs to compare them."), this);
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long paths must not widen the window
    m_table = new QTableWidget(0, 10, this);
    m_table->setHorizontalHeaderLabels({tr("Run"), tr("Mode"), tr("Status"), tr("Validations"), tr("Searches"),
                                        tr("Test accuracy"), tr("Latency (ms)"), tr("Power (mW)"),
                                        tr("Memory access (MB)"), tr("Constraints")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_hv = new QCustomPlot(this);
    m_hv->xAxis->setLabel(tr("generation (all searches)"));
    m_hv->yAxis->setLabel(tr("hypervolume"));
    m_hv->legend->setFont(QFont(font().family(), 8));
    placeLegendBelow(m_hv);
    m_fronts = new QCustomPlot(this);
    m_fronts->xAxis->setLabel(tr("predicted latency (ms)"));
    m_fronts->yAxis->setLabel(tr("estimate"));
    m_fronts->legend->setFont(QFont(font().family(), 8));
    placeLegendBelow(m_fronts);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(clearButton);
    buttons->addWidget(m_status, 1);
    auto *plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(m_hv);
    plots->addWidget(m_fronts);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(plots);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    connect(add, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a run directory"));
        if (!dir.isEmpty())
            addRun(dir);
    });
    connect(clearButton, &QPushButton::clicked, this, &RunComparison::clear);
}

void RunComparison::added(const std::shared_ptr<const Loaded> &loaded)
{
    if (loaded->error.isEmpty()) {
        const auto same = std::find_if(m_runs.begin(), m_runs.end(),
                                       [&](const auto &r) { return r->directory == loaded->directory; });
        if (same != m_runs.end())
            *same = loaded;
        else
            m_runs.push_back(loaded);
        redraw();
        m_status->setText(tr("%n run(s) compared.", nullptr, int(m_runs.size())));
    } else {
        m_status->setText(tr("Could not add %1: %2").arg(loaded->directory, loaded->error));
    }
    Q_EMIT runAdded(loaded->error.isEmpty(), loaded->error);
}

void RunComparison::readNextPending()
{
    if (m_pending.empty())
        return;
    auto [directory, known] = std::move(m_pending.front());
    m_pending.pop_front();
    addRun(directory, std::move(known));
}

RunComparison::~RunComparison() = default;

void RunComparison::addRun(const QString &directory, std::shared_ptr<const pipeline::RunSnapshot> known)
{
    if (m_reader.isRunning()) {
        m_pending.push_back({directory, std::move(known)});
        return;
    }
    m_status->setText(tr("Reading %1").arg(directory));
    m_reader.start([directory, known](const std::atomic<bool> &) -> std::shared_ptr<const Loaded> {
        auto out = std::make_shared<Loaded>();
        out->directory = directory;
        try {
            out->run =
                known
                    ? known
                    : std::make_shared<const pipeline::RunSnapshot>(pipeline::readRunSnapshot(directory.toStdString()));
            const search::Constraints &c = out->run->project.search.constraints;
            for (const auto &gens : out->run->searches) {
                const std::vector<double> hv = pipeline::hypervolumeHistory(gens, c);
                out->hypervolume.insert(out->hypervolume.end(), hv.begin(), hv.end());
            }
            if (!out->run->searches.empty()) {
                const auto &last = out->run->searches.back(); // the search the final model came from
                for (const auto &[g, m] : search::paretoFront(last, c))
                    out->front.push_back(last[size_t(g)].evaluations[size_t(m)]);
            }
            QFile report(QDir(directory).filePath(QStringLiteral("report.json")));
            if (report.open(QIODevice::ReadOnly))
                out->report = QJsonDocument::fromJson(report.readAll()).object();
        } catch (const std::exception &e) {
            out->error = QString::fromStdString(e.what());
        }
        return out;
    });
}

void RunComparison::clear()
{
    m_runs.clear();
    m_pending.clear();
    m_reader.cancel(); // a run still being read is not added after the clear
    redraw();
    m_status->setText(tr("Add runs to compare them."));
}

void RunComparison::redraw()
{
    m_table->setRowCount(int(m_runs.size()));
    m_hv->clearGraphs();
    m_fronts->clearGraphs();
    for (size_t i = 0; i < m_runs.size(); ++i) {
        const Loaded &r = *m_runs[i];
        const QString name = QDir(r.directory).dirName();
        const QJsonObject fm = r.report.value("final_model").toObject();
        const QJsonObject v = fm.value("validated").toObject();
        const auto cell = [](double x, double scale = 1) {
            return std::isfinite(x) && x != 0 ? QString::number(x * scale, 'g', 4) : QStringLiteral("-");
        };
        const QStringList cells{name, modeText(pipeline::modeName(r.run->project.mode)), runStatusText(r.run->status),
                                r.report.isEmpty() ? QStringLiteral("-")
                                                   : QString::number(r.report.value("validations").toInt()),
                                QString::number(r.run->searches.size()),
                                // The final model tested (not an estimate); "-" without weights.
                                testAccuracyText(fm), cell(v.value("latency_ms").toDouble()),
                                cell(v.value("power_mw").toDouble()), cell(v.value("dram_bytes").toDouble(), 1e-6),
                                !fm.value("found").toBool()              ? tr("no final model")
                                : fm.value("meets_constraints").toBool() ? tr("met")
                                                                         : tr("broken")};
        // Why the final model must not be trusted (near chance, no better than the
        // smallest sub-network, training cut short): marked where its accuracy is.
        const QStringList flags = translatedTexts(pipeline::finalModelFlags(r.run->events));
        QStringList purposes;
        const QJsonObject byPurpose = r.report.value("validations_by_purpose").toObject();
        for (auto it = byPurpose.begin(); it != byPurpose.end(); ++it)
            purposes
                << QStringLiteral("%1: %2").arg(validationPurposeText(it.key().toStdString())).arg(it.value().toInt());
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 0) {
                item->setForeground(runColour(int(i)));
                item->setToolTip(r.directory);
            }
            if (c == kValidationsColumn && !purposes.isEmpty())
                item->setToolTip(purposes.join(QLatin1Char('\n')));
            if (c == kTestAccuracyColumn && !flags.isEmpty()) {
                item->setText(tr("%1 (not trustworthy)").arg(cells[c]));
                item->setForeground(QColor(0xb0, 0x30, 0x00));
                item->setToolTip(flags.join(QLatin1Char('\n')));
            }
            m_table->setItem(int(i), c, item);
        }
        auto *hv = m_hv->addGraph();
        hv->setName(name);
        hv->setPen(QPen(runColour(int(i)), 2));
        hv->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        for (size_t g = 0; g < r.hypervolume.size(); ++g)
            hv->addData(double(g), r.hypervolume[g]);
        auto *front = m_fronts->addGraph();
        front->setName(name);
        front->setPen(QPen(runColour(int(i)), 1.5));
        front->setLineStyle(QCPGraph::lsStepLeft);
        front->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, runColour(int(i)), 6));
        for (const auto &e : r.front)
            front->addData(e.latencyMs, e.accuracy);
    }
    // The fronts' estimates are one kind when every run used the same estimator.
    bool sameEstimator = true;
    for (const auto &r : m_runs)
        sameEstimator = sameEstimator && r->run->project.estimator == m_runs.front()->run->project.estimator;
    m_fronts->yAxis->setLabel(m_runs.empty()   ? tr("estimate")
                              : !sameEstimator ? tr("estimate (each run's own estimator)")
                                               : estimateAxisLabel(m_runs.front()->run->project.estimator));
    for (QCustomPlot *p : {m_hv, m_fronts}) {
        p->legend->setVisible(!m_runs.empty()); // an empty legend is a stray box
        p->rescaleAxes();
        for (QCPAxis *axis : {p->xAxis, p->yAxis})
            padAxisRange(axis, 0.08);
        p->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace calibra::widgets
