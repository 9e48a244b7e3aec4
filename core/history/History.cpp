#include "history/History.h"

#include "common/DataLocation.h"
#include "history/AuditChain.h"
#include "history/Desk.h"
#include "history/HistoryDatabase.h"
#include "history/HistoryNotifier.h"
#include "history/HistoryTables.h"
#include "history/ReleaseOwner.h"

#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>

#include <algorithm>

namespace slipway::history {

namespace {

// Statuses whose release holds the claim on its app, version and channel (HistorySchema's UNIQUE index).
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

// A stored `running` row whose process is gone (killed or crashed).
bool ownerGone(const ReleaseRecord& stored)
{
    return stored.status == ReleaseStatus::Running && !ReleaseOwner::alive(stored.owner);
}

const QString DeadOwnerStepError = QStringLiteral("the Slipway process stopped during this step (killed or crashed)");

// "column = ?" for each non-empty value (an empty one matches every row), with its bind.
QStringList equalTo(const QList<QPair<const char*, QString>>& columns, QVariantList* binds)
{
    QStringList where;
    for (const auto& [column, value] : columns) {
        if (value.isEmpty())
            continue;
        where << QLatin1String(column) + QStringLiteral(" = ?");
        binds->append(value);
    }
    return where;
}

QString whereAll(const QStringList& conditions)
{
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

// `ordered`: the query walks an index in the order of another column (releaseValues()). SQLite would rather take the
// status index and sort every release of that status; `+status` keeps that index out of its choice.
QString whereClause(const HistoryDatabase& db, const ReleaseFilter& f, QVariantList* binds, bool ordered = false)
{
    const bool keepStatusIndexOut = ordered && db.backend() == HistoryDatabase::Backend::SQLite;
    QStringList where =
        equalTo({{"app_id", f.appId},
                 {"channel", f.channel},
                 {keepStatusIndexOut ? "+status" : "status", f.status},
                 {"version", f.version},
                 {"key_fingerprint", f.keyFingerprint}},
                binds);
    if (f.from.isValid()) {
        where << QStringLiteral("created_at >= ?");
        binds->append(f.from.toUTC().toString(Qt::ISODateWithMs));
    }
    if (f.to.isValid()) {
        where << QStringLiteral("created_at < ?");
        binds->append(f.to.toUTC().toString(Qt::ISODateWithMs));
    }
    if (f.upToId > 0) {
        where << QStringLiteral("id <= ?");
        binds->append(f.upToId);
    }
    if (!f.ids.isEmpty()) {
        where << QStringLiteral("id IN (%1)").arg(QStringList(f.ids.size(), QStringLiteral("?")).join(QLatin1Char(',')));
        for (const qint64 id : f.ids)
            binds->append(id);
    }
    if (!f.text.isEmpty()) {
        auto [condition, values] = db.containsText(f.text);
        where << condition;
        binds->append(values);
    }
    return whereAll(where);
}

} // namespace

QString History::defaultPath()
{
    if (QString chosen = qEnvironmentVariable("SLIPWAY_HISTORY"); !chosen.isEmpty())
        return chosen;
    return QDir(DataLocation::root()).filePath(QStringLiteral("history.sqlite"));
}

History::History(std::unique_ptr<HistoryDatabase> db, QString desk)
    : m_db(std::move(db)), m_desk(std::move(desk)), m_chain(new AuditChain(*m_db, m_desk))
{
}

History::~History() = default;

Result<std::unique_ptr<History>> History::open(const QString& path)
{
    auto desk = Desk::current();
    if (!desk)
        return desk.error();
    auto db =
        HistoryDatabase::open(HistoryDatabase::isServerLocation(path) ? path : QFileInfo(path).absoluteFilePath());
    if (!db)
        return db.error();
    std::unique_ptr<History> history(new History(std::move(db.value()), std::move(desk.value())));
    if (Status s = HistorySchema(*history->m_db).migrate([&] { return history->abandonDuplicateClaims(); }); !s)
        return s.error();
    return history;
}

QString History::path() const
{
    return m_db->path();
}

QString History::readOnlyReason() const
{
    return m_db->readOnlyReason();
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
        if (Status s = writeSealed(HistoryTables::releases(), record); !s)
            return s;
    }
    return Ok{};
}

QByteArray History::canonical(const ReleaseRecord& record)
{
    return AuditChain::canonicalText(HistoryTables::releases(), record);
}
QByteArray History::canonical(const StepRecord& step)
{
    return AuditChain::canonicalText(HistoryTables::steps(), step);
}
QByteArray History::canonical(const KeyRecord& key)
{
    return AuditChain::canonicalText(HistoryTables::keys(), key);
}
QByteArray History::canonical(const ChannelEvent& event)
{
    return AuditChain::canonicalText(HistoryTables::channelEvents(), event);
}

template <typename Record>
Result<qint64> History::insertSealed(const HistoryTable<Record>& table, Record record, const QString& what)
{
    auto inserted = m_db->insert(table, record, what);
    if (!inserted)
        return inserted;
    record.id = inserted.value();
    if (auto sealed = m_chain->seal(table.name(), record.id, AuditChain::canonicalText(table, record)); !sealed)
        return sealed.error();
    if (Status told = m_announce ? HistoryNotifier::announce(*m_db, record) : Status(Ok{}); !told)
        return told.error();
    return record.id;
}

template <typename Record> Status History::writeSealed(const HistoryTable<Record>& table, const Record& record)
{
    if (Status s = m_db->update(table, record, QStringLiteral("update %1 row %2").arg(table.name()).arg(record.id)); !s)
        return s;
    if (auto sealed = m_chain->seal(table.name(), record.id, AuditChain::canonicalText(table, record)); !sealed)
        return sealed.error();
    return HistoryNotifier::announce(*m_db, record);
}

ReleaseRecord History::withDesk(ReleaseRecord record) const
{
    if (record.desk.isEmpty())
        record.desk = m_desk;
    return record;
}

Result<qint64> History::createRelease(const ReleaseRecord& record)
{
    return m_db->writeAnswering<qint64>(
        [&] { return insertSealed(HistoryTables::releases(), withDesk(record), QStringLiteral("record a release")); });
}

Status History::importReleases(const QList<ReleaseRecord>& records)
{
    // The same rows and seals as createRelease(), in one transaction (the statements are prepared once), announced
    // once for all.
    return m_db->write([&]() -> Status {
        m_announce = false;
        const auto announceAgain = qScopeGuard([this] { m_announce = true; });
        for (const ReleaseRecord& r : records) {
            if (auto inserted =
                    insertSealed(HistoryTables::releases(), withDesk(r), QStringLiteral("import a release"));
                !inserted)
                return inserted.error();
        }
        return HistoryNotifier::announce(*m_db, HistoryNotifier::Everything);
    });
}

Status History::inOneTransaction(const std::function<Status()>& body)
{
    return m_db->write(body);
}

Result<ReleaseClaim> History::claimRelease(const ReleaseRecord& record)
{
    if (!inFlightStatuses().contains(record.status))
        return fail(QStringLiteral("A release takes its claim as running, not as %1.").arg(record.status));
    return m_db->writeAnswering<ReleaseClaim>([&]() -> Result<ReleaseClaim> {
        // Inside the write transaction: no other process can take the claim between this look
        // and the insert (and the UNIQUE index would refuse it anyway).
        auto holders = storedReleases(
            QStringLiteral(
                " WHERE app_id = ? AND version = ? AND channel = ? AND status IN (?, ?) ORDER BY id LIMIT 1"),
            {record.appId, record.version, record.channel, inFlightStatuses().at(0), inFlightStatuses().at(1)});
        if (!holders)
            return holders.error();
        if (!holders->isEmpty())
            return ReleaseClaim{0, holders->first()};
        auto inserted = insertSealed(HistoryTables::releases(), withDesk(record), QStringLiteral("record a release"));
        if (!inserted)
            return inserted.error();
        return ReleaseClaim{inserted.value(), std::nullopt};
    });
}

Status History::writeRelease(ReleaseRecord record)
{
    if (record.desk.isEmpty()) {
        // The desk that started the release stays, whoever updates it (the runner's record may not carry it).
        auto stored = m_db->execPrepared(QStringLiteral("SELECT desk FROM releases WHERE id = ?"), {record.id},
                                         QStringLiteral("read release %1").arg(record.id));
        if (!stored)
            return stored.error();
        if (stored.value()->next())
            record.desk = stored.value()->value(0).toString();
        stored.value()->finish();
    }
    return writeSealed(HistoryTables::releases(), record);
}

Status History::updateRelease(const ReleaseRecord& record)
{
    return m_db->write([&] { return writeRelease(record); });
}

Result<bool> History::updateReleaseIf(const ReleaseRecord& record, const QString& status, const QString& owner)
{
    return m_db->writeAnswering<bool>([&]() -> Result<bool> {
        auto unchanged = rowStill(record.id, status, owner);
        if (!unchanged || !unchanged.value())
            return unchanged;
        if (Status w = writeRelease(record); !w)
            return w.error();
        return true;
    });
}

Result<bool> History::rowStill(qint64 id, const QString& status, const QString& owner)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT status, owner FROM releases WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return m_db->error(QStringLiteral("read release %1").arg(id), q.lastError());
    if (!q.next())
        return fail(QStringLiteral("There is no release %1 in the history %2.").arg(id).arg(path()), 2);
    return q.value(0).toString() == status && q.value(1).toString() == owner;
}

