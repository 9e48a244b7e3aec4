#include "history/HistoryMigration.h"

#include "history/AuditChain.h"
#include "history/History.h"
#include "history/HistoryDatabase.h"

#include <QScopeGuard>
#include <QSqlField>
#include <QSqlRecord>

#include <algorithm>

namespace slipway::history {

namespace {

struct CopiedTable
{
    QString name;
    QString order; // the columns that order its rows (ids stay as they are)
    bool serialId; // its id comes from a sequence on PostgreSQL, which must continue after the copied ids
};

// Every table of the history but schema_version (the target has its own, at the same version).
const QList<CopiedTable>& copiedTables()
{
    static const QList<CopiedTable> tables{
        {QStringLiteral("releases"), QStringLiteral("id"), true},
        {QStringLiteral("steps"), QStringLiteral("id"), true},
        {QStringLiteral("keys"), QStringLiteral("id"), true},
        {QStringLiteral("channel_events"), QStringLiteral("id"), true},
        {QStringLiteral("audit_chain"), QStringLiteral("seq"), false},
        {QStringLiteral("device_events"), QStringLiteral("id"), true},
        {QStringLiteral("device_versions"), QStringLiteral("app_id, version, device_id"), false},
        {QStringLiteral("device_channels"), QStringLiteral("app_id, device_id"), false},
    };
    return tables;
}

// Rows per INSERT: many rows per statement; on SQLite under its 32,766 parameters per statement.
constexpr int BatchParameters = 16000;
constexpr int MaxBatchRows = 1000;
// On PostgreSQL one array per column (unnest): the server parses that several times faster than a VALUES list.
constexpr int ServerBatchRows = 5000;
// How many problems of a broken source the refusal names.
constexpr int ProblemsNamed = 5;

using TableRows = QList<QPair<QString, qint64>>;

// A PostgreSQL array literal of one column's values ({"text",NULL,...}), bound as one parameter.
class ColumnArray
{
public:
    void append(const QVariant& value)
    {
        m_text += m_text.isEmpty() ? QLatin1Char('{') : QLatin1Char(',');
        if (value.isNull()) {
            m_text += QLatin1String("NULL");
            return;
        }
        QString element = value.toString();
        element.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
        m_text += QLatin1Char('"') + element + QLatin1Char('"');
    }
    [[nodiscard]] QString take()
    {
        QString out = m_text.isEmpty() ? QStringLiteral("{}") : m_text + QLatin1Char('}');
        m_text.clear();
        return out;
    }

private:
    QString m_text;
};

QStringList columnsOf(HistoryDatabase& db, const QString& table)
{
    const QSqlRecord record = db.connection().record(table);
    QStringList names;
    for (int i = 0; i < record.count(); ++i)
        names << record.fieldName(i).toLower();
    return names;
}

Result<TableRows> countRows(HistoryDatabase& db)
{
    TableRows rows;
    for (const CopiedTable& table : copiedTables()) {
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table.name)) || !q.next())
            return db.error(QStringLiteral("count its %1").arg(table.name), q.lastError());
        rows.append({table.name, q.value(0).toLongLong()});
    }
    return rows;
}

QString describe(const TableRows& rows, const QString& head)
{
    QStringList parts;
    for (const auto& [table, count] : rows) {
        if (count > 0)
            parts << QStringLiteral("%1 %2").arg(count).arg(table);
    }
    return QStringLiteral("%1; audit chain head %2")
        .arg(parts.isEmpty() ? QStringLiteral("no rows") : parts.join(QStringLiteral(", ")),
             head.isEmpty() ? QStringLiteral("(none)") : head);
}

Result<QString> chainHead(HistoryDatabase& db)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT entry_sha256 FROM audit_chain ORDER BY seq DESC LIMIT 1")))
        return db.error(QStringLiteral("read its audit chain"), q.lastError());
    return q.next() ? q.value(0).toString() : QString();
}

// Inside the target's write: the rows of one table, in batches of multi-row INSERTs.
Status copyTable(HistoryDatabase& source, HistoryDatabase& target, const CopiedTable& table, const QStringList& columns,
                 qint64 total, const HistoryMigration::Progress& progress)
{
    QSqlQuery read(source.connection());
    read.setForwardOnly(true);
    const QString list = columns.join(QLatin1Char(','));
    if (!read.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3").arg(list, table.name, table.order)))
        return source.error(QStringLiteral("read its %1").arg(table.name), read.lastError());
    const auto width = static_cast<int>(columns.size());
    const bool server = target.backend() == HistoryDatabase::Backend::PostgreSQL;
    const int perBatch = server ? ServerBatchRows : std::clamp(BatchParameters / width, 1, MaxBatchRows);
    QString arrays;
    if (server) {
        const QSqlRecord types = target.connection().record(table.name);
        QStringList typed;
        for (const QString& column : columns) {
            const int type = types.field(column).metaType().id();
            typed << (type == QMetaType::LongLong || type == QMetaType::Int ? QStringLiteral("?::bigint[]")
                                                                            : QStringLiteral("?::text[]"));
        }
        arrays = typed.join(QLatin1Char(','));
    }
    const QString oneRow = QStringLiteral("(%1)").arg(QStringList(width, QStringLiteral("?")).join(QLatin1Char(',')));
    QList<ColumnArray> columnArrays(server ? width : 0);
    QVariantList values;
    int rows = 0;
    qint64 done = 0;
    auto flush = [&]() -> Status {
        if (rows == 0)
            return Ok{};
        QString statement;
        if (server) {
            statement = QStringLiteral("INSERT INTO %1 (%2) SELECT * FROM unnest(%3)").arg(table.name, list, arrays);
            for (ColumnArray& column : columnArrays)
                values << column.take();
        } else {
            statement = QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                            .arg(table.name, list, QStringList(rows, oneRow).join(QLatin1Char(',')));
        }
        if (auto q = target.execPrepared(statement, values, QStringLiteral("copy its %1").arg(table.name)); !q)
            return q.error();
        done += rows;
        rows = 0;
        values.clear();
        if (progress)
            progress(table.name, done, total);
        return Ok{};
    };
    while (read.next()) {
        for (int i = 0; i < width; ++i) {
            if (server)
                columnArrays[i].append(read.value(i));
            else
                values << read.value(i);
        }
        if (++rows == perBatch) {
            if (Status s = flush(); !s)
                return s;
        }
    }
    if (read.lastError().isValid())
        return source.error(QStringLiteral("read its %1").arg(table.name), read.lastError());
    if (Status s = flush(); !s)
        return s;
    if (table.serialId && target.backend() == HistoryDatabase::Backend::PostgreSQL) {
        QSqlQuery q(target.connection());
        if (!q.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), (SELECT coalesce(max(id), 0) + 1 "
                                   "FROM %1), false)")
                        .arg(table.name)))
            return target.error(QStringLiteral("continue the ids of its %1").arg(table.name), q.lastError());
    }
    return Ok{};
}

} // namespace

