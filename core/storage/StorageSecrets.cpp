#include "storage/StorageSecrets.h"

#include "common/KeychainEntry.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace slipway::storage {

namespace {

const QString kService = QStringLiteral("slipway-storage");

SecureBytes envSecret(const char* name)
{
    return SecureBytes(qgetenv(name));
}

} // namespace

Result<StorageSecrets> StorageSecrets::readFromKeychain(const QString& profileName)
{
    auto entry = KeychainEntry(kService, profileName).read();
    if (!entry)
        return entry.error();
    if (!entry->has_value())
        return fail(QStringLiteral("the keychain holds no secret for profile '%1' (if your keyring is locked, unlock it "
                                   "first)")
                        .arg(profileName),
                    2);
    const QJsonObject o = QJsonDocument::fromJson(entry->value().bytes()).object();
    StorageSecrets s;
    s.accessKeyId = o.value(QStringLiteral("accessKeyId")).toString();
    s.secretAccessKey = SecureBytes(o.value(QStringLiteral("secretAccessKey")).toString().toUtf8());
    s.sessionToken = SecureBytes(o.value(QStringLiteral("sessionToken")).toString().toUtf8());
    s.password = SecureBytes(o.value(QStringLiteral("password")).toString().toUtf8());
    s.token = SecureBytes(o.value(QStringLiteral("token")).toString().toUtf8());
    s.keyPassphrase = SecureBytes(o.value(QStringLiteral("keyPassphrase")).toString().toUtf8());
    s.source = QStringLiteral("keychain");
    return s;
}

Status StorageSecrets::storeInKeychain(const QString& profileName, const StorageSecrets& secrets)
{
    QJsonObject o;
    auto put = [&](const char* name, const QByteArray& value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(name), QString::fromUtf8(value));
    };
    put("accessKeyId", secrets.accessKeyId.toUtf8());
    put("secretAccessKey", secrets.secretAccessKey.bytes());
    put("sessionToken", secrets.sessionToken.bytes());
    put("password", secrets.password.bytes());
    put("token", secrets.token.bytes());
    put("keyPassphrase", secrets.keyPassphrase.bytes());
    auto stored = KeychainEntry(kService, profileName).write(SecureBytes(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    if (!stored)
        return fail(QStringLiteral("Cannot store the secret: %1. Use the environment variables instead (see docs/storage.md).")
                        .arg(stored.error().message));
    return Ok{};
}

Status StorageSecrets::removeFromKeychain(const QString& profileName)
{
    return KeychainEntry(kService, profileName).remove();
}

Result<StorageSecrets> StorageSecrets::resolve(const StorageProfile& profile)
{
    StorageSecrets s;
    s.source = QStringLiteral("environment");
    QString missing;
    switch (profile.kind()) {
    case StorageKind::Folder:
        s.source = QStringLiteral("none");
        return s;
    case StorageKind::S3:
        s.accessKeyId = qEnvironmentVariable("AWS_ACCESS_KEY_ID");
        s.secretAccessKey = envSecret("AWS_SECRET_ACCESS_KEY");
        s.sessionToken = envSecret("AWS_SESSION_TOKEN");
        if (!s.accessKeyId.isEmpty() && !s.secretAccessKey.isEmpty())
            return s;
        missing = QStringLiteral("No S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        break;
    case StorageKind::WebDav:
        s.password = envSecret("SLIPWAY_WEBDAV_PASSWORD");
        s.token = envSecret("SLIPWAY_WEBDAV_TOKEN");
        if (!s.password.isEmpty() || !s.token.isEmpty())
            return s;
        // A server without authentication is legitimate (an internal share); the server says if not.
        if (profile.url.userName().isEmpty() && profile.name.isEmpty()) {
            s.source = QStringLiteral("none");
            return s;
        }
        missing = QStringLiteral("No WebDAV password: set SLIPWAY_WEBDAV_PASSWORD (or SLIPWAY_WEBDAV_TOKEN for a bearer token)");
        break;
    case StorageKind::Sftp:
        s.keyPassphrase = envSecret("SLIPWAY_SFTP_KEY_PASSPHRASE");
        s.source = QStringLiteral("environment");
        return s; // the key file itself is a path (profile option or SLIPWAY_SFTP_KEY), not a secret value
    }
    if (profile.name.isEmpty())
        return fail(missing + QLatin1Char('.'));
    auto stored = readFromKeychain(profile.name);
    if (stored) {
        if (profile.kind() == StorageKind::WebDav && stored->password.isEmpty() && stored->token.isEmpty())
            return fail(missing + QStringLiteral(", or store one for profile '%1'.").arg(profile.name));
        return stored;
    }
    if (profile.kind() == StorageKind::WebDav && profile.url.userName().isEmpty() && stored.error().code == 2) {
        s.source = QStringLiteral("none");
        return s;
    }
    return fail(QStringLiteral("%1, or store them with 'slipway storage add %2 --url URL --secret-stdin' (%3).")
                    .arg(missing, profile.name, stored.error().message));
}

} // namespace slipway::storage
