// What a device is served from a channel manifest with a rollout, and the per-version device statistics the health
// policy reads (a real SQLite history in a temporary folder).
#include "history/DeviceStats.h"
#include "history/History.h"
#include "registry/RolloutCohort.h"
#include "registry/RolloutState.h"
#include "registry/RolloutWatcher.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace slipway;
using namespace slipway::registry;

namespace {

QJsonObject release(const QString& version)
{
    return QJsonObject{{QStringLiteral("version"), version},
                       {QStringLiteral("url"), QStringLiteral("https://cdn.example/%1.zip").arg(version)},
                       {QStringLiteral("session_key"), QStringLiteral("iv:key")},
                       {QStringLiteral("checksum"), QStringLiteral("sig")}};
}

QJsonObject manifest(const QString& state, double percent)
{
    RolloutState r;
    r.id = QStringLiteral("1.1.0-abc");
    r.version = QStringLiteral("1.1.0");
    r.percent = percent;
    r.state = state;
    r.release = release(r.version);
    QJsonObject m = release(QStringLiteral("1.0.0"));
    m.insert(QStringLiteral("rollout"), r.toJson());
    return m;
}

// A device id inside (or outside) the cohort of rollout "1.1.0-abc" at 10 %.
QString deviceWhere(bool inside)
{
    for (int i = 0;; ++i) {
        const QString id = QStringLiteral("phone-%1").arg(i);
        if (RolloutCohort::includes(id, QStringLiteral("1.1.0-abc"), 10) == inside)
            return id;
    }
}

QJsonObject stat(const QString& device, const QString& action, const QString& version)
{
    return QJsonObject{{QStringLiteral("app_id"), QStringLiteral("com.example.app")},
                       {QStringLiteral("device_id"), device},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("version_name"), version}};
}

} // namespace