void History::reportDeadOwner(ReleaseRecord& record) const
{
    if (!ownerGone(record))
        return;
    record.status = ReleaseStatus::Interrupted;
    const QString readOnly = readOnlyReason();
    record.reason =
        deadOwnerReason(record) + QStringLiteral(" (Shown as interrupted; the history could not be updated yet%1.)")
                                      .arg(readOnly.isEmpty() ? QString() : QStringLiteral(": ") + readOnly);
}

Result<QList<ReleaseRecord>> History::storedReleases(const QString& clauses, const QVariantList& binds)
{
    return m_db->select(HistoryTables::releases(), clauses, binds, QStringLiteral("list releases"));
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
        Status s = m_db->write([&]() -> Status {
            // Only while the row still names the dead owner: another process may have reconciled or
            // resumed it since it was read.
            auto unchanged = rowStill(record.id, ReleaseStatus::Running, owner);
            if (!unchanged || !unchanged.value())
                return unchanged ? Status(Ok{}) : Status(unchanged.error());
            auto steps = m_db->select(
                HistoryTables::steps(), QStringLiteral(" WHERE release_id = ? AND outcome = ? ORDER BY id"),
                {record.id, StepOutcome::Running}, QStringLiteral("read the steps of release %1").arg(record.id));
            if (!steps)
                return steps.error();
            for (StepRecord step : steps.value()) {
                step.outcome = StepOutcome::Interrupted;
                step.error = DeadOwnerStepError;
                if (Status w = writeSealed(HistoryTables::steps(), step); !w)
                    return w;
            }
            return writeSealed(HistoryTables::releases(), record);
        });
        if (!s)
            return s;
    }
    return Ok{};
}

