// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunPanel.h"
#include "ScrollWhenNarrow.h"

#include "ChartAxes.h"
#include "CheckInspector.h"
#include "ConnectionPanel.h"
#include "ParetoChart.h"
#include "QCustomPlotInclude.h"
#include "ReportExport.h"
#include "RunComparison.h"
#include "RunCharts.h"
#include "TranslatedText.h"
#include "RunProgressView.h"
#include "ChartAxes.h"
#include "GenerationValidationChart.h"
#include "MetricNames.h"
#include "RunSetupForm.h"
#include "RunsFolder.h"
#include "pipeline/RunCatalog.h"
#include "pipeline/RunStore.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace calibra::widgets {

using pipeline::EventKind;

// A run store read on a worker thread: for a reopened run, or a live run's refresh.
struct RunPanel::SnapshotRead
{
    bool reopening = false;
    QString error;
    std::shared_ptr<const pipeline::RunSnapshot> run;
};

RunPanel::RunPanel(QWidget *parent)
    : QWidget(parent), m_project(std::make_unique<pipeline::Project>(pipeline::demoProject()))
{
    m_run = new pipeline::RunController(this);
    m_run->setLowPriority(true); // the GUI thread stays smooth with both cores taken
    m_setup = new RunSetupForm(this);

    m_start = new QPushButton(tr("Start Run"), this);
    m_resume = new QPushButton(tr("Resume..."), this);
    m_resume->setToolTip(tr("Continue an interrupted or failed run from its directory"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    connect(m_start, &QPushButton::clicked, this, [this] { start(); });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Resume the run in"),
                                                              m_directory.isEmpty() ? runsFolderOrHome() : m_directory);
        if (!dir.isEmpty())
            resume(dir);
    });
    connect(m_cancel, &QPushButton::clicked, this, &RunPanel::cancel);
    m_export = new QPushButton(tr("Export Report..."), this);
    m_export->setToolTip(tr("PDF report with the charts, plus the HTML report, CSV tables and final model"));
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the run's report to"), m_directory);
        if (dir.isEmpty())
            return;
        QString error;
        QStringList written;
        if (exportReport(dir, &error, &written))
            m_progress->showText(tr("Exported %1 files to %2").arg(written.size()).arg(dir));
        else
            m_progress->showText(tr("Export failed: %1").arg(error));
    });
    m_runPlace = new QComboBox(this);
    m_runPlace->addItem(tr("This computer"), int(RunPlace::ThisComputer));
    m_runPlace->addItem(tr("NAS service"), int(RunPlace::NasService));
    m_runPlace->setItemData(
        1, tr("Submit the project to the NAS service named in the NAS Service tab, and follow it here"),
        Qt::ToolTipRole);
    auto *place = new QHBoxLayout;
    place->addWidget(new QLabel(tr("Run on"), this));
    place->addWidget(m_runPlace, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_export);
    m_progress = new RunProgressView(this);
    // Results that look fine but are not (a budget cut short, an estimator at chance, a
    // final model below its baseline): shown until the next run, never only in the log.
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("runWarnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setStyleSheet(QStringLiteral("QLabel { background: #fff3e0; color: #5d2a00; border: 1px solid #c60; "
                                             "padding: 4px; }"));
    m_warnings->hide();
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);

    // The set-up scrolls (up and down only, never cutting its columns off) when even its
    // tabs do not fit, so that Start, the progress and the log stay in sight.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_setup);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_setup->minimumSizeHint().width() + style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(scroll);
    leftLayout->addLayout(place);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_progress);
    leftLayout->addWidget(m_log, 1);
    m_checkChart = new CheckChart(this);
    m_generationChart = new GenerationChart(this);
    m_paretoChart = new ParetoChart(this);
    m_inspector = new CheckInspector(this);
    auto *checks = new QSplitter(Qt::Vertical, this);
    checks->addWidget(m_checkChart);
    checks->addWidget(m_inspector);
    checks->setSizes({1, 1}); // the chart as tall as the inspector
    auto *charts = new QTabWidget(this);
    charts->addTab(checks, tr("Accuracy checks"));
    charts->addTab(m_paretoChart, tr("Pareto front"));
    m_checkHistory = new CheckHistoryChart(this);
    auto *history = new QSplitter(Qt::Vertical, this);
    history->addWidget(m_generationChart);
    history->addWidget(m_checkHistory);
    history->setSizes({1, 1});
    charts->addTab(history, tr("Generations and checks"));
    m_validationChart = new GenerationValidationChart(this);
    charts->addTab(m_validationChart, tr("Predicted vs validated"));
    m_comparison = new RunComparison(this);
    charts->addTab(m_comparison, tr("Compare runs"));
    m_views = charts;
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(300); // at most about three store reads a second
    connect(m_refreshTimer, &QTimer::timeout, this, [this] { readSnapshot(false); });
    m_followTimer = new QTimer(this);
    m_followTimer->setInterval(2000);
    connect(m_followTimer, &QTimer::timeout, this, [this] {
        if (!isRunning())
            readSnapshot(false);
    });
    connect(m_inspector, &CheckInspector::checkSelected, this, &RunPanel::showCheckAt);
    connect(m_paretoChart, &ParetoChart::candidateSelected, this,
            [this](const search::Genotype &g, const search::Evaluation &) { Q_EMIT candidateSelected(g); });
    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(charts);
    split->setStretchFactor(1, 1);
    // The form at its least width, the charts everything else (a laptop's screen is tight).
    split->setSizes({left->minimumSizeHint().width(), 100000});
    // The warnings across the top, never scrolled out of sight.
    scrollWhenNarrow(this, split)->insertWidget(0, m_warnings);

    connect(m_run, &pipeline::RunController::opened, this, [this](int planned) { m_progress->setPlan(planned); });
    // A resumed run goes on with the project it recorded: the form shows that one, and
    // the window takes it (its network, platform and setting), as for a reopened run.
    connect(m_run, &pipeline::RunController::projectOpened, this, [this](const pipeline::Project &project) {
        if (!m_resuming)
            return;
        m_resuming = false;
        setProject(project);
        m_paretoChart->setEstimator(project.estimator);
        m_generationChart->setEstimator(project.estimator);
        Q_EMIT resumedProject(project);
    });
    connect(m_run, &pipeline::RunController::eventArrived, this, &RunPanel::onEvent);
    connect(m_run, &pipeline::RunController::finished, this, &RunPanel::onFinished);
    setProject(*m_project);
    updateButtons();
}