Result<HistoryMigration::Outcome> HistoryMigration::run(const Progress& progress)
{
    HistoryDatabase& source = m_source.database();
    HistoryDatabase& target = m_target.database();
    if (source.path() == target.path())
        return fail(QStringLiteral("The history %1 cannot be migrated into itself.").arg(source.path()), 2);

    // One snapshot of the source for the check and the copy: a release written there meanwhile is wholly in or
    // wholly out.
    if (QSqlQuery begin(source.connection()); !begin.exec(source.beginSnapshot()))
        return source.error(QStringLiteral("be read"), begin.lastError());
    auto endRead = qScopeGuard([&] { (void)QSqlQuery(source.connection()).exec(QStringLiteral("COMMIT")); });

    auto checked = AuditChain(source, {}).verify(AuditChain::Snapshot::Callers);
    if (!checked)
        return checked.error();
    if (!checked->intact()) {
        QStringList named;
        for (const AuditProblem& p : checked->problems.mid(0, ProblemsNamed))
            named << QStringLiteral("  - ") + p.description;
        return fail(QStringLiteral("The history %1 does not verify (%2 problem(s)), so it was not migrated:\n%3\nSee "
                                   "'slipway history verify' and restore the history from a backup first.")
                        .arg(source.path())
                        .arg(checked->problems.size())
                        .arg(named.join(QLatin1Char('\n'))));
    }
    auto totals = countRows(source);
    if (!totals)
        return totals.error();
    QList<QStringList> columns;
    for (const CopiedTable& table : copiedTables()) {
        QStringList names = columnsOf(source, table.name);
        QStringList expected = columnsOf(target, table.name);
        QStringList sortedNames = names;
        sortedNames.sort();
        expected.sort();
        if (names.isEmpty() || sortedNames != expected)
            return fail(QStringLiteral("The histories %1 and %2 do not have the same %3 columns (different schema "
                                       "versions?): open the source once with this Slipway where it can be written, "
                                       "then migrate again.")
                            .arg(source.path(), target.path(), table.name));
        columns << names;
    }

    Outcome outcome;
    outcome.head = checked->head;
    outcome.entries = checked->entries;
    outcome.rows = totals.value();
    Status written = target.write([&]() -> Status {
        // Under the target's writer lock: no other desk writes between this look and the copy.
        auto held = countRows(target);
        if (!held)
            return held.error();
        const bool empty = std::all_of(held->cbegin(), held->cend(), [](const auto& t) { return t.second == 0; });
        if (!empty) {
            auto head = chainHead(target);
            if (!head)
                return head.error();
            if (head.value() != checked->head || held.value() != totals.value())
                return fail(
                    QStringLiteral("The history %1 is not empty (%2), and its audit chain is not the one of %3 (%4). "
                                   "Slipway does not merge two histories: migrate into an empty database.")
                        .arg(target.path(), describe(held.value(), head.value()), source.path(),
                             describe(totals.value(), checked->head)));
            outcome.alreadyThere = true;
        } else {
            for (qsizetype i = 0; i < copiedTables().size(); ++i) {
                if (Status s = copyTable(source, target, copiedTables()[i], columns[i], totals->at(i).second, progress);
                    !s)
                    return s;
            }
        }
        // Checked before it is committed: a copy that does not verify as the source did is rolled back.
        auto copy = AuditChain(target, {}).verify(AuditChain::Snapshot::Callers);
        if (!copy)
            return copy.error();
        if (!copy->intact() || copy->head != checked->head || copy->entries != checked->entries ||
            copy->rows != checked->rows)
            return fail(QStringLiteral("The copy in %1 does not verify as %2 did (%3 problem(s)%4; chain head %5, "
                                       "expected %6). Nothing was written.")
                            .arg(target.path(), source.path())
                            .arg(copy->problems.size())
                            .arg(copy->problems.isEmpty()
                                     ? QString()
                                     : QStringLiteral(", first: ") + copy->problems.first().description)
                            .arg(copy->head, checked->head));
        return Ok{};
    });
    if (!written)
        return written.error();
    return outcome;
}

} // namespace slipway::history
