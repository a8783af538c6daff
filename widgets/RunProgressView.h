// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Runs tab's progress bar and status line. During a live run the line names what is
// going on (the last step the pipeline reported: supernet training, a check, the final
// training) with the time so far, redrawn every second, so a long step never looks hung;
// the bar counts generations against the plan and is busy (animated) until the first,
// and again while the final model trains after the last.
#include "pipeline/Events.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QTimer;

namespace calibra::widgets {

class RunProgressView : public QWidget
{
    Q_OBJECT
public:
    explicit RunProgressView(QWidget *parent = nullptr);

    void startRun(int generationsPerSearch, const QString &what); // resets; starts the clock
    // The run's own plan, once it is open (a resumed run plans what it recorded).
    void setPlan(int generationsPerSearch) { m_progress = pipeline::RunProgress(generationsPerSearch); }
    void onEvent(const pipeline::Event &e);
    // What the live run is doing until it stops (cancelling): later events do not replace it.
    void setStep(const QString &step);
    void stopRun(const QString &text); // the run ended: `text` stays
    // Outside a live run: a message, and the bar at `done` of `planned`.
    void showText(const QString &text);
    void showProgress(int done, int planned);
    void showBusy(); // outside a live run: work goes on that has no count (the final model trains)

    bool isLive() const { return m_live; }
    QString text() const;
    int value() const;
    int maximum() const;

private:
    void redraw();

    QProgressBar *m_bar;
    QLabel *m_text;
    QTimer *m_tick;
    QElapsedTimer m_clock;
    pipeline::RunProgress m_progress{1};
    QString m_step;             // the last step reported (not a finished generation, not a warning)
    bool m_stepIsFinal = false; // cancelling: what later events report no longer matters
    bool m_live = false;
};

} // namespace calibra::widgets
