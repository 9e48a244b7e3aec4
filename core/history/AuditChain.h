#pragma once

#include "common/Result.h"
#include "history/HistoryRecords.h"
#include "history/HistoryTable.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace slipway::history {

class HistoryDatabase;

// The append-only audit chain that seals the history's rows: each entry holds the SHA-256 of a row's canonical
// text and the hash of the entry before it, so that editing, deleting, inserting or reordering rows or entries
// shows in verify().
class AuditChain
{
public:
    // `desk`: the desk (Desk) named by the entries this process appends.
    AuditChain(HistoryDatabase& db, QString desk) : m_db(db), m_desk(std::move(desk)) {}

    // Every sealed value as text in a JSON object with sorted keys, no whitespace: the bytes a reviewer can
    // recompute with `openssl dgst -sha256`. A column added after rows were first sealed (desk) is left out while
    // it is empty, so that the rows sealed before it keep their canonical text.
    [[nodiscard]] static QByteArray canonicalText(const QString& table, qint64 id, const ColumnValues& columns);
    template <typename Record>
    [[nodiscard]] static QByteArray canonicalText(const HistoryTable<Record>& table, const Record& record)
    {
        return canonicalText(table.name(), record.id, table.values(record));
    }

    // Inside a write transaction: appends the entry sealing `canonicalText` as the content of `table` row
    // `rowId`, and stamps the row with it. The new entry's sequence number.
    [[nodiscard]] Result<qint64> seal(const QString& table, qint64 rowId, const QByteArray& canonicalText);
    // The entries that seal one row (newest last).
    [[nodiscard]] Result<QList<AuditEntry>> entries(const QString& table, qint64 rowId);
    // Where verify() reads: in a snapshot of its own, or in the transaction the caller has open (a migration checks
    // the copy before committing it).
    enum class Snapshot { Own, Callers };
    // Walks the chain and every sealed row; names each row edited, deleted, inserted or reordered.
    [[nodiscard]] Result<AuditReport> verify(Snapshot snapshot = Snapshot::Own);

private:
    HistoryDatabase& m_db;
    QString m_desk;
};

} // namespace slipway::history
