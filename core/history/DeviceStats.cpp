#include "history/DeviceStats.h"

#include "history/History.h"
#include "history/HistoryDatabase.h"
#include "history/HistoryTables.h"
#include "history/HistoryTime.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace slipway::history {

namespace {

Error queryError(const QString& what, const QSqlQuery& q)
{
    return fail(QStringLiteral("The device statistics could not %1: %2").arg(what, q.lastError().text()));
}

} // namespace

QJsonObject VersionTally::toJson() const
{
    QJsonArray top;
    for (const auto& [action, devices] : topFailures)
        top.append(QJsonObject{{QStringLiteral("action"), action}, {QStringLiteral("devices"), devices}});
    return QJsonObject{{QStringLiteral("version"), version},
                       {QStringLiteral("devices"), devices},
                       {QStringLiteral("applied"), applied},
                       {QStringLiteral("failed"), failed},
                       {QStringLiteral("reverted"), reverted},
                       {QStringLiteral("top_failures"), top},
                       {QStringLiteral("example_devices"), QJsonArray::fromStringList(exampleDevices)}};
}

Status DeviceStats::record(const QList<StatsEvent>& events)
{
    if (events.isEmpty())
        return Ok{};
    HistoryDatabase& db = m_history.database();
    return db.write([&]() -> Status {
        QSqlQuery insert(db.connection());
        insert.prepare(HistoryTables::deviceEvents().insertStatement());
        QSqlQuery upsert(db.connection());
        upsert.prepare(QStringLiteral(
            "INSERT INTO device_versions (app_id, version, device_id, applied, failed, reverted, failure_action, "
            "last_action, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, version, device_id) DO "
            "UPDATE SET applied = CASE WHEN excluded.applied = 1 THEN 1 ELSE device_versions.applied END, failed = "
            "CASE WHEN excluded.failed = 1 THEN 1 ELSE device_versions.failed END, reverted = CASE WHEN "
            "excluded.reverted = 1 THEN 1 ELSE device_versions.reverted END, failure_action = "
            "coalesce(device_versions.failure_action, excluded.failure_action), last_action = excluded.last_action, "
            "last_at = excluded.last_at"));
        for (const StatsEvent& s : events) {
            const DeviceEvent& e = s.event;
            for (const auto& column : HistoryTables::deviceEvents().values(e))
                insert.addBindValue(column.second);
            if (!insert.exec())
                return queryError(QStringLiteral("record a device event"), insert);
            if (e.deviceId.isEmpty() || e.versionName.isEmpty())
                continue;
            using O = StatsEvent::Outcome;
            const QVariant failureAction =
                s.outcome == O::Failed ? QVariant(e.action) : QVariant(QMetaType(QMetaType::QString));
            for (const QVariant& v :
                 {QVariant(e.appId), QVariant(e.versionName), QVariant(e.deviceId), QVariant(s.outcome == O::Applied ? 1 : 0),
                  QVariant(s.outcome == O::Failed ? 1 : 0), QVariant(s.outcome == O::Reverted ? 1 : 0), failureAction,
                  QVariant(e.action), HistoryTime::stored(e.at)})
                upsert.addBindValue(v);
            if (!upsert.exec())
                return queryError(QStringLiteral("record a device's version"), upsert);
        }
        return Ok{};
    });
}

Result<VersionTally> DeviceStats::tally(const QString& appId, const QString& version, int examples)
{
    VersionTally t;
    t.version = version;
    QSqlQuery q(m_history.database().connection());
    q.prepare(QStringLiteral("SELECT coalesce(sum(CASE WHEN applied = 1 OR failed = 1 THEN 1 ELSE 0 END), 0), coalesce(sum(applied), 0), "
                             "coalesce(sum(failed), 0), coalesce(sum(reverted), 0) FROM device_versions WHERE app_id = ? "
                             "AND version = ?"));
    q.addBindValue(appId);
    q.addBindValue(version);
    if (!q.exec() || !q.next())
        return queryError(QStringLiteral("count the devices of %1").arg(version), q);
    t.devices = q.value(0).toLongLong();
    t.applied = q.value(1).toLongLong();
    t.failed = q.value(2).toLongLong();
    t.reverted = q.value(3).toLongLong();
    if (t.failed == 0)
        return t;
    q.prepare(QStringLiteral("SELECT failure_action, count(*) AS n FROM device_versions WHERE app_id = ? AND version = "
                             "? AND failed = 1 GROUP BY failure_action ORDER BY n DESC, failure_action LIMIT 3"));
    q.addBindValue(appId);
    q.addBindValue(version);
    if (!q.exec())
        return queryError(QStringLiteral("read the failures of %1").arg(version), q);
    while (q.next())
        t.topFailures.append({q.value(0).toString(), q.value(1).toLongLong()});
    q.prepare(QStringLiteral("SELECT device_id FROM device_versions WHERE app_id = ? AND version = ? AND failed = 1 "
                             "ORDER BY last_at, device_id LIMIT ?"));
    q.addBindValue(appId);
    q.addBindValue(version);
    q.addBindValue(examples);
    if (!q.exec())
        return queryError(QStringLiteral("read the failing devices of %1").arg(version), q);
    while (q.next())
        t.exampleDevices << q.value(0).toString();
    return t;
}

