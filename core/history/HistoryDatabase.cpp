#include "history/HistoryDatabase.h"

#include "common/ByteSize.h"
#include "history/OpenConnections.h"
#include "history/ServerLogin.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>
#include <QUrl>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include <unistd.h>

namespace slipway::history {

namespace {

constexpr int BusyTimeoutMs = 5000;
constexpr int WriteDeadlineMs = 60000;
// Below this size every open runs SQLite's quick check (a damaged file is found before it is written to).
constexpr qint64 QuickCheckMaxBytes = 16LL * 1024 * 1024;

QAtomicInteger<quint64> s_connectionCounter;
// pg_advisory_xact_lock key of the history's writers ("SLIPWAY" in ASCII).
constexpr qint64 WriterLockKey = 0x534C49505741590LL;

bool isBusy(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("5") || code == QLatin1String("6") ||
           error.databaseText().contains(QLatin1String("locked"));
}

bool isCorrupt(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("11") || code == QLatin1String("26") ||
           error.databaseText().contains(QLatin1String("malformed")) ||
           error.databaseText().contains(QLatin1String("not a database"));
}

// Empty when the history file (if present) and its folder can be written; otherwise why not.
QString notWritableReason(const QString& path)
{
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    if (::access(QFile::encodeName(folder).constData(), W_OK) != 0)
        return QStringLiteral("the folder %1 is not writable (%2)")
            .arg(folder, QString::fromLocal8Bit(std::strerror(errno)));
    if (info.exists() && ::access(QFile::encodeName(path).constData(), W_OK) != 0)
        return QStringLiteral("the file is not writable (%1)").arg(QString::fromLocal8Bit(std::strerror(errno)));
    return {};
}

// Copies a damaged history next to itself, named after its content so that repeated attempts do
// not pile up copies or overwrite an earlier one. `own` is 1 when the caller's connection is open.
QString backupDamagedFile(const QString& path, int own)
{
    QString backup;
    (void)OpenConnections::readRaw(path, own, [&] {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return;
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        file.close();
        const QString name =
            QStringLiteral("%1.damaged-%2.bak").arg(path, QString::fromLatin1(hash.result().toHex().left(12)));
        if (QFileInfo::exists(name) || QFile::copy(path, name))
            backup = name;
    });
    return backup;
}

Error damagedError(const QString& path, const QString& detail, int own = 1)
{
    const QString backup = backupDamagedFile(path, own);
    return fail(
        QStringLiteral("The release history %1 is damaged (%2). Slipway left it untouched%3. Restore it from a "
                       "backup, or move it away to start a new history (use --data-dir to work elsewhere).")
            .arg(path, detail, backup.isEmpty() ? QString() : QStringLiteral(" and saved a copy as %1").arg(backup)),
        3);
}

// Reads the file's structure before anything is written: a damaged file shows here.
Status checkReadable(const HistoryDatabase& db, QSqlQuery& q)
{
    if (QFileInfo(db.path()).size() >= QuickCheckMaxBytes)
        return Ok{};
    if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")) || !q.next())
        return db.error(QStringLiteral("be checked"), q.lastError());
    if (q.value(0).toString() != QLatin1String("ok"))
        return damagedError(db.path(), q.value(0).toString());
    return Ok{};
}

} // namespace

HistoryDatabase::HistoryDatabase(QString path, QString readOnlyReason, Backend backend)
    : m_path(std::move(path)),
      m_connectionName(QStringLiteral("slipway-history-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1))),
      m_readOnlyReason(std::move(readOnlyReason)), m_backend(backend)
{
    OpenConnections::add(m_path);
}

bool HistoryDatabase::isServerLocation(const QString& location)
{
    return ServerLogin::isAddress(location);
}

std::pair<QString, QVariantList> HistoryDatabase::containsText(const QString& text) const
{
    if (text.contains(QChar(0x1f))) // the separator of release_search's columns: no match may span two columns
        return {QStringLiteral("1 = 0"), {}};
    if (m_backend == Backend::PostgreSQL) {
        QString pattern = text;
        pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        pattern.replace(QLatin1Char('%'), QLatin1String("\\%"));
        pattern.replace(QLatin1Char('_'), QLatin1String("\\_"));
        return {QStringLiteral("id IN (SELECT id FROM release_search WHERE searched LIKE ?)"),
                {QLatin1Char('%') + pattern + QLatin1Char('%')}};
    }
    return {QStringLiteral("id IN (SELECT id FROM release_search WHERE instr(searched, ?) > 0)"), {text}};
}

QString HistoryDatabase::beginSnapshot() const
{
    return m_backend == Backend::PostgreSQL ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                                            : QStringLiteral("BEGIN");
}

Result<std::unique_ptr<HistoryDatabase>> HistoryDatabase::openServer(const QString& location)
{
    auto address = ServerLogin::parse(location);
    if (!address)
        return address.error();
    std::unique_ptr<HistoryDatabase> db(
        new HistoryDatabase(ServerLogin::account(address.value()), QString(), Backend::PostgreSQL));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return fail(QStringLiteral("The release history %1 is on PostgreSQL, but Qt's PostgreSQL driver is not "
                                   "installed (Debian: libqt6sql6-psql).")
                        .arg(db->m_path));
    db->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), db->m_connectionName);
    ServerLogin::configure(db->m_db, address.value());
    if (!ServerLogin::open(db->m_db, address.value()))
        return db->error(QStringLiteral("be opened"), db->m_db.lastError());
    // The server's notices ("already exists, skipping") are not for the release manager's terminal.
    if (QSqlQuery q(db->m_db); !q.exec(QStringLiteral("SET client_min_messages TO warning")))
        return db->error(QStringLiteral("be configured"), q.lastError());
    return db;
}

Error HistoryDatabase::serverError(const QString& what, const QSqlError& error) const
{
    const QString state = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
    if (state == QLatin1String("23505") && text.contains(QLatin1String("releases_in_flight")))
        return fail(QStringLiteral("The release history %1 could not %2: another release of this app, version and "
                                   "channel is running or interrupted and holds its claim (see 'slipway history "
                                   "list --status interrupted').")
                        .arg(m_path, what),
                    5);
    if (state == QLatin1String("42501") || state == QLatin1String("25006"))
        return fail(QStringLiteral("The release history %1 could not %2: this PostgreSQL role may only read it (%3). "
                                   "Ask the database's owner for write access.")
                        .arg(m_path, what, text.trimmed()));
    if (error.type() == QSqlError::ConnectionError || !m_db.isOpen())
        return fail(QStringLiteral("The release history %1 could not %2: the PostgreSQL server did not let Slipway "
                                   "in (%3). Check the address, that the server runs, and the password in "
                                   "PGPASSWORD, ~/.pgpass or the keychain (the desktop app's Release history "
                                   "dialog saves it there).")
                        .arg(m_path, what, text.trimmed()),
                    4);
    return fail(QStringLiteral("The release history %1 could not %2: %3").arg(m_path, what, text.trimmed()));
}

HistoryDatabase::~HistoryDatabase()
{
    m_prepared.clear(); // before the connection goes
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    OpenConnections::remove(m_path);
}

Result<std::unique_ptr<HistoryDatabase>> HistoryDatabase::open(const QString& absolutePath)
{
    if (isServerLocation(absolutePath))
        return openServer(absolutePath);
    const QFileInfo info(absolutePath);
    if (info.exists() && info.size() > 0) {
        // With a connection already open here, SQLite has read the header and reports a foreign file itself.
        QString unreadable;
        bool foreign = false;
        (void)OpenConnections::readRaw(absolutePath, 0, [&] {
            QFile file(absolutePath);
            if (!file.open(QIODevice::ReadOnly))
                unreadable = file.errorString();
            else
                foreign = file.read(16) != QByteArray("SQLite format 3\0", 16);
        });
        if (!unreadable.isEmpty())
            return fail(QStringLiteral("Cannot read the release history %1: %2").arg(absolutePath, unreadable));
        if (foreign)
            return damagedError(absolutePath, QStringLiteral("it is not an SQLite database"), 0);
    }
    QDir().mkpath(info.absolutePath());
    QString readOnly = notWritableReason(absolutePath);
    if (!readOnly.isEmpty() && !QFileInfo::exists(absolutePath))
        return fail(QStringLiteral("There is no release history at %1, and none can be created there: %2. Use "
                                   "--data-dir DIR (or $SLIPWAY_DATA_DIR) to work in a writable folder.")
                        .arg(absolutePath, readOnly));
    std::unique_ptr<HistoryDatabase> db(new HistoryDatabase(absolutePath, std::move(readOnly), Backend::SQLite));
    if (Status s = db->m_readOnlyReason.isEmpty() ? db->openWritable() : db->openReadOnly(); !s)
        return s.error();
    return db;
}

Error HistoryDatabase::error(const QString& what, const QSqlError& error) const
{
    if (m_backend == Backend::PostgreSQL)
        return serverError(what, error);
    if (isCorrupt(error))
        return damagedError(m_path, error.databaseText());
    const QString code = error.nativeErrorCode();
    if (code == QLatin1String("13") || error.databaseText().contains(QLatin1String("disk is full"))) {
        const QString folder = QFileInfo(m_path).absolutePath();
        const QStorageInfo volume(folder);
        return fail(QStringLiteral("The release history %1 could not be written (it could not %2): the disk is full "
                                   "(%3; %4 free in %5). Nothing of this change was saved. Free some space, then "
                                   "run the command again.")
                        .arg(m_path, what, QString::fromLocal8Bit(std::strerror(ENOSPC)),
                             humanByteSize(std::max<qint64>(0, volume.bytesAvailable())), folder));
    }
    if (code == QLatin1String("8") || error.databaseText().contains(QLatin1String("readonly"))) {
        const QString why = notWritableReason(m_path);
        return fail(QStringLiteral("The release history %1 could not be written (it could not %2): %3. Make the "
                                   "folder writable, or use --data-dir DIR to work elsewhere.")
                        .arg(m_path, what, why.isEmpty() ? error.databaseText() : why));
    }
    if (code == QLatin1String("10"))
        return fail(QStringLiteral("The release history %1 could not be written (it could not %2): the disk reported "
                                   "an input/output error (%3). Check the disk or mount, then run the command again.")
                        .arg(m_path, what, error.databaseText()));
    if (error.databaseText().contains(QLatin1String("UNIQUE constraint failed: releases")))
        return fail(QStringLiteral("The release history %1 could not %2: another release of this app, version and "
                                   "channel is running or interrupted and holds its claim (see 'slipway history "
                                   "list --status interrupted').")
                        .arg(m_path, what),
                    5);
    if (isBusy(error))
        return fail(QStringLiteral("The release history %1 stayed busy: another Slipway process kept it for too long "
                                   "while %2. Try again when the other release has finished.")
                        .arg(m_path, what),
                    4);
    return fail(QStringLiteral("The release history %1 could not %2: %3").arg(m_path, what, error.text()));
}

Status HistoryDatabase::openWritable()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
    if (!m_db.open())
        return error(QStringLiteral("be opened"), m_db.lastError());
    QSqlQuery q(m_db);
    // Read before any write so that a damaged file is detected before SQLite touches it.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return error(QStringLiteral("be read"), q.lastError());
    if (Status s = checkReadable(*this, q); !s)
        return s;
    q.finish();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(WriteDeadlineMs);
    for (;;) {
        // Switching to WAL needs a moment of exclusive access: another process may be writing.
        if (q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            break;
        if (!isBusy(q.lastError()) || std::chrono::steady_clock::now() > deadline)
            return error(QStringLiteral("switch to write-ahead logging"), q.lastError());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    q.finish();
    // A page cache of 32 MiB rather than SQLite's 2 MiB: a large history's indexes and chain head stay in memory
    // instead of being read back from the file for every row written.
    if (!q.exec(QStringLiteral("PRAGMA synchronous=NORMAL")) || !q.exec(QStringLiteral("PRAGMA cache_size=-32768")))
        return error(QStringLiteral("be configured"), q.lastError());
    return Ok{};
}

Status HistoryDatabase::openReadOnly()
{
    // Readers only: no WAL switch, no migration, no reconciliation writes. mode=ro still reads the
    // committed changes in history.sqlite-wal; when SQLite cannot open that way (no -shm file and
    // no right to create one) and there is no WAL content, the file alone is the whole history.
    const QString uri = QUrl::fromLocalFile(m_path).toString(QUrl::FullyEncoded);
    const QFileInfo wal(m_path + QStringLiteral("-wal"));
    const QStringList modes{QStringLiteral("mode=ro"), QStringLiteral("immutable=1")};
    QSqlError lastError;
    for (const QString& mode : modes) {
        if (mode != modes.first() && wal.exists() && wal.size() > 0)
            break;
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(uri + QLatin1Char('?') + mode);
        m_db.setConnectOptions(
            QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1;QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI").arg(BusyTimeoutMs));
        if (m_db.open()) {
            QSqlQuery q(m_db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
                return checkReadable(*this, q);
            lastError = q.lastError();
            if (isCorrupt(lastError))
                return error(QStringLiteral("be read"), lastError);
        } else {
            lastError = m_db.lastError();
        }
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    return fail(QStringLiteral("The release history %1 could not be read: it is read-only here (%2) and SQLite "
                               "could not open it that way (%3). Open it once where it can be written, or copy the "
                               "folder somewhere writable and use --data-dir.")
                    .arg(m_path, m_readOnlyReason, lastError.text()));
}

Status HistoryDatabase::beginWrite()
{
    if (m_backend == Backend::PostgreSQL) {
        // One advisory lock for every writer of this database, released with the transaction: writes (and the
        // audit chain's appends) follow one another, as SQLite's IMMEDIATE transactions do.
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("BEGIN")))
            return error(QStringLiteral("start a write"), q.lastError());
        if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(WriterLockKey))) {
            const Error e = error(QStringLiteral("wait for the other writers"), q.lastError());
            rollbackWrite();
            return e;
        }
        return Ok{};
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(WriteDeadlineMs);
    int pause = 5;
    for (;;) {
        QSqlQuery q(m_db);
        // IMMEDIATE takes the write lock up front: no deadlock between two readers upgrading.
        if (q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return Ok{};
        if (!isBusy(q.lastError()) || std::chrono::steady_clock::now() > deadline)
            return error(QStringLiteral("start a write"), q.lastError());
        std::this_thread::sleep_for(std::chrono::milliseconds(pause));
        pause = std::min(pause * 2, 100);
    }
}

Status HistoryDatabase::commitWrite()
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(WriteDeadlineMs);
    for (;;) {
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("COMMIT")))
            return Ok{};
        if (!isBusy(q.lastError()) || std::chrono::steady_clock::now() > deadline) {
            const Error e = error(QStringLiteral("save a change"), q.lastError());
            rollbackWrite();
            return e;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void HistoryDatabase::rollbackWrite()
{
    QSqlQuery q(m_db);
    (void)q.exec(QStringLiteral("ROLLBACK"));
}

Status HistoryDatabase::write(const std::function<Status()>& body)
{
    if (!m_readOnlyReason.isEmpty())
        return fail(QStringLiteral("The release history %1 is read-only here: %2. Slipway can show it but cannot "
                                   "record anything in it. Make the folder writable, or use --data-dir DIR to work "
                                   "elsewhere.")
                        .arg(m_path, m_readOnlyReason));
    if (m_writeDepth > 0)
        return body(); // part of the write already open
    for (int attempt = 1;; ++attempt) {
        Status s = beginWrite();
        if (s) {
            ++m_writeDepth;
            s = body();
            --m_writeDepth;
            if (s)
                return commitWrite(); // a commit cut off is not retried: the server may have saved it
            rollbackWrite();
        }
        if (attempt == MaxReconnects || !connectionLost())
            return s;
        if (Status back = reconnect(s.error()); !back)
            return back;
    }
}

bool HistoryDatabase::connectionLost()
{
    if (m_backend != Backend::PostgreSQL)
        return false;
    QSqlQuery probe(m_db);
    return !probe.exec(QStringLiteral("SELECT 1"));
}

Status HistoryDatabase::reconnect(const Error& cause)
{
    const int seconds = qEnvironmentVariableIsSet("SLIPWAY_HISTORY_RECONNECT_SECONDS")
                            ? qEnvironmentVariableIntValue("SLIPWAY_HISTORY_RECONNECT_SECONDS")
                            : ReconnectSeconds;
    (void)std::fprintf(stderr, "slipway: lost the connection to the release history %s; reconnecting for up to %d s "
                               "(%s)\n",
                       qPrintable(m_path), seconds, qPrintable(cause.message));
    m_prepared.clear(); // they belong to the connection that is gone
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    int pause = 250;
    for (;;) {
        m_db.close();
        if (m_db.open()) {
            QSqlQuery q(m_db);
            if (q.exec(QStringLiteral("SET client_min_messages TO warning"))) {
                (void)std::fprintf(stderr, "slipway: reconnected to the release history %s\n", qPrintable(m_path));
                return Ok{};
            }
        }
        if (std::chrono::steady_clock::now() > deadline)
            return fail(QStringLiteral("The release history %1 stayed unreachable for %2 s (%3). Nothing of this "
                                       "write was saved; once the server is back, resume the release.")
                            .arg(m_path)
                            .arg(seconds)
                            .arg(m_db.lastError().text().trimmed()),
                        4);
        std::this_thread::sleep_for(std::chrono::milliseconds(pause));
        pause = std::min(pause * 2, 2000);
    }
}

Result<QSqlQuery*> HistoryDatabase::prepared(const QString& statement, const QString& what)
{
    if (const auto known = m_prepared.constFind(statement); known != m_prepared.constEnd())
        return known.value().get();
    auto query = std::make_shared<QSqlQuery>(m_db);
    if (!query->prepare(statement))
        return error(what, query->lastError());
    m_prepared.insert(statement, query);
    return query.get();
}

Result<QSqlQuery*> HistoryDatabase::execPrepared(const QString& statement, const QVariantList& values,
                                                 const QString& what)
{
    auto q = prepared(statement, what);
    if (!q)
        return q;
    QSqlQuery& query = *q.value();
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values[i]);
    if (!query.exec())
        return error(what, query.lastError());
    return q;
}

Result<qint64> HistoryDatabase::insertValues(const QString& statement, const ColumnValues& values, const QString& what)
{
    QVariantList binds;
    for (const auto& c : values)
        binds << c.second;
    if (m_backend == Backend::PostgreSQL) {
        auto q = execPrepared(statement + QStringLiteral(" RETURNING id"), binds, what);
        if (!q)
            return q.error();
        const qint64 id = q.value()->next() ? q.value()->value(0).toLongLong() : 0;
        q.value()->finish();
        return id;
    }
    auto q = execPrepared(statement, binds, what);
    if (!q)
        return q.error();
    return q.value()->lastInsertId().toLongLong();
}

Status HistoryDatabase::updateValues(const QString& statement, const ColumnValues& values, qint64 id,
                                     const QString& what)
{
    QVariantList binds;
    for (const auto& c : values)
        binds << c.second;
    binds << id;
    auto q = execPrepared(statement, binds, what);
    if (!q)
        return q.error();
    if (q.value()->numRowsAffected() != 1)
        return error(what, QSqlError(QStringLiteral("no such row"), QStringLiteral("row %1 does not exist").arg(id)));
    return Ok{};
}

} // namespace slipway::history
