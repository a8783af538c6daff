// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimiter.h"

#include <algorithm>

namespace calibra::board {

void RateLimiter::configure(const std::string &client, double perSecond, int burst)
{
    std::lock_guard lock(m_mutex);
    Bucket &b = m_buckets[client];
    b.perSecond = perSecond;
    b.capacity = b.tokens = std::max(1, burst);
    b.last = Clock::now();
}

bool RateLimiter::tryAcquire(const std::string &client, Clock::time_point now)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_buckets.find(client);
    if (it == m_buckets.end())
        return false;
    Bucket &b = it->second;
    if (now > b.last) {
        b.tokens = std::min(b.capacity, b.tokens + std::chrono::duration<double>(now - b.last).count() * b.perSecond);
        b.last = now;
    }
    if (b.tokens < 1)
        return false;
    b.tokens -= 1;
    return true;
}

} // namespace calibra::board
