// The release history: schema, queries, the audit chain and damage handling, on a real SQLite file and then
// (the same tests, see main()) on a real PostgreSQL 15 on loopback (tests/servers/postgresql.sh).
#include "history/AuditChain.h"
#include "history/DeviceStats.h"
#include "history/History.h"
#include "history/HistoryExport.h"
#include "history/HistoryTables.h"
#include "history/ReleaseOwner.h"
#include "registry/ChannelRollout.h"
#include "registry/LocalChannelRegistrar.h"
#include "storage/FolderStorage.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QUrl>
#include <QTcpServer>
#include <QThread>
#include <QTemporaryDir>
#include <QTest>

using namespace slipway;
using namespace slipway::history;

namespace {

ReleaseRecord sampleRelease(const QString& app, const QString& version,
                            const QString& channel = QStringLiteral("production"))
{
    ReleaseRecord r;
    r.appId = app;
    r.version = version;
    r.channel = channel;
    r.status = ReleaseStatus::Running;
    r.createdAt = QDateTime::currentDateTimeUtc();
    r.osUser = QStringLiteral("tester");
    r.host = QStringLiteral("box");
    r.attempts = 1;
    r.notes = QStringLiteral("notes for %1").arg(version);
    return r;
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool runSqlite(const QString& db, const QString& sql)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {db, sql});
    return p.waitForFinished(10000) && p.exitCode() == 0;
}

// The backend of the current pass: an SQLite file, or the PostgreSQL server started by main().
struct Backend
{
    static inline bool postgres = false;
    static inline QString dir;  // the server's throw-away folder
    static inline QString port;
    static inline int databases = 0;
};

bool runServerScript(const QStringList& args, QByteArray* out = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(SLIPWAY_SOURCE_DIR "/tests/servers/postgresql.sh"), args);
    const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (out)
        *out = p.readAllStandardOutput();
    if (!ok)
        qWarning("postgresql.sh %s: %s", qPrintable(args.value(0)), p.readAllStandardError().constData());
    return ok;
}

// A new, empty history: a file in `dir`, or a new database on the server.
QString freshHistory(const QTemporaryDir& dir)
{
    if (!Backend::postgres)
        return dir.filePath(QStringLiteral("h.sqlite"));
    const QString name = QStringLiteral("h%1").arg(++Backend::databases);
    if (!runServerScript({QStringLiteral("sql"), Backend::dir, Backend::port, QStringLiteral("postgres"),
                          QStringLiteral("CREATE DATABASE %1 OWNER slipway").arg(name)}))
        return {};
    return QStringLiteral("postgresql://slipway@127.0.0.1:%1/%2").arg(Backend::port, name);
}

// Runs SQL on the history behind Slipway's back (as the file's owner, or as the server's superuser).
bool tamper(const QString& location, const QString& sql)
{
    if (!Backend::postgres)
        return runSqlite(location, sql);
    return runServerScript({QStringLiteral("sql"), Backend::dir, Backend::port, QUrl(location).path().mid(1), sql});
}

// A real storage folder whose first manifest URL, once armed, comes after the history's connection is cut by the
// server (as a server restart or a dropped network would): the moment between a rollout's manifest and its event.
class CutAfterManifest : public storage::FolderStorage
{
public:
    CutAfterManifest(const QString& root, QString location) : FolderStorage(root), m_location(std::move(location)) {}
    bool armed = false;
    mutable int cuts = 0;

    [[nodiscard]] QUrl publicUrl(const QString& key) const override
    {
        if (armed && cuts == 0) {
            ++cuts;
            (void)tamper(m_location, QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                                    "datname = current_database() AND pid <> pg_backend_pid()"));
        }
        return FolderStorage::publicUrl(key);
    }

private:
    QString m_location;
};

