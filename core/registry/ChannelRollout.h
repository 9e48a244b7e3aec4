#pragma once

#include "common/Result.h"
#include "registry/RolloutHealth.h"
#include "registry/RolloutState.h"

#include <QJsonObject>
#include <QString>

#include <functional>
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

struct RegistrationRequest;

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
    // Whether a new rollout of `version` may start on the channel: it serves a stable release other than `version`
    // (the devices outside the cohort keep it) and runs no rollout. The release runner asks before it uploads.
    // A rollout already published by release `resumedReleaseId` (> 0) is no obstacle: that release is being resumed.
    [[nodiscard]] Status checkNewRollout(const QString& appId, const QString& channel, const QString& version,
                                         qint64 resumedReleaseId = 0);
    // The release runner's Register step with "roll out to N % first": the release being registered becomes the
    // channel's rollout at `percent` in one manifest write (its stable release stays, it is never served to every
    // device). Idempotent for a resumed release: a manifest already holding this release's rollout is kept, and
    // its rollout-start event is recorded only when it was not yet.
    [[nodiscard]] Result<RolloutChange> startRelease(const RegistrationRequest& request, double percent,
                                                     const QString& why);
    [[nodiscard]] Result<RolloutChange> pause(const QString& appId, const QString& channel, const QString& why);
    [[nodiscard]] Result<RolloutChange> resume(const QString& appId, const QString& channel, const QString& why);
    // The rollout release becomes the stable release of the channel.
    [[nodiscard]] Result<RolloutChange> promote(const QString& appId, const QString& channel, const QString& why);
    // The rollout ends; every device is served stable again.
    [[nodiscard]] Result<RolloutChange> abort(const QString& appId, const QString& channel, const QString& why);
    // The health policy's verdict (serve): pauses (halted) or aborts the active rollout of `version`; error code
    // NoLongerActive when another process (an operator, another `serve`) changed it first.
    static constexpr int NoLongerActive = 409;
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
    // `change` applied to the rollout running on the channel, under one write transaction (exclusively()).
    [[nodiscard]] Result<RolloutChange> changeRunning(
        const QString& appId, const QString& channel,
        const std::function<Result<RolloutChange>(Current& current, RolloutState& rollout)>& change);
    // The refusals every new rollout shares (a stable release other than `version`, no rollout running).
    [[nodiscard]] static Status checkNewRollout(const Current& current, const QString& appId, const QString& channel,
                                                const QString& version);
    // Publishes a new rollout of `release` (a manifest entry) beside the stable release, with its rollout-start event.
    [[nodiscard]] Result<RolloutChange> begin(Current current, const QString& appId, const QString& channel,
                                              const QString& version, const QJsonObject& release, qint64 releaseId,
                                              double percent, const QString& why, const HealthPolicy& policy);
    [[nodiscard]] Result<RolloutChange> publish(const QString& appId, const QString& channel, const QJsonObject& manifest,
                                                const QString& kind, const QString& version,
                                                const QString& previousVersion, qint64 releaseId, QJsonObject detail,
                                                const QString& summary);

    [[nodiscard]] Result<qint64> recordEvent(const QString& appId, const QString& channel, const QString& kind,
                                             const QString& version, const QString& previousVersion, qint64 releaseId,
                                             const QJsonObject& detail);

    // `change` inside one write transaction of the history, whose lock every writer takes: two processes (two
    // `serve` replicas judging one rollout, an operator and a replica) never both act on the manifest they read.
    [[nodiscard]] Result<RolloutChange> exclusively(const std::function<Result<RolloutChange>()>& change);
    // A manifest this object published whose event is not recorded yet. When the connection to the history is lost
    // after the manifest changed, the write is retried: the retry finds the manifest already changed by its own
    // first attempt and must record that change's event rather than refuse the change as already made.
    struct Unrecorded
    {
        QString appId;
        QString channel;
        QJsonObject manifest;
        QString kind;
        QString version;
        QString previousVersion;
        qint64 releaseId = 0;
        QJsonObject detail;
        QString summary;
    };
    // Records the event of what was published.
    [[nodiscard]] Result<RolloutChange> record(const Unrecorded& published);
    // The retry: records the event when the manifest is still the one published, else refuses.
    [[nodiscard]] Result<RolloutChange> recordAfterLostConnection(const Unrecorded& published);

    history::History& m_history;
    std::optional<Unrecorded> m_unrecorded;
    std::shared_ptr<storage::StorageTarget> m_storage;
    QString m_who;
};

} // namespace slipway::registry
