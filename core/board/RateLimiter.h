// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Per-client request-rate limits: one token bucket per client certificate name.
// Thread-safe; the clock is injectable so that tests need not sleep.
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace calibra::board {

class RateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    void configure(const std::string &client, double perSecond, int burst);
    // Takes one token; false when the client has none left (or is unknown).
    bool tryAcquire(const std::string &client, Clock::time_point now = Clock::now());

private:
    struct Bucket
    {
        double perSecond = 0, capacity = 0, tokens = 0;
        Clock::time_point last{};
    };
    std::mutex m_mutex;
    std::map<std::string, Bucket> m_buckets;
};

} // namespace calibra::board
