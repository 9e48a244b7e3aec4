// serve's /stats writer on its own thread and connection, against a real SQLite history in a temporary folder:
// every accepted event is written exactly once, also when the history is locked by another process for a while;
// a full backlog refuses with 503; tallies come back after the write that precedes them.
#include "common/InputLimits.h"
#include "history/DeviceStats.h"
#include "history/History.h"
#include "registry/RolloutWatcher.h"
#include "registry/StatsRecorder.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <mutex>

using namespace slipway;
using namespace slipway::registry;

namespace {

const QString App = QStringLiteral("com.example.app");

history::StatsEvent statsEvent(int device, const QString& action, const QString& version = QStringLiteral("1.1.0"))
{
    return RolloutWatcher::classify(QJsonObject{{QStringLiteral("app_id"), App},
                                                {QStringLiteral("device_id"), QStringLiteral("phone-%1").arg(device)},
                                                {QStringLiteral("action"), action},
                                                {QStringLiteral("version_name"), version}});
}

qint64 storedEvents(const QString& path)
{
    auto history = history::History::open(path);
    if (!history)
        return -1;
    auto count = history::DeviceStats(*history.value()).eventCount(App);
    return count ? count.value() : -1;
}

// Another process's write transaction on the history file, held until release().
class WriteLock
{
public:
    explicit WriteLock(const QString& path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), Name);
        db.setDatabaseName(path);
        m_held = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~WriteLock() { release(); }
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;
    [[nodiscard]] bool held() const { return m_held; }
    void release()
    {
        if (!QSqlDatabase::contains(Name))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(Name);
            if (m_held)
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(Name);
        m_held = false;
    }

private:
    static inline const QString Name = QStringLiteral("tst_StatsRecorder_lock");
    bool m_held = false;
};

} // namespace

class tst_StatsRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyAcceptedEventIsWrittenOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QVERIFY(history::History::open(path).ok());
        QStringList reports;
        auto recorder = StatsRecorder::start(path, {}, [&](const QString& line) { reports << line; });
        QVERIFY2(recorder.ok(), qPrintable(recorder.error().message));
        // Enqueued while earlier batches are being written.
        for (int i = 0; i < 20000; ++i) {
            QVERIFY(recorder.value()->enqueue(statsEvent(i, QStringLiteral("download_complete"))).ok());
            if (i % 5000 == 0)
                QTest::qWait(250);
        }
        QVERIFY(recorder.value()->flush().ok());
        QCOMPARE(recorder.value()->recorded(), qint64(20000));
        QCOMPARE(storedEvents(path), qint64(20000));
        QCOMPARE(recorder.value()->takeReportedApps(), QSet<QString>{App});
        QVERIFY(recorder.value()->takeReportedApps().isEmpty());
        QVERIFY2(reports.isEmpty(), qPrintable(reports.join(QLatin1Char('\n'))));
    }

    void talliesFollowTheWriteBeforeThem()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        std::mutex mutex;
        QList<TalliedRollout> got;
        auto recorder = StatsRecorder::start(
            path,
            [&](const QList<TalliedRollout>& tallies) {
                std::lock_guard lock(mutex);
                got += tallies;
            },
            {});
        QVERIFY2(recorder.ok(), qPrintable(recorder.error().message));
        for (int i = 0; i < 100; ++i) {
            QVERIFY(recorder.value()->enqueue(statsEvent(i, QStringLiteral("download_complete"))).ok());
            QVERIFY(recorder.value()->enqueue(statsEvent(i, i < 30 ? QStringLiteral("decrypt_fail") : QStringLiteral("set"))).ok());
        }
        WatchedRollout watched;
        watched.appId = App;
        watched.channel = QStringLiteral("production");
        watched.rollout.version = QStringLiteral("1.1.0");
        recorder.value()->requestTallies({watched});
        QVERIFY(recorder.value()->flush().ok());
        std::lock_guard lock(mutex);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.first().watched.channel, QStringLiteral("production"));
        QCOMPARE(got.first().tally.devices, qint64(100));
        QCOMPARE(got.first().tally.failed, qint64(30));
        QCOMPARE(got.first().tally.applied, qint64(70));
    }

    // A history locked by another process: nothing accepted is lost, the failure is reported, the events are
    // written once the lock is gone; and a backlog at its limit refuses with 503 instead of growing.
    void aLockedHistoryLosesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QVERIFY(history::History::open(path).ok());
        std::mutex mutex;
        QStringList reports;
        auto recorder = StatsRecorder::start(path, {}, [&](const QString& line) {
            std::lock_guard lock(mutex);
            reports << line;
        });
        QVERIFY2(recorder.ok(), qPrintable(recorder.error().message));
        WriteLock lock(path);
        QVERIFY(lock.held());
        qint64 accepted = 0;
        Status refused = Ok{};
        for (int i = 0; i < 2 * limits::ServeStatsBacklog + 1000 && refused.ok(); ++i) {
            refused = recorder.value()->enqueue(statsEvent(i, QStringLiteral("set")));
            if (refused)
                ++accepted;
        }
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, 503);
        QVERIFY2(refused.error().message.contains(QStringLiteral("try again shortly")), qPrintable(refused.error().message));
        QVERIFY(accepted >= limits::ServeStatsBacklog);
        // The history gives another writer up to a minute before a write fails.
        const auto firstReport = [&] {
            std::lock_guard guard(mutex);
            return reports.value(0);
        };
        QTRY_VERIFY_WITH_TIMEOUT(!firstReport().isEmpty(), 120000);
        QVERIFY2(firstReport().contains(QStringLiteral("could not be written to the history (kept, retried)")),
                 qPrintable(firstReport()));
        QCOMPARE(recorder.value()->recorded(), qint64(0));
        lock.release();
        QVERIFY(recorder.value()->flush().ok());
        QCOMPARE(recorder.value()->recorded(), accepted);
        QCOMPARE(storedEvents(path), accepted);
    }

    // Destroying the recorder writes what is still queued.
    void stoppingWritesTheQueue()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            auto recorder = StatsRecorder::start(path, {}, {});
            QVERIFY(recorder.ok());
            for (int i = 0; i < 500; ++i)
                QVERIFY(recorder.value()->enqueue(statsEvent(i, QStringLiteral("set"))).ok());
        }
        QCOMPARE(storedEvents(path), qint64(500));
    }

    void anUnwritableHistoryIsRefusedAtStart()
    {
        auto recorder = StatsRecorder::start(QStringLiteral("/proc/no-such-folder/history.sqlite"), {}, {});
        QVERIFY(!recorder.ok());
        QVERIFY(!recorder.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_StatsRecorder)
#include "tst_StatsRecorder.moc"
