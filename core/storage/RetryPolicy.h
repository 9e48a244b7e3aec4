#pragma once

#include "storage/CurlRequest.h"

#include <atomic>
#include <functional>

namespace slipway::storage {

// Retries transient failures (resets, time-outs, 5xx, 429) with exponential back-off and jitter.
// Attempts default to 6 (about 15 s of waiting); SLIPWAY_STORAGE_ATTEMPTS overrides it.
class RetryPolicy
{
public:
    RetryPolicy();
    [[nodiscard]] int maxAttempts() const { return m_attempts; }
    // Runs `attempt` until it succeeds, fails for good, is cancelled or the attempts run out.
    [[nodiscard]] CurlRequest::Outcome run(const std::function<CurlRequest::Outcome()>& attempt,
                                           const std::atomic<bool>* cancel = nullptr, int* attemptsUsed = nullptr) const;
    // Sleeps up to `ms`, waking early on cancel; false when cancelled.
    [[nodiscard]] static bool pause(int ms, const std::atomic<bool>* cancel);

private:
    int m_attempts = 6;
};

} // namespace slipway::storage
