#include "history/History.h"

#include "common/ByteSize.h"
#include "common/DataLocation.h"
#include "crypto/Sha256.h"
#include "history/ReleaseOwner.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStorageInfo>
#include <QUrl>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <thread>

#include <unistd.h>

namespace slipway::history {

namespace {

using Columns = QList<QPair<QString, QVariant>>;

const QString GenesisHash = QString(64, QLatin1Char('0'));
constexpr int BusyTimeoutMs = 5000;
constexpr int WriteDeadlineMs = 60000;

QAtomicInteger<quint64> s_connectionCounter;

QVariant timeValue(const QDateTime& t)
{
    return t.isValid() ? QVariant(t.toUTC().toString(Qt::ISODateWithMs)) : QVariant(QMetaType(QMetaType::QString));
}

QDateTime timeFrom(const QVariant& v)
{
    const QString s = v.toString();
    if (s.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}

QString sha256Hex(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString asText(const QVariant& v)
{
    if (v.isNull() || !v.isValid())
        return {};
    switch (v.metaType().id()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt:
        return QString::number(v.toLongLong());
    case QMetaType::Double: {
        const double d = v.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)))
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', 17);
    }
    default:
        return v.toString();
    }
}

void appendJsonString(QByteArray& out, const QString& text)
{
    static const char* const hex = "0123456789abcdef";
    out += '"';
    for (const char c : text.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        switch (u) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Every sealed value as text in a JSON object with sorted keys, no whitespace: the bytes a
// reviewer can recompute with `openssl dgst -sha256` (written by hand: verify() runs it per row).
QByteArray canonicalText(const QString& table, qint64 id, const Columns& columns)
{
    QList<QPair<QString, QString>> fields;
    fields.reserve(columns.size() + 2);
    fields.append({QStringLiteral("_table"), table});
    fields.append({QStringLiteral("id"), QString::number(id)});
    for (const auto& [name, value] : columns)
        fields.append({name, asText(value)});
    std::sort(fields.begin(), fields.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QByteArray out;
    out.reserve(2048);
    out += '{';
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, fields[i].first);
        out += ':';
        appendJsonString(out, fields[i].second);
    }
    out += '}';
    return out;
}

Columns releaseColumns(const ReleaseRecord& r)
{
    return {
        {QStringLiteral("app_id"), r.appId},
        {QStringLiteral("version"), r.version},
        {QStringLiteral("channel"), r.channel},
        {QStringLiteral("status"), r.status},
        {QStringLiteral("created_at"), timeValue(r.createdAt)},
        {QStringLiteral("updated_at"), timeValue(r.updatedAt)},
        {QStringLiteral("finished_at"), timeValue(r.finishedAt)},
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
        {QStringLiteral("plan_json"), r.planJson},
        {QStringLiteral("last_step"), r.lastStep},
        {QStringLiteral("owner"), r.owner},
    };
}

Columns stepColumns(const StepRecord& s)
{
    return {
        {QStringLiteral("release_id"), s.releaseId},
        {QStringLiteral("attempt"), s.attempt},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("started_at"), timeValue(s.startedAt)},
        {QStringLiteral("finished_at"), timeValue(s.finishedAt)},
        {QStringLiteral("outcome"), s.outcome},
        {QStringLiteral("error"), s.error},
        {QStringLiteral("bytes"), s.bytes},
        {QStringLiteral("detail"), s.detail},
    };
}

Columns keyColumns(const KeyRecord& k)
{
    return {
        {QStringLiteral("fingerprint"), k.fingerprint},
        {QStringLiteral("key_id"), k.keyId},
        {QStringLiteral("label"), k.label},
        {QStringLiteral("created_at"), timeValue(k.createdAt)},
        {QStringLiteral("location"), k.location},
    };
}

Columns eventColumns(const ChannelEvent& e)
{
    return {
        {QStringLiteral("app_id"), e.appId},
        {QStringLiteral("channel"), e.channel},
        {QStringLiteral("kind"), e.kind},
        {QStringLiteral("version"), e.version},
        {QStringLiteral("previous_version"), e.previousVersion},
        {QStringLiteral("release_id"), e.releaseId},
        {QStringLiteral("at"), timeValue(e.at)},
        {QStringLiteral("os_user"), e.osUser},
        {QStringLiteral("host"), e.host},
        {QStringLiteral("detail"), e.detail},
    };
}

// Queries select "id, <sealed columns in declaration order>, seal_seq, content_sha256": rows are
// read by position (looking columns up by name per row costs more than the query itself).
QString selectList(const Columns& columns)
{
    QStringList names{QStringLiteral("id")};
    for (const auto& c : columns)
        names << c.first;
    names << QStringLiteral("seal_seq") << QStringLiteral("content_sha256");
    return names.join(QLatin1Char(','));
}

QHash<QString, int> positionsOf(const Columns& columns)
{
    QHash<QString, int> positions{{QStringLiteral("id"), 0}};
    int i = 1;
    for (const auto& c : columns)
        positions.insert(c.first, i++);
    return positions;
}

struct RowReader
{
    const QSqlQuery& q;
    const QHash<QString, int>& positions;
    QVariant operator()(const char* name) const { return q.value(positions.value(QLatin1String(name))); }
};

ReleaseRecord releaseFrom(const QSqlQuery& q)
{
    static const QHash<QString, int> layout = positionsOf(releaseColumns({}));
    const RowReader v{q, layout};
    ReleaseRecord r;
    r.id = v("id").toLongLong();
    r.appId = v("app_id").toString();
    r.version = v("version").toString();
    r.channel = v("channel").toString();
    r.status = v("status").toString();
    r.createdAt = timeFrom(v("created_at"));
    r.updatedAt = timeFrom(v("updated_at"));
    r.finishedAt = timeFrom(v("finished_at"));
    r.osUser = v("os_user").toString();
    r.host = v("host").toString();
    r.keyId = v("key_id").toString();
    r.keyFingerprint = v("key_fingerprint").toString();
    r.sha256 = v("sha256").toString();
    r.encryptedSha256 = v("encrypted_sha256").toString();
    r.signedChecksum = v("signed_checksum").toString();
    r.checksumFormat = v("checksum_format").toString();
    r.ivSessionKey = v("iv_session_key").toString();
    r.plainSize = v("plain_size").toLongLong();
    r.encryptedSize = v("encrypted_size").toLongLong();
    r.files = v("files").toLongLong();
    r.storage = v("storage").toString();
    r.storageKey = v("storage_key").toString();
    r.publicUrl = v("public_url").toString();
    r.registrar = v("registrar").toString();
    r.registration = v("registration").toString();
    r.notes = v("notes").toString();
    r.minUpdateVersion = v("min_update_version").toString();
    r.reReleaseOf = v("re_release_of").toLongLong();
    r.attempts = v("attempts").toInt();
    r.reason = v("reason").toString();
    r.planJson = v("plan_json").toString();
    r.lastStep = v("last_step").toString();
    r.owner = v("owner").toString();
    return r;
}

StepRecord stepFrom(const QSqlQuery& q)
{
    static const QHash<QString, int> layout = positionsOf(stepColumns({}));
    const RowReader v{q, layout};
    StepRecord s;
    s.id = v("id").toLongLong();
    s.releaseId = v("release_id").toLongLong();
    s.attempt = v("attempt").toInt();
    s.name = v("name").toString();
    s.startedAt = timeFrom(v("started_at"));
    s.finishedAt = timeFrom(v("finished_at"));
    s.outcome = v("outcome").toString();
    s.error = v("error").toString();
    s.bytes = v("bytes").toLongLong();
    s.detail = v("detail").toString();
    return s;
}

KeyRecord keyFrom(const QSqlQuery& q)
{
    static const QHash<QString, int> layout = positionsOf(keyColumns({}));
    const RowReader v{q, layout};
    KeyRecord k;
    k.id = v("id").toLongLong();
    k.fingerprint = v("fingerprint").toString();
    k.keyId = v("key_id").toString();
    k.label = v("label").toString();
    k.createdAt = timeFrom(v("created_at"));
    k.location = v("location").toString();
    return k;
}

Columns deviceEventColumns(const DeviceEvent& e)
{
    return {
        {QStringLiteral("app_id"), e.appId},      {QStringLiteral("device_id"), e.deviceId},
        {QStringLiteral("action"), e.action},     {QStringLiteral("version_name"), e.versionName},
        {QStringLiteral("platform"), e.platform}, {QStringLiteral("at"), timeValue(e.at)},
        {QStringLiteral("raw"), e.raw},
    };
}

DeviceEvent deviceEventFrom(const QSqlQuery& q)
{
    static const QHash<QString, int> layout = positionsOf(deviceEventColumns({}));
    const RowReader v{q, layout};
    DeviceEvent e;
    e.id = v("id").toLongLong();
    e.appId = v("app_id").toString();
    e.deviceId = v("device_id").toString();
    e.action = v("action").toString();
    e.versionName = v("version_name").toString();
    e.platform = v("platform").toString();
    e.at = timeFrom(v("at"));
    e.raw = v("raw").toString();
    return e;
}

ChannelEvent eventFrom(const QSqlQuery& q)
{
    static const QHash<QString, int> layout = positionsOf(eventColumns({}));
    const RowReader v{q, layout};
    ChannelEvent e;
    e.id = v("id").toLongLong();
    e.appId = v("app_id").toString();
    e.channel = v("channel").toString();
    e.kind = v("kind").toString();
    e.version = v("version").toString();
    e.previousVersion = v("previous_version").toString();
    e.releaseId = v("release_id").toLongLong();
    e.at = timeFrom(v("at"));
    e.osUser = v("os_user").toString();
    e.host = v("host").toString();
    e.detail = v("detail").toString();
    return e;
}

const char* const SealColumns = "seal_seq INTEGER, content_sha256 TEXT, previous_sha256 TEXT";

// Forward migrations: index i moves the schema from version i to i + 1.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps{
        {
            QStringLiteral("CREATE TABLE releases (id INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT NOT NULL, "
                           "version TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT, "
                           "updated_at TEXT, finished_at TEXT, os_user TEXT, host TEXT, key_id TEXT, "
                           "key_fingerprint TEXT, sha256 TEXT, encrypted_sha256 TEXT, signed_checksum TEXT, "
                           "checksum_format TEXT, iv_session_key TEXT, plain_size INTEGER, encrypted_size INTEGER, "
                           "files INTEGER, storage TEXT, storage_key TEXT, public_url TEXT, registrar TEXT, "
                           "registration TEXT, notes TEXT, min_update_version TEXT, re_release_of INTEGER, "
                           "attempts INTEGER, reason TEXT, plan_json TEXT, last_step TEXT, owner TEXT, %1)")
                .arg(QLatin1String(SealColumns)),
            QStringLiteral("CREATE INDEX releases_by_app ON releases(app_id, id)"),
            QStringLiteral("CREATE INDEX releases_by_app_channel ON releases(app_id, channel, id)"),
            QStringLiteral("CREATE INDEX releases_by_app_status ON releases(app_id, status, id)"),
            QStringLiteral("CREATE INDEX releases_by_channel ON releases(channel, id)"),
            QStringLiteral("CREATE INDEX releases_by_status ON releases(status, id)"),
            QStringLiteral("CREATE INDEX releases_by_version ON releases(app_id, version, channel, status)"),
            QStringLiteral("CREATE TABLE steps (id INTEGER PRIMARY KEY AUTOINCREMENT, release_id INTEGER NOT NULL, "
                           "attempt INTEGER, name TEXT NOT NULL, started_at TEXT, finished_at TEXT, outcome TEXT, "
                           "error TEXT, bytes INTEGER, detail TEXT, %1)")
                .arg(QLatin1String(SealColumns)),
            QStringLiteral("CREATE INDEX steps_by_release ON steps(release_id, id)"),
            QStringLiteral("CREATE TABLE keys (id INTEGER PRIMARY KEY AUTOINCREMENT, fingerprint TEXT NOT NULL UNIQUE, "
                           "key_id TEXT, label TEXT, created_at TEXT, location TEXT, %1)")
                .arg(QLatin1String(SealColumns)),
            QStringLiteral("CREATE TABLE channel_events (id INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT NOT NULL, "
                           "channel TEXT NOT NULL, kind TEXT NOT NULL, version TEXT, previous_version TEXT, "
                           "release_id INTEGER, at TEXT, os_user TEXT, host TEXT, detail TEXT, %1)")
                .arg(QLatin1String(SealColumns)),
            QStringLiteral("CREATE INDEX channel_events_by_channel ON channel_events(app_id, channel, id)"),
            QStringLiteral("CREATE TABLE audit_chain (seq INTEGER PRIMARY KEY, table_name TEXT NOT NULL, "
                           "row_id INTEGER NOT NULL, content_sha256 TEXT NOT NULL, previous_sha256 TEXT NOT NULL, "
                           "entry_sha256 TEXT NOT NULL, recorded_at TEXT)"),
            QStringLiteral("CREATE INDEX audit_chain_by_row ON audit_chain(table_name, row_id, seq)"),
        },
        {
            QStringLiteral("CREATE TABLE device_events (id INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT, "
                           "device_id TEXT, action TEXT, version_name TEXT, platform TEXT, at TEXT, raw TEXT)"),
            QStringLiteral("CREATE INDEX device_events_by_app ON device_events(app_id, id)"),
        },
        {
            // The claim (see ReleaseStatus): one release in flight per app, version and channel.
            QStringLiteral("CREATE UNIQUE INDEX releases_in_flight ON releases(app_id, version, channel) "
                           "WHERE status IN ('running', 'interrupted')"),
        },
        {
            // Rollout health (DeviceStats): per app, version and device, what the device reported.
            QStringLiteral("CREATE TABLE device_versions (app_id TEXT NOT NULL, version TEXT NOT NULL, device_id TEXT "
                           "NOT NULL, applied INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0, reverted "
                           "INTEGER NOT NULL DEFAULT 0, failure_action TEXT, last_action TEXT, last_at TEXT, "
                           "PRIMARY KEY (app_id, version, device_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX device_versions_by_device ON device_versions(app_id, device_id)"),
            QStringLiteral("CREATE INDEX device_events_by_device ON device_events(app_id, device_id, id)"),
        },
    };
    return steps;
}

