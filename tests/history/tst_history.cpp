// The release history on a real SQLite file: schema, queries, the audit chain and damage handling.
#include "history/History.h"
#include "history/HistoryExport.h"
#include "history/HistoryTables.h"
#include "history/ReleaseOwner.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
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

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsSchemaAndRoundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
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
        auto history = History::open(dir.filePath(QStringLiteral("h.sqlite")));
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
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
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
            QVERIFY(runSqlite(path, QStringLiteral("INSERT INTO schema_version VALUES (99, 'x')")));
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
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        QVERIFY(History::open(path));
        const QString name = QStringLiteral("layout");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            auto columnsOf = [&](const QString& table) {
                QSqlQuery q(db);
                QStringList names;
                if (q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table))) {
                    while (q.next())
                        names << q.value(1).toString();
                }
                return names;
            };
            const QStringList id{QStringLiteral("id")};
            const QStringList seal{QStringLiteral("seal_seq"), QStringLiteral("content_sha256"),
                                   QStringLiteral("previous_sha256")};
            QCOMPARE(columnsOf(QStringLiteral("releases")), id + HistoryTables::releases().columnNames() + seal);
            QCOMPARE(columnsOf(QStringLiteral("steps")), id + HistoryTables::steps().columnNames() + seal);
            QCOMPARE(columnsOf(QStringLiteral("keys")), id + HistoryTables::keys().columnNames() + seal);
            QCOMPARE(columnsOf(QStringLiteral("channel_events")),
                     id + HistoryTables::channelEvents().columnNames() + seal);
            QCOMPARE(columnsOf(QStringLiteral("device_events")), id + HistoryTables::deviceEvents().columnNames());
            QStringList sealed;
            for (const auto& table : HistoryTables::sealed())
                sealed << table.name;
            QCOMPARE(sealed, (QStringList{QStringLiteral("releases"), QStringLiteral("steps"), QStringLiteral("keys"),
                                          QStringLiteral("channel_events")}));
        }
        QSqlDatabase::removeDatabase(name);
    }

    void oneReleaseInFlightPerAppVersionAndChannel()
    {
        QTemporaryDir dir;
        auto opened = History::open(dir.filePath(QStringLiteral("h.sqlite")));
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
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        {
            auto h = History::open(path);
            QVERIFY(h);
            // A history from before schema 3, where nothing kept a second release from starting.
            QVERIFY(runSqlite(path, QStringLiteral("DROP INDEX releases_in_flight; DROP TABLE device_versions; "
                                                   "DROP INDEX device_events_by_device; "
                                                   "DELETE FROM schema_version WHERE version >= 3;")));
            for (int i = 0; i < 3; ++i) {
                ReleaseRecord r = sampleRelease(QStringLiteral("com.old"), QStringLiteral("1.0.0"));
                r.status = ReleaseStatus::Interrupted;
                QVERIFY(h.value()->createRelease(r));
            }
        }
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
        auto opened = History::open(dir.filePath(QStringLiteral("h.sqlite")));
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
        auto history = History::open(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(history);
        auto& h = *history.value();
        QList<ReleaseRecord> batch;
        for (int i = 0; i < 50; ++i) {
            auto r = sampleRelease(i % 2 ? QStringLiteral("com.a") : QStringLiteral("com.b"),
                                   QStringLiteral("1.0.%1").arg(i),
                                   i % 5 ? QStringLiteral("production") : QStringLiteral("beta"));
            r.status = i % 3 ? ReleaseStatus::Completed : ReleaseStatus::Interrupted;
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
        f = {};
        f.text = QStringLiteral("1.0.4");
        QCOMPARE(h.countReleases(f).value(), 11); // 1.0.4, 1.0.40-49
        auto found = h.completedRelease(QStringLiteral("com.a"), QStringLiteral("1.0.1"), QStringLiteral("production"));
        QVERIFY(found && found->has_value());
    }

    void verifyNamesEditedDeletedAndForgedRows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
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
        QVERIFY(runSqlite(path, QStringLiteral("UPDATE releases SET sha256='beef' WHERE id=3")));
        QVERIFY(runSqlite(path, QStringLiteral("DELETE FROM releases WHERE id=4")));
        QVERIFY(runSqlite(path, QStringLiteral("UPDATE channel_events SET version='9.9.9' WHERE id=1")));
        QVERIFY(runSqlite(path, QStringLiteral("INSERT INTO releases (app_id, version, channel, status) VALUES "
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

    void verifyNamesReorderedAndDeletedChainEntries()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        {
            auto h = History::open(path);
            QVERIFY(h);
            for (int i = 0; i < 4; ++i)
                QVERIFY(
                    h.value()->createRelease(sampleRelease(QStringLiteral("com.y"), QStringLiteral("3.0.%1").arg(i))));
        }
        // Swap the ids of two releases: both rows no longer match their seal.
        QVERIFY(runSqlite(path,
                          QStringLiteral("UPDATE releases SET id=100 WHERE id=1; UPDATE releases SET id=1 WHERE id=2; "
                                         "UPDATE releases SET id=2 WHERE id=100;")));
        QVERIFY(runSqlite(path, QStringLiteral("DELETE FROM audit_chain WHERE seq=3")));
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

        // The same content round-trips through SQLite to the same seal.
        QTemporaryDir dir;
        auto history = History::open(dir.filePath(QStringLiteral("h.sqlite")));
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
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
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
            QVERIFY(runSqlite(path, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;")));
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

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
