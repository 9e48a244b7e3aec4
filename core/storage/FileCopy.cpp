#include "storage/FileCopy.h"

#include "common/ByteSize.h"
#include "crypto/Sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QHash>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <dirent.h>
#include <mutex>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace slipway::storage {

namespace {

constexpr qint64 kChunk = 1 << 20;

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool isOutOfSpace(int err)
{
    return err == ENOSPC || err == EDQUOT || err == EFBIG;
}

QString outOfSpaceMessage(const QString& what, qint64 written, qint64 total, int err)
{
    return QStringLiteral("%1 is full (%2): only %3 of %4 could be written. Nothing was left there; free some "
                          "space or choose another storage target, then try again.")
        .arg(what, errnoText(err), humanByteSize(written), humanByteSize(total));
}

// Writes everything or reports errno.
int writeAll(int fd, const char* data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += n;
        size -= n;
    }
    return 0;
}

// copyVerified's temporary files: ".NAME.slipway-copy-<random>.part", locked (flock) by the writer
// for as long as it needs them, so a leftover nobody locks belongs to a writer that died.
const QLatin1String CopyInfix(".slipway-copy-");
const QLatin1String PartSuffix(".part");

QString copySibling(const QString& destination)
{
    const QFileInfo info(destination);
    return info.absolutePath() + QStringLiteral("/.%1%2%3%4")
                                     .arg(info.fileName(), CopyInfix)
                                     .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'))
                                     .arg(PartSuffix);
}

bool sameFile(int fd, const QByteArray& path)
{
    struct stat open
    {
    };
    struct stat named
    {
    };
    return ::fstat(fd, &open) == 0 && ::lstat(path.constData(), &named) == 0 && open.st_dev == named.st_dev &&
           open.st_ino == named.st_ino;
}

// Removes the temporary files of earlier copies into the folder of `destination` whose writer is gone
// (killed mid-copy): the next run's copies, such as a resumed release's upload, leave no debris behind.
// A folder swept in the last half minute is not read again: a folder of thousands of delta objects is
// swept once for the whole set, not once per object (this process's own failed copies remove their files
// themselves).
void removeAbandonedCopies(const QString& destination)
{
    const QByteArray folder = QFile::encodeName(QFileInfo(destination).absolutePath());
    {
        using Clock = std::chrono::steady_clock;
        static std::mutex mutex;
        static QHash<QByteArray, Clock::time_point> swept;
        const std::lock_guard lock(mutex);
        const Clock::time_point now = Clock::now();
        if (const auto it = swept.constFind(folder); it != swept.constEnd() && now - it.value() < std::chrono::seconds(30))
            return;
        if (swept.size() > 1000)
            swept.clear();
        swept.insert(folder, now);
    }
    const QByteArrayView infix(CopyInfix.data(), CopyInfix.size());
    const QByteArrayView suffix(PartSuffix.data(), PartSuffix.size());
    DIR* dir = ::opendir(folder.constData());
    if (!dir)
        return;
    while (const dirent* entry = ::readdir(dir)) {
        const QByteArrayView name(entry->d_name);
        if (!name.startsWith('.') || !name.contains(infix) || !name.endsWith(suffix))
            continue;
        const QByteArray path = folder + '/' + name.toByteArray();
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && sameFile(fd, path))
            ::unlink(path.constData());
        ::close(fd);
    }
    ::closedir(dir);
}

// The writer's lock on its temporary file, held on a descriptor of its own until the file is
// renamed into place or removed (closing the written descriptor must not release it).
class CopyLock
{
public:
    CopyLock() = default;
    CopyLock(const CopyLock&) = delete;
    CopyLock& operator=(const CopyLock&) = delete;
    ~CopyLock() { release(); }
    // False when a sweeper removed the file between its creation and this lock.
    [[nodiscard]] bool take(const QByteArray& path)
    {
        release();
        m_fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (m_fd < 0)
            return false;
        // On a file system without flock nobody can lock it, so no sweeper removes it either.
        (void)::flock(m_fd, LOCK_EX);
        return sameFile(m_fd, path);
    }
    void release()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
};

// Makes a new name in the folder of `path` durable on local file systems; network mounts may refuse, which is
// harmless.
void syncFolderOf(const QString& path)
{
    const int dir = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

} // namespace

QString FileCopy::temporarySibling(const QString& destination)
{
    const QFileInfo info(destination);
    return info.absolutePath() + QStringLiteral("/.%1.slipway-%2.part")
                                     .arg(info.fileName())
                                     .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

Status FileCopy::replace(const QString& from, const QString& to, Flush flush)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return fail(QStringLiteral("Cannot move the finished file into place at %1: %2").arg(to, errnoText(errno)));
    if (flush == Flush::Now)
        syncFolderOf(to);
    return Ok{};
}