// Statuses whose release holds the claim on its app, version and channel (the index above).
const QStringList& inFlightStatuses()
{
    static const QStringList statuses{ReleaseStatus::Running, ReleaseStatus::Interrupted};
    return statuses;
}

// The reason recorded (or reported) for a release whose process died while it was running.
QString deadOwnerReason(const ReleaseRecord& record)
{
    const QString during = record.lastStep.isEmpty() ? QStringLiteral("start-up") : record.lastStep;
    return QStringLiteral("The Slipway process (%1) stopped during %2 (killed or crashed). Resume with "
                          "'slipway release --resume %3'.")
        .arg(ReleaseOwner::describe(record.owner), during)
        .arg(record.id);
}

Error newerSchemaError(const QString& path, int version)
{
    return fail(QStringLiteral("The release history %1 was written by a newer Slipway (schema %2, this Slipway knows "
                               "%3). Upgrade Slipway.")
                    .arg(path)
                    .arg(version)
                    .arg(History::SchemaVersion));
}

// A stored `running` row whose process is gone (killed or crashed).
bool ownerGone(const ReleaseRecord& stored)
{
    return stored.status == ReleaseStatus::Running && !ReleaseOwner::alive(stored.owner);
}

const QString DeadOwnerStepError = QStringLiteral("the Slipway process stopped during this step (killed or crashed)");