Result<QList<DeviceEvent>> DeviceStats::eventsOf(const QString& appId, const QString& deviceId, int limit)
{
    return m_history.deviceEvents(appId, limit, deviceId);
}

Result<QList<DeviceVersionRecord>> DeviceStats::versionsOf(const QString& appId, const QString& deviceId)
{
    QSqlQuery q(m_history.database().connection());
    q.prepare(QStringLiteral("SELECT version, applied, failed, reverted, failure_action, last_action, last_at FROM "
                             "device_versions WHERE app_id = ? AND device_id = ? ORDER BY last_at DESC"));
    q.addBindValue(appId);
    q.addBindValue(deviceId);
    if (!q.exec())
        return queryError(QStringLiteral("read the versions of device %1").arg(deviceId), q);
    QList<DeviceVersionRecord> out;
    while (q.next()) {
        DeviceVersionRecord r;
        r.version = q.value(0).toString();
        r.applied = q.value(1).toBool();
        r.failed = q.value(2).toBool();
        r.reverted = q.value(3).toBool();
        r.failureAction = q.value(4).toString();
        r.lastAction = q.value(5).toString();
        r.lastAt = HistoryTime::fromStored(q.value(6));
        out << r;
    }
    return out;
}

Result<qint64> DeviceStats::eventCount(const QString& appId)
{
    QSqlQuery q(m_history.database().connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM device_events WHERE app_id = ?"));
    q.addBindValue(appId);
    if (!q.exec() || !q.next())
        return queryError(QStringLiteral("count the events of %1").arg(appId), q);
    return q.value(0).toLongLong();
}

Result<qint64> DeviceStats::reportsOf(const QString& appId, const QString& deviceId, const QString& version,
                                      const QStringList& actions)
{
    if (actions.isEmpty())
        return 0;
    QSqlQuery q(m_history.database().connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM device_events WHERE app_id = ? AND device_id = ? AND version_name = ? "
                             "AND action IN (%1)")
                  .arg(QStringList(actions.size(), QStringLiteral("?")).join(QLatin1Char(','))));
    for (const QString& value : QStringList{appId, deviceId, version} + actions)
        q.addBindValue(value);
    if (!q.exec() || !q.next())
        return queryError(QStringLiteral("count the reports of device %1").arg(deviceId), q);
    return q.value(0).toLongLong();
}

Result<std::optional<QString>> DeviceStats::chosenChannel(const QString& appId, const QString& deviceId)
{
    QSqlQuery q(m_history.database().connection());
    q.prepare(QStringLiteral("SELECT channel FROM device_channels WHERE app_id = ? AND device_id = ?"));
    q.addBindValue(appId);
    q.addBindValue(deviceId);
    if (!q.exec())
        return queryError(QStringLiteral("read the channel of device %1").arg(deviceId), q);
    if (!q.next())
        return std::optional<QString>{};
    return std::optional<QString>{q.value(0).toString()};
}

Status DeviceStats::chooseChannel(const QString& appId, const QString& deviceId, const QString& channel)
{
    HistoryDatabase& db = m_history.database();
    return db.write([&]() -> Status {
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("INSERT INTO device_channels (app_id, device_id, channel, chosen_at) VALUES (?, ?, ?, ?) "
                                 "ON CONFLICT (app_id, device_id) DO UPDATE SET channel = excluded.channel, chosen_at = "
                                 "excluded.chosen_at"));
        q.addBindValue(appId);
        q.addBindValue(deviceId);
        q.addBindValue(channel);
        q.addBindValue(HistoryTime::stored(QDateTime::currentDateTimeUtc()));
        if (!q.exec())
            return queryError(QStringLiteral("record the channel of device %1").arg(deviceId), q);
        return Ok{};
    });
}

Result<QList<QPair<QDateTime, qint64>>> DeviceStats::perMinute(const QString& appId, const QString& version,
                                                               const QStringList& actions)
{
    QList<QPair<QDateTime, qint64>> out;
    if (actions.isEmpty())
        return out;
    QStringList marks;
    for (qsizetype i = 0; i < actions.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery q(m_history.database().connection());
    q.prepare(QStringLiteral("SELECT substr(at, 1, 16) AS minute, count(DISTINCT device_id) FROM device_events WHERE "
                             "app_id = ? AND version_name = ? AND action IN (%1) GROUP BY minute ORDER BY minute")
                  .arg(marks.join(QLatin1Char(','))));
    q.addBindValue(appId);
    q.addBindValue(version);
    for (const QString& a : actions)
        q.addBindValue(a);
    if (!q.exec())
        return queryError(QStringLiteral("read the adoption of %1").arg(version), q);
    while (q.next()) {
        QDateTime t = QDateTime::fromString(q.value(0).toString(), QStringLiteral("yyyy-MM-ddTHH:mm"));
        t.setTimeSpec(Qt::UTC);
        out.append({t, q.value(1).toLongLong()});
    }
    return out;
}

} // namespace slipway::history
