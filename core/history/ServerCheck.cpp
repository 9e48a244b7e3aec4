#include "history/ServerCheck.h"

#include "history/ServerLogin.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace slipway::history {

namespace {

QAtomicInteger<quint64> s_checkCounter;

QString where(const QUrl& address)
{
    return QStringLiteral("%1:%2").arg(address.host()).arg(address.port(5432));
}

ServerCheck refused(const QUrl& address, const QSqlError& error, bool passwordTyped)
{
    const QString text = (error.databaseText() + QLatin1Char(' ') + error.driverText()).simplified();
    const QString database = address.path().mid(1);
    ServerCheck check;
    if (text.contains(QLatin1String("password authentication failed"))) {
        check.outcome = ServerCheck::Outcome::PasswordRefused;
        check.message = QStringLiteral("Wrong password: the server at %1 refused user \"%2\" with %3.")
                            .arg(where(address), address.userName(),
                                 passwordTyped ? QStringLiteral("the password typed here")
                                               : QStringLiteral("the password from PGPASSWORD, ~/.pgpass or the keychain"));
    } else if (text.contains(QLatin1String("no password supplied"))) {
        check.outcome = ServerCheck::Outcome::NoPassword;
        check.message = QStringLiteral("The server at %1 asks for a password and none was found: type it here (it is "
                                    "kept in the system keyring), or set PGPASSWORD or ~/.pgpass.")
                            .arg(where(address));
    } else if (text.contains(QLatin1String("does not exist")) && text.contains(QLatin1String("database"))) {
        check.outcome = ServerCheck::Outcome::NoDatabase;
        check.message = QStringLiteral("The server at %1 answers, but it has no database \"%2\". Check the name, or ask "
                                    "its administrator to create it (createdb -O %3 %2).")
                            .arg(where(address), database, address.userName());
    } else if (text.contains(QLatin1String("timeout expired"))) {
        check.outcome = ServerCheck::Outcome::Unreachable;
        check.message = QStringLiteral("No answer from %1 within %2 seconds: the host is unreachable from here, or a "
                                    "firewall drops the connection.")
                            .arg(where(address))
                            .arg(ServerLogin::ConnectTimeoutSeconds);
    } else if (text.contains(QLatin1String("could not translate host name"))) {
        check.outcome = ServerCheck::Outcome::Unreachable;
        check.message = QStringLiteral("The host name \"%1\" is not known here (DNS). Check the host.").arg(address.host());
    } else if (text.contains(QLatin1String("Connection refused")) || text.contains(QLatin1String("No route to host")) ||
               text.contains(QLatin1String("Network is unreachable"))) {
        check.outcome = ServerCheck::Outcome::Unreachable;
        check.message = QStringLiteral("Nothing accepts connections at %1: check the host and port, and that the "
                                    "PostgreSQL server runs and listens there.")
                            .arg(where(address));
    } else {
        check.outcome = ServerCheck::Outcome::Failed;
        check.message = QStringLiteral("The server at %1 did not let Slipway in: %2").arg(where(address), text);
    }
    return check;
}

// Connected: the server's version and what the database holds for Slipway.
ServerCheck describe(const QUrl& address, QSqlDatabase& db)
{
    ServerCheck check;
    check.outcome = ServerCheck::Outcome::Connected;
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SHOW server_version")) && q.next())
        check.serverVersion = q.value(0).toString();
    QString holds;
    if (q.exec(QStringLiteral("SELECT to_regclass('releases') IS NOT NULL, has_database_privilege(current_database(), "
                              "'CREATE')")) &&
        q.next()) {
        const bool history = q.value(0).toBool();
        const bool mayCreate = q.value(1).toBool();
        if (history && q.exec(QStringLiteral("SELECT count(*), has_table_privilege('releases', 'INSERT') FROM "
                                             "releases")) &&
            q.next()) {
            check.releases = q.value(0).toLongLong();
            holds = QStringLiteral("It holds a Slipway history with %1 release%2.")
                        .arg(check.releases)
                        .arg(check.releases == 1 ? QString() : QStringLiteral("s"));
            if (!q.value(1).toBool())
                holds += QLatin1Char(' ') + QStringLiteral("This user may only read it: releases cannot be recorded.");
        } else if (!history) {
            holds = mayCreate ? QStringLiteral("It holds no Slipway history yet: Slipway creates its tables when it "
                                            "first opens it.")
                              : QStringLiteral("It holds no Slipway history yet, and this user may not create tables in "
                                            "it: ask its administrator.");
        }
    }
    QString transport = QStringLiteral("not encrypted (the server offers no TLS)");
    if (q.exec(QStringLiteral("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) && q.next() &&
        q.value(0).toBool())
        transport = QStringLiteral("over TLS (%1)").arg(q.value(1).toString());
    check.message = QStringLiteral("Connected to PostgreSQL %1 at %2 as %3, database \"%4\", %5.")
                        .arg(check.serverVersion, where(address), address.userName(), address.path().mid(1),
                             transport);
    if (!holds.isEmpty())
        check.message += QLatin1Char(' ') + holds;
    return check;
}

} // namespace

ServerCheck ServerCheck::run(const QString& location, const std::optional<SecureBytes>& password)
{
    auto address = ServerLogin::parse(location);
    if (!address) {
        ServerCheck check;
        check.outcome = Outcome::NotAnAddress;
        check.message = address.error().message;
        return check;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        ServerCheck check;
        check.message = QStringLiteral("Qt's PostgreSQL driver is not installed (Debian: libqt6sql6-psql).");
        return check;
    }
    const QString name = QStringLiteral("slipway-history-check-%1").arg(s_checkCounter.fetchAndAddRelaxed(1));
    ServerCheck check;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        ServerLogin::configure(db, address.value());
        bool open = false;
        if (password) {
            db.setPassword(QString::fromUtf8(password->bytes()));
            open = db.open();
        } else {
            open = ServerLogin::open(db, address.value());
        }
        check = open ? describe(address.value(), db) : refused(address.value(), db.lastError(), password.has_value());
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return check;
}

} // namespace slipway::history