// Empty when the history file (if present) and its folder can be written; otherwise why not.
QString notWritableReason(const QString& path)
{
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    if (::access(QFile::encodeName(folder).constData(), W_OK) != 0)
        return QStringLiteral("the folder %1 is not writable (%2)")
            .arg(folder, QString::fromLocal8Bit(std::strerror(errno)));
    if (info.exists() && ::access(QFile::encodeName(path).constData(), W_OK) != 0)
        return QStringLiteral("the file is not writable (%1)").arg(QString::fromLocal8Bit(std::strerror(errno)));
    return {};
}

const QStringList SealedTables{QStringLiteral("releases"), QStringLiteral("steps"), QStringLiteral("keys"),
                               QStringLiteral("channel_events")};

bool isBusy(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("5") || code == QLatin1String("6") ||
           error.databaseText().contains(QLatin1String("locked"));
}

bool isCorrupt(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("11") || code == QLatin1String("26") ||
           error.databaseText().contains(QLatin1String("malformed")) ||
           error.databaseText().contains(QLatin1String("not a database"));
}

// POSIX advisory locks belong to a process, not to a descriptor: closing ANY descriptor of the
// history file drops every lock SQLite holds on it through this process's connections, and another
// process (the CLI beside the GUI) may then checkpoint and delete the WAL under them, which they
// then read as a damaged file. So the file is read raw only while this process has no other
// connection to it; connections register before SQLite opens the file.
class OpenConnections
{
public:
    static void add(const QString& path)
    {
        const QMutexLocker lock(&s_mutex);
        ++s_counts[path];
    }
    static void remove(const QString& path)
    {
        const QMutexLocker lock(&s_mutex);
        if (--s_counts[path] <= 0)
            s_counts.remove(path);
    }
    // Runs `read` unless more than `own` connections of this process have `path` open.
    template <typename Read> static bool readRaw(const QString& path, int own, Read read)
    {
        const QMutexLocker lock(&s_mutex);
        if (s_counts.value(path) > own)
            return false;
        read();
        return true;
    }

private:
    static inline QMutex s_mutex;
    static inline QHash<QString, int> s_counts;
};

// Copies a damaged history next to itself, named after its content so that repeated attempts do
// not pile up copies or overwrite an earlier one. `own` is 1 when the caller's connection is open.
QString backupDamagedFile(const QString& path, int own)
{
    QString backup;
    (void)OpenConnections::readRaw(path, own, [&] {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return;
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        file.close();
        const QString name =
            QStringLiteral("%1.damaged-%2.bak").arg(path, QString::fromLatin1(hash.result().toHex().left(12)));
        if (QFileInfo::exists(name) || QFile::copy(path, name))
            backup = name;
    });
    return backup;
}

Error damagedError(const QString& path, const QString& detail, int own = 1)
{
    const QString backup = backupDamagedFile(path, own);
    return fail(
        QStringLiteral("The release history %1 is damaged (%2). Slipway left it untouched%3. Restore it from a "
                       "backup, or move it away to start a new history (use --data-dir to work elsewhere).")
            .arg(path, detail, backup.isEmpty() ? QString() : QStringLiteral(" and saved a copy as %1").arg(backup)),
        3);
}

} // namespace

QString History::defaultPath()
{
    return QDir(DataLocation::root()).filePath(QStringLiteral("history.sqlite"));
}

History::History(QString path, QString connectionName)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName))
{
}

History::~History()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    OpenConnections::remove(m_path);
}

