#include "history/AuditChain.h"

#include "crypto/Sha256.h"
#include "history/HistoryDatabase.h"
#include "history/HistoryTables.h"
#include "history/HistoryTime.h"

#include <QDateTime>
#include <QHash>
#include <QScopeGuard>

#include <algorithm>

namespace slipway::history {

namespace {

const QString GenesisHash = QString(64, QLatin1Char('0'));

QString sha256Hex(const QByteArray& data)
{
    return crypto::Sha256::hex(crypto::Sha256::of(data)); // OpenSSL's: several times Qt's speed (verify hashes everything)
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
    const QByteArray utf8 = text.toUtf8();
    out += '"';
    const char* run = utf8.constData(); // the bytes since the last escape, appended at once
    const char* const end = run + utf8.size();
    for (const char* c = run; c != end; ++c) {
        const auto u = static_cast<unsigned char>(*c);
        if (u >= 0x20 && u != '"' && u != '\\')
            continue;
        out.append(run, c - run);
        run = c + 1;
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
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        }
    }
    out.append(run, end - run);
    out += '"';
}

// Columns added to sealed tables after rows were first sealed: left out of the canonical text while empty.
bool addedLater(const QString& column)
{
    return column == QLatin1String("desk");
}

// The order of canonicalText()'s fields for one table's columns (sorted keys, each written once as JSON), worked
// out once per table rather than once per row.
class CanonicalFields
{
public:
    explicit CanonicalFields(const QStringList& columns)
    {
        const QStringList names = QStringList{QStringLiteral("_table"), QStringLiteral("id")} + columns;
        for (qsizetype i = 0; i < names.size(); ++i)
            m_fields.append({names[i], {}, static_cast<int>(i) - 2, i >= 2 && addedLater(names[i])});
        std::sort(m_fields.begin(), m_fields.end(), [](const Field& a, const Field& b) { return a.name < b.name; });
        for (Field& f : m_fields) {
            appendJsonString(f.key, f.name);
            f.key += ':';
        }
    }

    // `valueAt(i)`: the value of column i.
    template <typename ValueAt>
    [[nodiscard]] QByteArray text(const QString& table, qint64 id, const ValueAt& valueAt) const
    {
        QByteArray out;
        out.reserve(2048);
        out += '{';
        bool first = true;
        for (const Field& f : m_fields) {
            const QString value = f.column == Table ? table : f.column == Id ? QString::number(id) : asText(valueAt(f.column));
            if (f.leftOutWhileEmpty && value.isEmpty())
                continue;
            if (!first)
                out += ',';
            first = false;
            out += f.key;
            appendJsonString(out, value);
        }
        out += '}';
        return out;
    }

private:
    static constexpr int Table = -2;
    static constexpr int Id = -1;
    struct Field
    {
        QString name;
        QByteArray key;
        int column; // Table, Id or a column's index
        bool leftOutWhileEmpty;
    };
    QList<Field> m_fields;
};

// The audit_chain columns in the order entryFrom() reads them; recorded_at last, as verify() reads no time.
const char* const EntryColumnsWithoutTime =
    "seq, table_name, row_id, content_sha256, previous_sha256, entry_sha256, desk";
QString entryColumns()
{
    return QLatin1String(EntryColumnsWithoutTime) + QStringLiteral(", recorded_at");
}

enum class RecordedAt { Read, Skip };

// `Skip`: recorded_at is not hashed, and parsing it for every entry of a long chain is slow.
AuditEntry entryFrom(const QSqlQuery& q, RecordedAt time = RecordedAt::Read)
{
    AuditEntry e;
    e.seq = q.value(0).toLongLong();
    e.table = q.value(1).toString();
    e.rowId = q.value(2).toLongLong();
    e.contentHash = q.value(3).toString();
    e.previousHash = q.value(4).toString();
    e.entryHash = q.value(5).toString();
    e.desk = q.value(6).toString();
    if (time == RecordedAt::Read)
        e.recordedAt = HistoryTime::fromStored(q.value(7));
    return e;
}

// How verify() names a row in its findings, from the stored values.
QString rowLabel(const QString& table, const ColumnValues& stored)
{
    auto value = [&](const char* name) {
        for (const auto& c : stored) {
            if (c.first == QLatin1String(name))
                return asText(c.second);
        }
        return QString();
    };
    if (table == QLatin1String("releases"))
        return QStringLiteral(" (%1 %2 on %3)").arg(value("app_id"), value("version"), value("channel"));
    if (table == QLatin1String("steps"))
        return QStringLiteral(" (%1 of release %2)").arg(value("name"), value("release_id"));
    if (table == QLatin1String("keys"))
        return QStringLiteral(" (key %1)").arg(value("key_id"));
    return QStringLiteral(" (%1 %2 %3 -> %4)").arg(value("kind"), value("app_id"), value("channel"), value("version"));
}

} // namespace

