#pragma once

#include "common/Result.h"
#include "registry/RolloutHealth.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace slipway::registry {

// What one device is served from a channel, and why (the answer `serve` gives and `device explain` prints).
struct ServedRelease
{
    QJsonObject manifest; // the release fields to answer from (version, url, session_key, checksum, ...)
    QString version;
    bool fromRollout = false;
    int bucket = -1; // the device's cohort bucket when a rollout exists
    QString why;
};

// The rollout section ("rollout") of a self-hosted channel manifest, beside the stable release at the top level
// that every reader already understands. A device in the cohort of an active rollout gets the rollout release;
// while paused (by hand) or halted (by the policy) no new device gets it and devices already on it keep it; once
// aborted by the policy everyone is served stable again.
struct RolloutState
{
    static inline const QString Active = QStringLiteral("active");
    static inline const QString Paused = QStringLiteral("paused");
    static inline const QString Halted = QStringLiteral("halted");
    static inline const QString Aborted = QStringLiteral("aborted");

    QString id; // the cohort seed: a new rollout draws a new cohort, a percentage change keeps it
    QString version;
    double percent = 0;
    QString state = Active;
    QJsonObject release; // the manifest fields of the rollout version
    qint64 releaseId = 0;
    QString startedAt;
    HealthPolicy policy;
    QJsonObject halt; // {at, action, reason, tally, decision} once the policy halted it

    [[nodiscard]] QJsonObject toJson() const;
    // The manifest's rollout, none when it has none, an error when it is malformed.
    [[nodiscard]] static Result<std::optional<RolloutState>> fromManifest(const QJsonObject& manifest);
    [[nodiscard]] static Status checkPercent(double percent);
    [[nodiscard]] bool watched() const { return state == Active; }

    // The release a device gets from this channel manifest (pure: serve, the CLI and the GUI agree).
    [[nodiscard]] static ServedRelease choose(const QJsonObject& manifest, const QString& deviceId,
                                              const QString& runningVersion);
};

} // namespace slipway::registry
