#include "release/ReleaseResult.h"

#include "history/HistoryRecords.h"

namespace slipway::release {

bool ReleaseResult::ok() const
{
    return status == history::ReleaseStatus::Completed && error.isEmpty();
}

QJsonObject ReleaseResult::toJson() const
{
    QJsonObject o{
        {QStringLiteral("release_id"), releaseId}, {QStringLiteral("status"), status},
        {QStringLiteral("attempt"), attempt},      {QStringLiteral("app_id"), appId},
        {QStringLiteral("version"), version},      {QStringLiteral("channel"), channel},
    };
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    if (!historyError.isEmpty())
        o.insert(QStringLiteral("history_error"), historyError);
    if (cancelled)
        o.insert(QStringLiteral("cancelled"), true);
    if (!sha256.isEmpty()) {
        o.insert(QStringLiteral("sha256"), sha256);
        o.insert(QStringLiteral("signed_checksum"), signedChecksum);
        o.insert(QStringLiteral("iv_session_key"), ivSessionKey);
        o.insert(QStringLiteral("encrypted_size"), encryptedSize);
    }
    o.insert(QStringLiteral("key_id"), keyId);
    o.insert(QStringLiteral("key_fingerprint"), keyFingerprint);
    o.insert(QStringLiteral("key_path"), keyPath);
    o.insert(QStringLiteral("default_key"), usedDefaultKey);
    if (!publicUrl.isEmpty()) {
        o.insert(QStringLiteral("url"), publicUrl);
        o.insert(QStringLiteral("storage_key"), storageKey);
    }
    if (!manifestKey.isEmpty())
        o.insert(QStringLiteral("manifest_key"), manifestKey);
    if (!manifest.isEmpty())
        o.insert(QStringLiteral("manifest"), manifest);
    if (!delta.isEmpty())
        o.insert(QStringLiteral("delta"), delta);
    if (rolloutPercent > 0) {
        o.insert(QStringLiteral("rollout_percent"), rolloutPercent);
        o.insert(QStringLiteral("stable_version"), stableVersion);
    }
    return o;
}

} // namespace slipway::release
