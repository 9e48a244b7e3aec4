#pragma once

#include "common/Result.h"
#include "common/SecureBytes.h"

#include <QString>
#include <QUrl>

class QSqlDatabase;
class QSqlError;

namespace slipway::history {

// How Slipway logs in to a PostgreSQL history (core/history only: it speaks Qt Sql). The address names host, port,
// user and database (sslmode in its query, `prefer` by default as libpq has it); the password comes from libpq's own
// PGPASSWORD or ~/.pgpass first, else from the OS keychain entry the desktop app saved for this address, read only
// when the server has refused the others and then kept in this process's memory: never in argv, settings or logs.
class ServerLogin
{
public:
    // Seconds libpq waits for a server that does not answer (an unreachable host fails within them).
    static constexpr int ConnectTimeoutSeconds = 5;
    // The keychain entry of an address's password: this service, the address (ServerLogin::account) as account.
    static const QString KeychainService;

    // Whether `location` names a PostgreSQL database (postgresql://…) rather than a file.
    [[nodiscard]] static bool isAddress(const QString& location);
    // The address checked: postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=MODE], no password in it.
    [[nodiscard]] static Result<QUrl> parse(const QString& location);
    // The address as shown and as the keychain account: without a password and without its query.
    [[nodiscard]] static QString account(const QUrl& address);
    // Host, port, user, database, connect timeout and sslmode on `db` (a QPSQL connection not yet open).
    static void configure(QSqlDatabase& db, const QUrl& address);
    // Opens `db` (configured) with the password rule above.
    [[nodiscard]] static bool open(QSqlDatabase& db, const QUrl& address);
    // Whether the server refused the login for want of the right password.
    [[nodiscard]] static bool isPasswordRefused(const QSqlError& error);

    // The password the desktop app just saved for `address` (replacing the one read before); empty forgets it.
    static void rememberPassword(const QUrl& address, const SecureBytes& password);
};

} // namespace slipway::history
