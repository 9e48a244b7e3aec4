#pragma once

#include "common/Progress.h"

#include <deque>
#include <mutex>

namespace slipway {

// One piece of work done in parts at once, on several threads (a bundle and its delta objects going up together),
// reported as one: each part reports its own bytes; `whole` gets the sums, one call at a time. A part adds to the
// total once it has reported one.
class ProgressSum
{
public:
    explicit ProgressSum(ProgressFn whole) : m_whole(std::move(whole)) {}
    ProgressSum(const ProgressSum&) = delete;
    ProgressSum& operator=(const ProgressSum&) = delete;

    // The progress of a new part, for use while this sum lives; it returns what `whole` returns.
    [[nodiscard]] ProgressFn part();

private:
    struct Part
    {
        qint64 done = 0;
        qint64 total = 0;
    };
    std::mutex m_mutex;
    ProgressFn m_whole;
    std::deque<Part> m_parts; // a deque: a part's place does not move as others are added
};

} // namespace slipway