Result<std::unique_ptr<History>> History::open(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QFileInfo info(absolute);
    if (info.exists() && info.size() > 0) {
        // With a connection already open here, SQLite has read the header and reports a foreign file itself.
        QString unreadable;
        bool foreign = false;
        (void)OpenConnections::readRaw(absolute, 0, [&] {
            QFile file(absolute);
            if (!file.open(QIODevice::ReadOnly))
                unreadable = file.errorString();
            else
                foreign = file.read(16) != QByteArray("SQLite format 3\0", 16);
        });
        if (!unreadable.isEmpty())
            return fail(QStringLiteral("Cannot read the release history %1: %2").arg(absolute, unreadable));
        if (foreign)
            return damagedError(absolute, QStringLiteral("it is not an SQLite database"), 0);
    }
    QDir().mkpath(info.absolutePath());
    const QString readOnly = notWritableReason(absolute);
    if (!readOnly.isEmpty() && !QFileInfo::exists(absolute))
        return fail(QStringLiteral("There is no release history at %1, and none can be created there: %2. Use "
                                   "--data-dir DIR (or $SLIPWAY_DATA_DIR) to work in a writable folder.")
                        .arg(absolute, readOnly));
    std::unique_ptr<History> history(
        new History(absolute, QStringLiteral("slipway-history-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1))));
    OpenConnections::add(absolute);
    history->m_readOnlyReason = readOnly;
    if (Status s = readOnly.isEmpty() ? history->openDatabase() : history->openReadOnly(); !s)
        return s.error();
    if (Status s = history->migrate(); !s)
        return s.error();
    return history;
}

Error History::sqlError(const QString& what, const QSqlError& error)
{
    if (isCorrupt(error))
        return damagedError(m_path, error.databaseText());
    const QString code = error.nativeErrorCode();
    if (code == QLatin1String("13") || error.databaseText().contains(QLatin1String("disk is full"))) {
        const QString folder = QFileInfo(m_path).absolutePath();
        const QStorageInfo volume(folder);
        return fail(QStringLiteral("The release history %1 could not be written (it could not %2): the disk is full "
                                   "(%3; %4 free in %5). Nothing of this change was saved. Free some space, then "
                                   "run the command again.")
                        .arg(m_path, what, QString::fromLocal8Bit(std::strerror(ENOSPC)),
                             humanByteSize(std::max<qint64>(0, volume.bytesAvailable())), folder));
    }
    if (code == QLatin1String("8") || error.databaseText().contains(QLatin1String("readonly"))) {
        const QString why = notWritableReason(m_path);
        return fail(QStringLiteral("The release history %1 could not be written (it could not %2): %3. Make the "
                                   "folder writable, or use --data-dir DIR to work elsewhere.")
                        .arg(m_path, what, why.isEmpty() ? error.databaseText() : why));
    }
    if (code == QLatin1String("10"))
        return fail(QStringLiteral("The release history %1 could not be written (it could not %2): the disk reported "
                                   "an input/output error (%3). Check the disk or mount, then run the command again.")
                        .arg(m_path, what, error.databaseText()));
    if (error.databaseText().contains(QLatin1String("UNIQUE constraint failed: releases")))
        return fail(QStringLiteral("The release history %1 could not %2: another release of this app, version and "
                                   "channel is running or interrupted and holds its claim (see 'slipway history "
                                   "list --status interrupted').")
                        .arg(m_path, what),
                    5);
    if (isBusy(error))
        return fail(QStringLiteral("The release history %1 stayed busy: another Slipway process kept it for too long "
                                   "while %2. Try again when the other release has finished.")
                        .arg(m_path, what),
                    4);
    return fail(QStringLiteral("The release history %1 could not %2: %3").arg(m_path, what, error.text()));
}

Status History::openDatabase()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
    if (!m_db.open())
        return sqlError(QStringLiteral("be opened"), m_db.lastError());
    QSqlQuery q(m_db);
    // Read before any write so that a damaged file is detected before SQLite touches it.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return sqlError(QStringLiteral("be read"), q.lastError());
    if (QFileInfo(m_path).size() < 16LL * 1024 * 1024) {
        if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")) || !q.next())
            return sqlError(QStringLiteral("be checked"), q.lastError());
        if (q.value(0).toString() != QLatin1String("ok"))
            return damagedError(m_path, q.value(0).toString());
    }
    q.finish();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(WriteDeadlineMs);
    for (;;) {
        // Switching to WAL needs a moment of exclusive access: another process may be writing.
        if (q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            break;
        if (!isBusy(q.lastError()) || std::chrono::steady_clock::now() > deadline)
            return sqlError(QStringLiteral("switch to write-ahead logging"), q.lastError());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    q.finish();
    if (!q.exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
        return sqlError(QStringLiteral("be configured"), q.lastError());
    return Ok{};
}

Status History::openReadOnly()
{
    // Readers only: no WAL switch, no migration, no reconciliation writes. mode=ro still reads the
    // committed changes in history.sqlite-wal; when SQLite cannot open that way (no -shm file and
    // no right to create one) and there is no WAL content, the file alone is the whole history.
    const QString uri = QUrl::fromLocalFile(m_path).toString(QUrl::FullyEncoded);
    const QFileInfo wal(m_path + QStringLiteral("-wal"));
    const QStringList modes{QStringLiteral("mode=ro"), QStringLiteral("immutable=1")};
    QSqlError lastError;
    for (const QString& mode : modes) {
        if (mode != modes.first() && wal.exists() && wal.size() > 0)
            break;
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(uri + QLatin1Char('?') + mode);
        m_db.setConnectOptions(
            QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1;QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI").arg(BusyTimeoutMs));
        if (m_db.open()) {
            QSqlQuery q(m_db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
                if (QFileInfo(m_path).size() < 16LL * 1024 * 1024) {
                    if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")) || !q.next())
                        return sqlError(QStringLiteral("be checked"), q.lastError());
                    if (q.value(0).toString() != QLatin1String("ok"))
                        return damagedError(m_path, q.value(0).toString());
                }
                return Ok{};
            }
            lastError = q.lastError();
            if (isCorrupt(lastError))
                return sqlError(QStringLiteral("be read"), lastError);
        } else {
            lastError = m_db.lastError();
        }
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    return fail(QStringLiteral("The release history %1 could not be read: it is read-only here (%2) and SQLite "
                               "could not open it that way (%3). Open it once where it can be written, or copy the "
                               "folder somewhere writable and use --data-dir.")
                    .arg(m_path, m_readOnlyReason, lastError.text()));
}

Status History::beginWrite()
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(WriteDeadlineMs);
    int pause = 5;
    for (;;) {
        QSqlQuery q(m_db);
        // IMMEDIATE takes the write lock up front: no deadlock between two readers upgrading.
        if (q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return Ok{};
        if (!isBusy(q.lastError()) || std::chrono::steady_clock::now() > deadline)
            return sqlError(QStringLiteral("start a write"), q.lastError());
        std::this_thread::sleep_for(std::chrono::milliseconds(pause));
        pause = std::min(pause * 2, 100);
    }
}

Status History::commitWrite()
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(WriteDeadlineMs);
    for (;;) {
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("COMMIT")))
            return Ok{};
        if (!isBusy(q.lastError()) || std::chrono::steady_clock::now() > deadline) {
            const Error e = sqlError(QStringLiteral("save a change"), q.lastError());
            rollbackWrite();
            return e;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void History::rollbackWrite()
{
    QSqlQuery q(m_db);
    (void)q.exec(QStringLiteral("ROLLBACK"));
}

Status History::writeTransaction(const std::function<Status()>& body)
{
    if (!m_readOnlyReason.isEmpty())
        return fail(QStringLiteral("The release history %1 is read-only here: %2. Slipway can show it but cannot "
                                   "record anything in it. Make the folder writable, or use --data-dir DIR to work "
                                   "elsewhere.")
                        .arg(m_path, m_readOnlyReason));
    if (Status s = beginWrite(); !s)
        return s;
    if (Status s = body(); !s) {
        rollbackWrite();
        return s;
    }
    return commitWrite();
}

Status History::writeWith(const std::function<Status(QSqlDatabase& db)>& body)
{
    return writeTransaction([&]() { return body(m_db); });
}

Status History::migrate()
{
    {
        // Up to date (the usual case): no write lock, so reading the history never waits for a release.
        QSqlQuery probe(m_db);
        const bool known = probe.exec(QStringLiteral("SELECT max(version) FROM schema_version")) && probe.next();
        const int version = known ? probe.value(0).toInt() : 0;
        if (version == SchemaVersion)
            return Ok{};
        if (version > SchemaVersion)
            return newerSchemaError(m_path, version);
        if (!m_readOnlyReason.isEmpty()) {
            // An older schema is read as it is: it cannot be upgraded here.
            if (version == 0)
                return fail(QStringLiteral("The release history %1 is empty and read-only here (%2): there is "
                                           "nothing to show.")
                                .arg(m_path, m_readOnlyReason));
            return Ok{};
        }
    }
    return writeTransaction([this]() -> Status {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT "
                                   "NULL, applied_at TEXT NOT NULL)")))
            return sqlError(QStringLiteral("create its schema table"), q.lastError());
        if (!q.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_version")) || !q.next())
            return sqlError(QStringLiteral("read its schema version"), q.lastError());
        const int current = q.value(0).toInt();
        q.finish();
        if (current > SchemaVersion)
            return newerSchemaError(m_path, current);
        const auto& all = migrations();
        for (int version = current; version < SchemaVersion; ++version) {
            if (version == 2) {
                if (Status s = abandonDuplicateClaims(); !s)
                    return s;
            }
            for (const QString& statement : all[version]) {
                if (!q.exec(statement))
                    return sqlError(QStringLiteral("upgrade to schema %1").arg(version + 1), q.lastError());
            }
            q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"));
            q.addBindValue(version + 1);
            q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
            if (!q.exec())
                return sqlError(QStringLiteral("record its schema version"), q.lastError());
        }
        return Ok{};
    });
}

Status History::abandonDuplicateClaims()
{
    // Before schema 3 nothing stopped a second release of the same app, version and channel while
    // one was interrupted. The newest of them keeps the claim; the older ones are abandoned (each
    // change sealed like any other) so that the UNIQUE index can be created.
    auto older = storedReleases(
        QStringLiteral(" AS r WHERE r.status IN (?, ?) AND EXISTS (SELECT 1 FROM releases AS n WHERE n.app_id = "
                       "r.app_id AND n.version = r.version AND n.channel = r.channel AND n.status IN (?, ?) AND n.id > "
                       "r.id) ORDER BY r.id"),
        {inFlightStatuses().at(0), inFlightStatuses().at(1), inFlightStatuses().at(0), inFlightStatuses().at(1)});
    if (!older)
        return older.error();
    for (ReleaseRecord record : older.value()) {
        record.status = ReleaseStatus::Abandoned;
        record.reason = QStringLiteral("Abandoned when the history was upgraded to schema 3: only one release of an "
                                       "app, version and channel may be in flight, and a newer release of %1 %2 on "
                                       "%3 was started after this one.")
                            .arg(record.appId, record.version, record.channel);
        record.updatedAt = QDateTime::currentDateTimeUtc();
        if (Status s = writeRelease(record); !s)
            return s;
    }
    return Ok{};
}

Result<qint64> History::appendSeal(const QString& table, qint64 rowId, const QByteArray& canonicalText)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT seq, entry_sha256 FROM audit_chain ORDER BY seq DESC LIMIT 1")))
        return sqlError(QStringLiteral("read its audit chain"), q.lastError());
    AuditEntry entry;
    entry.seq = 1;
    entry.previousHash = GenesisHash;
    if (q.next()) {
        entry.seq = q.value(0).toLongLong() + 1;
        entry.previousHash = q.value(1).toString();
    }
    q.finish();
    entry.table = table;
    entry.rowId = rowId;
    entry.contentHash = sha256Hex(canonicalText);
    entry.entryHash = sha256Hex(entry.hashedText().toUtf8());
    q.prepare(QStringLiteral("INSERT INTO audit_chain (seq, table_name, row_id, content_sha256, previous_sha256, "
                             "entry_sha256, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(entry.seq);
    q.addBindValue(entry.table);
    q.addBindValue(entry.rowId);
    q.addBindValue(entry.contentHash);
    q.addBindValue(entry.previousHash);
    q.addBindValue(entry.entryHash);
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!q.exec())
        return sqlError(QStringLiteral("extend its audit chain"), q.lastError());
    q.prepare(
        QStringLiteral("UPDATE %1 SET seal_seq = ?, content_sha256 = ?, previous_sha256 = ? WHERE id = ?").arg(table));
    q.addBindValue(entry.seq);
    q.addBindValue(entry.contentHash);
    q.addBindValue(entry.previousHash);
    q.addBindValue(rowId);
    if (!q.exec())
        return sqlError(QStringLiteral("seal a %1 row").arg(table), q.lastError());
    return entry.seq;
}

namespace {

Result<qint64> insertRow(QSqlDatabase& db, const QString& table, const Columns& columns, QSqlError* error)
{
    QStringList names;
    QStringList marks;
    for (const auto& c : columns) {
        names << c.first;
        marks << QStringLiteral("?");
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                  .arg(table, names.join(QLatin1Char(',')), marks.join(QLatin1Char(','))));
    for (const auto& c : columns)
        q.addBindValue(c.second);
    if (!q.exec()) {
        *error = q.lastError();
        return fail(q.lastError().text());
    }
    return q.lastInsertId().toLongLong();
}

bool updateRow(QSqlDatabase& db, const QString& table, qint64 id, const Columns& columns, QSqlError* error)
{
    QStringList sets;
    for (const auto& c : columns)
        sets << c.first + QStringLiteral(" = ?");
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(table, sets.join(QLatin1Char(','))));
    for (const auto& c : columns)
        q.addBindValue(c.second);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError();
        return false;
    }
    if (q.numRowsAffected() != 1) {
        *error =
            QSqlError(QStringLiteral("no such row"), QStringLiteral("%1 row %2 does not exist").arg(table).arg(id));
        return false;
    }
    return true;
}

} // namespace

QByteArray History::canonical(const ReleaseRecord& record)
{
    return canonicalText(QStringLiteral("releases"), record.id, releaseColumns(record));
}
QByteArray History::canonical(const StepRecord& step)
{
    return canonicalText(QStringLiteral("steps"), step.id, stepColumns(step));
}
QByteArray History::canonical(const KeyRecord& key)
{
    return canonicalText(QStringLiteral("keys"), key.id, keyColumns(key));
}
QByteArray History::canonical(const ChannelEvent& event)
{
    return canonicalText(QStringLiteral("channel_events"), event.id, eventColumns(event));
}

Status History::insertRelease(ReleaseRecord record, qint64* id)
{
    QSqlError error;
    auto inserted = insertRow(m_db, QStringLiteral("releases"), releaseColumns(record), &error);
    if (!inserted)
        return sqlError(QStringLiteral("record a release"), error);
    record.id = inserted.value();
    if (auto sealed = appendSeal(QStringLiteral("releases"), record.id, canonical(record)); !sealed)
        return sealed.error();
    *id = record.id;
    return Ok{};
}

Result<qint64> History::createRelease(const ReleaseRecord& record)
{
    qint64 id = 0;
    Status s = writeTransaction([&] { return insertRelease(record, &id); });
    if (!s)
        return s.error();
    return id;
}

Status History::importReleases(const QList<ReleaseRecord>& records)
{
    // The same rows and seals as createRelease(), with statements prepared once for the batch.
    return writeTransaction([&]() -> Status {
        QSqlQuery last(m_db);
        if (!last.exec(QStringLiteral("SELECT seq, entry_sha256 FROM audit_chain ORDER BY seq DESC LIMIT 1")))
            return sqlError(QStringLiteral("read its audit chain"), last.lastError());
        qint64 seq = 0;
        QString previous = GenesisHash;
        if (last.next()) {
            seq = last.value(0).toLongLong();
            previous = last.value(1).toString();
        }
        last.finish();
        const Columns layout = releaseColumns({});
        QStringList names;
        QStringList marks;
        for (const auto& c : layout) {
            names << c.first;
            marks << QStringLiteral("?");
        }
        QSqlQuery insert(m_db);
        QSqlQuery chain(m_db);
        QSqlQuery seal(m_db);
        if (!insert.prepare(QStringLiteral("INSERT INTO releases (%1) VALUES (%2)")
                                .arg(names.join(QLatin1Char(',')), marks.join(QLatin1Char(',')))) ||
            !chain.prepare(
                QStringLiteral("INSERT INTO audit_chain (seq, table_name, row_id, content_sha256, previous_sha256, "
                               "entry_sha256, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) ||
            !seal.prepare(QStringLiteral(
                "UPDATE releases SET seal_seq = ?, content_sha256 = ?, previous_sha256 = ? WHERE id = ?")))
            return sqlError(QStringLiteral("prepare an import"), insert.lastError());
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        for (ReleaseRecord r : records) {
            const Columns columns = releaseColumns(r);
            for (int i = 0; i < columns.size(); ++i)
                insert.bindValue(i, columns[i].second);
            if (!insert.exec())
                return sqlError(QStringLiteral("import a release"), insert.lastError());
            r.id = insert.lastInsertId().toLongLong();
            AuditEntry entry;
            entry.seq = ++seq;
            entry.table = QStringLiteral("releases");
            entry.rowId = r.id;
            entry.contentHash = sha256Hex(canonical(r));
            entry.previousHash = previous;
            entry.entryHash = sha256Hex(entry.hashedText().toUtf8());
            const QVariantList values{entry.seq,          entry.table,     entry.rowId, entry.contentHash,
                                      entry.previousHash, entry.entryHash, now};
            for (int i = 0; i < values.size(); ++i)
                chain.bindValue(i, values[i]);
            if (!chain.exec())
                return sqlError(QStringLiteral("extend its audit chain"), chain.lastError());
            seal.bindValue(0, entry.seq);
            seal.bindValue(1, entry.contentHash);
            seal.bindValue(2, entry.previousHash);
            seal.bindValue(3, r.id);
            if (!seal.exec())
                return sqlError(QStringLiteral("seal an imported release"), seal.lastError());
            previous = entry.entryHash;
        }
        return Ok{};
    });
}

Result<ReleaseClaim> History::claimRelease(const ReleaseRecord& record)
{
    if (!inFlightStatuses().contains(record.status))
        return fail(QStringLiteral("A release takes its claim as running, not as %1.").arg(record.status));
    ReleaseClaim claim;
    Status s = writeTransaction([&]() -> Status {
        // Inside the IMMEDIATE transaction: no other process can take the claim between this look
        // and the insert (and the UNIQUE index would refuse it anyway).
        auto holders = storedReleases(
            QStringLiteral(
                " WHERE app_id = ? AND version = ? AND channel = ? AND status IN (?, ?) ORDER BY id LIMIT 1"),
            {record.appId, record.version, record.channel, inFlightStatuses().at(0), inFlightStatuses().at(1)});
        if (!holders)
            return holders.error();
        if (!holders->isEmpty()) {
            claim.holder = holders->first();
            return Ok{};
        }
        return insertRelease(record, &claim.id);
    });
    if (!s)
        return s.error();
    return claim;
}

Status History::writeSealedRow(const QString& table, qint64 id, const QList<QPair<QString, QVariant>>& columns,
                               const QByteArray& canonicalText)
{
    QSqlError error;
    if (!updateRow(m_db, table, id, columns, &error))
        return sqlError(QStringLiteral("update %1 row %2").arg(table).arg(id), error);
    if (auto sealed = appendSeal(table, id, canonicalText); !sealed)
        return sealed.error();
    return Ok{};
}

Status History::writeRelease(const ReleaseRecord& record)
{
    return writeSealedRow(QStringLiteral("releases"), record.id, releaseColumns(record), canonical(record));
}

Status History::updateRelease(const ReleaseRecord& record)
{
    return writeTransaction([&] { return writeRelease(record); });
}

Result<bool> History::updateReleaseIf(const ReleaseRecord& record, const QString& status, const QString& owner)
{
    bool written = false;
    Status s = writeTransaction([&]() -> Status {
        auto unchanged = rowStill(record.id, status, owner);
        if (!unchanged || !unchanged.value())
            return unchanged ? Status(Ok{}) : Status(unchanged.error());
        if (Status w = writeRelease(record); !w)
            return w;
        written = true;
        return Ok{};
    });
    if (!s)
        return s.error();
    return written;
}

Result<bool> History::rowStill(qint64 id, const QString& status, const QString& owner)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT status, owner FROM releases WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(QStringLiteral("read release %1").arg(id), q.lastError());
    if (!q.next())
        return fail(QStringLiteral("There is no release %1 in the history %2.").arg(id).arg(m_path), 2);
    return q.value(0).toString() == status && q.value(1).toString() == owner;
}

void History::reportDeadOwner(ReleaseRecord& record) const
{
    if (!ownerGone(record))
        return;
    record.status = ReleaseStatus::Interrupted;
    record.reason = deadOwnerReason(record) +
                    QStringLiteral(" (Shown as interrupted; the history could not be updated yet%1.)")
                        .arg(m_readOnlyReason.isEmpty() ? QString() : QStringLiteral(": ") + m_readOnlyReason);
}

Result<QList<ReleaseRecord>> History::storedReleases(const QString& clauses, const QVariantList& binds)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM releases%2").arg(selectList(releaseColumns({})), clauses));
    for (const auto& b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return sqlError(QStringLiteral("list releases"), q.lastError());
    QList<ReleaseRecord> out;
    while (q.next())
        out << releaseFrom(q);
    return out;
}

Status History::reconcileDeadOwners()
{
    auto running = storedReleases(QStringLiteral(" WHERE status = ? ORDER BY id"), {ReleaseStatus::Running});
    if (!running)
        return running.error();
    for (ReleaseRecord record : running.value()) {
        if (!ownerGone(record))
            continue;
        const QString owner = record.owner;
        record.status = ReleaseStatus::Interrupted;
        record.reason = deadOwnerReason(record);
        record.updatedAt = QDateTime::currentDateTimeUtc();
        Status s = writeTransaction([&]() -> Status {
            // Only while the row still names the dead owner: another process may have reconciled or
            // resumed it since it was read.
            auto unchanged = rowStill(record.id, ReleaseStatus::Running, owner);
            if (!unchanged || !unchanged.value())
                return unchanged ? Status(Ok{}) : Status(unchanged.error());
            QSqlQuery q(m_db);
            q.prepare(QStringLiteral("SELECT %1 FROM steps WHERE release_id = ? AND outcome = ? ORDER BY id")
                          .arg(selectList(stepColumns({}))));
            q.addBindValue(record.id);
            q.addBindValue(StepOutcome::Running);
            if (!q.exec())
                return sqlError(QStringLiteral("read the steps of release %1").arg(record.id), q.lastError());
            QList<StepRecord> steps;
            while (q.next())
                steps << stepFrom(q);
            q.finish();
            for (StepRecord step : steps) {
                step.outcome = StepOutcome::Interrupted;
                step.error = DeadOwnerStepError;
                if (Status w = writeStep(step); !w)
                    return w;
            }
            return writeRelease(record);
        });
        if (!s)
            return s;
    }
    return Ok{};
}

Result<qint64> History::startStep(const StepRecord& step)
{
    qint64 id = 0;
    Status s = writeTransaction([&]() -> Status {
        QSqlError error;
        auto inserted = insertRow(m_db, QStringLiteral("steps"), stepColumns(step), &error);
        if (!inserted)
            return sqlError(QStringLiteral("record a step"), error);
        StepRecord sealed = step;
        sealed.id = id = inserted.value();
        if (auto seq = appendSeal(QStringLiteral("steps"), sealed.id, canonical(sealed)); !seq)
            return seq.error();
        return Ok{};
    });
    if (!s)
        return s.error();
    return id;
}

Status History::writeStep(const StepRecord& step)
{
    return writeSealedRow(QStringLiteral("steps"), step.id, stepColumns(step), canonical(step));
}

Status History::updateStep(const StepRecord& step)
{
    return writeTransaction([&] { return writeStep(step); });
}

Result<qint64> History::recordKey(const KeyRecord& key)
{
    qint64 id = 0;
    Status s = writeTransaction([&]() -> Status {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT id FROM keys WHERE fingerprint = ?"));
        q.addBindValue(key.fingerprint);
        if (!q.exec())
            return sqlError(QStringLiteral("look up a key"), q.lastError());
        if (q.next()) {
            id = q.value(0).toLongLong();
            return Ok{};
        }
        QSqlError error;
        auto inserted = insertRow(m_db, QStringLiteral("keys"), keyColumns(key), &error);
        if (!inserted)
            return sqlError(QStringLiteral("record a key"), error);
        KeyRecord sealed = key;
        sealed.id = id = inserted.value();
        if (auto seq = appendSeal(QStringLiteral("keys"), sealed.id, canonical(sealed)); !seq)
            return seq.error();
        return Ok{};
    });
    if (!s)
        return s.error();
    return id;
}

Result<qint64> History::recordChannelEvent(const ChannelEvent& event)
{
    qint64 id = 0;
    Status s = writeTransaction([&]() -> Status {
        QSqlError error;
        auto inserted = insertRow(m_db, QStringLiteral("channel_events"), eventColumns(event), &error);
        if (!inserted)
            return sqlError(QStringLiteral("record a channel event"), error);
        ChannelEvent sealed = event;
        sealed.id = id = inserted.value();
        if (auto seq = appendSeal(QStringLiteral("channel_events"), sealed.id, canonical(sealed)); !seq)
            return seq.error();
        return Ok{};
    });
    if (!s)
        return s.error();
    return id;
}

namespace {
QString whereClause(const ReleaseFilter& f, QVariantList* binds)
{
    QStringList where;
    auto add = [&](const QString& clause, const QVariant& value) {
        where << clause;
        binds->append(value);
    };
    if (!f.appId.isEmpty())
        add(QStringLiteral("app_id = ?"), f.appId);
    if (!f.channel.isEmpty())
        add(QStringLiteral("channel = ?"), f.channel);
    if (!f.status.isEmpty())
        add(QStringLiteral("status = ?"), f.status);
    if (!f.version.isEmpty())
        add(QStringLiteral("version = ?"), f.version);
    if (f.from.isValid())
        add(QStringLiteral("created_at >= ?"), f.from.toUTC().toString(Qt::ISODateWithMs));
    if (f.to.isValid())
        add(QStringLiteral("created_at < ?"), f.to.toUTC().toString(Qt::ISODateWithMs));
    if (!f.text.isEmpty()) {
        where << QStringLiteral(
            "(instr(app_id, ?) > 0 OR instr(version, ?) > 0 OR instr(channel, ?) > 0 OR instr(notes, ?) > 0)");
        for (int i = 0; i < 4; ++i)
            binds->append(f.text);
    }
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}
} // namespace

Result<QList<ReleaseRecord>> History::releases(const ReleaseFilter& filter)
{
    QVariantList binds;
    QString clauses = whereClause(filter, &binds) + QStringLiteral(" ORDER BY id DESC");
    if (filter.limit > 0)
        clauses += QStringLiteral(" LIMIT %1 OFFSET %2").arg(filter.limit).arg(std::max(0, filter.offset));
    auto out = storedReleases(clauses, binds);
    if (!out)
        return out;
    for (ReleaseRecord& r : out.value())
        reportDeadOwner(r);
    return out;
}

Result<qint64> History::countReleases(const ReleaseFilter& filter)
{
    QVariantList binds;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM releases") + whereClause(filter, &binds));
    for (const auto& b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return sqlError(QStringLiteral("count releases"), q.lastError());
    return q.value(0).toLongLong();
}

Result<ReleaseRecord> History::release(qint64 id, View view)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM releases WHERE id = ?").arg(selectList(releaseColumns({}))));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(QStringLiteral("read release %1").arg(id), q.lastError());
    if (!q.next())
        return fail(QStringLiteral("There is no release %1 in the history %2 (see 'slipway history list').")
                        .arg(id)
                        .arg(m_path),
                    2);
    ReleaseRecord record = releaseFrom(q);
    if (view == View::Reported)
        reportDeadOwner(record);
    return record;
}

Result<QList<StepRecord>> History::steps(qint64 releaseId, View view)
{
    bool deadOwner = false;
    if (view == View::Reported) {
        auto stored =
            storedReleases(QStringLiteral(" WHERE id = ? AND status = ?"), {releaseId, ReleaseStatus::Running});
        if (!stored)
            return stored.error();
        deadOwner = !stored->isEmpty() && ownerGone(stored->first());
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM steps WHERE release_id = ? ORDER BY id").arg(selectList(stepColumns({}))));
    q.addBindValue(releaseId);
    if (!q.exec())
        return sqlError(QStringLiteral("read the steps of release %1").arg(releaseId), q.lastError());
    QList<StepRecord> out;
    while (q.next()) {
        out << stepFrom(q);
        if (deadOwner && out.last().outcome == StepOutcome::Running) {
            out.last().outcome = StepOutcome::Interrupted;
            out.last().error = DeadOwnerStepError;
        }
    }
    return out;
}

Result<QList<KeyRecord>> History::keys()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM keys ORDER BY id").arg(selectList(keyColumns({})))))
        return sqlError(QStringLiteral("read keys"), q.lastError());
    QList<KeyRecord> out;
    while (q.next())
        out << keyFrom(q);
    return out;
}

Result<std::optional<KeyRecord>> History::keyByFingerprint(const QString& fingerprint)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM keys WHERE fingerprint = ?").arg(selectList(keyColumns({}))));
    q.addBindValue(fingerprint);
    if (!q.exec())
        return sqlError(QStringLiteral("read keys"), q.lastError());
    if (!q.next())
        return std::optional<KeyRecord>();
    return std::optional<KeyRecord>(keyFrom(q));
}

Result<qint64> History::recordDeviceEvent(const DeviceEvent& event)
{
    qint64 id = 0;
    Status s = writeTransaction([&]() -> Status {
        QSqlError error;
        auto inserted = insertRow(m_db, QStringLiteral("device_events"), deviceEventColumns(event), &error);
        if (!inserted)
            return sqlError(QStringLiteral("record a device event"), error);
        id = inserted.value();
        return Ok{};
    });
    if (!s)
        return s.error();
    return id;
}

Result<QList<DeviceEvent>> History::deviceEvents(const QString& appId, int limit, const QString& deviceId)
{
    QSqlQuery q(m_db);
    QStringList names{QStringLiteral("id")};
    for (const auto& column : deviceEventColumns({}))
        names << column.first; // device events are not sealed: no seal columns
    // No app id (a null QString binds as NULL, which equals nothing): every app's events.
    q.prepare(QStringLiteral("SELECT %1 FROM device_events WHERE 1=1%2%3 ORDER BY id DESC LIMIT ?")
                  .arg(names.join(QLatin1Char(',')), appId.isEmpty() ? QString() : QStringLiteral(" AND app_id = ?"),
                       deviceId.isEmpty() ? QString() : QStringLiteral(" AND device_id = ?")));
    if (!appId.isEmpty())
        q.addBindValue(appId);
    if (!deviceId.isEmpty())
        q.addBindValue(deviceId);
    q.addBindValue(limit > 0 ? limit : -1);
    if (!q.exec())
        return sqlError(QStringLiteral("read device events"), q.lastError());
    QList<DeviceEvent> out;
    while (q.next())
        out << deviceEventFrom(q);
    return out;
}

Result<QList<ChannelEvent>> History::channelEvents(const QString& appId, const QString& channel)
{
    QSqlQuery q(m_db);
    QString sql = QStringLiteral("SELECT %1 FROM channel_events WHERE 1=1").arg(selectList(eventColumns({})));
    if (!appId.isEmpty())
        sql += QStringLiteral(" AND app_id = :app");
    if (!channel.isEmpty())
        sql += QStringLiteral(" AND channel = :channel");
    q.prepare(sql + QStringLiteral(" ORDER BY id DESC"));
    if (!appId.isEmpty())
        q.bindValue(QStringLiteral(":app"), appId);
    if (!channel.isEmpty())
        q.bindValue(QStringLiteral(":channel"), channel);
    if (!q.exec())
        return sqlError(QStringLiteral("read channel events"), q.lastError());
    QList<ChannelEvent> out;
    while (q.next())
        out << eventFrom(q);
    return out;
}

Result<std::optional<ReleaseRecord>> History::completedRelease(const QString& appId, const QString& version,
                                                               const QString& channel)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM releases WHERE app_id = ? AND version = ? AND channel = ? AND status = ? "
                             "ORDER BY id DESC LIMIT 1")
                  .arg(selectList(releaseColumns({}))));
    q.addBindValue(appId);
    q.addBindValue(version);
    q.addBindValue(channel);
    q.addBindValue(ReleaseStatus::Completed);
    if (!q.exec())
        return sqlError(QStringLiteral("look for earlier releases"), q.lastError());
    if (!q.next())
        return std::optional<ReleaseRecord>();
    return std::optional<ReleaseRecord>(releaseFrom(q));
}