RunPanel::~RunPanel()
{
    delete m_run; // cancels and waits for the run (at exit only): its events need this panel
}

void RunPanel::setProject(const pipeline::Project &project, bool resetForm)
{
    *m_project = project;
    if (!resetForm)
        return;
    m_setup->setProject(project);
}

pipeline::Project RunPanel::projectToRun() const
{
    pipeline::Project p = *m_project;
    m_setup->applyTo(p);
    return p;
}

void RunPanel::setRunPlace(RunPlace place)
{
    m_runPlace->setCurrentIndex(m_runPlace->findData(int(place)));
}

RunPlace RunPanel::runPlace() const
{
    return RunPlace(m_runPlace->currentData().toInt());
}

bool RunPanel::start(const QString &directory)
{
    if (isRunning())
        return false;
    const pipeline::Project project = projectToRun();
    if (runPlace() == RunPlace::NasService) {
        if (m_submitting)
            return false;
        m_submitting = true; // until the run shows here, or the service says no
        m_progress->showText(tr("Submitting %1 to the NAS service...").arg(QString::fromStdString(project.name)));
        updateButtons();
        Q_EMIT submitToNasService(project);
        return true;
    }
    std::string dir;
    try {
        dir = m_run->start(project, directory.toStdString(), runsFolder().toStdString());
    } catch (const std::exception &e) { // the runs folder cannot be written
        m_log->appendPlainText(QString::fromStdString(e.what()));
        return false;
    }
    // The plan is the form's until the pipeline is open (RunController::opened).
    clearViews(QString::fromStdString(dir), project.search.generations + 1,
               tr("Starting a run in %1").arg(QString::fromStdString(dir)));
    m_paretoChart->setEstimator(project.estimator);
    m_generationChart->setEstimator(project.estimator);
    return true;
}

bool RunPanel::resume(const QString &directory)
{
    if (isRunning())
        return false;
    m_run->resume(directory.toStdString());
    m_resuming = true;
    clearViews(directory, m_setup->generations() + 1, tr("Resuming the run in %1").arg(directory));
    return true;
}

void RunPanel::clearViews(const QString &directory, int generationsPerSearch, const QString &what)
{
    m_followTimer->stop();
    m_directory = directory;
    m_log->clear();
    setWarnings({});
    m_checkChart->clear();
    m_generationChart->clear();
    m_paretoChart->setRun({}, {});
    m_validationChart->clear();
    m_inspector->setChecks({}, {});
    m_checkHistory->setChecks({});
    m_snapshot.reset();
    m_compared.clear();
    m_result = {};
    m_progress->startRun(generationsPerSearch, what);
    updateButtons();
}

ConnectionPanel *RunPanel::connectionPanel() const
{
    return m_setup->connection();
}

int RunPanel::progressValue() const
{
    return m_progress->value();
}

int RunPanel::progressMaximum() const
{
    return m_progress->maximum();
}

