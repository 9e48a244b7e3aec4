#include "KnownKeys.h"

#include "common/BoundedFile.h"
#include "common/DataLocation.h"
#include "common/InputLimits.h"
#include "crypto/KeyPairFiles.h"
#include "release/SigningKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

namespace slipway::ui {

namespace {

QByteArray readSmallFile(const QString& path)
{
    auto bytes = readBoundedFile(path, limits::KeyFileBytes, QStringLiteral("key file"));
    return bytes ? std::move(bytes).value() : QByteArray();
}

} // namespace

QString KnownKeys::keysFolder()
{
    return DataLocation::folder(QStringLiteral("keys"));
}

QString KnownKeys::publicPathFor(const QString& privatePath)
{
    const QFileInfo info(privatePath);
    QStringList candidates{privatePath + QStringLiteral(".pub")};
    if (info.fileName() == crypto::KeyPairFiles::ProtectedFileName)
        candidates << info.dir().filePath(crypto::KeyPairFiles::PublicFileName);
    for (const QString& candidate : candidates) {
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

KnownKey KnownKeys::describe(const QString& path, const QString& label)
{
    KnownKey key;
    key.privatePath = path;
    key.label = label.isEmpty() ? QFileInfo(path).absoluteFilePath() : label;
    key.exists = QFileInfo(path).isFile();
    if (!key.exists)
        return key;
    const QByteArray pem = readSmallFile(path);
    key.passphraseProtected = crypto::RsaKey::isPassphraseProtected(pem);
    key.publicPath = publicPathFor(path);
    Result<crypto::RsaKey> pub = fail(QString());
    if (!key.publicPath.isEmpty())
        pub = crypto::RsaKey::fromFile(key.publicPath);
    else if (!key.passphraseProtected)
        pub = crypto::RsaKey::fromPem(pem);
    if (pub) {
        key.keyId = pub->keyId();
        key.fingerprint = pub->fingerprintSha256();
    }
    return key;
}

Result<crypto::RsaKey> KnownKeys::publicKeyFor(const QString& privatePath, const SecureBytes& passphrase)
{
    const QString pubPath = publicPathFor(privatePath);
    if (!pubPath.isEmpty())
        return crypto::RsaKey::fromFile(pubPath);
    auto key = crypto::RsaKey::fromFile(privatePath, passphrase);
    if (!key)
        return key.error();
    return key->publicKey();
}

QList<KnownKey> KnownKeys::list()
{
    QList<KnownKey> keys;
    KnownKey def = describe(release::SigningKey::defaultPath(), QObject::tr("Slipway default key"));
    def.isDefault = true;
    keys << def;
    QStringList seen{QFileInfo(def.privatePath).absoluteFilePath()};
    const QDir folder(keysFolder());
    for (const QFileInfo& dir : folder.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        for (const QString& name : {crypto::KeyPairFiles::ProtectedFileName, crypto::KeyPairFiles::PrivateFileName}) {
            const QString path = QDir(dir.absoluteFilePath()).filePath(name);
            if (QFileInfo(path).isFile()) {
                keys << describe(path, dir.fileName());
                seen << path;
                break;
            }
        }
    }
    QSettings settings;
    for (const QString& path : settings.value(QStringLiteral("keys/imported")).toStringList()) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (seen.contains(absolute) || !QFileInfo(absolute).isFile())
            continue;
        seen << absolute;
        keys << describe(absolute, QObject::tr("%1 (imported)").arg(QDir::toNativeSeparators(absolute)));
    }
    return keys;
}

Result<KnownKey> KnownKeys::create(const QString& name, const crypto::RsaKey& key, const SecureBytes& passphrase)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!valid.match(name).hasMatch())
        return fail(QObject::tr("Name the key with letters, digits, dots, dashes or underscores (for example "
                                "\"production\")."));
    const QString folder = QDir(keysFolder()).filePath(name);
    if (QFileInfo::exists(folder))
        return fail(
            QObject::tr("A key named \"%1\" already exists. Choose another name or pick it from the known keys.")
                .arg(name));
    if (!QDir().mkpath(folder))
        return fail(QObject::tr("Cannot create the folder %1.").arg(folder));
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto written = crypto::KeyPairFiles::write(key, folder, false, passphrase);
    if (!written)
        return written.error();
    return describe(written->privatePath, name);
}

void KnownKeys::rememberImported(const QString& path)
{
    QSettings settings;
    QStringList paths = settings.value(QStringLiteral("keys/imported")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    settings.setValue(QStringLiteral("keys/imported"), paths.mid(0, 20));
}

} // namespace slipway::ui
