#include "release/SigningKey.h"

#include "common/BoundedFile.h"
#include "common/DataLocation.h"
#include "common/InputLimits.h"
#include "crypto/FileKeySigner.h"
#include "crypto/KeyPairFiles.h"
#include "crypto/Pkcs11Signer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace slipway::release {

namespace {

// Written through a 0600 temporary file and renamed: the private key is never readable by others,
// not even for a moment.
Status writePrivate(const QString& path, const QByteArray& bytes, mode_t mode)
{
    const QString temp = path + QStringLiteral(".tmp");
    const QByteArray native = QFile::encodeName(temp);
    ::unlink(native.constData());
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return fail(QStringLiteral("Cannot create %1: %2").arg(temp, QString::fromLocal8Bit(std::strerror(errno))));
    qint64 done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, static_cast<size_t>(bytes.size() - done));
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            ::unlink(native.constData());
            return fail(QStringLiteral("Cannot write %1: %2").arg(temp, QString::fromLocal8Bit(std::strerror(err))));
        }
        done += n;
    }
    ::fsync(fd);
    ::close(fd);
    if (::rename(native.constData(), QFile::encodeName(path).constData()) != 0)
        return fail(QStringLiteral("Cannot move the key into place at %1: %2")
                        .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    return Ok{};
}

} // namespace

Result<SigningKey> SigningKey::load(const QString& path, const SecureBytes& passphrase, const PinSource& pin)
{
    if (crypto::Pkcs11Uri::looksLikeUri(path)) {
        auto uri = crypto::Pkcs11Uri::parse(path);
        if (!uri)
            return uri.error();
        auto signer = crypto::Pkcs11Signer::open(uri.value(), pin ? pin(path) : SecureBytes());
        if (!signer)
            return signer.error();
        SigningKey signing;
        signing.key = signer.value()->publicKey();
        signing.signer = std::move(signer).value();
        signing.path = uri->toString();
        return signing;
    }
    if (!QFileInfo::exists(path))
        return fail(
            QStringLiteral("The private key %1 does not exist. Give the path of your .capgo_key_v2 file with --key, "
                           "or leave --key out to use Slipway's default key.")
                .arg(path));
    auto bytes = readBoundedFile(path, limits::KeyFileBytes, QStringLiteral("private key"));
    if (!bytes)
        return bytes.error();
    const SecureBytes pem(std::move(bytes).value());
    if (crypto::RsaKey::isPassphraseProtected(pem.bytes()) && passphrase.isEmpty())
        return fail(
            QStringLiteral("The private key %1 is protected by a passphrase: set SLIPWAY_KEY_PASSPHRASE (or enter it "
                           "in the wizard).")
                .arg(path));
    auto key = crypto::RsaKey::fromPem(pem.bytes(), passphrase);
    if (!key)
        return fail(QStringLiteral("The private key %1 cannot be used: %2").arg(path, key.error().message));
    if (!key->isPrivate())
        return fail(QStringLiteral("%1 is a public key. A release is signed with the private key (.capgo_key_v2, "
                                   "\"BEGIN RSA PRIVATE KEY\"); the public key goes into the app.")
                        .arg(path));
    if (Status compatible = key->checkCapgoCompatible(); !compatible)
        return compatible.error();
    SigningKey signing;
    signing.key = std::move(key).value();
    signing.path = QFileInfo(path).absoluteFilePath();
    signing.signer = crypto::FileKeySigner::make(signing.key, signing.path);
    signing.permissionWarning = crypto::KeyPairFiles::permissionWarning(path);
    return signing;
}

QString SigningKey::defaultPath()
{
    return QDir(DataLocation::folder(QStringLiteral("keys"))).filePath(QStringLiteral("capgo_key_v2"));
}

QString SigningKey::protectedDefaultPath()
{
    return QDir(DataLocation::folder(QStringLiteral("keys")))
        .filePath(QStringLiteral("default/") + crypto::KeyPairFiles::ProtectedFileName);
}

Result<SigningKey> SigningKey::loadOrCreateDefault()
{
    const QString path = defaultPath();
    // A new key would silently replace the one the apps trust: refuse, and say which key to use.
    if (!QFileInfo::exists(path) && QFileInfo::exists(protectedDefaultPath()))
        return fail(QStringLiteral("Slipway's default key is protected by a passphrase now: sign with %1 and give its "
                                   "passphrase.")
                        .arg(protectedDefaultPath()));
    // Two releases started at once on a fresh machine must end up with one key, not two.
    QLockFile lock(path + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(30000))
        return fail(QStringLiteral("Another Slipway process is creating the default key %1; try again.").arg(path));
    if (QFileInfo::exists(path)) {
        auto loaded = load(path);
        if (!loaded)
            return loaded.error();
        loaded->isDefault = true;
        return loaded;
    }
    auto generated = crypto::RsaKey::generate();
    if (!generated)
        return generated.error();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile::setPermissions(QFileInfo(path).absolutePath(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (Status s = writePrivate(path, generated->privatePkcs1Pem().bytes(), 0600); !s)
        return s.error();
    if (Status s = writePrivate(path + QStringLiteral(".pub"), generated->publicPkcs1Pem(), 0644); !s)
        return s.error();
    SigningKey signing;
    signing.key = std::move(generated).value();
    signing.path = path;
    signing.signer = crypto::FileKeySigner::make(signing.key, path);
    signing.isDefault = true;
    signing.created = true;
    return signing;
}

} // namespace slipway::release
