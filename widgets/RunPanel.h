// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs from the GUI: the mode, search size, latency budget and accuracy estimator on
// top of the open project, Start and Cancel, a progress bar with the generation and an
// estimate of the time left, the event log, and the run's charts. The pipeline runs on a
// worker thread (it opens its own run-store connection there); its events arrive here
// queued, so the GUI thread only draws. An interrupted or failed run resumes from its
// directory (Resume..., or `calibra-cli run --resume DIR`).
#include "LatestTask.h"
#include "pipeline/Pipeline.h"
#include "pipeline/RunController.h"
#include "pipeline/RunSnapshot.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTimer;

namespace calibra::widgets {

class CheckChart;
class CheckHistoryChart;
class CheckInspector;
class ConnectionPanel;
class RunSetupForm;
class ParetoChart;
class RunComparison;
class RunProgressView;
class GenerationChart;
class GenerationValidationChart;

// Where Start Run runs the project: here, or on the NAS service the NAS Service tab names
// (the run is then followed here as it goes there).
enum class RunPlace { ThisComputer, NasService };

class RunPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunPanel(QWidget *parent = nullptr);
    ~RunPanel() override;

    // The project runs start from (network, platform, setting and the rest); the form's
    // values replace its mode, population, generations, budget, estimator and validator. With
    // `resetForm` false the form keeps what the user entered.
    void setProject(const pipeline::Project &project, bool resetForm = true);
    pipeline::Project projectToRun() const;

    // Starts a run in `directory` (empty: a new directory in the runs folder,
    // RunsFolder.h), or, with RunPlace::NasService, emits submitToNasService. Returns
    // false when a run is already going.
    bool start(const QString &directory = {});
    void setRunPlace(RunPlace place);
    RunPlace runPlace() const;
    // A project submitted by Start was not taken, or ended before it had a run: Start
    // comes back, and the reason shows.
    void submissionFailed(const QString &why);
    // Continues an interrupted or failed run in `directory` with the project it recorded
    // (what it validated, estimated and searched is kept). False when a run is going.
    bool resume(const QString &directory);
    // Shows a finished or interrupted run from its directory (read on a worker thread):
    // its log and charts, as a live run would have drawn them, its progress against its
    // own plan, and its project in the form. Emits runOpened.
    bool openRun(const QString &directory);
    // Opens a run that goes on elsewhere (a search job on the farm) and re-reads its
    // store every two seconds until it is no longer running.
    bool followRun(const QString &directory);
    bool isFollowing() const;
    void cancel();
    // Writes report.pdf and copies of the run's report, tables and final model into
    // `directory` (the run must have finished). False with `error` set otherwise.
    bool exportReport(const QString &directory, QString *error = nullptr, QStringList *written = nullptr);
    bool isRunning() const { return m_run->isRunning(); }
    QString runDirectory() const { return m_directory; }
    QString log() const;
    QString status() const;
    const pipeline::RunResult &lastResult() const { return m_result; }
    QStringList warnings() const; // the run's warnings, as the banner shows them
    int progressValue() const;
    int progressMaximum() const;

    CheckChart *checkChart() const { return m_checkChart; }
    GenerationChart *generationChart() const { return m_generationChart; }
    CheckHistoryChart *checkHistoryChart() const { return m_checkHistory; }
    ConnectionPanel *connectionPanel() const;
    ParetoChart *paretoChart() const { return m_paretoChart; }
    GenerationValidationChart *validationChart() const { return m_validationChart; }
    CheckInspector *checkInspector() const { return m_inspector; }
    QTabWidget *viewTabs() const { return m_views; }
    RunComparison *comparison() const { return m_comparison; }
    // The run's store as last read (live runs re-read it as events arrive, throttled).
    const pipeline::RunSnapshot *snapshot() const { return m_snapshot.get(); }

Q_SIGNALS:
    void runFinished(bool ok);
    void runOpened(bool ok, const QString &error);
    // The run's views were refreshed from its store.
    void refreshed();
    // A sub-network was clicked in the Pareto chart.
    void candidateSelected(const search::Genotype &genotype);
    // Start Run with RunPlace::NasService: the project to submit (then followRun shows it).
    void submitToNasService(const calibra::pipeline::Project &project);
    // A resumed run's pipeline opened with the project it recorded.
    void resumedProject(const calibra::pipeline::Project &project);

private:
    void setWarnings(const QStringList &lines);
    void onEvent(const pipeline::Event &event);
    void onFinished(const pipeline::RunResult &result);
    void updateButtons();
    void clearViews(const QString &directory, int generationsPerSearch, const QString &what); // a run starts
    void scheduleRefresh();
    void readSnapshot(bool reopening);
    void showCheckAt(int index);

    std::unique_ptr<pipeline::Project> m_project;
    RunSetupForm *m_setup;
    QPushButton *m_start, *m_resume, *m_cancel, *m_export;
    QComboBox *m_runPlace;
    bool m_submitting = false; // submitted to the NAS service, not yet shown here
    RunProgressView *m_progress;
    QLabel *m_warnings;
    QStringList m_warningLines;
    QPlainTextEdit *m_log;
    CheckChart *m_checkChart;
    GenerationChart *m_generationChart;
    CheckHistoryChart *m_checkHistory;
    ParetoChart *m_paretoChart;
    GenerationValidationChart *m_validationChart;
    CheckInspector *m_inspector;
    QTabWidget *m_views;
    RunComparison *m_comparison;
    QTimer *m_refreshTimer;
    QTimer *m_followTimer;
    std::shared_ptr<const pipeline::RunSnapshot> m_snapshot;
    QString m_compared; // the live run last added to the comparison

    pipeline::RunController *m_run;
    struct SnapshotRead;
    void applySnapshot(const std::shared_ptr<SnapshotRead> &read);
    LatestTask<std::shared_ptr<SnapshotRead>> m_reader{
        this, [this](const std::shared_ptr<SnapshotRead> &read) { applySnapshot(read); }};
    bool m_reopening = false; // the read under way reopens the run
    bool m_resuming = false;  // a resumed run whose project is not known yet
    QString m_directory;
    pipeline::RunResult m_result;
};

} // namespace calibra::widgets
