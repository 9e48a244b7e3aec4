#include "crypto/KeyPairFiles.h"

#include "crypto/Random.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace slipway::crypto {

namespace {

Error existingFile(const QString& path)
{
    return fail(QStringLiteral("%1 already exists. Slipway will not replace a key without --force: phones configured "
                               "with the old public key would reject every bundle signed by a new one.")
                    .arg(path));
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

QString KeyPairFiles::permissionWarning(const QString& path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || (st.st_mode & 077) == 0)
        return {};
    return QStringLiteral("The private key %1 can be read by other users of this computer (mode %2): restrict it "
                          "with 'chmod 600 %1'. Anyone who can read it can ship code to every phone.")
        .arg(path, QString::number(st.st_mode & 07777, 8).rightJustified(4, QLatin1Char('0')));
}

Status KeyPairFiles::writeFileAtomically(const QString& path, const QByteArray& bytes, int mode)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QFileInfo(folder).isDir())
        return fail(QStringLiteral("The folder %1 does not exist.").arg(folder));
    const QString temp = QDir(folder).filePath(QStringLiteral(".%1.%2.tmp")
                                                   .arg(QFileInfo(path).fileName(),
                                                        QString::fromLatin1(randomBytes(6).toHex())));
    const QByteArray tempName = QFile::encodeName(temp);
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return fail(QStringLiteral("Cannot write in %1: %2").arg(folder, systemError(errno)));
    ::fchmod(fd, static_cast<mode_t>(mode)); // the umask must not widen or narrow the mode we promise
    const char* data = bytes.constData();
    qsizetype left = bytes.size();
    int error = 0;
    while (left > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            break;
        }
        data += n;
        left -= n;
    }
    if (error == 0 && ::fsync(fd) != 0)
        error = errno;
    ::close(fd);
    if (error == 0 && ::rename(tempName.constData(), QFile::encodeName(path).constData()) != 0)
        error = errno;
    if (error != 0) {
        ::unlink(tempName.constData());
        return fail(QStringLiteral("Cannot write %1: %2").arg(path, systemError(error)));
    }
    return Ok{};
}

Result<KeyPairPaths> KeyPairFiles::write(const RsaKey& privateKey, const QString& folder, bool force,
                                         const SecureBytes& passphrase)
{
    if (!privateKey.isPrivate())
        return fail(QStringLiteral("A key pair needs a private key."));
    const QDir dir(folder);
    if (!QFileInfo(folder).isDir())
        return fail(QStringLiteral("The folder %1 does not exist; create it first or choose another.").arg(folder));
    KeyPairPaths paths;
    paths.passphraseProtected = !passphrase.isEmpty();
    paths.privatePath = dir.absoluteFilePath(paths.passphraseProtected ? ProtectedFileName : PrivateFileName);
    paths.publicPath = dir.absoluteFilePath(PublicFileName);
    if (!force) {
        for (const QString& path : {dir.absoluteFilePath(PrivateFileName), dir.absoluteFilePath(ProtectedFileName),
                                    paths.publicPath})
            if (QFileInfo::exists(path))
                return existingFile(path);
    }
    if (!QFileInfo(folder).isWritable())
        return fail(QStringLiteral("The folder %1 is not writable; choose another with --out.").arg(folder));

    if (paths.passphraseProtected) {
        auto sealed = privateKey.encryptedPkcs8Pem(passphrase);
        if (!sealed)
            return sealed.error();
        if (auto st = writeFileAtomically(paths.privatePath, sealed.value(), 0600); !st)
            return st.error();
    } else {
        const SecureBytes pem = privateKey.privatePkcs1Pem();
        if (auto st = writeFileAtomically(paths.privatePath, pem.bytes(), 0600); !st)
            return st.error();
    }
    if (auto st = writeFileAtomically(paths.publicPath, privateKey.publicPkcs1Pem(), 0644); !st) {
        QFile::remove(paths.privatePath);
        return st.error();
    }
    // A forced replacement must not leave the old pair's private key beside the new one in the other format.
    QFile::remove(dir.absoluteFilePath(paths.passphraseProtected ? PrivateFileName : ProtectedFileName));
    return paths;
}

Status KeyPairFiles::exportPlainPrivate(const RsaKey& privateKey, const QString& path, bool force)
{
    if (!privateKey.isPrivate())
        return fail(QStringLiteral("Only a private key can be exported in Capgo's private format."));
    if (!force && QFileInfo::exists(path))
        return existingFile(path);
    const SecureBytes pem = privateKey.privatePkcs1Pem();
    return writeFileAtomically(path, pem.bytes(), 0600);
}

} // namespace slipway::crypto
