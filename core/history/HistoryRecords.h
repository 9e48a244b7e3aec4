#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace slipway::history {

// Release statuses as stored: a release that stopped for any reason (cancel, failure, killed
// process) is `interrupted` and can be resumed; `refused` is a release that was turned down before
// any work (the same app, version and channel released before, or another release of it in
// flight); `abandoned` is an interrupted release given up on purpose (not resumable).
//
// The claim: a `running` or `interrupted` release holds its app, version and channel; no second
// release of them starts until it completes or is abandoned (History::claimRelease, backed by a
// UNIQUE index over the in-flight rows).
namespace ReleaseStatus {
inline const QString Running = QStringLiteral("running");
inline const QString Completed = QStringLiteral("completed");
inline const QString Interrupted = QStringLiteral("interrupted");
inline const QString Refused = QStringLiteral("refused");
inline const QString Abandoned = QStringLiteral("abandoned");
} // namespace ReleaseStatus

namespace StepOutcome {
inline const QString Running = QStringLiteral("running");
inline const QString Succeeded = QStringLiteral("succeeded");
inline const QString Failed = QStringLiteral("failed");
inline const QString Cancelled = QStringLiteral("cancelled");
inline const QString Interrupted = QStringLiteral("interrupted"); // the process died during the step
inline const QString Reused = QStringLiteral("reused");           // a resume found its outputs still valid
} // namespace StepOutcome

struct ReleaseRecord
{
    qint64 id = 0;
    QString appId;
    QString version;
    QString channel;
    QString status;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime finishedAt;
    QString osUser;
    QString host;
    QString keyId;
    QString keyFingerprint;
    QString sha256;          // plain zip
    QString encryptedSha256; // the uploaded file
    QString signedChecksum;
    QString checksumFormat;
    QString ivSessionKey; // public in Capgo: it is sent to every device
    qint64 plainSize = 0;
    qint64 encryptedSize = 0;
    qint64 files = 0;
    QString storage;    // human description of the storage target
    QString storageKey; // object key of the encrypted bundle
    QString publicUrl;
    QString registrar;    // human description of the registrar
    QString registration; // what registration answered (e.g. the manifest key), plain text
    QString notes;
    QString minUpdateVersion;
    qint64 reReleaseOf = 0; // id of the earlier completed release of the same app/version/channel
    int attempts = 0;       // 1 for the first run, +1 per resume
    QString reason;         // why it stopped (interrupted, refused)
    QString planJson;       // the ReleasePlan as run (no secrets)
    QString lastStep;       // last step started
    QString owner;          // "host pid start-time" of the process running it (abandonment check)
    QString desk;           // USER@HOST of the process that started it (history/Desk); empty before schema 5
};

// What History::claimRelease answered: the new release's id, or the release holding the claim.
struct ReleaseClaim
{
    qint64 id = 0;                       // the new running release (0 when refused)
    std::optional<ReleaseRecord> holder; // the running or interrupted release that holds the claim
};

struct StepRecord
{
    qint64 id = 0;
    qint64 releaseId = 0;
    int attempt = 1;
    QString name;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString outcome;
    QString error;
    qint64 bytes = 0;
    QString detail; // what the step produced (hash, key, URL), plain text
};

// Public facts about a signing key. Never the private key or its passphrase.
struct KeyRecord
{
    qint64 id = 0;
    QString fingerprint; // SHA-256 of the DER public key, hex
    QString keyId;       // Capgo key_id
    QString label;
    QDateTime createdAt;
    QString location; // where the private key is kept (a path, or "keychain:...")
};

namespace ChannelEventKind {
inline const QString Set = QStringLiteral("set");
inline const QString Promote = QStringLiteral("promote");
inline const QString Rollback = QStringLiteral("rollback");
// A release moved the channel to another signing key on purpose (release --new-key).
inline const QString KeyChange = QStringLiteral("key-change");
} // namespace ChannelEventKind

struct ChannelEvent
{
    qint64 id = 0;
    QString appId;
    QString channel;
    QString kind;
    QString version;
    QString previousVersion;
    qint64 releaseId = 0;
    QDateTime at;
    QString osUser;
    QString host;
    QString detail; // e.g. the manifest key and URL
};

// What a phone reported to `slipway serve` through the plugin's stats endpoint. Telemetry, not
// audit evidence: these rows are not sealed in the audit chain.
struct DeviceEvent
{
    qint64 id = 0;
    QString appId;
    QString deviceId;
    QString action;      // download_complete, checksum_fail, decrypt_fail, update_fail, set, ...
    QString versionName; // the bundle the event is about
    QString platform;
    QDateTime at;
    QString raw; // the event as received (compact JSON)
};

struct ReleaseFilter
{
    QString appId;
    QString channel;
    QString status;
    QString version;
    QString keyFingerprint; // signed with this key (SHA-256 of its public key, hex)
    QString text;    // substring of app id, version, channel or notes
    QDateTime from;  // createdAt >= from (when valid)
    QDateTime to;    // createdAt < to (when valid)
    QList<qint64> ids; // only these releases (when not empty): what a live view was told had changed
    qint64 upToId = 0; // only releases up to this id (when > 0): a count that later releases do not change
    int limit = 200; // newest first (oldest first when asked); <= 0: no limit
    bool oldestFirst = false;
    int offset = 0;
};

// One finding of `history verify`, naming the row concerned.
struct AuditProblem
{
    QString table; // releases, steps, keys, channel_events, audit_chain
    qint64 rowId = 0;
    qint64 seq = 0; // audit chain entry concerned (0 when none)
    QString description;
};

struct AuditReport
{
    qint64 entries = 0; // chain entries checked
    qint64 rows = 0;    // rows checked
    QString head;       // hash of the last chain entry: write it down to anchor the history
    QList<AuditProblem> problems;
    [[nodiscard]] bool intact() const { return problems.isEmpty(); }
};

// One link of the append-only audit chain: entryHash = SHA-256 of
// "seq|table|rowId|contentHash|previousHash|desk" (UTF-8, no newline), or without "|desk" for the entries
// written before schema 5 (their desk is empty).
struct AuditEntry
{
    qint64 seq = 0;
    QString table;
    qint64 rowId = 0;
    QString contentHash;
    QString previousHash;
    QString entryHash;
    QDateTime recordedAt;
    QString desk; // USER@HOST of the process that wrote it (history/Desk)
    [[nodiscard]] QString hashedText() const;
};

[[nodiscard]] QJsonObject toJson(const ReleaseRecord& r);
[[nodiscard]] QJsonObject toJson(const StepRecord& s);
[[nodiscard]] QJsonObject toJson(const KeyRecord& k);
[[nodiscard]] QJsonObject toJson(const ChannelEvent& e);
[[nodiscard]] QJsonObject toJson(const DeviceEvent& e);
[[nodiscard]] QJsonObject toJson(const AuditEntry& a);

// The plan's JSON key of the storage profile, and that profile as recorded with a release ("" = local
// workspace): the channel side finds a manifest's storage without knowing the release plan.
inline const QString PlanStorageProfileKey = QStringLiteral("storage_profile");
[[nodiscard]] QString storageProfileOf(const ReleaseRecord& record);

} // namespace slipway::history
