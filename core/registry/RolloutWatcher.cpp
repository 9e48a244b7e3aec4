#include "registry/RolloutWatcher.h"

#include "common/InputLimits.h"
#include "history/History.h"
#include "registry/ChannelRollout.h"
#include "registry/DeviceAction.h"
#include "registry/RolloutState.h"

#include <QJsonDocument>

namespace slipway::registry {

namespace {
constexpr int EvaluationIntervalMs = 1000;
}

RolloutWatcher::RolloutWatcher(history::History& history, std::shared_ptr<storage::StorageTarget> storage, Hooks hooks)
    : m_history(history), m_storage(std::move(storage)), m_hooks(std::move(hooks))
{
    m_timer.setInterval(limits::ServeStatsFlushMs);
    connect(&m_timer, &QTimer::timeout, this, &RolloutWatcher::askForTallies);
}

Result<std::unique_ptr<RolloutWatcher>> RolloutWatcher::start(history::History& history,
                                                              std::shared_ptr<storage::StorageTarget> storage, Hooks hooks)
{
    std::unique_ptr<RolloutWatcher> watcher(new RolloutWatcher(history, std::move(storage), std::move(hooks)));
    RolloutWatcher* self = watcher.get();
    auto recorder = StatsRecorder::start(
        history.path(),
        [self](const QList<TalliedRollout>& tallies) {
            // Back on the watcher's thread (Qt drops the call if the watcher is gone by then).
            QMetaObject::invokeMethod(self, [self, tallies] { self->decide(tallies); }, Qt::QueuedConnection);
        },
        watcher->m_hooks.report);
    if (!recorder)
        return recorder.error();
    watcher->m_recorder = std::move(recorder.value());
    watcher->m_timer.start();
    return watcher;
}

RolloutWatcher::~RolloutWatcher()
{
    m_recorder.reset(); // its thread stops before the watcher it reports to
}

history::StatsEvent RolloutWatcher::classify(const QJsonObject& event)
{
    history::StatsEvent s;
    history::DeviceEvent& row = s.event;
    row.appId = event.value(QStringLiteral("app_id")).toString();
    row.deviceId = event.value(QStringLiteral("device_id")).toString();
    row.action = event.value(QStringLiteral("action")).toString();
    row.versionName = event.value(QStringLiteral("version_name")).toString();
    row.platform = event.value(QStringLiteral("platform")).toString();
    row.at = QDateTime::currentDateTimeUtc();
    row.raw = QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact));
    switch (DeviceAction::classify(row.action)) {
    case DeviceAction::Kind::Applied:
        s.outcome = history::StatsEvent::Outcome::Applied;
        break;
    case DeviceAction::Kind::Failure:
        s.outcome = history::StatsEvent::Outcome::Failed;
        break;
    case DeviceAction::Kind::Reverted: {
        s.outcome = history::StatsEvent::Outcome::Reverted;
        // A device that went back reports the bundle it left as old_version_name, when it says.
        const QString left = event.value(QStringLiteral("old_version_name")).toString();
        if (!left.isEmpty())
            row.versionName = left;
        break;
    }
    default:
        break;
    }
    return s;
}

Status RolloutWatcher::enqueue(const QJsonObject& event)
{
    return m_recorder->enqueue(classify(event));
}

Status RolloutWatcher::flush()
{
    return m_recorder->flush();
}

void RolloutWatcher::askForTallies()
{
    m_apps += m_recorder->takeReportedApps();
    QList<WatchedRollout> watched;
    for (auto it = m_apps.begin(); it != m_apps.end();) {
        QElapsedTimer& last = m_lastEvaluated[*it];
        if (last.isValid() && !last.hasExpired(EvaluationIntervalMs)) {
            ++it;
            continue;
        }
        last.start();
        watched += watchedRollouts(*it);
        it = m_apps.erase(it);
    }
    if (!watched.isEmpty())
        m_recorder->requestTallies(watched);
}

QList<WatchedRollout> RolloutWatcher::watchedRollouts(const QString& appId) const
{
    QList<WatchedRollout> watched;
    if (!m_hooks.channels || !m_hooks.manifest)
        return watched;
    for (const QString& channel : m_hooks.channels(appId)) {
        auto manifest = m_hooks.manifest(appId, channel);
        if (!manifest || !manifest->has_value())
            continue;
        auto rollout = RolloutState::fromManifest(manifest->value());
        if (rollout && rollout->has_value() && rollout->value().watched())
            watched.append({appId, channel, rollout->value()});
    }
    return watched;
}

void RolloutWatcher::decide(const QList<TalliedRollout>& tallies)
{
    for (const TalliedRollout& t : tallies) {
        const WatchedRollout& w = t.watched;
        const HaltDecision decision = RolloutHealth::decide(w.rollout.policy, t.tally);
        if (!decision.halt)
            continue;
        ChannelRollout control(m_history, m_storage, QStringLiteral("slipway serve (health policy)"));
        auto halted = control.halt(w.appId, w.channel, w.rollout.version, decision, t.tally);
        if (m_hooks.changed)
            m_hooks.changed(w.appId, w.channel);
        if (!m_hooks.report)
            continue;
        if (halted)
            m_hooks.report(QStringLiteral("rollout halted on %1 of %2: %3").arg(w.channel, w.appId, decision.reason));
        else if (halted.error().code == ChannelRollout::NoLongerActive)
            m_hooks.report(QStringLiteral("the rollout on %1 of %2 was changed by another process before this one "
                                          "halted it (%3)")
                               .arg(w.channel, w.appId, halted.error().message));
        else
            m_hooks.report(QStringLiteral("the rollout on %1 of %2 should halt (%3) but could not: %4")
                               .arg(w.channel, w.appId, decision.reason, halted.error().message));
    }
}

} // namespace slipway::registry
