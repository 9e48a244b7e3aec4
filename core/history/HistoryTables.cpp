#include "history/HistoryTables.h"

namespace slipway::history::HistoryTables {

namespace {
template <typename Record> SealedTable sealedTable(const HistoryTable<Record>& table)
{
    return SealedTable{table.name(), table.columnNames(), table.selectList(), table.sealSeqPosition()};
}
} // namespace

const HistoryTable<ReleaseRecord>& releases()
{
    using R = ReleaseRecord;
    using T = HistoryTable<R>;
    static const T table(QStringLiteral("releases"), T::Seal::Sealed,
                         {
                             {QStringLiteral("app_id"), &R::appId},
                             {QStringLiteral("version"), &R::version},
                             {QStringLiteral("channel"), &R::channel},
                             {QStringLiteral("status"), &R::status},
                             {QStringLiteral("created_at"), &R::createdAt},
                             {QStringLiteral("updated_at"), &R::updatedAt},
                             {QStringLiteral("finished_at"), &R::finishedAt},
                             {QStringLiteral("os_user"), &R::osUser},
                             {QStringLiteral("host"), &R::host},
                             {QStringLiteral("key_id"), &R::keyId},
                             {QStringLiteral("key_fingerprint"), &R::keyFingerprint},
                             {QStringLiteral("sha256"), &R::sha256},
                             {QStringLiteral("encrypted_sha256"), &R::encryptedSha256},
                             {QStringLiteral("signed_checksum"), &R::signedChecksum},
                             {QStringLiteral("checksum_format"), &R::checksumFormat},
                             {QStringLiteral("iv_session_key"), &R::ivSessionKey},
                             {QStringLiteral("plain_size"), &R::plainSize},
                             {QStringLiteral("encrypted_size"), &R::encryptedSize},
                             {QStringLiteral("files"), &R::files},
                             {QStringLiteral("storage"), &R::storage},
                             {QStringLiteral("storage_key"), &R::storageKey},
                             {QStringLiteral("public_url"), &R::publicUrl},
                             {QStringLiteral("registrar"), &R::registrar},
                             {QStringLiteral("registration"), &R::registration},
                             {QStringLiteral("notes"), &R::notes},
                             {QStringLiteral("min_update_version"), &R::minUpdateVersion},
                             {QStringLiteral("re_release_of"), &R::reReleaseOf},
                             {QStringLiteral("attempts"), &R::attempts},
                             {QStringLiteral("reason"), &R::reason},
                             // The plan is evidence in the release's own files, not in listings and exports.
                             {QStringLiteral("plan_json"), &R::planJson, T::Json::Omitted},
                             {QStringLiteral("last_step"), &R::lastStep},
                             {QStringLiteral("owner"), &R::owner},
                             {QStringLiteral("desk"), &R::desk},
                         });
    return table;
}

const HistoryTable<StepRecord>& steps()
{
    using S = StepRecord;
    using T = HistoryTable<S>;
    static const T table(QStringLiteral("steps"), T::Seal::Sealed,
                         {
                             {QStringLiteral("release_id"), &S::releaseId},
                             {QStringLiteral("attempt"), &S::attempt},
                             {QStringLiteral("name"), &S::name},
                             {QStringLiteral("started_at"), &S::startedAt},
                             {QStringLiteral("finished_at"), &S::finishedAt},
                             {QStringLiteral("outcome"), &S::outcome},
                             {QStringLiteral("error"), &S::error},
                             {QStringLiteral("bytes"), &S::bytes},
                             {QStringLiteral("detail"), &S::detail},
                         });
    return table;
}

const HistoryTable<KeyRecord>& keys()
{
    using K = KeyRecord;
    using T = HistoryTable<K>;
    static const T table(QStringLiteral("keys"), T::Seal::Sealed,
                         {
                             {QStringLiteral("fingerprint"), &K::fingerprint},
                             {QStringLiteral("key_id"), &K::keyId},
                             {QStringLiteral("label"), &K::label},
                             {QStringLiteral("created_at"), &K::createdAt},
                             {QStringLiteral("location"), &K::location},
                         });
    return table;
}

const HistoryTable<ChannelEvent>& channelEvents()
{
    using E = ChannelEvent;
    using T = HistoryTable<E>;
    static const T table(QStringLiteral("channel_events"), T::Seal::Sealed,
                         {
                             {QStringLiteral("app_id"), &E::appId},
                             {QStringLiteral("channel"), &E::channel},
                             {QStringLiteral("kind"), &E::kind},
                             {QStringLiteral("version"), &E::version},
                             {QStringLiteral("previous_version"), &E::previousVersion},
                             {QStringLiteral("release_id"), &E::releaseId},
                             {QStringLiteral("at"), &E::at},
                             {QStringLiteral("os_user"), &E::osUser},
                             {QStringLiteral("host"), &E::host},
                             {QStringLiteral("detail"), &E::detail},
                         });
    return table;
}

const HistoryTable<DeviceEvent>& deviceEvents()
{
    using D = DeviceEvent;
    using T = HistoryTable<D>;
    static const T table(QStringLiteral("device_events"), T::Seal::Unsealed,
                         {
                             {QStringLiteral("app_id"), &D::appId},
                             {QStringLiteral("device_id"), &D::deviceId},
                             {QStringLiteral("action"), &D::action},
                             {QStringLiteral("version_name"), &D::versionName},
                             {QStringLiteral("platform"), &D::platform},
                             {QStringLiteral("at"), &D::at},
                             // What the phone sent, kept for support; listings show the parsed fields.
                             {QStringLiteral("raw"), &D::raw, T::Json::Omitted},
                         });
    return table;
}

const QList<SealedTable>& sealed()
{
    static const QList<SealedTable> tables{sealedTable(releases()), sealedTable(steps()), sealedTable(keys()),
                                           sealedTable(channelEvents())};
    return tables;
}

} // namespace slipway::history::HistoryTables
