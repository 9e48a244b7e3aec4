#pragma once

#include "common/Result.h"
#include "history/DeviceStats.h"
#include "registry/StatsRecorder.h"

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

// serve's side of rollout health: takes each checked /stats event for the StatsRecorder (which writes them in
// batches on its own thread), then asks it to count every active rollout of the apps that reported (at most once a
// second per app) and halts the ones the health policy condemns (ChannelRollout::halt: manifest and audit chain).
// Only the cheap parts (reading cached manifests, the decision, a rare halt) run on the caller's event loop.
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

    // Starts the recorder on its own connection to `history`'s file.
    [[nodiscard]] static Result<std::unique_ptr<RolloutWatcher>> start(history::History& history,
                                                                       std::shared_ptr<storage::StorageTarget> storage,
                                                                       Hooks hooks);
    ~RolloutWatcher() override;

    // Queues one checked event; an error when the backlog is full (the caller answers 503).
    [[nodiscard]] Status enqueue(const QJsonObject& event);
    // Writes what is queued and waits for it (call it before stopping: what is queued when the watcher is destroyed
    // is written too, but its error can no longer be reported).
    [[nodiscard]] Status flush();

    // The event as stored, with what it means for the version it concerns.
    [[nodiscard]] static history::StatsEvent classify(const QJsonObject& event);

private:
    RolloutWatcher(history::History& history, std::shared_ptr<storage::StorageTarget> storage, Hooks hooks);
    void askForTallies();
    [[nodiscard]] QList<WatchedRollout> watchedRollouts(const QString& appId) const;
    void decide(const QList<TalliedRollout>& tallies);

    history::History& m_history;
    std::shared_ptr<storage::StorageTarget> m_storage;
    Hooks m_hooks;
    std::unique_ptr<StatsRecorder> m_recorder;
    QSet<QString> m_apps;                         // apps that reported since their last evaluation
    QHash<QString, QElapsedTimer> m_lastEvaluated; // app -> since its last evaluation
    QTimer m_timer;
};

} // namespace slipway::registry
