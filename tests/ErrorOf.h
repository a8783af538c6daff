// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The message a call throws, for tests that compare what a user reads.
#include <QString>

#include <utility>

namespace calibra::test {

// Runs `f` and returns the message of the E it throws ("" when it throws nothing); any
// other exception propagates, and fails the test.
template <typename E, typename F> QString errorOf(F &&f)
{
    try {
        std::forward<F>(f)();
    } catch (const E &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace calibra::test