bool RunPanel::isFollowing() const
{
    return m_followTimer->isActive();
}

bool RunPanel::followRun(const QString &directory)
{
    if (!openRun(directory))
        return false;
    m_followTimer->start();
    return true;
}

bool RunPanel::openRun(const QString &directory)
{
    if (isRunning())
        return false; // a read still under way is superseded: the latest one wins
    m_submitting = false;
    m_followTimer->stop();
    m_directory = directory;
    m_progress->showText(tr("Reading %1").arg(directory));
    readSnapshot(true);
    return true;
}

void RunPanel::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void RunPanel::readSnapshot(bool reopening)
{
    // A newer read replaces one still running; it reopens the run if either does.
    m_reopening = m_reopening || reopening;
    const std::string dir = m_directory.toStdString();
    m_reader.start([dir, reopening = m_reopening](const std::atomic<bool> &) -> std::shared_ptr<SnapshotRead> {
        auto out = std::make_shared<SnapshotRead>();
        out->reopening = reopening;
        try {
            out->run = std::make_shared<const pipeline::RunSnapshot>(pipeline::readRunSnapshot(dir));
        } catch (const std::exception &e) {
            out->error = QString::fromStdString(e.what());
        }
        return out;
    });
}

void RunPanel::applySnapshot(const std::shared_ptr<SnapshotRead> &read)
{
    m_reopening = false;
    if (!read->error.isEmpty()) {
        if (m_followTimer->isActive()) {
            // A farm job that has not started yet has no store: read again at the next tick.
            m_progress->showText(tr("Waiting for the run in %1 to start (%2)").arg(m_directory, read->error));
        } else if (read->reopening) {
            m_progress->showText(tr("Could not open the run: %1").arg(read->error));
            Q_EMIT runOpened(false, read->error);
        }
        // A live run's store may not exist yet: the next event reads it again.
    } else {
        m_snapshot = read->run;
        const pipeline::RunSnapshot &run = *m_snapshot;
        // A followed run (going on elsewhere) sends no events: every read redraws.
        if (read->reopening || m_followTimer->isActive()) {
            m_log->clear();
            m_checkChart->clear();
            m_generationChart->clear();
            QStringList warnings;
            for (const auto &e : run.events) {
                m_log->appendPlainText(eventText(e));
                if (e.kind == EventKind::Warning)
                    warnings << eventText(e);
            }
            setWarnings(warnings);
            int generations = 0;
            for (size_t s = 0; s < run.searches.size(); ++s)
                for (const auto &g : run.searches[s]) {
                    m_generationChart->addGeneration(int(s), g.index,
                                                     pipeline::populationStats(g, run.project.search.constraints));
                    ++generations;
                }
            pipeline::RunProgress progress(run.project.search.generations + 1);
            for (const auto &e : run.events)
                progress.onEvent(e);
            // A run still going after its last generation trains its final model: the bar is
            // busy, not full, and the line says so.
            const bool trainingFinal = run.status == pipeline::RunStatus::Running && progress.trainingFinalModel();
            m_progress->showText(
                trainingFinal
                    ? tr("Run %1 (%2): %3 generations; training the final model")
                          .arg(m_directory, runStatusText(run.status))
                          .arg(generations)
                    : tr("Run %1 (%2): %3 generations").arg(m_directory, runStatusText(run.status)).arg(generations));
            // The form shows how the run was set up, so that it can be run again changed.
            if (read->reopening)
                setProject(run.project);
            // A reopened run that finished is done, whatever its plan was; another shows
            // how far it got against its own plan.
            if (run.status == pipeline::RunStatus::Finished)
                m_progress->showProgress(1, 1);
            else if (trainingFinal)
                m_progress->showBusy();
            else
                m_progress->showProgress(progress.done(), progress.planned());
        }
        m_paretoChart->setEstimator(run.project.estimator);
        m_generationChart->setEstimator(run.project.estimator);
        m_paretoChart->setRun(run.searches, run.project.search.constraints);
        m_validationChart->setRun(run);
        m_inspector->setChecks(run.checks, run.project.thresholds);
        m_checkHistory->setChecks(run.checks);
        updateButtons();
        // A reopened run, and a live run once finished, joins the comparison with the
        // snapshot just read (reopening again replaces it).
        if (read->reopening || (run.status == pipeline::RunStatus::Finished && m_compared != m_directory)) {
            m_compared = m_directory;
            m_comparison->addRun(m_directory, m_snapshot);
        }
        if (run.status != pipeline::RunStatus::Running)
            m_followTimer->stop();
        if (read->reopening)
            Q_EMIT runOpened(true, {});
        Q_EMIT refreshed();
    }
}

