#pragma once

#include "common/Result.h"
#include "history/DeviceStats.h"
#include "registry/RolloutState.h"

#include <QList>
#include <QSet>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace slipway::registry {

// A rollout whose health the watcher wants counted.
struct WatchedRollout
{
    QString appId;
    QString channel;
    RolloutState rollout;
};

struct TalliedRollout
{
    WatchedRollout watched;
    history::VersionTally tally;
};

// serve's writer of /stats events: a thread with its own connection to the history writes what was queued, one
// transaction every limits::ServeStatsFlushMs, and counts the rollouts it is asked about. Neither a batch write nor
// a tally (which reads every device of a version) then runs on the event loop that answers /updates.
class StatsRecorder
{
public:
    // Both are called on the recorder's thread.
    using TalliedFn = std::function<void(const QList<TalliedRollout>& tallies)>;
    using ReportFn = std::function<void(const QString& line)>;

    // Opens its own connection to the history at `historyPath` (on its thread) and starts writing.
    [[nodiscard]] static Result<std::unique_ptr<StatsRecorder>> start(const QString& historyPath, TalliedFn tallied,
                                                                      ReportFn report);
    ~StatsRecorder(); // writes what is still queued, then stops
    StatsRecorder(const StatsRecorder&) = delete;
    StatsRecorder& operator=(const StatsRecorder&) = delete;

    // Queues one event; an error (HTTP 503) when the backlog is full.
    [[nodiscard]] Status enqueue(history::StatsEvent event);
    // Counted after the next write; the result goes to `tallied`.
    void requestTallies(const QList<WatchedRollout>& rollouts);
    // The apps whose events were written since the last call.
    [[nodiscard]] QSet<QString> takeReportedApps();
    // Writes everything queued before the call and waits for it; the error of that write, if any.
    [[nodiscard]] Status flush();
    [[nodiscard]] qint64 recorded() const { return m_recorded.load(); }

private:
    StatsRecorder(TalliedFn tallied, ReportFn report);
    void run(const QString& historyPath, std::promise<Status> opened);
    [[nodiscard]] Status writeRound(history::DeviceStats& stats);

    TalliedFn m_tallied;
    ReportFn m_report;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_roundDone;
    QList<history::StatsEvent> m_pending;
    QList<WatchedRollout> m_tallyRequests;
    QSet<QString> m_reportedApps;
    bool m_stopping = false;
    bool m_flushWanted = false;
    qint64 m_roundsStarted = 0;
    qint64 m_roundsDone = 0;
    Status m_lastRound = Ok{};
    std::atomic<qint64> m_recorded{0};
    std::thread m_thread;
};

} // namespace slipway::registry