// Written by hand rather than with QJsonDocument: verify() runs it for every row.
QByteArray AuditChain::canonicalText(const QString& table, qint64 id, const ColumnValues& columns)
{
    QStringList names;
    names.reserve(columns.size());
    for (const auto& column : columns)
        names << column.first;
    return CanonicalFields(names).text(table, id, [&](int i) -> const QVariant& { return columns[i].second; });
}

Result<qint64> AuditChain::seal(const QString& table, qint64 rowId, const QByteArray& canonicalText)
{
    auto head = m_db.execPrepared(QStringLiteral("SELECT seq, entry_sha256 FROM audit_chain ORDER BY seq DESC LIMIT 1"),
                                  {}, QStringLiteral("read its audit chain"));
    if (!head)
        return head.error();
    QSqlQuery& last = *head.value();
    AuditEntry entry;
    entry.seq = 1;
    entry.previousHash = GenesisHash;
    if (last.next()) {
        entry.seq = last.value(0).toLongLong() + 1;
        entry.previousHash = last.value(1).toString();
    }
    last.finish();
    entry.table = table;
    entry.rowId = rowId;
    entry.contentHash = sha256Hex(canonicalText);
    entry.desk = m_desk;
    entry.entryHash = sha256Hex(entry.hashedText().toUtf8());
    if (auto appended =
            m_db.execPrepared(QStringLiteral("INSERT INTO audit_chain (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                                  .arg(entryColumns()),
                              {entry.seq, entry.table, entry.rowId, entry.contentHash, entry.previousHash,
                               entry.entryHash, entry.desk, HistoryTime::stored(QDateTime::currentDateTimeUtc())},
                              QStringLiteral("extend its audit chain"));
        !appended)
        return appended.error();
    if (auto stamped = m_db.execPrepared(
            QStringLiteral("UPDATE %1 SET seal_seq = ?, content_sha256 = ?, previous_sha256 = ? WHERE id = ?")
                .arg(table),
            {entry.seq, entry.contentHash, entry.previousHash, rowId}, QStringLiteral("seal a %1 row").arg(table));
        !stamped)
        return stamped.error();
    return entry.seq;
}

Result<QList<AuditEntry>> AuditChain::entries(const QString& table, qint64 rowId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM audit_chain WHERE table_name = ? AND row_id = ? ORDER BY seq")
                  .arg(entryColumns()));
    q.addBindValue(table);
    q.addBindValue(rowId);
    if (!q.exec())
        return m_db.error(QStringLiteral("read the audit chain"), q.lastError());
    QList<AuditEntry> out;
    while (q.next())
        out << entryFrom(q);
    return out;
}

