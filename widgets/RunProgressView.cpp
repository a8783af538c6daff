// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunProgressView.h"

#include "TranslatedText.h"

#include <QLabel>
#include <QProgressBar>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace calibra::widgets {

RunProgressView::RunProgressView(QWidget *parent) : QWidget(parent)
{
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_text = new QLabel(tr("No run yet"), this);
    m_text->setWordWrap(true);
    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &RunProgressView::redraw);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_text);
}

void RunProgressView::startRun(int generationsPerSearch, const QString &what)
{
    m_progress = pipeline::RunProgress(generationsPerSearch);
    m_step = what;
    m_stepIsFinal = false;
    m_live = true;
    m_clock.start();
    m_bar->setRange(0, 0); // busy until the first generation
    m_tick->start();
    redraw();
}

void RunProgressView::onEvent(const pipeline::Event &e)
{
    m_progress.onEvent(e);
    // Before the first generation a training's steps fill the bar (the supernet's, for
    // minutes); its line says the time left.
    if (m_progress.done() == 0 && e.kind != pipeline::EventKind::Warning) {
        const bool steps = e.kind == pipeline::EventKind::SupernetTraining && e.stepsPlanned > 0;
        m_bar->setRange(0, steps ? e.stepsPlanned : 0); // busy again once the training is done
        if (steps)
            m_bar->setValue(std::min(e.stepsDone, e.stepsPlanned));
    }
    if (!m_stepIsFinal && e.kind != pipeline::EventKind::Warning) { // warnings have their banner
        if (e.kind == pipeline::EventKind::GenerationFinished)
            m_step.clear();
        else if (!e.message.empty())
            m_step = eventText(e).section(QLatin1Char('\n'), 0, 0);
    }
    redraw();
}

void RunProgressView::setStep(const QString &step)
{
    m_step = step;
    m_stepIsFinal = true;
    redraw();
}

void RunProgressView::stopRun(const QString &text)
{
    m_live = false;
    m_tick->stop();
    if (m_bar->maximum() == 0) {
        m_bar->setRange(0, std::max(1, m_progress.planned()));
        m_bar->setValue(std::min(m_progress.done(), m_progress.planned()));
    }
    m_text->setText(text);
}

void RunProgressView::showText(const QString &text)
{
    m_text->setText(text);
}

void RunProgressView::showBusy()
{
    m_bar->setRange(0, 0);
}

void RunProgressView::showProgress(int done, int planned)
{
    m_bar->setRange(0, std::max(1, planned));
    m_bar->setValue(std::min(done, planned));
}

void RunProgressView::redraw()
{
    if (!m_live)
        return;
    const int done = m_progress.done(), planned = m_progress.planned();
    const bool final = m_progress.trainingFinalModel();
    if (done > 0) {
        // QProgressBar::setValue repaints at once; with updates off it only schedules an
        // update that the next paint cycle coalesces with the others.
        m_bar->setUpdatesEnabled(false);
        m_bar->setRange(0, final ? 0 : planned); // busy while the final model trains
        m_bar->setValue(std::min(done, planned));
        m_bar->setUpdatesEnabled(true);
    }
    const int elapsed = int(m_clock.elapsed() / 1000);
    QString text;
    if (done > 0 && final) {
        text = tr("Every generation done; training the final model, %1 s").arg(elapsed);
        if (!m_step.isEmpty())
            text += QLatin1Char('\n') + m_step;
    } else if (done > 0) {
        text = tr("Search %1, generation %2 of %3, %4 s")
                   .arg(m_progress.search())
                   .arg(m_progress.lastGeneration())
                   .arg(m_progress.generationsPerSearch())
                   .arg(elapsed);
        if (const double left = m_progress.secondsLeft(double(m_clock.elapsed()) / 1000.0); left >= 0)
            text += tr(", about %1 s left").arg(int(left));
        if (!m_step.isEmpty())
            text += QLatin1Char('\n') + m_step;
    } else {
        text = tr("%1 (%2 s so far)").arg(m_step).arg(elapsed);
    }
    m_text->setText(text);
}

QString RunProgressView::text() const
{
    return m_text->text();
}

int RunProgressView::value() const
{
    return m_bar->value();
}

int RunProgressView::maximum() const
{
    return m_bar->maximum();
}

} // namespace calibra::widgets
