#include "history/HistoryRecords.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace slipway::history {

namespace {
QJsonValue time(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}
} // namespace

QString AuditEntry::hashedText() const
{
    return QStringLiteral("%1|%2|%3|%4|%5").arg(seq).arg(table).arg(rowId).arg(contentHash, previousHash);
}

QJsonObject toJson(const ReleaseRecord& r)
{
    return QJsonObject{
        {QStringLiteral("id"), r.id},
        {QStringLiteral("app_id"), r.appId},
        {QStringLiteral("version"), r.version},
        {QStringLiteral("channel"), r.channel},
        {QStringLiteral("status"), r.status},
        {QStringLiteral("created_at"), time(r.createdAt)},
        {QStringLiteral("updated_at"), time(r.updatedAt)},
        {QStringLiteral("finished_at"), time(r.finishedAt)},
        {QStringLiteral("os_user"), r.osUser},
        {QStringLiteral("host"), r.host},
        {QStringLiteral("key_id"), r.keyId},
        {QStringLiteral("key_fingerprint"), r.keyFingerprint},
        {QStringLiteral("sha256"), r.sha256},
        {QStringLiteral("encrypted_sha256"), r.encryptedSha256},
        {QStringLiteral("signed_checksum"), r.signedChecksum},
        {QStringLiteral("checksum_format"), r.checksumFormat},
        {QStringLiteral("iv_session_key"), r.ivSessionKey},
        {QStringLiteral("plain_size"), r.plainSize},
        {QStringLiteral("encrypted_size"), r.encryptedSize},
        {QStringLiteral("files"), r.files},
        {QStringLiteral("storage"), r.storage},
        {QStringLiteral("storage_key"), r.storageKey},
        {QStringLiteral("public_url"), r.publicUrl},
        {QStringLiteral("registrar"), r.registrar},
        {QStringLiteral("registration"), r.registration},
        {QStringLiteral("notes"), r.notes},
        {QStringLiteral("min_update_version"), r.minUpdateVersion},
        {QStringLiteral("re_release_of"), r.reReleaseOf},
        {QStringLiteral("attempts"), r.attempts},
        {QStringLiteral("reason"), r.reason},
        {QStringLiteral("last_step"), r.lastStep},
        {QStringLiteral("owner"), r.owner},
    };
}

QJsonObject toJson(const StepRecord& s)
{
    return QJsonObject{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("release_id"), s.releaseId},
        {QStringLiteral("attempt"), s.attempt},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("started_at"), time(s.startedAt)},
        {QStringLiteral("finished_at"), time(s.finishedAt)},
        {QStringLiteral("outcome"), s.outcome},
        {QStringLiteral("error"), s.error},
        {QStringLiteral("bytes"), s.bytes},
        {QStringLiteral("detail"), s.detail},
    };
}

QJsonObject toJson(const KeyRecord& k)
{
    return QJsonObject{
        {QStringLiteral("id"), k.id},
        {QStringLiteral("fingerprint"), k.fingerprint},
        {QStringLiteral("key_id"), k.keyId},
        {QStringLiteral("label"), k.label},
        {QStringLiteral("created_at"), time(k.createdAt)},
        {QStringLiteral("location"), k.location},
    };
}

QJsonObject toJson(const ChannelEvent& e)
{
    return QJsonObject{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("app_id"), e.appId},
        {QStringLiteral("channel"), e.channel},
        {QStringLiteral("kind"), e.kind},
        {QStringLiteral("version"), e.version},
        {QStringLiteral("previous_version"), e.previousVersion},
        {QStringLiteral("release_id"), e.releaseId},
        {QStringLiteral("at"), time(e.at)},
        {QStringLiteral("os_user"), e.osUser},
        {QStringLiteral("host"), e.host},
        {QStringLiteral("detail"), e.detail},
    };
}

QJsonObject toJson(const DeviceEvent& e)
{
    return QJsonObject{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("app_id"), e.appId},
        {QStringLiteral("device_id"), e.deviceId},
        {QStringLiteral("action"), e.action},
        {QStringLiteral("version_name"), e.versionName},
        {QStringLiteral("platform"), e.platform},
        {QStringLiteral("at"), time(e.at)},
    };
}

QJsonObject toJson(const AuditEntry& a)
{
    return QJsonObject{
        {QStringLiteral("seq"), a.seq},
        {QStringLiteral("table"), a.table},
        {QStringLiteral("row_id"), a.rowId},
        {QStringLiteral("content_sha256"), a.contentHash},
        {QStringLiteral("previous_sha256"), a.previousHash},
        {QStringLiteral("entry_sha256"), a.entryHash},
        {QStringLiteral("recorded_at"), time(a.recordedAt)},
        {QStringLiteral("hashed_text"), a.hashedText()},
    };
}

QString storageProfileOf(const ReleaseRecord& record)
{
    return QJsonDocument::fromJson(record.planJson.toUtf8()).object().value(PlanStorageProfileKey).toString();
}

} // namespace slipway::history