Result<qint64> History::startStep(const StepRecord& step)
{
    return m_db->writeAnswering<qint64>(
        [&] { return insertSealed(HistoryTables::steps(), step, QStringLiteral("record a step")); });
}

Status History::updateStep(const StepRecord& step)
{
    return m_db->write([&] { return writeSealed(HistoryTables::steps(), step); });
}

Result<qint64> History::recordKey(const KeyRecord& key)
{
    return m_db->writeAnswering<qint64>([&]() -> Result<qint64> {
        auto known = m_db->select(HistoryTables::keys(), QStringLiteral(" WHERE fingerprint = ?"), {key.fingerprint},
                                  QStringLiteral("look up a key"));
        if (!known)
            return known.error();
        if (!known->isEmpty())
            return known->first().id;
        return insertSealed(HistoryTables::keys(), key, QStringLiteral("record a key"));
    });
}

Result<qint64> History::recordChannelEvent(const ChannelEvent& event)
{
    return m_db->writeAnswering<qint64>(
        [&] { return insertSealed(HistoryTables::channelEvents(), event, QStringLiteral("record a channel event")); });
}

Result<QList<ReleaseRecord>> History::releases(const ReleaseFilter& filter)
{
    QVariantList binds;
    QString clauses = whereClause(*m_db, filter, &binds) +
                      (filter.oldestFirst ? QStringLiteral(" ORDER BY id") : QStringLiteral(" ORDER BY id DESC"));
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
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM releases") + whereClause(*m_db, filter, &binds));
    for (const auto& b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return m_db->error(QStringLiteral("count releases"), q.lastError());
    return q.value(0).toLongLong();
}

Result<QStringList> History::releaseValues(Column column, const ReleaseFilter& filter)
{
    const QString name = column == Column::AppId     ? QStringLiteral("app_id")
                         : column == Column::Channel ? QStringLiteral("channel")
                                                     : QStringLiteral("version");
    // A loose index scan: each value is the first one after the previous in the column's index, so the query costs
    // one index probe per distinct value, not a read of every release (a GROUP BY took 0.7-1.8 s at 1,000,000).
    QVariantList binds;
    const QString where = whereClause(*m_db, filter, &binds, true);
    const QString after = (where.isEmpty() ? QStringLiteral(" WHERE ") : where + QStringLiteral(" AND ")) +
                          QStringLiteral("%1 > found.v").arg(name);
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("WITH RECURSIVE found(v) AS (SELECT (SELECT %1 FROM releases%2 ORDER BY %1 LIMIT 1) UNION "
                             "ALL SELECT (SELECT %1 FROM releases%3 ORDER BY %1 LIMIT 1) FROM found WHERE found.v IS "
                             "NOT NULL) SELECT v FROM found WHERE v IS NOT NULL")
                  .arg(name, where, after));
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& b : binds)
            q.addBindValue(b);
    if (!q.exec())
        return m_db->error(QStringLiteral("list the releases' %1 values").arg(name), q.lastError());
    QStringList values;
    while (q.next())
        values << q.value(0).toString();
    return values;
}