void RunPanel::showCheckAt(int index)
{
    const auto &checks = m_inspector->checks();
    if (index < 0 || size_t(index) >= checks.size())
        return;
    // Samples without validated figures could not be validated: not drawn.
    const auto summaryOf = [](const pipeline::StoredCheck &c) {
        pipeline::CheckSummary s = c.summary;
        s.predicted.clear();
        s.validated.clear();
        for (const auto &x : c.samples)
            if (x.wasValidated()) {
                s.predicted.push_back(x.predicted);
                s.validated.push_back(x.validated);
            }
        return s;
    };
    const pipeline::CheckSummary current = summaryOf(checks[size_t(index)]);
    if (index > 0) {
        const pipeline::CheckSummary previous = summaryOf(checks[size_t(index) - 1]);
        m_checkChart->showCheck(current, checks[size_t(index)].search, &previous);
    } else {
        m_checkChart->showCheck(current, checks[size_t(index)].search);
    }
}

void RunPanel::cancel()
{
    if (isRunning()) {
        m_run->cancel();
        m_progress->setStep(tr("Cancelling after the current step..."));
    }
}

QString RunPanel::log() const
{
    return m_log->toPlainText();
}
QString RunPanel::status() const
{
    return m_progress->text();
}
QStringList RunPanel::warnings() const
{
    return m_warningLines;
}

void RunPanel::setWarnings(const QStringList &lines)
{
    m_warningLines = lines;
    QStringList shown;
    for (const QString &l : lines)
        shown << tr("Warning: %1").arg(l);
    m_warnings->setText(shown.join(QLatin1Char('\n')));
    m_warnings->setVisible(!lines.isEmpty());
}

void RunPanel::onEvent(const pipeline::Event &e)
{
    m_log->appendPlainText(eventText(e));
    m_progress->onEvent(e);
    switch (e.kind) {
    case EventKind::GenerationFinished: m_generationChart->addGeneration(e.search, e.generation, e.population); break;
    case EventKind::AccuracyCheck: m_checkChart->showCheck(e.check, e.search); break;
    case EventKind::Warning: setWarnings(m_warningLines + QStringList{eventText(e)}); break;
    default: break;
    }
    if (e.kind == EventKind::GenerationFinished || e.kind == EventKind::AccuracyCheck
        || e.kind == EventKind::FinalModel)
        scheduleRefresh();
}

void RunPanel::onFinished(const pipeline::RunResult &result)
{
    m_result = result;
    m_resuming = false;
    if (m_result.ok) {
        m_progress->showProgress(1, 1); // done, whatever was left of the plan (a resumed finished run)
        m_progress->stopRun(tr("Finished: %1 validations, %2 search(es). Report: %3")
                                .arg(m_result.validations)
                                .arg(m_result.searches)
                                .arg(QDir(m_directory).filePath(QStringLiteral("report.html"))));
    } else if (m_result.cancelled) {
        m_progress->stopRun(tr("Stopped. Continue with Resume..., or: calibra-cli run --resume %1").arg(m_directory));
    } else {
        m_progress->stopRun(tr("Failed: %1").arg(QString::fromStdString(m_result.error)));
    }
    updateButtons();
    readSnapshot(false); // the views end on the store's final state
    Q_EMIT runFinished(m_result.ok);
}

void RunPanel::submissionFailed(const QString &why)
{
    if (!m_submitting)
        return;
    m_submitting = false;
    m_progress->showText(tr("Not run on the NAS service: %1").arg(why));
    updateButtons();
}

void RunPanel::updateButtons()
{
    m_start->setEnabled(!isRunning() && !m_submitting);
    m_resume->setEnabled(!isRunning());
    m_cancel->setEnabled(isRunning());
    m_export->setEnabled(!isRunning() && !m_directory.isEmpty()
                         && QFile::exists(QDir(m_directory).filePath(QStringLiteral("report.json"))));
}

bool RunPanel::exportReport(const QString &directory, QString *error, QStringList *written)
{
    if (isRunning()) {
        if (error)
            *error = tr("the run is still going");
        return false;
    }
    ReportCharts charts;
    charts.predictedVsValidated = m_validationChart->imagesOfMeasuredMetrics(900, 480);
    charts.checks = chartImage(m_checkChart->plot(), 900, 560);
    charts.pareto = chartImage(m_paretoChart->plot(), 900, 560);
    charts.hypervolume = chartImage(m_paretoChart->hypervolumePlot(), 900, 260);
    charts.generations = chartImage(m_generationChart->plot(), 900, 400);
    charts.checkHistory = chartImage(m_checkHistory->plot(), 900, 400);
    return exportRunReport(m_directory, directory, charts, error, written);
}

} // namespace calibra::widgets
