#include "history/HistorySchema.h"

#include "history/HistoryDatabase.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <cstdio>

namespace slipway::history {

namespace {

const char* const SealColumns = "seal_seq INTEGER, content_sha256 TEXT, previous_sha256 TEXT";

// Forward migrations: index i moves the schema from version i to i + 1.
constexpr int ClaimIndexStep = 2;
constexpr int SearchCopySince = 7;
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
        {
            // The desk (Desk): which process wrote each chain entry and started each release. Rows and entries
            // written before keep no desk (NULL) and the canonical and hashed texts they were sealed with.
            QStringLiteral("ALTER TABLE audit_chain ADD COLUMN desk TEXT"),
            QStringLiteral("ALTER TABLE releases ADD COLUMN desk TEXT"),
        },
        {
            // The channel each device chose through /channel_self (DeviceStats): every serve on this history
            // answers from it.
            QStringLiteral("CREATE TABLE device_channels (app_id TEXT NOT NULL, device_id TEXT NOT NULL, channel TEXT "
                           "NOT NULL, chosen_at TEXT, PRIMARY KEY (app_id, device_id)) WITHOUT ROWID"),
        },
        {
            // What `history list --search` reads (HistorySchema::keepSearchedText): the searched columns of each
            // release, a few dozen bytes a row where the release row holds kilobytes.
            QStringLiteral("CREATE TABLE release_search (id INTEGER PRIMARY KEY, searched TEXT NOT NULL)"),
        },
        {
            // The releases a key signed (the key inspector), without reading every release.
            QStringLiteral("CREATE INDEX releases_by_key ON releases(key_fingerprint, id)"),
        },
    };
    return steps;
}

// One list of migrations for both backends: PostgreSQL spells SQLite's types its own way.
QString inDialectOf(const HistoryDatabase& db, QString statement)
{
    if (db.backend() == HistoryDatabase::Backend::SQLite)
        return statement;
    statement.replace(QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"), QLatin1String("BIGSERIAL PRIMARY KEY"));
    statement.replace(QLatin1String(" WITHOUT ROWID"), QString());
    statement.replace(QLatin1String("INTEGER"), QLatin1String("BIGINT"));
    return statement;
}

// The searched columns of a release row (`row`: "" or "NEW."), joined by a character no search holds (US, 0x1f) so
// that a match stays inside one column.
QString searchedText(const QString& row)
{
    const QString separator = QStringLiteral(" || '%1' || ").arg(QChar(0x1f));
    return QStringList{row + QStringLiteral("app_id"), row + QStringLiteral("version"), row + QStringLiteral("channel"),
                       QStringLiteral("coalesce(%1notes, '')").arg(row)}
        .join(separator);
}

} // namespace

Status HistorySchema::keepSearchedText()
{
    // Triggers keep release_search equal to the releases, whoever writes them (a release, a migration, an import).
    QStringList statements{QStringLiteral("INSERT INTO release_search (id, searched) SELECT id, %1 FROM releases")
                               .arg(searchedText(QString()))};
    const QString inserted = searchedText(QStringLiteral("NEW."));
    if (m_db.backend() == HistoryDatabase::Backend::SQLite) {
        statements << QStringLiteral("CREATE TRIGGER release_search_insert AFTER INSERT ON releases BEGIN INSERT INTO "
                                     "release_search (id, searched) VALUES (NEW.id, %1); END")
                          .arg(inserted)
                   << QStringLiteral("CREATE TRIGGER release_search_update AFTER UPDATE OF id, app_id, version, channel, "
                                     "notes ON releases BEGIN UPDATE release_search SET id = NEW.id, searched = %1 "
                                     "WHERE id = OLD.id; END")
                          .arg(inserted)
                   << QStringLiteral("CREATE TRIGGER release_search_delete AFTER DELETE ON releases BEGIN DELETE FROM "
                                     "release_search WHERE id = OLD.id; END");
    } else {
        statements << QStringLiteral("CREATE OR REPLACE FUNCTION release_search_sync() RETURNS trigger LANGUAGE "
                                     "plpgsql AS $$ BEGIN IF TG_OP = 'INSERT' THEN INSERT INTO release_search (id, "
                                     "searched) VALUES (NEW.id, %1); ELSIF TG_OP = 'UPDATE' THEN UPDATE release_search "
                                     "SET id = NEW.id, searched = %1 WHERE id = OLD.id; ELSE DELETE FROM "
                                     "release_search WHERE id = OLD.id; END IF; RETURN NULL; END $$")
                          .arg(inserted)
                   << QStringLiteral("CREATE TRIGGER release_search_sync AFTER INSERT OR DELETE OR UPDATE OF id, "
                                     "app_id, version, channel, notes ON releases FOR EACH ROW EXECUTE FUNCTION "
                                     "release_search_sync()")
                   // Schema 6 indexed the wide rows.
                   << QStringLiteral("DROP INDEX IF EXISTS releases_searched_text");
    }
    QSqlQuery q(m_db.connection());
    for (const QString& statement : std::as_const(statements))
        if (!q.exec(statement))
            return m_db.error(QStringLiteral("upgrade to schema %1").arg(SearchCopySince), q.lastError());
    if (m_db.backend() == HistoryDatabase::Backend::PostgreSQL)
        indexSearchedText();
    return Ok{};
}

