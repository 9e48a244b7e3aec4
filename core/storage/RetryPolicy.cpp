#include "storage/RetryPolicy.h"

#include <QRandomGenerator>

#include <chrono>
#include <thread>

namespace slipway::storage {

RetryPolicy::RetryPolicy()
{
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("SLIPWAY_STORAGE_ATTEMPTS", &ok);
    if (ok && fromEnv >= 1)
        m_attempts = fromEnv;
}

bool RetryPolicy::pause(int ms, const std::atomic<bool>* cancel)
{
    for (int waited = 0; waited < ms; waited += 50) {
        if (cancel && cancel->load())
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return !(cancel && cancel->load());
}

CurlRequest::Outcome RetryPolicy::run(const std::function<CurlRequest::Outcome()>& attempt,
                                      const std::atomic<bool>* cancel, int* attemptsUsed) const
{
    CurlRequest::Outcome outcome;
    int delay = 500;
    for (int i = 1; i <= m_attempts; ++i) {
        if (attemptsUsed)
            *attemptsUsed = i;
        outcome = attempt();
        if (!outcome.isTransient() || i == m_attempts)
            return outcome;
        const int jitter = static_cast<int>(QRandomGenerator::global()->bounded(delay / 4 + 1));
        if (!pause(delay + jitter, cancel)) {
            outcome.cancelled = true;
            return outcome;
        }
        delay = qMin(delay * 2, 8000);
    }
    return outcome;
}

} // namespace slipway::storage