Result<bool> FileCopy::linkInto(const QString& source, const QString& destination, const QString& what, Flush flush)
{
    const QByteArray from = QFile::encodeName(source);
    const int fd = ::open(from.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(QStringLiteral("Cannot read %1: %2").arg(source, errnoText(errno)));
    // Readable by the web server that serves the folder, as a copy would be (a packaging temporary file is 0600).
    const bool readable = ::fchmod(fd, 0644) == 0;
    const bool durable =
        readable && (flush == Flush::Later || ::fsync(fd) == 0 || errno == EINVAL || errno == EROFS);
    const int err = errno;
    ::close(fd);
    if (!readable)
        return false;
    if (!durable)
        return fail(QStringLiteral("Cannot flush %1 to disk: %2").arg(source, errnoText(err)));

    const QString parent = QFileInfo(destination).absolutePath();
    if (!QDir().mkpath(parent))
        return fail(QStringLiteral("Cannot create the folder %1 in %2: check that it exists and is writable.")
                        .arg(parent, what));
    removeAbandonedCopies(destination);
    // Nothing there yet (the usual case): the new name appears whole in one link(2).
    if (::link(from.constData(), QFile::encodeName(destination).constData()) == 0) {
        if (flush == Flush::Now)
            syncFolderOf(destination);
        return true;
    }
    const QString temp = copySibling(destination);
    const QByteArray tempName = QFile::encodeName(temp);
    if (::link(from.constData(), tempName.constData()) != 0) {
        const int err = errno;
        if (err == EXDEV || err == EPERM || err == EMLINK || err == ENOTSUP || err == ENOSYS)
            return false;
        if (isOutOfSpace(err))
            return fail(outOfSpaceMessage(what, 0, QFileInfo(source).size(), err));
        return fail(QStringLiteral("Cannot write into %1 (%2): %3").arg(what, parent, errnoText(err)));
    }
    // Held so that a concurrent copy's sweep does not take the name between the link and the rename.
    CopyLock lock;
    if (!lock.take(tempName)) {
        ::unlink(tempName.constData());
        return false;
    }
    auto moved = replace(temp, destination, flush);
    // rename(2) between two names of one file (a destination linked by an interrupted run) does nothing and
    // leaves the temporary name behind.
    ::unlink(tempName.constData());
    if (!moved)
        return moved.error();
    return true;
}

Result<QByteArray> FileCopy::copyVerified(const QString& source, const QString& destination, const ProgressFn& progress,
                                          const QString& what)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read %1: %2").arg(source, in.errorString()));
    const qint64 total = in.size();

    const QString parent = QFileInfo(destination).absolutePath();
    if (!QDir().mkpath(parent))
        return fail(QStringLiteral("Cannot create the folder %1 in %2: check that it exists and is writable.")
                        .arg(parent, what));

    removeAbandonedCopies(destination);
    QString temp;
    int fd = -1;
    CopyLock lock;
    for (int attempt = 0; fd < 0; ++attempt) {
        temp = copySibling(destination);
        fd = ::open(QFile::encodeName(temp).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) {
            const int err = errno;
            if (isOutOfSpace(err))
                return fail(outOfSpaceMessage(what, 0, total, err));
            return fail(QStringLiteral("Cannot write into %1 (%2): %3").arg(what, parent, errnoText(err)));
        }
        if (lock.take(QFile::encodeName(temp)))
            break;
        // Another copy's sweep removed it in the instant before the lock: take a new name.
        ::close(fd);
        fd = -1;
        if (attempt == 3)
            return fail(
                QStringLiteral("Cannot keep a temporary file in %1 (%2): it kept disappearing.").arg(what, parent));
    }
    auto abandon = [&](const Error& error) -> Result<QByteArray> {
        ::close(fd);
        ::unlink(QFile::encodeName(temp).constData());
        return error;
    };

    crypto::Sha256 digest;
    QByteArray buffer(kChunk, Qt::Uninitialized);
    qint64 done = 0;
    if (!reportProgress(progress, 0, total))
        return abandon(fail(QStringLiteral("Cancelled: nothing was written to %1.").arg(what)));
    for (;;) {
        const qint64 n = in.read(buffer.data(), kChunk);
        if (n < 0)
            return abandon(fail(QStringLiteral("Cannot read %1: %2").arg(source, in.errorString())));
        if (n == 0)
            break;
        digest.add(buffer.constData(), n);
        if (const int err = writeAll(fd, buffer.constData(), n)) {
            if (isOutOfSpace(err))
                return abandon(fail(outOfSpaceMessage(what, done, total, err)));
            return abandon(fail(QStringLiteral("Cannot write into %1: %2").arg(what, errnoText(err))));
        }
        done += n;
        if (!reportProgress(progress, done, total))
            return abandon(fail(QStringLiteral("Cancelled: nothing was left in %1.").arg(what)));
    }
    // Delayed allocation (and NFS) report a full disk only at fsync/close.
    if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
        const int err = errno;
        if (isOutOfSpace(err))
            return abandon(fail(outOfSpaceMessage(what, done, total, err)));
        return abandon(fail(QStringLiteral("Cannot flush the file to %1: %2").arg(what, errnoText(err))));
    }
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(QFile::encodeName(temp).constData());
        if (isOutOfSpace(err))
            return fail(outOfSpaceMessage(what, done, total, err));
        return fail(QStringLiteral("Cannot finish the file in %1: %2").arg(what, errnoText(err)));
    }
    const QByteArray expected = digest.finish();

    // Read back what landed: a network mount or a failing disk can store other bytes than we sent.
    auto landed = crypto::Sha256::ofFile(temp);
    if (!landed || landed.value() != expected) {
        QFile::remove(temp);
        if (!landed)
            return landed.error();
        return fail(QStringLiteral("The copy in %1 does not match the original (SHA-256 differs): the storage "
                                   "corrupted it. Nothing was left there; check the disk or mount.")
                        .arg(what));
    }
    if (auto moved = replace(temp, destination); !moved) {
        QFile::remove(temp);
        return moved.error();
    }
    return expected;
}

} // namespace slipway::storage
