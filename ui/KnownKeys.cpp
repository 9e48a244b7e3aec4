#include "KnownKeys.h"

#include "common/BoundedFile.h"
#include "common/DataLocation.h"
#include "common/InputLimits.h"
#include "crypto/KeyPairFiles.h"
#include "history/History.h"
#include "release/SigningKey.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

namespace slipway::ui {

namespace {

const QString CreatedLabel = QStringLiteral("created in Slipway: ");
const QString ImportedLabel = QStringLiteral("imported into Slipway: ");

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

QString KnownKeys::identity(const QString& keyId, const QString& fingerprint, bool full)
{
    if (fingerprint.isEmpty())
        return keyId.isEmpty() ? QString() : QObject::tr("key_id %1").arg(keyId);
    const QString print = full ? crypto::groupedFingerprint(fingerprint) : crypto::fingerprintStart(fingerprint);
    return keyId.isEmpty() ? QObject::tr("fingerprint %1").arg(print)
                           : QObject::tr("key_id %1 (fingerprint %2)").arg(keyId, print);
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
    // Once protected, the default key lives in keys/default/ (see protectDefaultKey()).
    const bool protectedDefault = !QFileInfo::exists(release::SigningKey::defaultPath()) &&
                                  QFileInfo::exists(release::SigningKey::protectedDefaultPath());
    KnownKey def =
        describe(protectedDefault ? release::SigningKey::protectedDefaultPath() : release::SigningKey::defaultPath(),
                 QObject::tr("Slipway default key"));
    def.isDefault = true;
    keys << def;
    QStringList seen{QFileInfo(def.privatePath).absoluteFilePath()};
    const QDir folder(keysFolder());
    for (const QFileInfo& dir : folder.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        for (const QString& name : {crypto::KeyPairFiles::ProtectedFileName, crypto::KeyPairFiles::PrivateFileName}) {
            const QString path = QDir(dir.absoluteFilePath()).filePath(name);
            if (QFileInfo(path).isFile() && !seen.contains(QFileInfo(path).absoluteFilePath())) {
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
    recordOrigin(written->privatePath, Origin::Created);
    return describe(written->privatePath, name);
}

void KnownKeys::recordOrigin(const QString& privatePath, Origin origin)
{
    const KnownKey key = describe(privatePath);
    auto history = history::History::open();
    if (key.fingerprint.isEmpty() || !history)
        return; // a protected key without a .pub beside it: the inspector falls back to the file's date
    history::KeyRecord record;
    record.fingerprint = key.fingerprint;
    record.keyId = key.keyId;
    record.label = (origin == Origin::Created ? CreatedLabel : ImportedLabel) + QFileInfo(privatePath).fileName();
    record.createdAt = QDateTime::currentDateTimeUtc();
    record.location = QFileInfo(privatePath).absoluteFilePath();
    // A key already known to the history keeps its first row (recordKey never rewrites it).
    (void)history.value()->recordKey(record);
}

std::optional<KnownKeys::OriginDate> KnownKeys::originOf(history::History& history, const QString& fingerprint)
{
    auto row = history.keyByFingerprint(fingerprint);
    if (!row || !row->has_value() || !row->value().createdAt.isValid())
        return std::nullopt;
    const history::KeyRecord& k = row->value();
    if (k.label.startsWith(CreatedLabel))
        return OriginDate{k.createdAt, Origin::Created};
    if (k.label.startsWith(ImportedLabel))
        return OriginDate{k.createdAt, Origin::Imported};
    return std::nullopt; // first met when it signed a release: that is not its creation
}

Result<KnownKey> KnownKeys::protectDefaultKey(const SecureBytes& passphrase)
{
    const QString plain = release::SigningKey::defaultPath();
    if (passphrase.size() < 8)
        return fail(QObject::tr("Choose a passphrase of at least 8 characters."));
    auto key = release::SigningKey::load(plain);
    if (!key)
        return key.error();
    const QString folder = QFileInfo(release::SigningKey::protectedDefaultPath()).absolutePath();
    if (!QDir().mkpath(folder))
        return fail(QObject::tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder)));
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto written = crypto::KeyPairFiles::write(key->key, folder, false, passphrase);
    if (!written)
        return written.error();
    // Only once the protected copy reads back with the passphrase does the plain one go.
    auto check = release::SigningKey::load(written->privatePath, passphrase);
    if (!check || check->key.fingerprintSha256() != key->key.fingerprintSha256())
        return fail(QObject::tr("The protected copy at %1 could not be read back, so the unprotected key was kept.")
                        .arg(QDir::toNativeSeparators(written->privatePath)));
    QFile::remove(plain);
    QFile::remove(plain + QStringLiteral(".pub"));
    return describe(written->privatePath, QObject::tr("Slipway default key"));
}

void KnownKeys::fillChooser(QComboBox* combo)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    for (const KnownKey& key : list()) {
        if (!key.exists || key.fingerprint.isEmpty())
            continue;
        combo->addItem(QStringLiteral("%1 \u2014 %2").arg(key.label, identity(key.keyId, key.fingerprint)),
                       key.privatePath);
        combo->setItemData(combo->count() - 1, key.fingerprint, FingerprintRole);
        combo->setItemData(combo->count() - 1, identity(key.keyId, key.fingerprint, true), Qt::ToolTipRole);
    }
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

int KnownKeys::indexOfFingerprint(const QComboBox* combo, const QString& fingerprint)
{
    return fingerprint.isEmpty() ? -1 : combo->findData(fingerprint, FingerprintRole);
}

void KnownKeys::rememberImported(const QString& path)
{
    QSettings settings;
    QStringList paths = settings.value(QStringLiteral("keys/imported")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!paths.contains(absolute))
        recordOrigin(absolute, Origin::Imported);
    paths.removeAll(absolute);
    paths.prepend(absolute);
    settings.setValue(QStringLiteral("keys/imported"), paths.mid(0, 20));
}

} // namespace slipway::ui