void HistorySchema::indexSearchedText()
{
    // pg_trgm ships with the server and a database's owner may create it; a role that may not searches all the same,
    // by reading every row. The savepoint keeps the upgrade's transaction usable when it fails.
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SAVEPOINT searched_text")))
        return;
    if (q.exec(QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_trgm")) &&
        q.exec(QStringLiteral("CREATE INDEX release_search_trigrams ON release_search USING gin (searched "
                              "gin_trgm_ops)"))) {
        (void)q.exec(QStringLiteral("RELEASE SAVEPOINT searched_text"));
        return;
    }
    (void)std::fprintf(stderr, "slipway: the release history %s has no index for --search (%s); searches read every "
                               "release\n",
                       qPrintable(m_db.path()), qPrintable(q.lastError().text().trimmed()));
    (void)q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT searched_text"));
}

Error HistorySchema::newerSchemaError(int version) const
{
    return fail(QStringLiteral("The release history %1 was written by a newer Slipway (schema %2, this Slipway knows "
                               "%3). Upgrade Slipway.")
                    .arg(m_db.path())
                    .arg(version)
                    .arg(Version));
}

Status HistorySchema::migrate(const std::function<Status()>& abandonDuplicateClaims)
{
    {
        // Up to date (the usual case): no write lock, so reading the history never waits for a release.
        QSqlQuery probe(m_db.connection());
        const bool known = probe.exec(QStringLiteral("SELECT max(version) FROM schema_version")) && probe.next();
        const int version = known ? probe.value(0).toInt() : 0;
        if (version == Version)
            return Ok{};
        if (version > Version)
            return newerSchemaError(version);
        if (!m_db.readOnlyReason().isEmpty()) {
            // An older schema is read as it is: it cannot be upgraded here.
            if (version == 0)
                return fail(QStringLiteral("The release history %1 is empty and read-only here (%2): there is "
                                           "nothing to show.")
                                .arg(m_db.path(), m_db.readOnlyReason()));
            return Ok{};
        }
    }
    return m_db.write([&]() -> Status {
        QSqlQuery q(m_db.connection());
        if (!q.exec(inDialectOf(m_db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT "
                                                     "NULL, applied_at TEXT NOT NULL)"))))
            return m_db.error(QStringLiteral("create its schema table"), q.lastError());
        if (!q.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_version")) || !q.next())
            return m_db.error(QStringLiteral("read its schema version"), q.lastError());
        const int current = q.value(0).toInt();
        q.finish();
        if (current > Version)
            return newerSchemaError(current);
        const auto& all = migrations();
        auto apply = [&](int version) -> Status {
            for (const QString& statement : all[version]) {
                if (!q.exec(inDialectOf(m_db, statement)))
                    return m_db.error(QStringLiteral("upgrade to schema %1").arg(version + 1), q.lastError());
            }
            return Ok{};
        };
        for (int version = current; version < Version; ++version) {
            // The claim's index (schema 3) comes last, after abandonDuplicateClaims(), which reads and seals rows
            // with every column of the current schema (all of it one transaction).
            if (version != ClaimIndexStep) {
                if (Status s = apply(version); !s)
                    return s;
            }
            q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"));
            q.addBindValue(version + 1);
            q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
            if (!q.exec())
                return m_db.error(QStringLiteral("record its schema version"), q.lastError());
        }
        if (current < SearchCopySince) {
            if (Status s = keepSearchedText(); !s)
                return s;
        }
        if (current <= ClaimIndexStep) {
            if (Status s = abandonDuplicateClaims(); !s)
                return s;
            return apply(ClaimIndexStep);
        }
        return Ok{};
    });
}

} // namespace slipway::history
