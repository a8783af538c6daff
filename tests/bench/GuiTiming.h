// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// GUI benchmarks' timing of the GUI thread: an application that times every event it
// delivers (outermost deliveries only), so that a stall can be named by its receiver
// and event type, and a 1 ms ticker whose gaps are the stalls.
#include <QApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace calibra::bench {

class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    struct Slow
    {
        double ms;
        QString what;
    };
    std::vector<Slow> slowest; // the longest deliveries while recording, longest first (at most 5)
    bool recording = false;

    void printSlowest() const
    {
        std::printf("the slowest events delivered on the GUI thread:\n");
        for (const auto &slow : slowest)
            std::printf("  %6.1f ms  %s\n", slow.ms, qPrintable(slow.what));
    }

    bool notify(QObject *receiver, QEvent *event) override
    {
        // Qt 6 calls notify() on every thread: only the GUI thread's deliveries count.
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (m_depth++ > 0 || !recording) {
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        QElapsedTimer t;
        t.start();
        const int type = int(event->type());
        const QString what = QStringLiteral("%1 (%2), event %3")
                                 .arg(QString::fromLatin1(receiver->metaObject()->className()), receiver->objectName())
                                 .arg(type);
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (slowest.size() < 5 || ms > slowest.back().ms) {
            slowest.push_back({ms, what});
            std::sort(slowest.begin(), slowest.end(), [](const Slow &a, const Slow &b) { return a.ms > b.ms; });
            if (slowest.size() > 5)
                slowest.pop_back();
        }
        return r;
    }

private:
    int m_depth = 0;
};

// Gaps between the ticks of a 1 ms timer on the GUI thread while it runs.
class GapTicker
{
public:
    GapTicker()
    {
        m_ticker.setInterval(1);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_gaps.push_back(now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_gaps.clear();
        m_clock.start();
        m_last = 0;
        m_ticker.start();
    }
    void stop() { m_ticker.stop(); }
    qint64 longest() const { return m_gaps.empty() ? 0 : *std::max_element(m_gaps.begin(), m_gaps.end()); }
    qint64 percentile(double p) const
    {
        if (m_gaps.empty())
            return 0;
        std::vector<qint64> sorted = m_gaps;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, size_t(double(sorted.size()) * p))];
    }

private:
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<qint64> m_gaps;
};

} // namespace calibra::bench
