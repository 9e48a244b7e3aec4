#include "registry/StatsRecorder.h"

#include "common/InputLimits.h"
#include "history/History.h"

#include <chrono>

namespace slipway::registry {

StatsRecorder::StatsRecorder(TalliedFn tallied, ReportFn report) : m_tallied(std::move(tallied)), m_report(std::move(report))
{
}

Result<std::unique_ptr<StatsRecorder>> StatsRecorder::start(const QString& historyPath, TalliedFn tallied, ReportFn report)
{
    std::unique_ptr<StatsRecorder> recorder(new StatsRecorder(std::move(tallied), std::move(report)));
    std::promise<Status> opened;
    std::future<Status> ready = opened.get_future();
    recorder->m_thread = std::thread(
        [r = recorder.get(), historyPath, p = std::move(opened)]() mutable { r->run(historyPath, std::move(p)); });
    if (Status s = ready.get(); !s) {
        recorder->m_thread.join();
        return s.error();
    }
    return recorder;
}

StatsRecorder::~StatsRecorder()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

Status StatsRecorder::enqueue(history::StatsEvent event)
{
    std::lock_guard lock(m_mutex);
    if (m_pending.size() >= limits::ServeStatsBacklog)
        return fail(QStringLiteral("%1 stats events are waiting to be written to the history (the limit); try again "
                                   "shortly.")
                        .arg(m_pending.size()),
                    503);
    m_pending.append(std::move(event));
    return Ok{};
}

void StatsRecorder::requestTallies(const QList<WatchedRollout>& rollouts)
{
    std::lock_guard lock(m_mutex);
    m_tallyRequests += rollouts;
}

QSet<QString> StatsRecorder::takeReportedApps()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_reportedApps, {});
}

Status StatsRecorder::flush()
{
    std::unique_lock lock(m_mutex);
    if (!m_thread.joinable())
        return m_lastRound;
    // The next round to start takes everything queued now.
    const qint64 wanted = m_roundsStarted + 1;
    m_flushWanted = true;
    m_wake.notify_all();
    m_roundDone.wait(lock, [&] { return m_roundsDone >= wanted; });
    return m_lastRound;
}

void StatsRecorder::run(const QString& historyPath, std::promise<Status> opened)
{
    auto history = history::History::open(historyPath);
    if (!history) {
        opened.set_value(history.error());
        return;
    }
    opened.set_value(Ok{});
    history::DeviceStats stats(*history.value());
    const auto interval = std::chrono::milliseconds(limits::ServeStatsFlushMs);
    for (;;) {
        bool last = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, interval, [&] { return m_stopping || m_flushWanted; });
            last = m_stopping;
        }
        const Status round = writeRound(stats);
        if (!round && m_report)
            m_report(round.error().message);
        if (last)
            break;
    }
}

Status StatsRecorder::writeRound(history::DeviceStats& stats)
{
    QList<history::StatsEvent> batch;
    QList<WatchedRollout> requests;
    {
        std::lock_guard lock(m_mutex);
        batch.swap(m_pending);
        requests.swap(m_tallyRequests);
        m_flushWanted = false;
        ++m_roundsStarted;
    }
    Status written = Ok{};
    if (!batch.isEmpty()) {
        written = stats.record(batch);
        std::lock_guard lock(m_mutex);
        if (written) {
            m_recorded += batch.size();
            for (const auto& e : std::as_const(batch))
                m_reportedApps.insert(e.event.appId);
        } else {
            written = fail(QStringLiteral("%1 stats events could not be written to the history (kept, retried): %2")
                               .arg(batch.size())
                               .arg(written.error().message));
            batch += m_pending; // kept in arrival order, ahead of what came meanwhile
            m_pending.swap(batch);
        }
    }
    QList<TalliedRollout> tallies;
    for (const WatchedRollout& w : std::as_const(requests)) {
        auto tally = stats.tally(w.appId, w.rollout.version);
        if (!tally) {
            if (m_report)
                m_report(tally.error().message);
            continue;
        }
        tallies.append({w, tally.value()});
    }
    if (!tallies.isEmpty() && m_tallied)
        m_tallied(tallies);
    {
        std::lock_guard lock(m_mutex);
        m_lastRound = written;
        ++m_roundsDone;
    }
    m_roundDone.notify_all();
    return written;
}

} // namespace slipway::registry