class tst_RolloutState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noRolloutServesStable()
    {
        const ServedRelease s = RolloutState::choose(release(QStringLiteral("1.0.0")), QStringLiteral("x"), {});
        QCOMPARE(s.version, QStringLiteral("1.0.0"));
        QVERIFY(!s.fromRollout);
        QCOMPARE(s.bucket, -1);
    }

    void activeRolloutByCohort()
    {
        const QJsonObject m = manifest(RolloutState::Active, 10);
        const ServedRelease in = RolloutState::choose(m, deviceWhere(true), QStringLiteral("1.0.0"));
        QCOMPARE(in.version, QStringLiteral("1.1.0"));
        QVERIFY(in.fromRollout);
        QCOMPARE(in.manifest.value(QStringLiteral("url")).toString(), QStringLiteral("https://cdn.example/1.1.0.zip"));
        QVERIFY(in.why.contains(QLatin1String("bucket")));
        const ServedRelease out = RolloutState::choose(m, deviceWhere(false), QStringLiteral("1.0.0"));
        QCOMPARE(out.version, QStringLiteral("1.0.0"));
        QVERIFY(!out.manifest.contains(QStringLiteral("rollout")));
        QCOMPARE(RolloutState::choose(m, QString(), {}).version, QStringLiteral("1.0.0"));
    }

    void pausedKeepsWhatDevicesRun()
    {
        for (const QString& state : {RolloutState::Paused, RolloutState::Halted}) {
            const QJsonObject m = manifest(state, 10);
            QCOMPARE(RolloutState::choose(m, deviceWhere(true), QStringLiteral("1.0.0")).version, QStringLiteral("1.0.0"));
            QCOMPARE(RolloutState::choose(m, deviceWhere(true), QStringLiteral("1.1.0")).version, QStringLiteral("1.1.0"));
        }
        const QJsonObject aborted = manifest(RolloutState::Aborted, 10);
        QCOMPARE(RolloutState::choose(aborted, deviceWhere(true), QStringLiteral("1.1.0")).version, QStringLiteral("1.0.0"));
    }

    void malformedRollout()
    {
        QJsonObject m = manifest(RolloutState::Active, 10);
        QJsonObject r = m.value(QStringLiteral("rollout")).toObject();
        r.insert(QStringLiteral("percent"), 140);
        m.insert(QStringLiteral("rollout"), r);
        QVERIFY(!RolloutState::fromManifest(m).ok());
        // A manifest whose rollout cannot be read still serves its stable release.
        QCOMPARE(RolloutState::choose(m, deviceWhere(true), {}).version, QStringLiteral("1.0.0"));
        m.insert(QStringLiteral("rollout"), QStringLiteral("soon"));
        QVERIFY(!RolloutState::fromManifest(m).ok());
        QVERIFY(RolloutState::checkPercent(0).ok());
        QVERIFY(RolloutState::checkPercent(100).ok());
        QVERIFY(!RolloutState::checkPercent(100.5).ok());
        QVERIFY(!RolloutState::checkPercent(-0.1).ok());
    }

    void deviceStatsTally()
    {
        QTemporaryDir dir;
        auto history = history::History::open(dir.filePath(QStringLiteral("history.sqlite")));
        QVERIFY2(history.ok(), qPrintable(history.error().message));
        QList<history::StatsEvent> events;
        for (int i = 0; i < 60; ++i) {
            const QString device = QStringLiteral("d%1").arg(i);
            events << RolloutWatcher::classify(stat(device, QStringLiteral("download_complete"), QStringLiteral("1.1.0")));
            if (i % 4 == 0)
                events << RolloutWatcher::classify(stat(device, i % 8 == 0 ? QStringLiteral("checksum_fail")
                                                                           : QStringLiteral("unzip_fail"),
                                                        QStringLiteral("1.1.0")));
            else
                events << RolloutWatcher::classify(stat(device, QStringLiteral("set"), QStringLiteral("1.1.0")));
        }
        // The same failure twice counts the device once; a reset names the bundle it left.
        events << RolloutWatcher::classify(stat(QStringLiteral("d0"), QStringLiteral("checksum_fail"), QStringLiteral("1.1.0")));
        QJsonObject reset = stat(QStringLiteral("d1"), QStringLiteral("reset"), QStringLiteral("builtin"));
        reset.insert(QStringLiteral("old_version_name"), QStringLiteral("1.1.0"));
        events << RolloutWatcher::classify(reset);
        events << RolloutWatcher::classify(stat(QStringLiteral("d2"), QStringLiteral("warp_drive"), QStringLiteral("1.1.0")));
        history::DeviceStats stats(*history.value());
        QVERIFY(stats.record(events).ok());
        auto t = stats.tally(QStringLiteral("com.example.app"), QStringLiteral("1.1.0"));
        QVERIFY2(t.ok(), qPrintable(t.error().message));
        QCOMPARE(t->devices, 60);
        QCOMPARE(t->failed, 15);
        QCOMPARE(t->applied, 45);
        QCOMPARE(t->reverted, 1);
        QCOMPARE(t->topFailures.size(), 2);
        QCOMPARE(t->topFailures.first(), qMakePair(QStringLiteral("checksum_fail"), qint64(8)));
        QCOMPARE(t->exampleDevices.size(), 5);
        QCOMPARE(stats.eventCount(QStringLiteral("com.example.app")).value(), qint64(events.size()));
        auto versions = stats.versionsOf(QStringLiteral("com.example.app"), QStringLiteral("d1"));
        QVERIFY(versions.ok());
        QCOMPARE(versions->size(), 1);
        QVERIFY(versions->first().applied && versions->first().reverted);
        auto recent = stats.eventsOf(QStringLiteral("com.example.app"), QStringLiteral("d2"), 10);
        QCOMPARE(recent->first().action, QStringLiteral("warp_drive"));
        const HaltDecision d = RolloutHealth::decide(HealthPolicy{}, t.value());
        QVERIFY(d.halt);
        QVERIFY2(d.reason.contains(QLatin1String("15 of 60 devices")), qPrintable(d.reason));
        QVERIFY(d.reason.contains(QLatin1String("1 devices went back")));
        QVERIFY(history.value()->verify().ok());
    }
};

QTEST_GUILESS_MAIN(tst_RolloutState)
#include "tst_RolloutState.moc"