Result<ReleaseRecord> History::release(qint64 id, View view)
{
    auto found = m_db->select(HistoryTables::releases(), QStringLiteral(" WHERE id = ?"), {id},
                              QStringLiteral("read release %1").arg(id));
    if (!found)
        return found.error();
    if (found->isEmpty())
        return fail(QStringLiteral("There is no release %1 in the history %2 (see 'slipway history list').")
                        .arg(id)
                        .arg(path()),
                    2);
    ReleaseRecord record = found->first();
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
    auto out = m_db->select(HistoryTables::steps(), QStringLiteral(" WHERE release_id = ? ORDER BY id"), {releaseId},
                            QStringLiteral("read the steps of release %1").arg(releaseId));
    if (!out || !deadOwner)
        return out;
    for (StepRecord& step : out.value()) {
        if (step.outcome == StepOutcome::Running) {
            step.outcome = StepOutcome::Interrupted;
            step.error = DeadOwnerStepError;
        }
    }
    return out;
}

Result<QList<KeyRecord>> History::keys()
{
    return m_db->select(HistoryTables::keys(), QStringLiteral(" ORDER BY id"), {}, QStringLiteral("read keys"));
}

Result<std::optional<KeyRecord>> History::keyByFingerprint(const QString& fingerprint)
{
    auto found = m_db->select(HistoryTables::keys(), QStringLiteral(" WHERE fingerprint = ?"), {fingerprint},
                              QStringLiteral("read keys"));
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<KeyRecord>();
    return std::optional<KeyRecord>(found->first());
}

Result<qint64> History::recordDeviceEvent(const DeviceEvent& event)
{
    return m_db->writeAnswering<qint64>(
        [&] { return m_db->insert(HistoryTables::deviceEvents(), event, QStringLiteral("record a device event")); });
}

Result<QList<DeviceEvent>> History::deviceEvents(const QString& appId, int limit, const QString& deviceId)
{
    QVariantList binds;
    const QString where = whereAll(equalTo({{"app_id", appId}, {"device_id", deviceId}}, &binds));
    QString clauses = where + QStringLiteral(" ORDER BY id DESC");
    if (limit > 0) {
        clauses += QStringLiteral(" LIMIT ?");
        binds << limit;
    }
    return m_db->select(HistoryTables::deviceEvents(), clauses, binds, QStringLiteral("read device events"));
}

Result<QList<ChannelEvent>> History::channelEvents(const QString& appId, const QString& channel)
{
    QVariantList binds;
    const QString where = whereAll(equalTo({{"app_id", appId}, {"channel", channel}}, &binds));
    return m_db->select(HistoryTables::channelEvents(), where + QStringLiteral(" ORDER BY id DESC"), binds,
                        QStringLiteral("read channel events"));
}

Result<QList<ChannelEvent>> History::newestChannelEvents(const QString& appId)
{
    return m_db->select(HistoryTables::channelEvents(),
                        QStringLiteral(" WHERE id IN (SELECT max(id) FROM channel_events WHERE app_id = ? GROUP BY "
                                       "channel, kind) ORDER BY id DESC"),
                        {appId}, QStringLiteral("read channel events"));
}

Result<std::optional<ReleaseRecord>> History::completedRelease(const QString& appId, const QString& version,
                                                               const QString& channel)
{
    auto found = m_db->select(
        HistoryTables::releases(),
        QStringLiteral(" WHERE app_id = ? AND version = ? AND channel = ? AND status = ? ORDER BY id DESC LIMIT 1"),
        {appId, version, channel, ReleaseStatus::Completed}, QStringLiteral("look for earlier releases"));
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<ReleaseRecord>();
    return std::optional<ReleaseRecord>(found->first());
}

Result<QList<AuditEntry>> History::auditEntries(const QString& table, qint64 rowId)
{
    return m_chain->entries(table, rowId);
}

Result<AuditReport> History::verify()
{
    return m_chain->verify();
}

} // namespace slipway::history