Result<AuditReport> AuditChain::verify(Snapshot snapshot)
{
    AuditReport report;
    struct Latest
    {
        qint64 seq = 0;
        QString contentHash;
    };
    QHash<QString, QHash<qint64, Latest>> latest;

    // A read transaction gives one consistent snapshot while other processes keep writing.
    QSqlQuery tx(m_db.connection());
    const bool own = snapshot == Snapshot::Own;
    if (own)
        (void)tx.exec(m_db.beginSnapshot());
    auto endRead = qScopeGuard([&] {
        if (own)
            (void)tx.exec(QStringLiteral("COMMIT"));
    });

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM audit_chain ORDER BY seq").arg(QLatin1String(EntryColumnsWithoutTime))))
        return m_db.error(QStringLiteral("read the audit chain"), q.lastError());
    qint64 expectedSeq = 1;
    QString previous = GenesisHash;
    QHash<qint64, Latest>* sealedInTable = nullptr;
    QString sealedTableName;
    while (q.next()) {
        const AuditEntry e = entryFrom(q, RecordedAt::Skip);
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
        if (!sealedInTable || e.table != sealedTableName) {
            sealedTableName = e.table;
            sealedInTable = &latest[e.table];
        }
        (*sealedInTable)[e.rowId] = Latest{e.seq, e.contentHash};
    }
    report.head = previous;

    for (const HistoryTables::SealedTable& table : HistoryTables::sealed()) {
        QSqlQuery rows(m_db.connection());
        rows.setForwardOnly(true);
        if (!rows.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY id").arg(table.selectList, table.name)))
            return m_db.error(QStringLiteral("read %1").arg(table.name), rows.lastError());
        auto& sealed = latest[table.name];
        const CanonicalFields fields(table.columns);
        // Only to name a row in a finding.
        auto stored = [&] {
            ColumnValues values;
            for (int i = 0; i < table.columns.size(); ++i)
                values.append({table.columns[i], rows.value(i + 1)});
            return values;
        };
        while (rows.next()) {
            ++report.rows;
            // The canonical text straight from the stored values (no round trip through the records):
            // the same bytes the write path sealed, and any change to a stored value shows.
            const qint64 id = rows.value(0).toLongLong();
            const QString hash =
                sha256Hex(fields.text(table.name, id, [&](int i) { return rows.value(i + 1); }));
            if (!sealed.contains(id)) {
                report.problems << AuditProblem{
                    table.name, id, 0,
                    QStringLiteral("%1 row %2%3 is not in the audit chain: it was inserted outside "
                                   "Slipway, or its id was changed")
                        .arg(table.name)
                        .arg(id)
                        .arg(rowLabel(table.name, stored()))};
                continue;
            }
            const Latest seal = sealed.take(id);
            const qint64 storedSeq = rows.value(table.sealSeqPosition).toLongLong();
            const QString storedHash = rows.value(table.sealSeqPosition + 1).toString();
            if (hash != seal.contentHash || storedHash != hash)
                report.problems << AuditProblem{
                    table.name, id, seal.seq,
                    QStringLiteral("%1 row %2%3 was edited after it was sealed by audit entry %4")
                        .arg(table.name)
                        .arg(id)
                        .arg(rowLabel(table.name, stored()))
                        .arg(seal.seq)};
            else if (storedSeq != seal.seq)
                report.problems << AuditProblem{
                    table.name, id, seal.seq,
                    QStringLiteral("%1 row %2%3 points to audit entry %4 but its last seal is entry "
                                   "%5: rows were reordered")
                        .arg(table.name)
                        .arg(id)
                        .arg(rowLabel(table.name, stored()))
                        .arg(storedSeq)
                        .arg(seal.seq)};
        }
        for (auto it = sealed.constBegin(); it != sealed.constEnd(); ++it)
            report.problems << AuditProblem{table.name, it.key(), it.value().seq,
                                            QStringLiteral("%1 row %2 was deleted (last sealed by audit entry %3)")
                                                .arg(table.name)
                                                .arg(it.key())
                                                .arg(it.value().seq)};
    }
    return report;
}

} // namespace slipway::history
