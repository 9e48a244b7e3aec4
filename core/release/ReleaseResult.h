#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace slipway::release {

// How a run ended. A failed or cancelled run leaves the release `interrupted` (resumable).
struct ReleaseResult
{
    qint64 releaseId = 0;
    QString status; // history::ReleaseStatus
    bool cancelled = false;
    QString error; // plain-language reason when not completed
    // Set when that outcome could not be written to the history (e.g. a full disk): the release's
    // row then still says `running`, and queries report it as interrupted once this process ended.
    QString historyError;
    QString appId;
    QString version;
    QString channel;
    QString sha256;
    QString signedChecksum;
    QString ivSessionKey;
    QString keyId;
    QString keyFingerprint;
    QString publicUrl;
    QString storageKey;
    QString manifestKey;
    QJsonObject manifest; // the update-endpoint JSON published for the channel
    qint64 encryptedSize = 0;
    bool usedDefaultKey = false;
    bool refusedForKey = false; // refused: the channel's phones expect another key (allowNewKey overrides)
    QString keyPath;
    int attempt = 1;
    int rolloutPercent = 0; // > 0: the release is the channel's rollout at this share of the devices
    QString stableVersion;  // with a rollout: what every other device keeps
    // The delta: {files, files_to_download, bytes_to_download, zip_bytes, previous_version}, or {withheld: why}.
    QJsonObject delta;

    [[nodiscard]] bool ok() const;
    [[nodiscard]] QJsonObject toJson() const;
};

} // namespace slipway::release

Q_DECLARE_METATYPE(slipway::release::ReleaseResult)
