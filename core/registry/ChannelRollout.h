#pragma once

#include "common/Result.h"
#include "registry/RolloutHealth.h"
#include "registry/RolloutState.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>
#include <utility>

namespace slipway::history {
class History;
}
namespace slipway::storage {
class StorageTarget;
}

namespace slipway::registry {

namespace RolloutEventKind {
inline const QString Start = QStringLiteral("rollout-start");
inline const QString Percent = QStringLiteral("rollout-percent");
inline const QString Pause = QStringLiteral("rollout-pause");
inline const QString Resume = QStringLiteral("rollout-resume");
inline const QString Promote = QStringLiteral("rollout-promote");
inline const QString Abort = QStringLiteral("rollout-abort");
inline const QString Halt = QStringLiteral("rollout-halt");
} // namespace RolloutEventKind

struct RolloutChange
{
    QString kind; // RolloutEventKind
    QString summary;
    QJsonObject manifest; // as published
    qint64 eventId = 0;
};

// Changes a channel's rollout in its published manifest on `storage`, each change one event in the audit
// chain (who, when, from where, why and the numbers, as JSON in the event's detail).
class ChannelRollout
{
public:
    ChannelRollout(history::History& history, std::shared_ptr<storage::StorageTarget> storage, QString who = {});

    // Starts rolling `version` (a completed release) out to `percent` of the devices, or changes the percentage of
    // the rollout of that version already running (its cohort kept: raising never drops a device).
    [[nodiscard]] Result<RolloutChange> start(const QString& appId, const QString& channel, const QString& version,
                                              double percent, const QString& why,
                                              const std::optional<HealthPolicy>& policy = {});
    [[nodiscard]] Result<RolloutChange> pause(const QString& appId, const QString& channel, const QString& why);
    [[nodiscard]] Result<RolloutChange> resume(const QString& appId, const QString& channel, const QString& why);
    // The rollout release becomes the stable release of the channel.
    [[nodiscard]] Result<RolloutChange> promote(const QString& appId, const QString& channel, const QString& why);
    // The rollout ends; every device is served stable again.
    [[nodiscard]] Result<RolloutChange> abort(const QString& appId, const QString& channel, const QString& why);
    // The health policy's verdict (serve): pauses (halted) or aborts the active rollout of `version`.
    [[nodiscard]] Result<RolloutChange> halt(const QString& appId, const QString& channel, const QString& version,
                                             const HaltDecision& decision, const RolloutTally& tally);

private:
    struct Current
    {
        QJsonObject manifest;
        std::optional<RolloutState> rollout;
    };
    [[nodiscard]] Result<Current> read(const QString& appId, const QString& channel);
    // The manifest with its rollout (an error when there is none).
    [[nodiscard]] Result<std::pair<Current, RolloutState>> running(const QString& appId, const QString& channel);
    [[nodiscard]] Result<RolloutChange> publish(const QString& appId, const QString& channel, const QJsonObject& manifest,
                                                const QString& kind, const QString& version,
                                                const QString& previousVersion, qint64 releaseId, QJsonObject detail,
                                                const QString& summary);

    history::History& m_history;
    std::shared_ptr<storage::StorageTarget> m_storage;
    QString m_who;
};

} // namespace slipway::registry
