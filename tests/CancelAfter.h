// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A cancel flag that another thread raises after a delay, for tests that cancel work
// while it runs. Joined when it goes out of scope.
#include <atomic>
#include <chrono>
#include <thread>

namespace calibra::test {

class CancelAfter
{
public:
    explicit CancelAfter(std::chrono::milliseconds delay)
        : m_thread([this, delay] {
              std::this_thread::sleep_for(delay);
              m_cancel = true;
          })
    {
    }
    const std::atomic<bool> *flag() const { return &m_cancel; }
    // Waits until the flag is raised.
    void join()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    ~CancelAfter() { join(); }

private:
    std::atomic<bool> m_cancel{false};
    std::thread m_thread;
};

} // namespace calibra::test
