#pragma once

#include <QtGlobal>

#include <deque>
#include <functional>
#include <mutex>

namespace slipway {

// Reports bytes done out of a total (total < 0 when unknown). Returns false to ask the work to stop:
// the callee then cleans up and fails with a "cancelled" error.
using ProgressFn = std::function<bool(qint64 done, qint64 total)>;

inline bool reportProgress(const ProgressFn& progress, qint64 done, qint64 total)
{
    return !progress || progress(done, total);
}

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
