#pragma once

#include "common/Result.h"
#include "history/HistoryTable.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace slipway::history {

// The history's connection (core/history only: Qt Sql stays out of the public headers). Either an SQLite file in
// WAL mode with a busy timeout, where each write is one IMMEDIATE transaction retried while another Slipway
// process holds the lock, or a PostgreSQL database shared by a team, where each write transaction first takes
// one transaction-scoped advisory lock: on both, writers (and so the audit chain's appends) are serialised and
// concurrent releases never surface "database is locked". Every SQL error becomes one readable message naming
// the history (damaged file, full disk, read-only folder or role, busy, unreachable server).
class HistoryDatabase
{
public:
    enum class Backend { SQLite, PostgreSQL };
    // Whether `location` names a PostgreSQL database (postgresql://user@host:port/db) rather than a file.
    [[nodiscard]] static bool isServerLocation(const QString& location);

    // Opens a PostgreSQL location, or the file at an absolute path, creating it and its folder as needed. A damaged
    // file is never written to: it is copied to a backup beside it and the error says where. When the file or its
    // folder cannot be written it is opened read-only: every query works and every write fails with a message naming
    // the folder.
    [[nodiscard]] static Result<std::unique_ptr<HistoryDatabase>> open(const QString& absolutePath);
    ~HistoryDatabase();
    HistoryDatabase(const HistoryDatabase&) = delete;
    HistoryDatabase& operator=(const HistoryDatabase&) = delete;

    // The file, or the PostgreSQL location (never with a password).
    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] Backend backend() const { return m_backend; }
    // The condition "app id, version, channel or notes contain `text`" in this backend's SQL, and its bound values.
    // It reads release_search (HistorySchema), a narrow copy of those columns, never the wide release rows; on
    // PostgreSQL one LIKE that its trigram index serves.
    [[nodiscard]] std::pair<QString, QVariantList> containsText(const QString& text) const;
    // Starts a read transaction that sees one snapshot of the whole history (verify()).
    [[nodiscard]] QString beginSnapshot() const;
    // Why the history cannot be written (empty when it can).
    [[nodiscard]] const QString& readOnlyReason() const { return m_readOnlyReason; }
    // For queries and for statements inside write().
    [[nodiscard]] QSqlDatabase& connection() { return m_db; }

    // `body` inside one write transaction: committed when it succeeds, rolled back when it fails. A write() inside
    // `body` joins that transaction.
    [[nodiscard]] Status write(const std::function<Status()>& body);
    // The same for a body that answers a value (a new row's id): the value once committed.
    template <typename T> [[nodiscard]] Result<T> writeAnswering(const std::function<Result<T>()>& body)
    {
        std::optional<T> answer;
        Status s = write([&]() -> Status {
            Result<T> r = body();
            if (!r)
                return r.error();
            answer = std::move(r.value());
            return Ok{};
        });
        if (!s)
            return s.error();
        return std::move(*answer);
    }

    // `statement` prepared once per connection (for statements run per row: inserts, seals); finish() a
    // SELECT after reading it.
    [[nodiscard]] Result<QSqlQuery*> prepared(const QString& statement, const QString& what);
    // prepared(statement) run with `values` bound in order.
    [[nodiscard]] Result<QSqlQuery*> execPrepared(const QString& statement, const QVariantList& values,
                                                  const QString& what);

    // The error for a failed statement while the history tried to `what` ("record a release").
    [[nodiscard]] Error error(const QString& what, const QSqlError& error) const;

    // Inside write(): the new row's id.
    template <typename Record>
    [[nodiscard]] Result<qint64> insert(const HistoryTable<Record>& table, const Record& record, const QString& what)
    {
        return insertValues(table.insertStatement(), table.values(record), what);
    }
    // Inside write(): every column of row `record.id`; an error when there is no such row.
    template <typename Record>
    [[nodiscard]] Status update(const HistoryTable<Record>& table, const Record& record, const QString& what)
    {
        return updateValues(table.updateStatement(), table.values(record), record.id, what);
    }
    // The rows of "SELECT <table.selectList()> FROM <table><clauses>" (clauses: WHERE, ORDER BY, LIMIT).
    template <typename Record>
    [[nodiscard]] Result<QList<Record>> select(const HistoryTable<Record>& table, const QString& clauses,
                                               const QVariantList& binds, const QString& what)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT %1 FROM %2%3").arg(table.selectList(), table.name(), clauses));
        for (const auto& b : binds)
            q.addBindValue(b);
        if (!q.exec())
            return error(what, q.lastError());
        QList<Record> out;
        while (q.next())
            out << table.record([&q](int i) { return q.value(i); });
        return out;
    }

private:
    HistoryDatabase(QString path, QString readOnlyReason, Backend backend);
    [[nodiscard]] static Result<std::unique_ptr<HistoryDatabase>> openServer(const QString& location);
    [[nodiscard]] Error serverError(const QString& what, const QSqlError& error) const;
    [[nodiscard]] Status openWritable();
    [[nodiscard]] Status openReadOnly();
    [[nodiscard]] Status beginWrite();
    [[nodiscard]] Status commitWrite();
    void rollbackWrite();
    // PostgreSQL: whether the connection is gone (the server restarted or went away), not just a statement failed.
    [[nodiscard]] bool connectionLost();
    // Opens the connection again, retrying until the server answers or ReconnectSeconds (or
    // SLIPWAY_HISTORY_RECONNECT_SECONDS) pass; says so on stderr.
    [[nodiscard]] Status reconnect(const Error& cause);
    static constexpr int ReconnectSeconds = 300;
    static constexpr int MaxReconnects = 10; // per write: a server that keeps dropping the connection is an error
    [[nodiscard]] Result<qint64> insertValues(const QString& statement, const ColumnValues& values,
                                              const QString& what);
    [[nodiscard]] Status updateValues(const QString& statement, const ColumnValues& values, qint64 id,
                                      const QString& what);

    QString m_path;
    QString m_connectionName;
    QString m_readOnlyReason;
    Backend m_backend;
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_prepared;
    int m_writeDepth = 0;
};

} // namespace slipway::history
