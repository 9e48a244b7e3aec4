#include "common/BoundedFile.h"

#include "common/ByteSize.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace slipway {

namespace {

QString fileKind(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO (named pipe)");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QStringLiteral("not a regular file");
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

Result<QByteArray> readBoundedFile(const QString& path, qint64 maxBytes, const QString& what)
{
    QByteArray bytes;
    if (Status read = readBoundedFileInto(path, maxBytes, what, bytes); !read)
        return read.error();
    return bytes;
}

Status readBoundedFileInto(const QString& path, qint64 maxBytes, const QString& what, QByteArray& bytes)
{
    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO without a writer must not wait; it is refused below anyway.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT)
            return fail(QStringLiteral("The %1 %2 does not exist.").arg(what, path));
        return fail(QStringLiteral("Cannot read the %1 %2: %3.").arg(what, path, errnoText(error)));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const QString kind = fileKind(st.st_mode);
        ::close(fd);
        return fail(QStringLiteral("The %1 %2 is %3; give a regular file.").arg(what, path, kind));
    }
    const auto tooLarge = [&] {
        return fail(QStringLiteral("The %1 %2 is larger than %3, more than any %1 can be; check the path.")
                        .arg(what, path, humanByteSize(maxBytes)));
    };
    if (st.st_size > maxBytes) {
        ::close(fd);
        return tooLarge();
    }
    // One allocation of the final size (plus one byte to notice growth), or none when `bytes` has the room: key
    // bytes are never copied.
    bytes.reserve(static_cast<qsizetype>(st.st_size) + 1);
    bytes.resize(static_cast<qsizetype>(st.st_size) + 1);
    qint64 total = 0;
    for (;;) {
        const ssize_t n = ::read(fd, bytes.data() + total, static_cast<size_t>(bytes.size() - total));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return fail(QStringLiteral("Cannot read the %1 %2: %3.").arg(what, path, errnoText(error)));
        }
        if (n == 0)
            break;
        total += n;
        if (total == bytes.size()) { // it grew while being read
            ::close(fd);
            if (total > maxBytes)
                return tooLarge();
            return fail(QStringLiteral("The %1 %2 changed while it was read; try again.").arg(what, path));
        }
    }
    ::close(fd);
    bytes.truncate(static_cast<qsizetype>(total));
    return Ok{};
}

} // namespace slipway
