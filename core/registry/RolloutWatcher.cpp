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

RolloutWatcher::RolloutWatcher(history::History& history, std::shared_ptr<storage::StorageTarget> storage, Hooks hooks,
                               QObject* parent)
    : QObject(parent), m_history(history), m_storage(std::move(storage)), m_hooks(std::move(hooks))
{
    m_timer.setInterval(limits::ServeStatsFlushMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (Status s = flush(); !s && m_hooks.report)
            m_hooks.report(s.error().message);
    });
    m_timer.start();
}

RolloutWatcher::~RolloutWatcher() = default;

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
    if (m_pending.size() >= limits::ServeStatsBacklog)
        return fail(QStringLiteral("%1 stats events are waiting to be written to the history (the limit); try again "
                                   "shortly.")
                        .arg(m_pending.size()),
                    503);
    m_pending.append(classify(event));
    m_apps.insert(m_pending.last().event.appId);
    return Ok{};
}

Status RolloutWatcher::flush()
{
    if (!m_pending.isEmpty()) {
        history::DeviceStats stats(m_history);
        if (Status s = stats.record(m_pending); !s)
            return fail(QStringLiteral("%1 stats events could not be written to the history (kept, retried): %2")
                            .arg(m_pending.size())
                            .arg(s.error().message));
        m_recorded += m_pending.size();
        m_pending.clear();
    }
    for (auto it = m_apps.begin(); it != m_apps.end();) {
        QElapsedTimer& last = m_lastEvaluated[*it];
        if (last.isValid() && !last.hasExpired(EvaluationIntervalMs)) {
            ++it;
            continue;
        }
        last.start();
        evaluate(*it);
        it = m_apps.erase(it);
    }
    return Ok{};
}

void RolloutWatcher::evaluate(const QString& appId)
{
    if (!m_hooks.channels || !m_hooks.manifest)
        return;
    history::DeviceStats stats(m_history);
    for (const QString& channel : m_hooks.channels(appId)) {
        auto manifest = m_hooks.manifest(appId, channel);
        if (!manifest || !manifest->has_value())
            continue;
        auto rollout = RolloutState::fromManifest(manifest->value());
        if (!rollout || !rollout->has_value() || !rollout->value().watched())
            continue;
        const RolloutState& r = rollout->value();
        auto tally = stats.tally(appId, r.version);
        if (!tally) {
            if (m_hooks.report)
                m_hooks.report(tally.error().message);
            continue;
        }
        const HaltDecision decision = RolloutHealth::decide(r.policy, tally.value());
        if (!decision.halt)
            continue;
        ChannelRollout control(m_history, m_storage, QStringLiteral("slipway serve (health policy)"));
        auto halted = control.halt(appId, channel, r.version, decision, tally.value());
        if (m_hooks.changed)
            m_hooks.changed(appId, channel);
        if (m_hooks.report)
            m_hooks.report(halted ? QStringLiteral("rollout halted on %1 of %2: %3").arg(channel, appId, decision.reason)
                                  : QStringLiteral("the rollout on %1 of %2 should halt (%3) but could not: %4")
                                        .arg(channel, appId, decision.reason, halted.error().message));
    }
}

} // namespace slipway::registry
