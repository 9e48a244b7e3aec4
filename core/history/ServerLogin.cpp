#include "history/ServerLogin.h"

#include "common/KeychainEntry.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace slipway::history {

namespace {

// Passwords read from the keychain (or just saved) per address, for the rest of the process.
struct KnownPasswords
{
    QMutex mutex;
    QHash<QString, SecureBytes> byAccount;
};

KnownPasswords& known()
{
    static KnownPasswords passwords;
    return passwords;
}

std::optional<SecureBytes> knownPassword(const QString& account)
{
    KnownPasswords& k = known();
    const QMutexLocker lock(&k.mutex);
    const auto found = k.byAccount.constFind(account);
    if (found == k.byAccount.constEnd())
        return std::nullopt;
    return found.value();
}

void setKnownPassword(const QString& account, const SecureBytes& password)
{
    KnownPasswords& k = known();
    const QMutexLocker lock(&k.mutex);
    if (password.isEmpty())
        k.byAccount.remove(account);
    else
        k.byAccount.insert(account, password);
}

bool openWith(QSqlDatabase& db, const SecureBytes& password)
{
    db.close();
    db.setPassword(QString::fromUtf8(password.bytes()));
    return db.open();
}

} // namespace

const QString ServerLogin::KeychainService = QStringLiteral("slipway-history");

bool ServerLogin::isAddress(const QString& location)
{
    return location.startsWith(QLatin1String("postgresql://")) || location.startsWith(QLatin1String("postgres://"));
}

Result<QUrl> ServerLogin::parse(const QString& location)
{
    const QUrl url(location, QUrl::StrictMode);
    const QString database = url.path().mid(1);
    if (!url.isValid() || (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres")) ||
        url.host().isEmpty() || url.userName().isEmpty() || database.isEmpty() || database.contains(QLatin1Char('/')))
        return fail(QStringLiteral("The history location %1 is not a PostgreSQL address: write "
                                   "postgresql://USER@HOST:PORT/DATABASE.")
                        .arg(url.toDisplayString(QUrl::RemovePassword)),
                    2);
    if (!url.password().isEmpty())
        return fail(QStringLiteral("The history location must not carry a password (it would show in process lists "
                                   "and settings): give it in PGPASSWORD or ~/.pgpass."),
                    2);
    return url;
}

QString ServerLogin::account(const QUrl& address)
{
    QUrl shown = address;
    shown.setQuery(QString());
    return shown.toString(QUrl::RemovePassword);
}

void ServerLogin::configure(QSqlDatabase& db, const QUrl& address)
{
    // sslmode (libpq's default `prefer`: TLS when the server offers it) comes from the address's query or PGSSLMODE.
    QStringList options{QStringLiteral("connect_timeout=%1").arg(ConnectTimeoutSeconds)};
    const QUrlQuery query(address);
    if (query.hasQueryItem(QStringLiteral("sslmode")))
        options << QStringLiteral("sslmode=%1").arg(query.queryItemValue(QStringLiteral("sslmode")));
    db.setHostName(address.host());
    db.setPort(address.port(5432));
    db.setUserName(address.userName());
    db.setDatabaseName(address.path().mid(1));
    db.setConnectOptions(options.join(QLatin1Char(';')));
}

bool ServerLogin::isPasswordRefused(const QSqlError& error)
{
    const QString text = error.databaseText() + error.driverText();
    return text.contains(QLatin1String("password authentication failed")) ||
           text.contains(QLatin1String("no password supplied"));
}

bool ServerLogin::open(QSqlDatabase& db, const QUrl& address)
{
    // libpq reads PGPASSWORD and ~/.pgpass itself: they come first, as the environment does everywhere else.
    if (!qEnvironmentVariableIsEmpty("PGPASSWORD"))
        return db.open();
    const QString key = account(address);
    if (const auto password = knownPassword(key)) {
        if (openWith(db, *password) || !isPasswordRefused(db.lastError()))
            return db.isOpen();
        setKnownPassword(key, {}); // changed since it was read: ask the keychain again
        db.setPassword(QString());
    }
    if (db.open() || !isPasswordRefused(db.lastError()))
        return db.isOpen();
    KeychainEntry entry(KeychainService, key);
    entry.setTimeout(std::chrono::milliseconds(ConnectTimeoutSeconds * 1000));
    auto stored = entry.read();
    if (!stored || !stored->has_value())
        return false; // the server's refusal stands (no usable keychain is no reason of its own)
    const SecureBytes password = *stored.value();
    if (!openWith(db, password))
        return false;
    setKnownPassword(key, password);
    return true;
}

void ServerLogin::rememberPassword(const QUrl& address, const SecureBytes& password)
{
    setKnownPassword(account(address), password);
}

} // namespace slipway::history