QString sha256Hex(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

// Schema 5 added the desks, 6 the devices' channels, 7 the search's copy of the releases: back to schema `version`
// (2 or 4), as an older Slipway left its history.
QString rewindSchemaTo(int version)
{
    QString sql = Backend::postgres
                      ? QStringLiteral("DROP TRIGGER release_search_sync ON releases; DROP FUNCTION release_search_sync; ")
                      : QStringLiteral("DROP TRIGGER release_search_insert; DROP TRIGGER release_search_update; DROP "
                                       "TRIGGER release_search_delete; ");
    sql += QStringLiteral("DROP INDEX releases_by_key; DROP TABLE release_search; DROP TABLE device_channels; ALTER TABLE releases DROP COLUMN "
                          "desk; ALTER TABLE audit_chain DROP COLUMN desk; ");
    if (version < 4)
        sql += QStringLiteral("DROP INDEX releases_in_flight; DROP TABLE device_versions; DROP INDEX "
                              "device_events_by_device; ");
    return sql + QStringLiteral("DELETE FROM schema_version WHERE version > %1;").arg(version);
}

// The SQL that writes release row `id` (the `set` columns, the others NULL) and seals it as entry `id` of the chain,
// as Slipway did before schema 5 (no desk). `previous` is the hash of the entry before; it becomes this entry's.
QString releaseSealedBeforeDesks(qint64 id, const QList<QPair<QString, QString>>& set, QString* previous)
{
    ColumnValues values;
    for (const QString& column : HistoryTables::releases().columnNames()) {
        if (column != QLatin1String("desk"))
            values.append({column, QVariant()});
    }
    QStringList names{QStringLiteral("id")};
    QStringList literals{QString::number(id)};
    for (const auto& [column, value] : set) {
        for (auto& stored : values) {
            if (stored.first == column)
                stored.second = value;
        }
        names << column;
        literals << QStringLiteral("'%1'").arg(value);
    }
    AuditEntry entry;
    entry.seq = id;
    entry.table = QStringLiteral("releases");
    entry.rowId = id;
    entry.contentHash = sha256Hex(AuditChain::canonicalText(entry.table, id, values));
    entry.previousHash = *previous;
    *previous = sha256Hex(entry.hashedText().toUtf8());
    return QStringLiteral("INSERT INTO releases (%1, seal_seq, content_sha256, previous_sha256) VALUES (%2, %3, '%4', "
                          "'%5'); INSERT INTO audit_chain (seq, table_name, row_id, content_sha256, previous_sha256, "
                          "entry_sha256, recorded_at) VALUES (%3, 'releases', %3, '%4', '%5', '%6', "
                          "'2025-01-01T00:00:00.000Z');%7")
        .arg(names.join(QLatin1Char(',')), literals.join(QLatin1Char(',')))
        .arg(id)
        .arg(entry.contentHash, entry.previousHash, *previous,
             Backend::postgres ? QStringLiteral(" SELECT setval(pg_get_serial_sequence('releases', 'id'), %1);").arg(id)
                               : QString());
}

// The columns of a table as the database has them, in order.
QStringList storedColumns(const QString& location, const QString& table)
{
    const QString name = QStringLiteral("layout");
    QStringList names;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(
            Backend::postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
        QSqlQuery q(db);
        if (Backend::postgres) {
            const QUrl url(location);
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
            q = QSqlQuery(db);
            if (db.open() && q.prepare(QStringLiteral("SELECT column_name FROM information_schema.columns WHERE "
                                                      "table_name = ? ORDER BY ordinal_position"))) {
                q.addBindValue(table);
                (void)q.exec();
            }
        } else {
            db.setDatabaseName(location);
            q = QSqlQuery(db);
            if (db.open())
                (void)q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table));
        }
        while (q.next())
            names << q.value(Backend::postgres ? 0 : 1).toString();
    }
    QSqlDatabase::removeDatabase(name);
    return names;
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsSchemaAndRoundTrips()
    {
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        auto history = History::open(path);
        QVERIFY2(history, qPrintable(history.ok() ? QString() : history.error().message));
        auto& h = *history.value();
        ReleaseRecord r = sampleRelease(QStringLiteral("com.example.app"), QStringLiteral("1.0.0"));
        r.ivSessionKey = QStringLiteral("iv:block");
        auto id = h.createRelease(r);
        QVERIFY(id);
        auto back = h.release(id.value());
        QVERIFY(back);
        QCOMPARE(back->appId, r.appId);
        QCOMPARE(back->ivSessionKey, r.ivSessionKey);
        QCOMPARE(back->createdAt.toMSecsSinceEpoch(), r.createdAt.toMSecsSinceEpoch());

        StepRecord s;
        s.releaseId = id.value();
        s.name = QStringLiteral("package");
        s.startedAt = QDateTime::currentDateTimeUtc();
        s.outcome = StepOutcome::Running;
        auto sid = h.startStep(s);
        QVERIFY(sid);
        s.id = sid.value();
        s.outcome = StepOutcome::Succeeded;
        s.finishedAt = QDateTime::currentDateTimeUtc();
        s.bytes = 1234;
        QVERIFY(h.updateStep(s));
        auto steps = h.steps(id.value());
        QVERIFY(steps);
        QCOMPARE(steps->size(), 1);
        QCOMPARE(steps->first().bytes, 1234);

        QVERIFY(
            h.recordKey(KeyRecord{0, QStringLiteral("ab12"), QStringLiteral("MIIBCgKCAQEA"), QStringLiteral("default"),
                                  QDateTime::currentDateTimeUtc(), QStringLiteral("/keys/k")}));
        QVERIFY(
            h.recordKey(KeyRecord{0, QStringLiteral("ab12"), QStringLiteral("MIIBCgKCAQEA"), QStringLiteral("again"),
                                  QDateTime::currentDateTimeUtc(), QStringLiteral("/keys/k")}));
        QCOMPARE(h.keys()->size(), 1);

        ChannelEvent e;
        e.appId = r.appId;
        e.channel = r.channel;
        e.kind = ChannelEventKind::Set;
        e.version = r.version;
        e.releaseId = id.value();
        e.at = QDateTime::currentDateTimeUtc();
        QVERIFY(h.recordChannelEvent(e));

        auto report = h.verify();
        QVERIFY(report);
        QVERIFY2(report->intact(), qPrintable(report->problems.value(0).description));
        QCOMPARE(report->rows, 4);
        QCOMPARE(report->entries, 5); // release, step start, step finish, key, event
    }

    void exportQuotesCsvAndNestsStepsInJson()
    {
        QTemporaryDir dir;
        auto history = History::open(freshHistory(dir));
        QVERIFY(history);
        ReleaseRecord first = sampleRelease(QStringLiteral("com.example.app"), QStringLiteral("1.0.0"));
        first.notes = QStringLiteral("fixes \"login\", checkout\r\nand more");
        auto firstId = history.value()->createRelease(first);
        QVERIFY(firstId);
        StepRecord step;
        step.releaseId = firstId.value();
        step.name = QStringLiteral("package");
        step.startedAt = QDateTime::currentDateTimeUtc();
        step.outcome = StepOutcome::Running;
        QVERIFY(history.value()->startStep(step));
        QVERIFY(
            history.value()->createRelease(sampleRelease(QStringLiteral("com.example.app"), QStringLiteral("1.0.1"))));

        auto releases = releasesOldestFirst(*history.value());
        QVERIFY(releases);
        QCOMPARE(releases->size(), 2);
        auto csv = exportReleases(*history.value(), releases.value(), ExportFormat::Csv);
        QVERIFY(csv);
        const QList<QByteArray> lines = csv->split('\n');
        QVERIFY(lines.at(0).startsWith("id,app_id,version,channel,status,"));
        // Oldest first; the notes field is quoted with its quotes doubled and its line break kept inside.
        QVERIFY(csv->contains(",\"fixes \"\"login\"\", checkout\r\nand more\","));
        QVERIFY(csv->indexOf(",1.0.0,") < csv->indexOf(",1.0.1,"));

        const QString jsonPath = dir.filePath(QStringLiteral("export.json"));
        QCOMPARE(exportFormatFor(jsonPath), ExportFormat::Json);
        QVERIFY(writeExport(*history.value(), releases.value(), ExportFormat::Json, jsonPath));
        QFile jsonFile(jsonPath);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(jsonFile.readAll()).object();
        const QJsonArray listed = root.value(QStringLiteral("releases")).toArray();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed.at(0).toObject().value(QStringLiteral("version")).toString(), QStringLiteral("1.0.0"));
        QCOMPARE(listed.at(0).toObject().value(QStringLiteral("notes")).toString(), first.notes);
        QCOMPARE(listed.at(0).toObject().value(QStringLiteral("steps")).toArray().size(), 1);
        QCOMPARE(listed.at(1).toObject().value(QStringLiteral("steps")).toArray().size(), 0);
        QCOMPARE(root.value(QStringLiteral("audit_chain_head")).toString().size(), 64);
    }

    void reopensAtTheSameSchemaVersion()
    {
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        {
            auto h = History::open(path);
            QVERIFY(h);
            QVERIFY(h.value()->createRelease(sampleRelease(QStringLiteral("a.b.c"), QStringLiteral("1.0.0"))));
        }
        auto h = History::open(path);
        QVERIFY(h);
        QCOMPARE(h.value()->countReleases().value(), 1);
        {
            // A newer schema is refused, not downgraded.
            QVERIFY(tamper(path, QStringLiteral("INSERT INTO schema_version VALUES (99, 'x')")));
        }
        auto newer = History::open(path);
        QVERIFY(!newer);
        QVERIFY(newer.error().message.contains(QStringLiteral("newer Slipway")));
    }

    // The column lists (HistoryTables) that write, read, seal and export the rows name exactly the columns the
    // migrations create, in their order.
    void columnListsMatchTheSchema()
    {
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        QVERIFY(History::open(path));
        const QStringList id{QStringLiteral("id")};
        const QStringList seal{QStringLiteral("seal_seq"), QStringLiteral("content_sha256"),
                               QStringLiteral("previous_sha256")};
        // The desk came with schema 5 (ALTER TABLE adds it after the seal columns).
        const QStringList desk{QStringLiteral("desk")};
        QStringList releaseColumns = HistoryTables::releases().columnNames();
        QCOMPARE(releaseColumns.takeLast(), desk.first());
        QCOMPARE(storedColumns(path, QStringLiteral("releases")), id + releaseColumns + seal + desk);
        QCOMPARE(storedColumns(path, QStringLiteral("steps")), id + HistoryTables::steps().columnNames() + seal);
        QCOMPARE(storedColumns(path, QStringLiteral("keys")), id + HistoryTables::keys().columnNames() + seal);
        QCOMPARE(storedColumns(path, QStringLiteral("channel_events")),
                 id + HistoryTables::channelEvents().columnNames() + seal);
        QCOMPARE(storedColumns(path, QStringLiteral("device_events")), id + HistoryTables::deviceEvents().columnNames());
        QStringList sealed;
        for (const auto& table : HistoryTables::sealed())
            sealed << table.name;
        QCOMPARE(sealed, (QStringList{QStringLiteral("releases"), QStringLiteral("steps"), QStringLiteral("keys"),
                                      QStringLiteral("channel_events")}));
    }

    void oneReleaseInFlightPerAppVersionAndChannel()
    {
        QTemporaryDir dir;
        auto opened = History::open(freshHistory(dir));
        QVERIFY(opened);
        History& h = *opened.value();
        const auto release = [](const QString& channel = QStringLiteral("production")) {
            return sampleRelease(QStringLiteral("com.claim"), QStringLiteral("1.0.0"), channel);
        };
        auto first = h.claimRelease(release());
        QVERIFY(first);
        QVERIFY(first->id > 0);
        QVERIFY(!first->holder);
        auto second = h.claimRelease(release());
        QVERIFY(second);
        QCOMPARE(second->id, 0);
        QVERIFY(second->holder);
        QCOMPARE(second->holder->id, first->id);
        QCOMPARE(h.countReleases().value(), 1); // the refused claim wrote nothing
        // Another channel is another claim.
        auto beta = h.claimRelease(release(QStringLiteral("beta")));
        QVERIFY(beta && !beta->holder);

        // The UNIQUE index refuses a second release in flight whichever way it is written.
        ReleaseRecord sneaky = release();
        sneaky.status = ReleaseStatus::Interrupted;
        auto inserted = h.createRelease(sneaky);
        QVERIFY(!inserted);
        QCOMPARE(inserted.error().code, 5);
        QVERIFY(inserted.error().message.contains(QStringLiteral("holds its claim")));

        // Interrupted still holds the claim; abandoned releases it. Status changes are conditional.
        ReleaseRecord held = h.release(first->id, History::View::Stored).value();
        held.status = ReleaseStatus::Interrupted;
        QVERIFY(h.updateRelease(held));
        QVERIFY(h.claimRelease(release())->holder);
        ReleaseRecord abandoned = held;
        abandoned.status = ReleaseStatus::Abandoned;
        QCOMPARE(h.updateReleaseIf(abandoned, ReleaseStatus::Running, held.owner).value(), false);
        QCOMPARE(h.release(first->id, History::View::Stored)->status, ReleaseStatus::Interrupted);
        QCOMPARE(h.updateReleaseIf(abandoned, ReleaseStatus::Interrupted, held.owner).value(), true);
        auto third = h.claimRelease(release());
        QVERIFY(third && !third->holder && third->id > first->id);
        QVERIFY(h.verify()->intact());
    }

    void upgradeAbandonsOlderReleasesInFlight()
    {
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        QVERIFY(History::open(path));
        // A history from before schema 3, where nothing kept a second release from starting.
        QVERIFY(tamper(path, rewindSchemaTo(2)));
        QString previous(64, QLatin1Char('0'));
        for (int id = 1; id <= 3; ++id)
            QVERIFY(tamper(path, releaseSealedBeforeDesks(id,
                                                          {{QStringLiteral("app_id"), QStringLiteral("com.old")},
                                                           {QStringLiteral("version"), QStringLiteral("1.0.0")},
                                                           {QStringLiteral("channel"), QStringLiteral("production")},
                                                           {QStringLiteral("status"), ReleaseStatus::Interrupted}},
                                                          &previous)));
        auto h = History::open(path);
        QVERIFY2(h, qPrintable(h.error().message));
        ReleaseFilter all;
        all.limit = 0;
        auto listed = h.value()->releases(all);
        QVERIFY(listed);
        QStringList statuses;
        for (const auto& r : listed.value())
            statuses.prepend(r.status);
        QCOMPARE(statuses,
                 (QStringList{ReleaseStatus::Abandoned, ReleaseStatus::Abandoned, ReleaseStatus::Interrupted}));
        QVERIFY(h.value()->release(1)->reason.contains(QStringLiteral("upgraded to schema 3")));
        QVERIFY(h.value()->verify()->intact());
        auto claim = h.value()->claimRelease(sampleRelease(QStringLiteral("com.old"), QStringLiteral("1.0.0")));
        QVERIFY(claim && claim->holder);
        QCOMPARE(claim->holder->id, 3);
    }

    void releasesOfDeadProcessesAreReportedInterrupted()
    {
        QTemporaryDir dir;
        auto opened = History::open(freshHistory(dir));
        QVERIFY(opened);
        History& h = *opened.value();
        ReleaseRecord ghost = sampleRelease(QStringLiteral("com.ghost"), QStringLiteral("1.0.0"));
        ghost.owner = QStringLiteral("%1 999999999 12345").arg(QSysInfo::machineHostName());
        ghost.lastStep = QStringLiteral("upload");
        const qint64 id = h.createRelease(ghost).value();
        StepRecord step;
        step.releaseId = id;
        step.name = QStringLiteral("upload");
        step.outcome = StepOutcome::Running;
        QVERIFY(h.startStep(step));
        ReleaseRecord alive = sampleRelease(QStringLiteral("com.alive"), QStringLiteral("1.0.0"));
        alive.owner = ReleaseOwner::current();
        const qint64 aliveId = h.createRelease(alive).value();

        // What readers see before anything could be written ...
        QCOMPARE(h.release(id)->status, ReleaseStatus::Interrupted);
        QVERIFY(h.release(id)->reason.contains(QStringLiteral("stopped during upload")));
        QCOMPARE(h.releases().value().last().status, ReleaseStatus::Interrupted);
        QCOMPARE(h.steps(id)->first().outcome, StepOutcome::Interrupted);
        QCOMPARE(h.release(aliveId)->status, ReleaseStatus::Running);
        // ... while the rows still say what was written.
        QCOMPARE(h.release(id, History::View::Stored)->status, ReleaseStatus::Running);
        QCOMPARE(h.steps(id, History::View::Stored)->first().outcome, StepOutcome::Running);

        QVERIFY(h.reconcileDeadOwners());
        QCOMPARE(h.release(id, History::View::Stored)->status, ReleaseStatus::Interrupted);
        QCOMPARE(h.steps(id, History::View::Stored)->first().outcome, StepOutcome::Interrupted);
        QCOMPARE(h.release(aliveId, History::View::Stored)->status, ReleaseStatus::Running);
        QVERIFY(h.verify()->intact());
    }

    void filtersReleases()
    {
        QTemporaryDir dir;
        auto history = History::open(freshHistory(dir));
        QVERIFY(history);
        auto& h = *history.value();
        QList<ReleaseRecord> batch;
        for (int i = 0; i < 50; ++i) {
            auto r = sampleRelease(i % 2 ? QStringLiteral("com.a") : QStringLiteral("com.b"),
                                   QStringLiteral("1.0.%1").arg(i),
                                   i % 5 ? QStringLiteral("production") : QStringLiteral("beta"));
            r.status = i % 3 ? ReleaseStatus::Completed : ReleaseStatus::Interrupted;
            r.keyFingerprint = i % 7 ? QStringLiteral("aa") : QStringLiteral("bb");
            batch << r;
        }
        QVERIFY(h.importReleases(batch));
        ReleaseFilter f;
        f.appId = QStringLiteral("com.a");
        f.channel = QStringLiteral("production");
        auto list = h.releases(f);
        QVERIFY(list);
        for (const auto& r : list.value()) {
            QCOMPARE(r.appId, QStringLiteral("com.a"));
            QCOMPARE(r.channel, QStringLiteral("production"));
        }
        QCOMPARE(list->size(), 20);
        QVERIFY(list->first().id > list->last().id); // newest first
        f = {};
        f.status = ReleaseStatus::Interrupted;
        QCOMPARE(h.countReleases(f).value(), 17);
        // By signing key (the key inspector), newest or oldest first.
        f = {};
        f.keyFingerprint = QStringLiteral("bb");
        QCOMPARE(h.countReleases(f).value(), 8); // 0, 7, ..., 49
        f.limit = 1;
        auto newestSigned = h.releases(f);
        QVERIFY(newestSigned && newestSigned->size() == 1);
        QCOMPARE(newestSigned->first().version, QStringLiteral("1.0.49"));
        f.oldestFirst = true;
        auto firstSigned = h.releases(f);
        QVERIFY(firstSigned && firstSigned->size() == 1);
        QCOMPARE(firstSigned->first().version, QStringLiteral("1.0.0"));
        // Distinct values for the views' lists, in order, without reading the releases.
        QCOMPARE(h.releaseValues(History::Column::AppId).value(), (QStringList{"com.a", "com.b"}));
        f = {};
        f.appId = QStringLiteral("com.b");
        f.status = ReleaseStatus::Completed;
        QCOMPARE(h.releaseValues(History::Column::Channel, f).value(), (QStringList{"beta", "production"}));
        QCOMPARE(h.releaseValues(History::Column::Version, f).value().size(), 16); // even i < 50 with i % 3 != 0
        f = {};
        f.text = QStringLiteral("1.0.4");
        QCOMPARE(h.countReleases(f).value(), 11); // 1.0.4, 1.0.40-49
        // The searched text is text, never a pattern (PostgreSQL's LIKE, which its trigram index serves), and it
        // matches within one column, never across two.
        auto noted = sampleRelease(QStringLiteral("com.c"), QStringLiteral("2.0.0"));
        noted.notes = QStringLiteral("50% off_now \\ back");
        QVERIFY(h.createRelease(noted));
        for (const auto& [text, count] : QList<QPair<QString, int>>{{QStringLiteral("50% off_now"), 1},
                                                                    {QStringLiteral("%"), 1},
                                                                    {QStringLiteral("_"), 1},
                                                                    {QStringLiteral("\\ back"), 1},
                                                                    {QStringLiteral("0%"), 1},
                                                                    {QStringLiteral("1.0._"), 0},
                                                                    {QStringLiteral("com.a") + QChar(0x1f) + QStringLiteral("1.0"), 0},
                                                                    {QStringLiteral("com.c2.0.0"), 0},
                                                                    {QStringLiteral("2.0.0"), 1}}) {
            f.text = text;
            QVERIFY2(h.countReleases(f).value() == count, qPrintable(text));
        }
        // The search reads its own copy of the searched columns (release_search): it follows every change.
        auto id = h.createRelease(sampleRelease(QStringLiteral("com.d"), QStringLiteral("3.0.0")));
        QVERIFY(id);
        auto edited = h.release(id.value());
        QVERIFY(edited);
        ReleaseRecord renamed = edited.value();
        renamed.notes = QStringLiteral("hotfix for the login screen");
        QVERIFY(h.updateRelease(renamed));
        for (const auto& [text, count] : QList<QPair<QString, int>>{{QStringLiteral("login screen"), 1},
                                                                    {QStringLiteral("com.d"), 1},
                                                                    {QStringLiteral("3.0.0"), 1}}) {
            f.text = text;
            QVERIFY2(h.countReleases(f).value() == count, qPrintable(text));
        }
        auto found = h.completedRelease(QStringLiteral("com.a"), QStringLiteral("1.0.1"), QStringLiteral("production"));
        QVERIFY(found && found->has_value());
    }

    // What the channels show now: the newest event of each kind on each channel, newest first.
    void newestChannelEventsPerKind()
    {
        QTemporaryDir dir;
        auto history = History::open(freshHistory(dir));
        QVERIFY(history);
        auto& h = *history.value();
        auto id = h.createRelease(sampleRelease(QStringLiteral("com.e"), QStringLiteral("1.0.0")));
        QVERIFY(id);
        QList<qint64> recorded;
        for (const auto& [channel, kind] : QList<QPair<QString, QString>>{{"production", ChannelEventKind::Set},
                                                                          {"production", ChannelEventKind::Set},
                                                                          {"beta", ChannelEventKind::Set},
                                                                          {"production", ChannelEventKind::Rollback},
                                                                          {"production", ChannelEventKind::Set}}) {
            ChannelEvent e;
            e.appId = QStringLiteral("com.e");
            e.channel = channel;
            e.kind = kind;
            e.version = QStringLiteral("1.0.0");
            e.releaseId = id.value();
            e.at = QDateTime::currentDateTimeUtc();
            auto eventId = h.recordChannelEvent(e);
            QVERIFY(eventId);
            recorded << eventId.value();
        }
        auto newest = h.newestChannelEvents(QStringLiteral("com.e"));
        QVERIFY(newest);
        QList<qint64> ids;
        for (const ChannelEvent& e : newest.value())
            ids << e.id;
        QCOMPARE(ids, (QList<qint64>{recorded[4], recorded[3], recorded[2]}));
        QVERIFY(h.newestChannelEvents(QStringLiteral("com.other"))->isEmpty());
    }

    // A rollout change whose connection to the history is lost after its manifest changed: the write is retried on a
    // new connection, finds the manifest its first attempt wrote, and records the change's event once (it used to
    // refuse the change as already made, leaving the manifest changed without an event).
    void rolloutChangeSurvivesALostConnection()
    {
        if (!Backend::postgres)
            QSKIP("needs a server connection to lose: runs in the PostgreSQL pass");
        QTemporaryDir dir;
        const QString location = freshHistory(dir);
        auto history = History::open(location);
        QVERIFY(history);
        auto release = sampleRelease(QStringLiteral("com.cut"), QStringLiteral("1.1.0"));
        release.status = ReleaseStatus::Completed;
        auto releaseId = history.value()->createRelease(release);
        QVERIFY(releaseId);
        registry::RolloutState rollout;
        rollout.id = QStringLiteral("r-cut");
        rollout.version = QStringLiteral("1.1.0");
        rollout.percent = 10;
        rollout.release = QJsonObject{{QStringLiteral("version"), QStringLiteral("1.1.0")}};
        rollout.releaseId = releaseId.value();
        rollout.startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("storage")));
        auto storage = std::make_shared<CutAfterManifest>(dir.filePath(QStringLiteral("storage")), location);
        registry::LocalChannelRegistrar registrar(storage);
        const QString app = QStringLiteral("com.cut");
        const QString channel = QStringLiteral("production");
        auto initial = registrar.publishManifest(
            app, channel, {{QStringLiteral("version"), QStringLiteral("1.0.0")}, {QStringLiteral("rollout"), rollout.toJson()}});
        QVERIFY2(initial, qPrintable(initial.error().message));

        storage->armed = true;
        registry::ChannelRollout control(*history.value(), storage);
        auto paused = control.pause(app, channel, QStringLiteral("test"));
        QCOMPARE(storage->cuts, 1);
        QVERIFY2(paused, qPrintable(paused.error().message));
        auto manifest = registrar.publishedManifest(app, channel);
        QVERIFY(manifest);
        QCOMPARE(manifest->value(QStringLiteral("rollout")).toObject().value(QStringLiteral("state")).toString(),
                 registry::RolloutState::Paused);
        auto events = history.value()->channelEvents(app, channel);
        QVERIFY(events);
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().kind, registry::RolloutEventKind::Pause);
        QCOMPARE(events->first().id, paused->eventId);
        auto report = history.value()->verify();
        QVERIFY(report && report->intact());
    }

    void verifyNamesEditedDeletedAndForgedRows()
    {
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        {
            auto h = History::open(path);
            QVERIFY(h);
            for (int i = 0; i < 5; ++i)
                QVERIFY(
                    h.value()->createRelease(sampleRelease(QStringLiteral("com.x"), QStringLiteral("2.0.%1").arg(i))));
            ChannelEvent e;
            e.appId = QStringLiteral("com.x");
            e.channel = QStringLiteral("production");
            e.kind = ChannelEventKind::Rollback;
            e.version = QStringLiteral("2.0.1");
            QVERIFY(h.value()->recordChannelEvent(e));
        }
        QVERIFY(tamper(path, QStringLiteral("UPDATE releases SET sha256='beef' WHERE id=3")));
        QVERIFY(tamper(path, QStringLiteral("DELETE FROM releases WHERE id=4")));
        QVERIFY(tamper(path, QStringLiteral("UPDATE channel_events SET version='9.9.9' WHERE id=1")));
        QVERIFY(tamper(path, QStringLiteral("INSERT INTO releases (app_id, version, channel, status) VALUES "
                                               "('com.x','6.6.6','production','completed')")));
        auto h = History::open(path);
        QVERIFY(h);
        auto report = h.value()->verify();
        QVERIFY(report);
        QVERIFY(!report->intact());
        QStringList found;
        for (const auto& p : report->problems)
            found << QStringLiteral("%1:%2").arg(p.table).arg(p.rowId);
        found.sort();
        QCOMPARE(found, (QStringList{QStringLiteral("channel_events:1"), QStringLiteral("releases:3"),
                                     QStringLiteral("releases:4"), QStringLiteral("releases:6")}));
    }

    // Each chain entry names the desk that wrote it and each release the desk that started it, sealed: editing
    // either is reported, naming the row.
    void desksAreRecordedAndSealed()
    {
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        auto restore = qScopeGuard([] { qunsetenv("SLIPWAY_DESK"); });
        qputenv("SLIPWAY_DESK", "alice@desk-a");
        auto a = History::open(path);
        QVERIFY(a);
        auto first = a.value()->createRelease(sampleRelease(QStringLiteral("com.desk"), QStringLiteral("1.0.0")));
        QVERIFY(first);
        qputenv("SLIPWAY_DESK", "bob@desk-b");
        auto b = History::open(path);
        QVERIFY(b);
        auto second = b.value()->createRelease(sampleRelease(QStringLiteral("com.desk"), QStringLiteral("1.0.1")));
        QVERIFY(second);
        ReleaseRecord resumed = b.value()->release(first.value(), History::View::Stored).value();
        resumed.status = ReleaseStatus::Completed;
        resumed.desk.clear(); // as a runner's own record, which does not carry it
        QVERIFY(b.value()->updateRelease(resumed)); // desk B finishes what desk A started
        QCOMPARE(b.value()->release(first.value())->desk, QStringLiteral("alice@desk-a"));
        QCOMPARE(b.value()->release(second.value())->desk, QStringLiteral("bob@desk-b"));
        QCOMPARE(toJson(b.value()->release(second.value()).value()).value(QStringLiteral("desk")).toString(),
                 QStringLiteral("bob@desk-b"));
        auto entries = b.value()->auditEntries(QStringLiteral("releases"), first.value());
        QVERIFY(entries);
        QCOMPARE(entries->size(), 2);
        QCOMPARE(entries->at(0).desk, QStringLiteral("alice@desk-a"));
        QCOMPARE(entries->at(1).desk, QStringLiteral("bob@desk-b"));
        QVERIFY(entries->at(1).hashedText().endsWith(QStringLiteral("|bob@desk-b")));
        QVERIFY(b.value()->verify()->intact());

        QVERIFY(tamper(path, QStringLiteral("UPDATE releases SET desk = 'mallory@elsewhere' WHERE id = %1")
                                 .arg(second.value())));
        QVERIFY(tamper(path, QStringLiteral("UPDATE audit_chain SET desk = 'mallory@elsewhere' WHERE seq = 1")));
        auto report = b.value()->verify();
        QVERIFY(report);
        QString all;
        for (const auto& p : report->problems)
            all += p.description + QLatin1Char('\n');
        QVERIFY2(all.contains(QStringLiteral("releases row %1 (com.desk 1.0.1 on production) was edited")
                                  .arg(second.value())),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("audit entry 1 (releases row %1) was edited").arg(first.value())),
                 qPrintable(all));

        qputenv("SLIPWAY_DESK", "no-host-here");
        auto refused = History::open(path);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("SLIPWAY_DESK must name a desk as USER@HOST")),
                 qPrintable(refused.error().message));
    }

    // A history from before schema 5 (rows and entries without a desk) still verifies after the upgrade: their
    // canonical and hashed texts are the ones they were sealed with.
    void historyFromBeforeDesksStillVerifies()
    {
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        QVERIFY(History::open(path));
        QVERIFY(tamper(path, rewindSchemaTo(4)));
        QString previous(64, QLatin1Char('0'));
        QVERIFY(tamper(path, releaseSealedBeforeDesks(1,
                                                      {{QStringLiteral("app_id"), QStringLiteral("com.old")},
                                                       {QStringLiteral("version"), QStringLiteral("0.9.0")},
                                                       {QStringLiteral("channel"), QStringLiteral("production")},
                                                       {QStringLiteral("status"), ReleaseStatus::Completed}},
                                                      &previous)));
        auto h = History::open(path);
        QVERIFY2(h, qPrintable(h.error().message));
        auto report = h.value()->verify();
        QVERIFY(report);
        QVERIFY2(report->intact(), qPrintable(report->problems.value(0).description));
        QCOMPARE(h.value()->release(1)->desk, QString());
        auto added = h.value()->createRelease(sampleRelease(QStringLiteral("com.old"), QStringLiteral("1.0.0")));
        QVERIFY(added);
        QVERIFY(!h.value()->release(added.value())->desk.isEmpty());
        QVERIFY(h.value()->verify()->intact());
        QCOMPARE(h.value()->auditEntries(QStringLiteral("releases"), 1)->first().desk, QString());
        QVERIFY(!h.value()->auditEntries(QStringLiteral("releases"), added.value())->first().desk.isEmpty());
    }

    void verifyNamesReorderedAndDeletedChainEntries()
    {
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        {
            auto h = History::open(path);
            QVERIFY(h);
            for (int i = 0; i < 4; ++i)
                QVERIFY(
                    h.value()->createRelease(sampleRelease(QStringLiteral("com.y"), QStringLiteral("3.0.%1").arg(i))));
        }
        // Swap the ids of two releases: both rows no longer match their seal.
        QVERIFY(tamper(path,
                          QStringLiteral("UPDATE releases SET id=100 WHERE id=1; UPDATE releases SET id=1 WHERE id=2; "
                                         "UPDATE releases SET id=2 WHERE id=100;")));
        QVERIFY(tamper(path, QStringLiteral("DELETE FROM audit_chain WHERE seq=3")));
        auto h = History::open(path);
        QVERIFY(h);
        auto report = h.value()->verify();
        QVERIFY(report);
        QString all;
        for (const auto& p : report->problems)
            all += p.description + QLatin1Char('\n');
        QVERIFY2(all.contains(QStringLiteral("releases row 1")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("releases row 2")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("audit entry 4 (releases row 4) does not follow")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("audit entries 3 to 3 were deleted")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("releases row 3 (com.y 3.0.2 on production) is not in the audit chain")),
                 qPrintable(all));
    }

    // Several writers at once (4 connections x 25 releases, each with a step): every row is recorded, none is
    // refused as busy, and the one audit chain verifies.
    void concurrentWritersShareOneChain()
    {
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        QVERIFY(History::open(path));
        constexpr int Writers = 4;
        constexpr int Releases = 25;
        QList<QThread*> threads;
        QStringList errors;
        QMutex errorsLock;
        for (int w = 0; w < Writers; ++w) {
            threads << QThread::create([&, w] {
                auto report = [&](const QString& e) {
                    const QMutexLocker lock(&errorsLock);
                    errors << e;
                };
                auto h = History::open(path);
                if (!h)
                    return report(h.error().message);
                for (int i = 0; i < Releases; ++i) {
                    auto claim = h.value()->claimRelease(
                        sampleRelease(QStringLiteral("com.team"), QStringLiteral("%1.0.%2").arg(w).arg(i)));
                    if (!claim || claim->id == 0)
                        return report(claim ? QStringLiteral("claim refused") : claim.error().message);
                    StepRecord step;
                    step.releaseId = claim->id;
                    step.name = QStringLiteral("upload");
                    step.outcome = StepOutcome::Running;
                    auto stepId = h.value()->startStep(step);
                    if (!stepId)
                        return report(stepId.error().message);
                    step.id = stepId.value();
                    step.outcome = StepOutcome::Succeeded;
                    if (Status s = h.value()->updateStep(step); !s)
                        return report(s.error().message);
                    auto record = h.value()->release(claim->id, History::View::Stored);
                    if (!record)
                        return report(record.error().message);
                    record->status = ReleaseStatus::Completed;
                    if (Status s = h.value()->updateRelease(record.value()); !s)
                        return report(s.error().message);
                }
            });
        }
        for (QThread* t : threads)
            t->start();
        for (QThread* t : threads) {
            QVERIFY(t->wait(300000));
            delete t;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        auto h = History::open(path);
        QVERIFY(h);
        ReleaseFilter completed;
        completed.status = ReleaseStatus::Completed;
        QCOMPARE(h.value()->countReleases(completed).value(), Writers * Releases);
        auto report = h.value()->verify();
        QVERIFY(report);
        QVERIFY2(report->intact(), qPrintable(report->problems.value(0).description));
        QCOMPARE(report->rows, 2 * Writers * Releases);
        QCOMPARE(report->entries, 4 * Writers * Releases); // release, step start, step end, release completed
    }

    // The device statistics beside the history: events, per-device outcomes, the tally and adoption per minute.
    void deviceStatsTallyEachDeviceOnce()
    {
        QTemporaryDir dir;
        auto history = History::open(freshHistory(dir));
        QVERIFY(history);
        DeviceStats stats(*history.value());
        const QDateTime at = QDateTime::fromString(QStringLiteral("2026-05-01T10:00:30.000Z"), Qt::ISODateWithMs);
        auto event = [&](const QString& device, const QString& action, StatsEvent::Outcome outcome, int seconds) {
            StatsEvent e;
            e.event.appId = QStringLiteral("com.stats");
            e.event.deviceId = device;
            e.event.action = action;
            e.event.versionName = QStringLiteral("1.1.0");
            e.event.at = at.addSecs(seconds);
            e.event.raw = QStringLiteral("{}");
            e.outcome = outcome;
            return e;
        };
        using O = StatsEvent::Outcome;
        QVERIFY(stats.record({event(QStringLiteral("a"), QStringLiteral("set"), O::Applied, 0),
                              event(QStringLiteral("a"), QStringLiteral("set"), O::Applied, 1),
                              event(QStringLiteral("b"), QStringLiteral("decrypt_fail"), O::Failed, 2),
                              event(QStringLiteral("b"), QStringLiteral("checksum_fail"), O::Failed, 3),
                              event(QStringLiteral("c"), QStringLiteral("set"), O::Applied, 60),
                              event(QStringLiteral("c"), QStringLiteral("revert"), O::Reverted, 61)}));
        auto t = stats.tally(QStringLiteral("com.stats"), QStringLiteral("1.1.0"));
        QVERIFY2(t, qPrintable(t.error().message));
        QCOMPARE(t->devices, 3);
        QCOMPARE(t->applied, 2);
        QCOMPARE(t->failed, 1);
        QCOMPARE(t->reverted, 1);
        QCOMPARE(t->topFailures.value(0).first, QStringLiteral("decrypt_fail")); // the first failure it reported
        QCOMPARE(t->exampleDevices, QStringList{QStringLiteral("b")});
        QCOMPARE(stats.eventCount(QStringLiteral("com.stats")).value(), 6);
        QCOMPARE(stats.eventsOf(QStringLiteral("com.stats"), QStringLiteral("b"))->size(), 2);
        QCOMPARE(history.value()->deviceEvents(QString(), 0)->size(), 6);
        auto versions = stats.versionsOf(QStringLiteral("com.stats"), QStringLiteral("c"));
        QVERIFY(versions && versions->size() == 1);
        QVERIFY(versions->first().applied && versions->first().reverted && !versions->first().failed);
        auto perMinute = stats.perMinute(QStringLiteral("com.stats"), QStringLiteral("1.1.0"), {QStringLiteral("set")});
        QVERIFY(perMinute);
        QCOMPARE(perMinute->size(), 2);
        QCOMPARE(perMinute->at(0).second, 1); // a (twice, counted once)
        QCOMPARE(perMinute->at(1).first, QDateTime::fromString(QStringLiteral("2026-05-01T10:01:00Z"), Qt::ISODate));
    }

    // PostgreSQL only: the server's answers that a file never gives.
    void serverRefusalsAreClear()
    {
        if (!Backend::postgres)
            QSKIP("A PostgreSQL server's refusals.");
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        auto withPassword = History::open(QUrl(path).toString().replace(QStringLiteral("slipway@"),
                                                                         QStringLiteral("slipway:secret@")));
        QVERIFY(!withPassword);
        QVERIFY2(withPassword.error().message.contains(QStringLiteral("PGPASSWORD")),
                 qPrintable(withPassword.error().message));
        QVERIFY(!withPassword.error().message.contains(QStringLiteral("secret")));

        const QByteArray password = qgetenv("PGPASSWORD");
        qputenv("PGPASSWORD", "wrong");
        auto wrong = History::open(path);
        qputenv("PGPASSWORD", password);
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().message.contains(QStringLiteral("password authentication failed")),
                 qPrintable(wrong.error().message));
        QVERIFY(!wrong.error().message.contains(QStringLiteral("wrong")));

        // Nothing listens on the probe's port once it is closed: refused at once, not after a long wait.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closed = probe.serverPort();
        probe.close();
        QElapsedTimer timer;
        timer.start();
        auto unreachable = History::open(QStringLiteral("postgresql://slipway@127.0.0.1:%1/h1").arg(closed));
        QVERIFY(!unreachable);
        QVERIFY(timer.elapsed() < 6000);
        QVERIFY2(unreachable.error().message.contains(QStringLiteral("did not let Slipway in")),
                 qPrintable(unreachable.error().message));

        // A role that may only read: every query works, every write says why it cannot.
        {
            auto h = History::open(path);
            QVERIFY(h);
            QVERIFY(h.value()->createRelease(sampleRelease(QStringLiteral("com.ro"), QStringLiteral("1.0.0"))));
        }
        const QString database = QUrl(path).path().mid(1);
        QVERIFY(runServerScript({QStringLiteral("sql"), Backend::dir, Backend::port, database,
                                 QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                                                "'reader') THEN CREATE ROLE reader LOGIN PASSWORD '%1'; END IF; END "
                                                "$$; GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader")
                                     .arg(QString::fromUtf8(password))}));
        auto reader = History::open(QString(path).replace(QStringLiteral("slipway@"), QStringLiteral("reader@")));
        QVERIFY2(reader, qPrintable(reader.error().message));
        QCOMPARE(reader.value()->countReleases().value(), 1);
        QVERIFY(reader.value()->verify()->intact());
        auto refused = reader.value()->createRelease(sampleRelease(QStringLiteral("com.ro"), QStringLiteral("2.0.0")));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("may only read it")),
                 qPrintable(refused.error().message));
    }

    void canonicalContentIsJsonAReviewerCanRead()
    {
        ReleaseRecord r = sampleRelease(QStringLiteral("com.example.app"), QStringLiteral("1.0.0"));
        r.id = 42;
        r.notes = QStringLiteral("quote \" backslash \\ newline \n tab \t bell \x07 unicode \u00e9\u4e2d \U0001F680");
        r.plainSize = 123456789012;
        const QByteArray text = History::canonical(r);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        QVERIFY2(doc.isObject(), qPrintable(error.errorString()));
        const QJsonObject o = doc.object();
        QCOMPARE(o.value(QStringLiteral("notes")).toString(), r.notes);
        QCOMPARE(o.value(QStringLiteral("id")).toString(), QStringLiteral("42"));
        QCOMPARE(o.value(QStringLiteral("_table")).toString(), QStringLiteral("releases"));
        QCOMPARE(o.value(QStringLiteral("plain_size")).toString(), QStringLiteral("123456789012"));
        QVERIFY(!text.contains(' ') || r.notes.contains(QLatin1Char(' ')));
        QCOMPARE(QJsonDocument(o).toJson(QJsonDocument::Compact).size() > 0, true);

        // The same content round-trips through the database to the same seal.
        QTemporaryDir dir;
        auto history = History::open(freshHistory(dir));
        QVERIFY(history);
        auto id = history.value()->createRelease(r);
        QVERIFY(id);
        auto back = history.value()->release(id.value());
        QVERIFY(back);
        QCOMPARE(back->notes, r.notes);
        QVERIFY(history.value()->verify()->intact());
    }

    void damagedFileIsKeptAndBackedUp_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("garbage") << QStringLiteral("garbage");
        QTest::newRow("damaged pages") << QStringLiteral("pages");
    }

    void damagedFileIsKeptAndBackedUp()
    {
        if (Backend::postgres)
            QSKIP("A damaged file is SQLite's case; PostgreSQL keeps its own storage.");
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QString path = freshHistory(dir);
        if (kind == QLatin1String("garbage")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        } else {
            {
                auto h = History::open(path);
                QVERIFY(h);
                QList<ReleaseRecord> batch;
                for (int i = 0; i < 300; ++i)
                    batch << sampleRelease(QStringLiteral("com.z"), QStringLiteral("1.%1.0").arg(i));
                QVERIFY(h.value()->importReleases(batch));
            }
            QVERIFY(tamper(path, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;")));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            // Overwrite the second page onwards (the schema stays readable, the tables do not).
            f.seek(4096 * 2);
            f.write(QByteArray(4096 * 3, '\xA5'));
        }
        const QByteArray before = fileHash(path);
        auto h = History::open(path);
        QVERIFY(!h);
        QVERIFY2(h.error().message.contains(QStringLiteral("damaged")), qPrintable(h.error().message));
        QVERIFY2(h.error().message.contains(QStringLiteral(".bak")), qPrintable(h.error().message));
        QCOMPARE(fileHash(path), before);
        const QStringList backups = QDir(dir.path()).entryList({QStringLiteral("h.sqlite.damaged-*.bak")});
        QCOMPARE(backups.size(), 1);
        QCOMPARE(fileHash(dir.filePath(backups.first())), before);
        // A second attempt neither touches the file nor piles up copies.
        QVERIFY(!History::open(path));
        QCOMPARE(fileHash(path), before);
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("h.sqlite.damaged-*.bak")}).size(), 1);
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    TestHistory onSqlite;
    int failures = QTest::qExec(&onSqlite, argc, argv);

    // The same tests on PostgreSQL: a throw-away server on a free loopback port.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return failures + 1;
    Backend::port = QString::number(probe.serverPort());
    probe.close();
    QByteArray exports;
    if (!runServerScript({QStringLiteral("start"), Backend::port}, &exports)) {
        qCritical("The PostgreSQL test server did not start (tests/servers/install.sh installs postgresql-15).");
        return failures + 1;
    }
    QHash<QString, QString> values;
    for (const QByteArray& pair : exports.trimmed().split(' ')) {
        const int eq = pair.indexOf('=');
        if (eq > 0)
            values.insert(QString::fromUtf8(pair.left(eq)), QString::fromUtf8(pair.mid(eq + 1)));
    }
    Backend::postgres = true;
    Backend::dir = values.value(QStringLiteral("PG_DIR"));
    qputenv("PGPASSWORD", values.value(QStringLiteral("PG_PASSWORD")).toUtf8()); // never in the location
    TestHistory onPostgres;
    failures += QTest::qExec(&onPostgres, argc, argv);
    (void)runServerScript({QStringLiteral("stop"), values.value(QStringLiteral("PG_PID")), Backend::dir});
    return failures;
}
#include "tst_history.moc"
