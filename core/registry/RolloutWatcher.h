#pragma once

#include "common/Result.h"
#include "history/DeviceStats.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace slipway::history {
class History;
}
namespace slipway::storage {
class StorageTarget;
}

namespace slipway::registry {

// serve's side of rollout health: takes each checked /stats event, writes them in batches (one transaction every
// limits::ServeStatsFlushMs), then asks the health policy about every active rollout of the apps that reported
// (at most once a second per app: the tally reads every device of the version) and halts the ones it condemns
// (ChannelRollout::halt: manifest and audit chain).
class RolloutWatcher : public QObject
{
    Q_OBJECT
public:
    struct Hooks
    {
        std::function<QStringList(const QString& appId)> channels;
        // The channel's manifest (cached by the endpoint); none when the channel has none.
        std::function<Result<std::optional<QJsonObject>>(const QString& appId, const QString& channel)> manifest;
        std::function<void(const QString& appId, const QString& channel)> changed; // this process changed it
        std::function<void(const QString& line)> report;
    };

    RolloutWatcher(history::History& history, std::shared_ptr<storage::StorageTarget> storage, Hooks hooks,
                   QObject* parent = nullptr);
    ~RolloutWatcher() override;

    // Queues one checked event; an error when the backlog is full (the caller answers 503).
    [[nodiscard]] Status enqueue(const QJsonObject& event);
    // Writes what is queued and evaluates the rollouts of the apps it names. Call it once more before destroying
    // the watcher: what is still queued then is lost.
    [[nodiscard]] Status flush();
    [[nodiscard]] qint64 recorded() const { return m_recorded; }

    // The event as stored, with what it means for the version it concerns.
    [[nodiscard]] static history::StatsEvent classify(const QJsonObject& event);

private:
    void evaluate(const QString& appId);

    history::History& m_history;
    std::shared_ptr<storage::StorageTarget> m_storage;
    Hooks m_hooks;
    QList<history::StatsEvent> m_pending;
    QSet<QString> m_apps;                         // apps that reported since their last evaluation
    QHash<QString, QElapsedTimer> m_lastEvaluated; // app -> since its last evaluation
    QTimer m_timer;
    qint64 m_recorded = 0;
};

} // namespace slipway::registry