Result<QList<AuditEntry>> History::auditEntries(const QString& table, qint64 rowId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT * FROM audit_chain WHERE table_name = ? AND row_id = ? ORDER BY seq"));
    q.addBindValue(table);
    q.addBindValue(rowId);
    if (!q.exec())
        return sqlError(QStringLiteral("read the audit chain"), q.lastError());
    QList<AuditEntry> out;
    while (q.next()) {
        AuditEntry e;
        e.seq = q.value(QStringLiteral("seq")).toLongLong();
        e.table = q.value(QStringLiteral("table_name")).toString();
        e.rowId = q.value(QStringLiteral("row_id")).toLongLong();
        e.contentHash = q.value(QStringLiteral("content_sha256")).toString();
        e.previousHash = q.value(QStringLiteral("previous_sha256")).toString();
        e.entryHash = q.value(QStringLiteral("entry_sha256")).toString();
        e.recordedAt = timeFrom(q.value(QStringLiteral("recorded_at")));
        out << e;
    }
    return out;
}

Result<AuditReport> History::verify()
{
    AuditReport report;
    struct Latest
    {
        qint64 seq = 0;
        QString contentHash;
    };
    QHash<QString, QHash<qint64, Latest>> latest;

    // A read transaction gives one consistent snapshot while other processes keep writing.
    QSqlQuery tx(m_db);
    (void)tx.exec(QStringLiteral("BEGIN"));
    auto endRead = qScopeGuard([&] { (void)tx.exec(QStringLiteral("COMMIT")); });

    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT seq, table_name, row_id, content_sha256, previous_sha256, entry_sha256 FROM "
                               "audit_chain ORDER BY seq")))
        return sqlError(QStringLiteral("read the audit chain"), q.lastError());
    qint64 expectedSeq = 1;
    QString previous = GenesisHash;
    while (q.next()) {
        AuditEntry e;
        e.seq = q.value(0).toLongLong();
        e.table = q.value(1).toString();
        e.rowId = q.value(2).toLongLong();
        e.contentHash = q.value(3).toString();
        e.previousHash = q.value(4).toString();
        e.entryHash = q.value(5).toString();
        ++report.entries;
        if (e.seq != expectedSeq)
            report.problems << AuditProblem{
                QStringLiteral("audit_chain"), 0, expectedSeq,
                e.seq > expectedSeq
                    ? QStringLiteral("audit entries %1 to %2 were deleted").arg(expectedSeq).arg(e.seq - 1)
                    : QStringLiteral("audit entry %1 is out of order").arg(e.seq)};
        if (e.previousHash != previous)
            report.problems << AuditProblem{
                QStringLiteral("audit_chain"), e.rowId, e.seq,
                QStringLiteral("audit entry %1 (%2 row %3) does not follow the entry before it: "
                               "entries were edited, deleted or reordered")
                    .arg(e.seq)
                    .arg(e.table)
                    .arg(e.rowId)};
        if (sha256Hex(e.hashedText().toUtf8()) != e.entryHash)
            report.problems << AuditProblem{
                QStringLiteral("audit_chain"), e.rowId, e.seq,
                QStringLiteral("audit entry %1 (%2 row %3) was edited").arg(e.seq).arg(e.table).arg(e.rowId)};
        previous = e.entryHash;
        expectedSeq = e.seq + 1;
        latest[e.table][e.rowId] = Latest{e.seq, e.contentHash};
    }
    report.head = previous;

    for (const QString& table : SealedTables) {
        QSqlQuery rows(m_db);
        rows.setForwardOnly(true);
        const Columns layout = table == QLatin1String("releases") ? releaseColumns({})
                               : table == QLatin1String("steps")  ? stepColumns({})
                               : table == QLatin1String("keys")   ? keyColumns({})
                                                                  : eventColumns({});
        const int sealSeqAt = static_cast<int>(layout.size()) + 1;
        if (!rows.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY id").arg(selectList(layout), table)))
            return sqlError(QStringLiteral("read %1").arg(table), rows.lastError());
        auto& sealed = latest[table];
        while (rows.next()) {
            ++report.rows;
            // The canonical text straight from the stored values (no round trip through the structs):
            // the same bytes the write path sealed, and any change to a stored value shows.
            const qint64 id = rows.value(0).toLongLong();
            Columns stored;
            stored.reserve(layout.size());
            for (int i = 0; i < layout.size(); ++i)
                stored.append({layout[i].first, rows.value(i + 1)});
            const QByteArray text = canonicalText(table, id, stored);
            auto storedValue = [&](const char* name) {
                for (const auto& c : stored) {
                    if (c.first == QLatin1String(name))
                        return asText(c.second);
                }
                return QString();
            };
            auto label = [&]() -> QString {
                if (table == QLatin1String("releases"))
                    return QStringLiteral(" (%1 %2 on %3)")
                        .arg(storedValue("app_id"), storedValue("version"), storedValue("channel"));
                if (table == QLatin1String("steps"))
                    return QStringLiteral(" (%1 of release %2)").arg(storedValue("name"), storedValue("release_id"));
                if (table == QLatin1String("keys"))
                    return QStringLiteral(" (key %1)").arg(storedValue("key_id"));
                return QStringLiteral(" (%1 %2 %3 -> %4)")
                    .arg(storedValue("kind"), storedValue("app_id"), storedValue("channel"), storedValue("version"));
            };
            const QString hash = sha256Hex(text);
            if (!sealed.contains(id)) {
                report.problems << AuditProblem{
                    table, id, 0,
                    QStringLiteral("%1 row %2%3 is not in the audit chain: it was inserted outside "
                                   "Slipway, or its id was changed")
                        .arg(table)
                        .arg(id)
                        .arg(label())};
                continue;
            }
            const Latest seal = sealed.take(id);
            if (hash != seal.contentHash || rows.value(sealSeqAt + 1).toString() != hash)
                report.problems << AuditProblem{
                    table, id, seal.seq,
                    QStringLiteral("%1 row %2%3 was edited after it was sealed by audit entry %4")
                        .arg(table)
                        .arg(id)
                        .arg(label())
                        .arg(seal.seq)};
            else if (rows.value(sealSeqAt).toLongLong() != seal.seq)
                report.problems << AuditProblem{
                    table, id, seal.seq,
                    QStringLiteral("%1 row %2%3 points to audit entry %4 but its last seal is entry "
                                   "%5: rows were reordered")
                        .arg(table)
                        .arg(id)
                        .arg(label())
                        .arg(rows.value(sealSeqAt).toLongLong())
                        .arg(seal.seq)};
        }
        for (auto it = sealed.constBegin(); it != sealed.constEnd(); ++it)
            report.problems << AuditProblem{table, it.key(), it.value().seq,
                                            QStringLiteral("%1 row %2 was deleted (last sealed by audit entry %3)")
                                                .arg(table)
                                                .arg(it.key())
                                                .arg(it.value().seq)};
    }
    return report;
}

} // namespace slipway::history
